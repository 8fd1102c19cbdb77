import Foundation
import Testing

/// Issue 19: a scenario's unknown ids and missing catalog paths are errors at their position;
/// control characters in user text are escaped in messages.
@Suite("Reliability 2: scenario positions and message hygiene")
struct Round2ScenarioTests {
    typealias Dir = ReliabilitySweepTests.Dir

    @Test("unknown workload, accelerator and precision in a scenario: file:line:col, key and hint")
    func scenarioUnknownIds() throws {
        let d = try Dir()
        try "schema_version: 1\nworkload: metavers\nserver:\n  accelerator: l4x\n  precision: int9\n"
            .write(toFile: d.path("s.yaml"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["simulate", "--scenario", "s.yaml"], cwd: d.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("s.yaml:2:11: error: workload: unknown workload 'metavers'") && r.stderr.contains("did you mean 'metaverse'?"), "\(r.stderr)")
        #expect(r.stderr.contains("s.yaml:4:16: error: server.accelerator: unknown accelerator 'l4x'"), "\(r.stderr)")
        #expect(r.stderr.contains("s.yaml:5:14: error: server.precision: unknown precision 'int9'"), "\(r.stderr)")
        // A flag that overrides the key replaces it: no error for the scenario's value.
        let o = try Binary.run(["simulate", "--scenario", "s.yaml", "--workload", "metaverse", "--accelerator", "l4", "--precision", "int8", "--requests", "50"], cwd: d.url)
        #expect(o.status == 0, "\(o.stderr)")
    }

    @Test("a missing catalog path in a scenario is an error at its position")
    func scenarioMissingCatalog() throws {
        let d = try Dir()
        try "schema_version: 1\ncatalogs: [nothere]\n".write(toFile: d.path("s.yaml"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["simulate", "--scenario", "s.yaml", "--accelerator", "l4"], cwd: d.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("s.yaml:2:12: error: catalogs[0]: no catalog file or folder at"), "\(r.stderr)")
    }

    @Test("escape sequences in ids reach messages escaped, never raw")
    func controlCharactersEscaped() throws {
        let d = try Dir()
        let r = try Binary.run(["simulate", "--accelerator", "l4", "--workload", "evil\u{1B}[31mred"], cwd: d.url)
        #expect(r.status != 0)
        #expect(!r.stderr.contains("\u{1B}"), "no raw ESC: \(r.stderr.debugDescription)")
        #expect(r.stderr.contains("evil\\e[31mred"), "\(r.stderr)")
        try "schema_version: 1\naccelerators: [\"a\\u001B]0;title\\u0007\"]\n".write(toFile: d.path("s.yaml"), atomically: true, encoding: .utf8)
        let s = try Binary.run(["sweep", "--sweep", "s.yaml"], cwd: d.url)
        #expect(s.status == 1)
        #expect(!s.stderr.contains("\u{1B}") && !s.stderr.contains("\u{07}"), "\(s.stderr.debugDescription)")
    }
}

extension Round2ScenarioTests {
    @Test("escape sequences in command-line ids are escaped in usage errors too")
    func flagValuesEscaped() throws {
        let r = try Binary.run(["sweep", "--accelerators", "l4\u{1B}[2J"])
        #expect(r.status == 64)
        #expect(!r.stderr.contains("\u{1B}") && r.stderr.contains("l4\\e[2J"), "\(r.stderr.debugDescription)")
    }
}
