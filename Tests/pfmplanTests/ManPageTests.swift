import Foundation
import PFMCatalog
import Testing

@Suite("Man pages")
struct ManPageTests {
    /// man/pfmplan.1 carries the digest of the interface it was generated from; a changed
    /// command-line interface without a regenerated page fails here.
    @Test func pfmplan1IsUpToDate() throws {
        let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/pfmplan.1"), encoding: .utf8)
        let first = page.split(separator: "\n").first.map(String.init) ?? ""
        let dump = try Binary.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let digest = SHA256.hex(dump.stdout)
        #expect(first == ".\\\" cli-digest: \(digest)", "man/pfmplan.1 is out of date with the command-line interface: run man/regenerate.sh")
        for command in ["size", "sweep", "compare", "report", "simulate", "catalog", "fit", "fits"] {
            #expect(page.contains(command))
        }
    }

    @Test func handWrittenPagesExist() throws {
        for name in ["pfmplan-catalog.5", "pfmplan-model.7"] {
            let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/" + name), encoding: .utf8)
            #expect(page.contains(".TH"))
        }
    }

    /// The pages render without warnings (groff is what man -l uses); skipped where groff is absent.
    @Test(arguments: ["pfmplan.1", "pfmplan-catalog.5", "pfmplan-model.7"])
    func pageRenders(_ name: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        p.arguments = ["-ww", "-z", name.hasSuffix(".1") ? "-mdoc" : "-man", Binary.repoRoot.appendingPathComponent("man/" + name).path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == "", "groff warnings for \(name)")
    }
}
