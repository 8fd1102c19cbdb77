import Foundation
import Testing

/// Issue 19 ("Reliability, round 2"): accepted inputs that trapped the engine, unbounded work and
/// memory, cancellation of a running unit. Each case ran away or trapped before; now it is a
/// positioned error (exit 1) or a flag error (exit 64), promptly.
@Suite("Reliability 2: crashes and unbounded work", .serialized)
struct Round2BoundsTests {
    typealias Dir = ReliabilitySweepTests.Dir

    /// Runs with a wall-clock guard: a case that hangs fails instead of stalling the suite.
    static func run(_ args: [String], in d: Dir, seconds: Int = 60) throws -> Binary.Run {
        let quoted = args.map { "'\($0)'" }.joined(separator: " ")
        return try Binary.run(["-c", "exec timeout -s KILL \(seconds) '\(Binary.url.path)' \(quoted)"], cwd: d.url, shell: true)
    }

    static func exported(_ d: Dir, _ edit: (String, String) -> String) throws {
        #expect(try Binary.run(["catalog", "export", "cat"], cwd: d.url).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: d.path("cat")) {
            let p = d.path("cat/" + name)
            try edit(name, try String(contentsOfFile: p, encoding: .utf8)).write(toFile: p, atomically: true, encoding: .utf8)
        }
    }

    @Test("cache-only byte counters near UInt64's maximum do not overflow")
    func cacheOnlyHugeSizes() throws {
        let d = try Dir()
        let big = UInt64.max - 1
        var text = "time,model,size_bytes\n"
        for i in 0..<6 { text += "\(i),m0,\(big)\n" }
        try text.write(toFile: d.path("t.csv"), atomically: true, encoding: .utf8)
        let r = try Self.run(["simulate", "--trace", "t.csv", "--cache-only", "--capacity-bytes", "\(UInt64.max)", "--format", "csv"], in: d)
        #expect(r.status == 0, "\(r.stderr)")
        let row = r.stdout.split(separator: "\n")[1].split(separator: ",").map(String.init)
        // 6 requests of (2^64 - 2) bytes: the sum needs more than 64 bits.
        #expect(row[6] == "\(UInt128(big) * 6)", "\(r.stdout)")
        #expect(row[3] == "5" && row[4] == "1" && row[7] == "\(big)", "one miss, five hits: \(r.stdout)")
    }

    @Test("numbers whose reciprocal or product overflows are rejected where they are written",
          arguments: [("bytes_per_kv: 2", "bytes_per_kv: 1e-300", "bytes_per_kv"), ("total_rate_per_s: 3\n", "total_rate_per_s: 1e-310\n", "total_rate_per_s"),
                      ("interval_s: 30 ", "interval_s: 5e-324 ", "interval_s")])
    func tinyNumbers(_ from: String, _ to: String, _ key: String) throws {
        let d = try Dir()
        try Self.exported(d) { _, t in t.replacingOccurrences(of: from, with: to) }
        let r = try Self.run(["catalog", "validate", "--catalog", "cat"], in: d)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(key): expected") && r.stderr.contains("which is out of range (0, or 1e-9 ≤ |x| ≤ 1e15)"), "\(r.stderr)")
        #expect(r.stderr.contains(".yaml:"), "positioned: \(r.stderr)")
    }

    @Test("load scales, durations and requests on the command line follow the files' limits",
          arguments: [["sweep", "--load-scales", "1e-310"], ["sweep", "--duration", "1e308"], ["simulate", "--accelerator", "l4", "--load-scale", "1e-310"],
                      ["simulate", "--accelerator", "l4", "--duration", "1e308"], ["trace", "generate", "--workload", "metaverse", "--requests", "10", "--load-scale", "1e300", "--out", "x.csv"]])
    func flagLimits(_ args: [String]) throws {
        let d = try Dir()
        let r = try Self.run(args, in: d)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stderr.contains("1e-6 to 1e6") || r.stderr.contains("1e-9 to 1e15"), "\(r.stderr)")
    }

    @Test("runs whose expected arrivals or decisions exceed the limits are refused before they start")
    func workEstimates() throws {
        let d = try Dir()
        try Self.exported(d) { _, t in
            t.replacingOccurrences(of: "total_rate_per_s: 3\n", with: "total_rate_per_s: 1000000000000000\n")
                .replacingOccurrences(of: "interval_s: 30 ", with: "interval_s: 0.000001 ")
        }
        let cases: [([String], String)] = [
            (["simulate", "--catalog", "cat", "--accelerator", "l4", "--duration", "600"], "arrivals in one replication (peak 1e+15/s); the limit is 1e+08"),
            (["sweep", "--catalog", "cat", "--counts", "1", "--accelerators", "l4"], "the limit is 1e+08"),
            (["size", "--catalog", "cat", "--counts", "1", "--accelerators", "l4"], "the limit is 1e+08"),
            (["simulate", "--accelerator", "l4", "--duration", "999999999999"], "the limit is 1e+08"),
        ]
        for (args, message) in cases {
            let r = try Self.run(args, in: d, seconds: 30)
            #expect(r.status == 1, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let ok = try Binary.run(["catalog", "export", "plain"], cwd: d.url)
        #expect(ok.status == 0)
        let plain = d.path("plain/defaults.yaml")
        try (try String(contentsOfFile: plain, encoding: .utf8)).replacingOccurrences(of: "interval_s: 30 ", with: "interval_s: 0.000001 ")
            .write(toFile: plain, atomically: true, encoding: .utf8)
        let active = try Self.run(["simulate", "--catalog", "plain", "--accelerator", "l40s", "--caching", "active", "--duration", "3600"], in: d, seconds: 30)
        #expect(active.status == 1 && active.stderr.contains("caching.interval_s") && active.stderr.contains("decisions"), "\(active.stderr)")
    }

    @Test("a popularity shift or step that leaves no traffic, with a run that ends by request count, is refused instead of looping")
    func rateFallsToZero() throws {
        let d = try Dir()
        try Self.exported(d) { name, t in
            guard name == "services.yaml" else { return t }
            return t.replacingOccurrences(of: "    duration_s: 3600\n    warmup_s: 300\n    seed: 1\n\n  - id: metaverse-diurnal",
                                          with: "    requests: 1000\n    warmup_s: 0\n    seed: 1\n    arrival: step\n    steps: [{at_s: 0, multiplier: 1}, {at_s: 10, multiplier: 0}]\n\n  - id: metaverse-diurnal")
        }
        let r = try Self.run(["simulate", "--catalog", "cat", "--accelerator", "l4", "--workload", "metaverse"], in: d, seconds: 30)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("its rate falls to 0") && r.stderr.contains("would never end"), "\(r.stderr)")
    }

    @Test("a sweep describing billions of units, a huge shard count and a part header claiming 10^18 units are refused at once")
    func unitAndShardLimits() throws {
        let d = try Dir()
        try "schema_version: 1\ncounts: 1-1024\nmax_batch: [\((1...60).map(String.init).joined(separator: ", "))]\nload_scales: [\((1...40).map { "\($0)" }.joined(separator: ", "))]\npolicies: all\n"
            .write(toFile: d.path("huge.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.run(["sweep", "--sweep", "huge.yaml"], in: d, seconds: 30)
        #expect(r.status == 1)
        #expect(r.stderr.contains("units (options × workloads × load scales); the limit is 1000000"), "\(r.stderr)")
        let s = try Self.run(["sweep", "--shard", "999999999/1000000000"], in: d, seconds: 30)
        #expect(s.status == 64 && s.stderr.contains("at most 1000000 shards"), "\(s.stderr)")
        // Many shards within the limit: memory and time follow the units, not the shard count.
        let many = try Self.run(["sweep", "--shard", "999998/999999", "--accelerators", "l4", "--counts", "1", "--precisions", "int8",
                                 "--replications", "1", "--duration", "10"], in: d, seconds: 30)
        #expect(many.status == 0 && many.stdout.contains("\"units\":[]"), "\(many.stderr)")
        let header = #"{"catalogDigest":"x","costShare":0,"version":"0.1.0","labels":[],"schema":"pfmplan.sweep-part/1","shard":{"count":2,"index":0},"specDigest":"","sweepDigest":"y","totalUnits":1000000000000000000,"units":[]}"#
        try (header + "\n").write(toFile: d.path("p0.jsonl"), atomically: true, encoding: .utf8)
        let m = try Self.run(["merge", "p0.jsonl"], in: d, seconds: 30)
        #expect(m.status == 1 && m.stderr.contains("the header claims 1000000000000000000 units"), "\(m.stderr)")
    }

    @Test("trace paths that are not regular files, and lines without a newline, are errors, not hangs or unbounded memory")
    func traceInputs() throws {
        let d = try Dir()
        #expect(mkfifo(d.path("fifo"), 0o600) == 0)
        try Data(repeating: UInt8(ascii: "a"), count: 3 << 20).write(to: URL(fileURLWithPath: d.path("long.csv")))
        try "schema_version: 1\ntrace: /dev/zero\n".write(toFile: d.path("zero.yaml"), atomically: true, encoding: .utf8)
        try "schema_version: 1\ntrace: missing.csv\n".write(toFile: d.path("missing.yaml"), atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["simulate", "--accelerator", "l4", "--trace", "/dev/zero"], 1, "/dev/zero: the trace is not a regular file"),
            (["simulate", "--accelerator", "l4", "--trace", "fifo"], 1, "fifo: the trace is a FIFO"),
            (["simulate", "--accelerator", "l4", "--trace", "long.csv"], 1, "long.csv:1:1: error: the line is longer than 1048576 bytes"),
            (["simulate", "--trace", "long.csv", "--cache-only", "--capacity-bytes", "100"], 1, "long.csv:1:1: error: the line is longer"),
            (["sweep", "--trace", "/dev/zero"], 64, "--trace /dev/zero is not a regular file"),
            (["sweep", "--sweep", "zero.yaml"], 1, "zero.yaml:2:8: error: trace: /dev/zero is not a regular file"),
            (["sweep", "--sweep", "missing.yaml"], 1, "missing.yaml:2:8: error: trace: no trace file at missing.csv"),
        ]
        for (args, status, message) in cases {
            let r = try Self.run(args, in: d, seconds: 20)
            #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("error: error:"), "\(r.stderr)")
        }
    }

    @Test("lax trace values are rejected: hex-float times and a repeated header column")
    func laxTraceValues() throws {
        let d = try Dir()
        try "time_s,service\n0x1p3,qa\n".write(toFile: d.path("hex.csv"), atomically: true, encoding: .utf8)
        try "time_s,service,time_s\n1,qa,2\n".write(toFile: d.path("dup.csv"), atomically: true, encoding: .utf8)
        let hex = try Self.run(["simulate", "--accelerator", "l4", "--trace", "hex.csv"], in: d)
        #expect(hex.status == 1 && hex.stderr.contains("hex.csv:2:1: error: time_s: expected a time in seconds, a number ≥ 0, found \"0x1p3\""), "\(hex.stderr)")
        let dup = try Self.run(["simulate", "--accelerator", "l4", "--trace", "dup.csv"], in: d)
        #expect(dup.status == 1 && dup.stderr.contains("dup.csv:1:16: error: time_s: column 'time_s' appears twice"), "\(dup.stderr)")
    }

    @Test("lax values in files and flags are rejected: !!str numbers, empty list items, '=5', out-of-range accuracy")
    func laxValues() throws {
        let d = try Dir()
        try "schema_version: 1\nreplications: !!str 3\nload_scales: [0x1p3]\n".write(toFile: d.path("s.yaml"), atomically: true, encoding: .utf8)
        let s = try Self.run(["sweep", "--sweep", "s.yaml"], in: d)
        #expect(s.status == 1)
        #expect(s.stderr.contains("s.yaml:2:15: error: replications: expected a whole number"), "\(s.stderr)")
        #expect(s.stderr.contains("s.yaml:3:15: error: load_scales[0]: expected a positive number"), "\(s.stderr)")
        let flags: [([String], String)] = [
            (["--counts", ",,,"], "found an empty item in ',,,'"), (["--load-scales", ","], "found an empty item"),
            (["--slo-p95-ms", "=5"], "with a service id before '='"), (["--min-accuracy", "101"], "a score in [0, 100]"),
            (["--policies", "lc,,lru"], "found an empty item"), (["--slo-p95-ms", "0x10"], "a positive number"),
        ]
        for (args, message) in flags {
            let r = try Self.run(["sweep"] + args, in: d)
            #expect(r.status == 64 && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    @Test("SIGTERM and SIGINT stop a sweep while a long unit runs, keeping whole lines")
    func cancelRunningUnit() throws {
        let d = try Dir()
        let p = try ReliabilitySweepTests.start(["sweep", "--accelerators", "l4,l40s", "--counts", "1", "--precisions", "int8", "--replications", "1",
                                                 "--duration", "5000000", "--jobs", "1", "--out", "r.jsonl"], in: d)
        Thread.sleep(forTimeInterval: 1.5)
        let sent = Date()
        kill(p.processIdentifier, SIGTERM)
        var waited = 0.0
        while p.isRunning && waited < 10 { Thread.sleep(forTimeInterval: 0.05); waited += 0.05 }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 5, "the running unit must not finish first")
        #expect(p.terminationReason == .exit && p.terminationStatus == 143)
        let err = (try? String(contentsOfFile: d.path("stderr.txt"), encoding: .utf8)) ?? ""
        #expect(err.contains("interrupted: 0 of 2 results kept in r.jsonl.partial") && err.contains("--resume"), "\(err)")
        #expect(d.exists("r.jsonl.partial") && !d.exists("r.jsonl"))
    }
}

@Suite("Reliability 2: error lists and hints are bounded")
struct Round2ErrorCapTests {
    typealias Dir = ReliabilitySweepTests.Dir

    @Test("thousands of misspelt references among thousands of ids: prompt, at most 100 errors printed, then a count")
    func manyMisspeltReferences() throws {
        let d = try Dir()
        #expect(try Binary.run(["catalog", "export", "cat"], cwd: d.url).status == 0)
        let text = try String(contentsOfFile: d.path("cat/accelerators.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("  - id: ") })
        let next = try #require(lines[(first + 1)...].firstIndex { $0.hasPrefix("  - id: ") })
        let block = lines[first..<next].filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        var many = lines[..<first].joined(separator: "\n") + "\n"
        for i in 0..<3000 {
            var b = block
            b[0] = "  - id: accel-\(String(format: "%05d", i))"
            many += b.joined(separator: "\n") + "\n"
        }
        many += lines[first...].joined(separator: "\n")
        try many.write(toFile: d.path("cat/accelerators.yaml"), atomically: true, encoding: .utf8)
        let spec = "schema_version: 1\naccelerators: [" + (0..<3000).map { "acxel-\(String(format: "%05d", $0))" }.joined(separator: ", ") + "]\n"
        try spec.write(toFile: d.path("spec.yaml"), atomically: true, encoding: .utf8)
        let start = Date()
        let r = try Round2BoundsTests.run(["sweep", "--catalog", "cat", "--sweep", "spec.yaml"], in: d, seconds: 120)
        let elapsed = Date().timeIntervalSince(start)
        #expect(r.status == 1, "\(r.stderr.prefix(500))")
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 100, "\(errors.count) positioned error lines")
        #expect(r.stderr.contains("… and 901 more (only the first 100 are shown)"), "\(r.stderr.suffix(300))")
        #expect(r.stderr.contains("error: too many problems: 2000 more were found and not listed (at most 1000 are kept)"), "\(r.stderr.suffix(300))")
        #expect(r.stderr.contains("did you mean 'accel-00000'?"), "the first errors still get hints")
        #expect(elapsed < 60, "took \(elapsed) s")
    }

    @Test("a file with a million errors keeps at most 1000 and prints 100 of them")
    func errorListIsCapped() throws {
        let d = try Dir()
        let spec = "schema_version: 1\naccelerators: [" + (0..<200_000).map { "x\($0)" }.joined(separator: ",") + "]\n"
        try spec.write(toFile: d.path("spec.yaml"), atomically: true, encoding: .utf8)
        let r = try Round2BoundsTests.run(["sweep", "--sweep", "spec.yaml"], in: d, seconds: 120)
        #expect(r.status == 1)
        #expect(r.stderr.utf8.count < 100_000, "\(r.stderr.utf8.count) bytes of errors")
        #expect(r.stderr.contains("… and 901 more (only the first 100 are shown)"), "\(r.stderr.suffix(400))")
    }
}
