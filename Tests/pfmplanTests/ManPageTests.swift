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
        for command in ["size", "sweep", "compare", "report", "simulate", "catalog", "fit", "fits", "estimate"] {
            #expect(page.contains(command))
        }
    }

    @Test func handWrittenPagesExist() throws {
        for name in ["pfmplan-catalog.5", "pfmplan-model.7"] {
            let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/" + name), encoding: .utf8)
            #expect(page.contains(".TH"))
        }
    }

    /// generate-manual dropped every non-ASCII character ("a(K) = a0 + (a1  a0)log2(1 + K^)");
    /// man/regenerate.sh now writes them as roff escapes, so the page says what --help says.
    @Test func pfmplan1KeepsNonASCIICharacters() throws {
        let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/pfmplan.1"), encoding: .utf8)
        var decoded = page
        while let r = decoded.range(of: #"\\\[u[0-9A-F]{4,6}\]"#, options: .regularExpression) {
            let hex = decoded[r].dropFirst(3).dropLast()
            decoded.replaceSubrange(r, with: String(Character(Unicode.Scalar(UInt32(hex, radix: 16)!)!)))
        }
        #expect(decoded.contains("a(K) = a0 + (a1 − a0)·log2(1 + K^α), with α fitted"), "the fit formula lost characters")
        #expect(!page.contains("@@U+"))
        // Every non-ASCII character of the help texts is on the page.
        let dump = try Binary.run(["--experimental-dump-help"]).stdout
        let wanted = Set(dump.unicodeScalars.filter { !$0.isASCII })
        #expect(!wanted.isEmpty)
        let present = Set(decoded.unicodeScalars)
        #expect(wanted.subtracting(present).isEmpty, "missing from man/pfmplan.1: \(wanted.subtracting(present).map { String($0) })")
    }

    /// Shell completions (swift-argument-parser's --generate-completion-script) are documented in
    /// pfmplan(1) and the README.
    @Test func completionsAreDocumented() throws {
        let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/pfmplan.1"), encoding: .utf8)
        let readme = try String(contentsOf: Binary.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(page.contains("generate-completion-script"))
        #expect(readme.contains("pfmplan --generate-completion-script bash"))
        let r = try Binary.run(["--generate-completion-script", "bash"])
        #expect(r.status == 0 && r.stdout.contains("pfmplan"))
    }

    /// The pages render without warnings (groff is what man -l uses); reported as skipped where
    /// groff is absent.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "needs /usr/bin/groff"),
          arguments: ["pfmplan.1", "pfmplan-catalog.5", "pfmplan-model.7"])
    func pageRenders(_ name: String) throws {
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
