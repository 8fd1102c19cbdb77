import Foundation
import Testing

@Suite("End to end: the real binary")
struct EndToEndTests {
    @Test func validateEmbeddedCatalog() throws {
        let r = try Binary.run(["catalog", "validate"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ok: 11 file(s), 38 models, 19 accelerators"), "\(r.stdout)")
    }

    @Test func fitReproducesTableI() throws {
        let r = try Binary.run(["fit", "gpt3-13b", "translation"])
        #expect(r.status == 0, "\(r.stderr)")
        for line in ["zero-shot       0  15.45  15.45  yes", "one-shot        1  26.12  26.12  yes", "few-shot       64  30.83  30.83  yes"] {
            #expect(r.stdout.contains(line), "missing: \(line)\n\(r.stdout)")
        }
    }

    @Test func invalidCatalogExitsOneWithPosition() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("mine.yaml")
        try "schema_version: 1\naccelerators:\n  - id: x\n    memory_gib: lots\n".write(to: f, atomically: true, encoding: .utf8)
        let r = try Binary.run(["catalog", "validate", "--catalog", f.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("mine.yaml:4:17: error: accelerators[0].memory_gib: expected a positive number, found \"lots\""), "\(r.stderr)")
        #expect(!r.stderr.contains("Data was corrupted"))
    }

    @Test func badUsageExits64() throws {
        let r = try Binary.run(["simulate", "--accelerator", "l4", "--requests", "0"])
        #expect(r.status == 64)
    }

    @Test func simulateIsDeterministic() throws {
        let args = ["simulate", "--accelerator", "a10", "--precision", "int8", "--policies", "lc,lfu", "--requests", "3000", "--format", "json"]
        let a = try Binary.run(args), b = try Binary.run(args)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let c = try Binary.run(args + ["--seed", "99"])
        #expect(c.stdout != a.stdout)
    }

    @Test func unsupportedPrecisionIsAClearError() throws {
        let r = try Binary.run(["simulate", "--accelerator", "t4", "--precision", "fp8", "--requests", "10"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("t4 cannot run fp8"), "\(r.stderr)")
    }
}
