import Foundation
import Testing

/// A corpus of malformed inputs (issue #8, part 3), each run through the real binary: sweep specs
/// (`size --sweep F`), traces (`simulate --trace F`), scenarios (`simulate --scenario F`) and the
/// broken catalogs (`catalog validate --catalog F`). Each must exit 1 with a `file:line:col` error
/// and the expected message, never 0, never a trap or a signal.
@Suite("Corpus: malformed inputs end to end")
struct CorpusTests {
    static let fixtures = "Tests/PFMCatalogTests/Fixtures"

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var message: String
        /// Why the position is missing today (a known bug, with the fix in the report).
        var knownIssue: String? = nil
        var testDescription: String { file }
    }

    /// Runs `args`, checks the outcome, returns stderr.
    @discardableResult
    static func expectRejected(_ args: [String], _ c: Case, status: Int32 = 1) throws -> String {
        let r = try Binary.run(args)
        #expect(r.status == status, "\(c.file): exit \(r.status)\n\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Crash") && !r.stderr.contains("backtrace"), "\(c.file): \(r.stderr)")
        #expect(r.stderr.contains(c.message), "\(c.file): expected \"\(c.message)\" in\n\(r.stderr)")
        let position = "\(c.file):\(c.line):\(c.column): error:"
        if let issue = c.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) {
                #expect(r.stderr.contains(position), "\(r.stderr)")
            }
        } else {
            #expect(r.stderr.contains(position), "\(c.file): expected \(position) in\n\(r.stderr)")
        }
        return r.stderr
    }

    static func s(_ name: String, _ line: Int, _ column: Int, _ message: String, knownIssue: String? = nil) -> Case {
        Case(file: "\(fixtures)/sweeps/\(name)", line: line, column: column, message: message, knownIssue: knownIssue)
    }

    static let sweeps: [Case] = [
        s("s01-unknown-key.yaml", 2, 1, "unknown key 'accelerator'"),
        s("s02-missing-schema-version.yaml", 1, 1, "missing required key 'schema_version'"),
        s("s03-wrong-schema-version.yaml", 1, 17, "unsupported schema_version 2"),
        s("s04-unknown-accelerator.yaml", 2, 20, "unknown accelerator 'h100'"),
        s("s05-zero-count.yaml", 3, 10, "expected a whole number between 1 and 1024, found 0"),
        s("s06-max-batch-overflow.yaml", 3, 13, "expected a whole number between 1 and 4096, found \"99999999999999999999\""),
        s("s07-load-scale-nan.yaml", 3, 18, "found the non-finite value \".nan\""),
        s("s08-load-scale-1e400.yaml", 3, 15, "found 1e400, which is out of range"),
        s("s09-negative-replications.yaml", 3, 15, "expected a whole number between 1 and 1000, found -3"),
        s("s10-alias-bomb.yaml", 13, 12, "more than 100 alias references (*name); refusing a possible alias bomb"),
        s("s11-binary-garbage.yaml", 1, 1, "the sweep spec is not UTF-8 text"),
        s("s12-empty.yaml", 1, 1, "the sweep spec is empty"),
        s("s13-bad-indentation.yaml", 4, 2, "YAML syntax:"),
        s("s14-duplicate-key.yaml", 2, 1, "duplicate key 'replications' in one mapping"),
        s("s15-unknown-policy.yaml", 3, 16, "unknown policy 'lfru'"),
        s("s16-slo-unknown-service.yaml", 5, 5, "unknown service 'translaton'"),
        s("s17-run-not-a-mapping.yaml", 3, 6, "expected a mapping of keys"),
        s("s18-deep-nesting.yaml", 2, 79, "nesting deeper than 64 levels"),
        s("s19-crlf-unknown-key.yaml", 3, 1, "unknown key 'replicatons'"),
        s("s20-bom-wrong-version.yaml", 1, 17, "unsupported schema_version 4"),
        s("s21-long-scalar.yaml", 3, 12, "string of 70000 bytes is over the limit of 65536"),
        s("s22-negative-seed.yaml", 3, 7, "expected a whole number between 0 and"),
        s("s23-duration-inf.yaml", 4, 15, "found the non-finite value \".inf\""),
        s("s24-nul-byte.yaml", 2, 1, "the file contains a control character (U+0000)"),
    ]

    @Test("malformed sweep specs: size --sweep F", arguments: CorpusTests.sweeps)
    func sweepSpec(_ c: Case) throws {
        try Self.expectRejected(["size", "--sweep", c.file], c)
    }

    static func t(_ name: String, _ line: Int, _ column: Int, _ message: String) -> Case {
        Case(file: "\(fixtures)/traces/\(name)", line: line, column: column, message: message)
    }

    static let traces: [Case] = [
        t("t01-empty.csv", 1, 1, "the trace is empty"),
        t("t02-missing-column.csv", 3, 4, "expected 2 columns (time_s,service), found 1: service missing"),
        t("t03-unknown-service.csv", 3, 5, "unknown service 'translaton'"),
        t("t04-unsorted-times.csv", 4, 1, "timestamps must not decrease: expected a time ≥ 2.0 (line 3), found 1.5"),
        t("t05-bad-number.csv", 3, 1, "expected a time in seconds, a number ≥ 0, found \"1.O\""),
        t("t06-enormous-time.csv", 3, 1, "found \"1e400\""),
        t("t07-bom-crlf-unknown-service.csv", 3, 5, "unknown service 'arithmetc'"),
        t("t08-binary-garbage.csv", 1, 1, "expected a header line"),
        t("t09-truncated.csv", 4, 6, "unknown service ''"),
        t("t10-unknown-header.csv", 1, 1, "found \"timestamp,svc\""),
        t("t11-negative-time.csv", 2, 1, "found \"-0.5\""),
        t("t12-nan-time.csv", 3, 1, "found \"nan\""),
        t("t13-extra-column.csv", 2, 17, "expected 2 columns (time_s,service), found 3"),
        t("t14-bad-token-count.csv", 2, 20, "expected a token count, an integer ≥ 0, found \"-4\""),
        t("t15-gzip.csv", 1, 1, "gzip-compressed traces are not supported"),
    ]

    /// libCacheSim traces carry their own object sizes: replayed as a pure cache.
    static let libCacheSimTraces: [Case] = [
        t("t16-libcachesim-bad-size.csv", 3, 12, "expected the model's resident bytes, an integer ≥ 1, found \"-5\""),
        t("t17-libcachesim-enormous-size.csv", 2, 12, "found \"99999999999999999999999\""),
        t("t18-libcachesim-empty-model.csv", 3, 3, "expected a model id, found an empty field"),
        t("t19-libcachesim-unsorted.csv", 3, 1, "timestamps must not decrease"),
        t("t20-libcachesim-missing-column.csv", 2, 11, "expected 3 columns (time,model,size_bytes), found 2: size_bytes missing"),
    ]

    @Test("malformed pfmplan traces: simulate --trace F --accelerator l4", arguments: CorpusTests.traces)
    func trace(_ c: Case) throws {
        try Self.expectRejected(["simulate", "--trace", c.file, "--accelerator", "l4"], c)
    }

    @Test("malformed libCacheSim traces: simulate --trace F --cache-only", arguments: CorpusTests.libCacheSimTraces)
    func libCacheSimTrace(_ c: Case) throws {
        try Self.expectRejected(["simulate", "--trace", c.file, "--cache-only", "--capacity-bytes", "80000000000"], c)
    }

    static func c(_ name: String, _ line: Int, _ column: Int, _ message: String, knownIssue: String? = nil) -> Case {
        Case(file: "\(fixtures)/scenarios/\(name)", line: line, column: column, message: message, knownIssue: knownIssue)
    }

    static let scenarios: [Case] = [
        c("c01-unknown-key.yaml", 3, 1, "unknown key 'sever'"),
        c("c02-unknown-policy.yaml", 4, 16, "expected one of lc, lfu, lru, fifo, random, random-cache, cloud, belady, found \"lcu\""),
        c("c03-count-overflow.yaml", 4, 10, "expected a whole number between 1 and 1024, found \"99999999999999999999\""),
        c("c04-alias-bomb.yaml", 13, 12, "more than 100 alias references"),
        c("c05-empty.yaml", 1, 1, "the scenario file is empty"),
        c("c06-context-without-utility.yaml", 5, 3, "context.utility: expected one of exponential, linear, window"),
        c("c07-duration-nan.yaml", 5, 15, "found the non-finite value \".nan\""),
    ]

    @Test("malformed scenarios: simulate --scenario F", arguments: CorpusTests.scenarios)
    func scenario(_ c: Case) throws {
        try Self.expectRejected(["simulate", "--scenario", c.file], c)
    }

    @Test("every broken catalog fails end to end with a positioned error and no crash")
    func brokenCatalogs() throws {
        let dir = Binary.repoRoot.appendingPathComponent("\(Self.fixtures)/broken").path
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 31)
        for name in names {
            let file = "\(Self.fixtures)/broken/\(name)"
            // Semantic defects show only beside the bundled catalogs, as a user's extra file.
            let r = try Binary.run(["catalog", "validate", "--catalog", "Catalogs", "--catalog", file])
            #expect(r.status == 1, "\(name): exit \(r.status)\n\(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"), "\(name): \(r.stderr)")
            let positioned = r.stderr.range(of: "\(file):[0-9]+:[0-9]+: error:", options: .regularExpression) != nil
            #expect(positioned, "\(name): no file:line:col error\n\(r.stderr)")
        }
    }

    @Test("the corpus holds at least 50 malformed inputs besides the catalogs, each with an expectation")
    func corpusIsCovered() throws {
        let fm = FileManager.default
        var total = 0
        for (sub, cases) in [("sweeps", Self.sweeps), ("traces", Self.traces + Self.libCacheSimTraces), ("scenarios", Self.scenarios)] {
            let names = try fm.contentsOfDirectory(atPath: Binary.repoRoot.appendingPathComponent("\(Self.fixtures)/\(sub)").path).sorted()
            total += names.count
            let expected = Set(cases.map { ($0.file as NSString).lastPathComponent })
            for n in names { #expect(expected.contains(n), "\(sub)/\(n) has no expectation") }
        }
        #expect(total >= 50, "\(total) malformed inputs")
    }

    @Test("an alias bomb used as mapping keys is refused, not hashed for ever")
    func aliasBombAsKeys() throws {
        // 72 aliases (under the alias limit); LibYAML's duplicate-key check hashes each complex key,
        // expanding 9^8 nodes. Run in a child with a deadline, so a hang fails the test instead of the suite.
        var lines = ["schema_version: 1", "x0: &a0 [" + Array(repeating: "lol", count: 9).joined(separator: ", ") + "]"]
        for i in 1..<9 { lines.append("x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        lines += ["? *a8", ": 1", "? *a7", ": 2"]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-key-bomb-\(UUID().uuidString).yaml")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["catalog", "validate", "--catalog", file.path]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let deadline = Date().addingTimeInterval(10)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let hung = p.isRunning
        if hung { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(!hung, "still running after 10 s")
        if !hung { #expect(p.terminationReason == .exit && p.terminationStatus == 1) }
    }
}
