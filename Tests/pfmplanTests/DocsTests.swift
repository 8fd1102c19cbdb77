import Foundation
import Testing

/// The README's command table lists exactly the CLI's subcommands (it had drifted: `merge` and
/// `trace` were missing), and every command in it is one the binary accepts.
@Suite("Docs")
struct DocsTests {
    static func subcommands() throws -> Set<String> {
        let dump = try Binary.run(["--experimental-dump-help"])
        let doc = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let command = doc?["command"] as? [String: Any]
        let subs = command?["subcommands"] as? [[String: Any]] ?? []
        return Set(subs.compactMap { $0["commandName"] as? String }).subtracting(["help"])
    }

    @Test func readmeCommandTableMatchesTheCLI() throws {
        let readme = try String(contentsOf: Binary.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var listed = Set<String>()
        for line in readme.split(separator: "\n") where line.hasPrefix("| `pfmplan ") {
            let word = line.dropFirst("| `pfmplan ".count).prefix { $0 != " " && $0 != "`" }
            listed.insert(String(word))
        }
        let actual = try Self.subcommands()
        #expect(!actual.isEmpty)
        #expect(listed == actual, "README lists \(listed.sorted()), the CLI has \(actual.sorted())")
    }
}

/// pfmplan-bench trapped with a register dump when run outside the repository root; it finds
/// its files relative to the package, or says what is missing and exits 1.
@Suite("Benchmark paths")
struct BenchPathTests {
    @Test func findsThePackageFromAnyDirectory() throws {
        let r = try Binary.run(["--root"], cwd: FileManager.default.temporaryDirectory, tool: "pfmplan-bench")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Binary.repoRoot.path)
    }

    @Test func aWrongRootIsAMessageNotATrap() throws {
        var env = ProcessInfo.processInfo.environment
        env["PFMPLAN_ROOT"] = "/nonexistent-pfmplan"
        let r = try Binary.run(["--quick"], cwd: FileManager.default.temporaryDirectory, environment: env, tool: "pfmplan-bench")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("pfmplan-bench: error: PFMPLAN_ROOT=/nonexistent-pfmplan holds no Examples/paper-table2/scenario.yaml"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }
}
