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

    /// The README's quick tour had drifted from what `pfmplan size` prints (×3.05 against ×3.08,
    /// and sections the default run never prints): the block after `$ pfmplan size` is exactly
    /// the output of a fresh run.
    @Test func readmeQuickTourIsAFreshSizeRun() throws {
        let readme = try String(contentsOf: Binary.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```console\n$ pfmplan size\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let tour = String(readme[start.upperBound..<end.lowerBound]) + "\n"
        let r = try Binary.run(["size"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == tour, "README.md's quick tour differs from `pfmplan size`: paste a fresh run")
    }

    /// The embedded-file lists of pfmplan-catalog(5) and the README had drifted (three files
    /// missing): both name every file `catalog export` writes.
    @Test func embeddedFileListsMatchTheCatalog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Binary.run(["catalog", "export", dir.path]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 8)
        let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/pfmplan-catalog.5"), encoding: .utf8)
        let start = try #require(page.range(of: ".B Embedded defaults"))
        let paragraph = String(page[start.upperBound...].prefix(600)).replacingOccurrences(of: "\\-", with: "-")
        let readme = try String(contentsOf: Binary.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let catalogs = try #require(readme.range(of: "## Catalogs"))
        let section = String(readme[catalogs.upperBound...].prefix(2500))
        for f in files {
            #expect(paragraph.contains("\\fB\(f)\\fR") || paragraph.contains("<embedded>/\(f)"), "pfmplan-catalog(5) does not list \(f)")
            #expect(section.contains("`\(f)`"), "the README's Catalogs section does not list \(f)")
        }
    }

    /// The README's schema list had drifted (it said pfmplan.sweep/1 and pfmplan.size/1): every
    /// schema the commands write is listed, and nothing else.
    @Test func readmeSchemaListMatchesTheOutputs() throws {
        let quick = ["--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--replications", "1", "--duration", "60"]
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-docs-\(UUID().uuidString).csv").path
        try "time,model,size_bytes\n0,m0,10\n1,m0,10\n".write(toFile: trace, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let commands: [[String]] = [
            ["sweep"] + quick, ["size", "--no-headroom"] + quick, ["simulate", "--accelerator", "l4", "--requests", "50"],
            ["compare", "l4", "--load-scales", "1", "--replications", "1", "--duration", "60"], ["fit", "gpt3-13b", "translation"],
            ["fits", "l4"], ["catalog", "list"], ["catalog", "show", "l4"],
            ["simulate", "--trace", trace, "--cache-only", "--capacity-bytes", "100"],
            ["estimate", "--model", "gpt3-13b", "--accelerator", "l40s", "--precision", "int8", "--tokens-in", "128", "--tokens-out", "16"],
            ["validate"],
        ]
        var written = Set<String>()
        for args in commands {
            let r = try Binary.run(args + ["--format", "json"])
            // size exits 3 when no option is feasible, and still writes its document.
            #expect(r.status == 0 || (args[0] == "size" && r.status == 3), "\(args): \(r.stderr)")
            let first = String(r.stdout.split(separator: "\n").first ?? "")
            let doc = args[0] == "sweep" ? first : r.stdout
            let schema = (try? JSONSerialization.jsonObject(with: Data(doc.utf8)) as? [String: Any])?["schema"] as? String
            #expect(schema != nil, "\(args): no schema in \(doc.prefix(200))")
            if let schema { written.insert(schema) }
        }
        let readme = try String(contentsOf: Binary.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let listed = Set(readme.matches(of: /`(pfmplan\.[a-z-]+\/[0-9]+)`/).map { String($0.output.1) })
            .subtracting(["pfmplan.sweep-part/1"])  // a shard's header line, documented with --shard
        #expect(written == listed, "the commands write \(written.sorted()); the README lists \(listed.sorted())")
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
