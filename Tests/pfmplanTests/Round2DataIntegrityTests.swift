import Foundation
import Testing

/// Issue 19 ("Reliability, round 2"), data integrity: concurrent writers, outputs onto inputs,
/// leftovers, results readers, write errors and closed pipes. Each test runs the real binary.
@Suite("Reliability 2: data integrity", .serialized)
struct Round2DataIntegrityTests {
    static let quick = ["sweep", "--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--policies", "lc",
                        "--replications", "1", "--duration", "120", "--jobs", "1"]
    /// Long enough (several seconds in a debug build) for a second process to meet the first.
    static let slow = ["sweep", "--accelerators", "t4,l4,a10,rtx-4090,l40s,a100-40gb,h100-pcie", "--counts", "1,2", "--precisions", "int8", "--policies", "lc,lru",
                       "--replications", "2", "--duration", "1800", "--jobs", "1"]

    typealias Dir = ReliabilitySweepTests.Dir

    /// Runs the binary with stdout going to `stdout` (a path such as /dev/full), stderr captured.
    static func run(_ args: [String], in dir: Dir, stdout: String) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = args
        p.currentDirectoryURL = dir.url
        p.standardOutput = FileHandle(forWritingAtPath: stdout)
        let err = dir.path("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: err, contents: nil)
        p.standardError = FileHandle(forWritingAtPath: err)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason, (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Runs the binary through /bin/sh with a file-size limit, SIGXFSZ ignored: writes past
    /// `blocks` × 512 bytes fail with EFBIG, like a full disk.
    static func runLimited(_ args: [String], in dir: Dir, blocks: Int = 2) throws -> Binary.Run {
        let quoted = args.map { "'\($0)'" }.joined(separator: " ")
        return try Binary.run(["-c", "ulimit -f \(blocks); trap '' XFSZ; exec '\(Binary.url.path)' \(quoted)"], cwd: dir.url, shell: true)
    }

    // MARK: Concurrent writers

    @Test("two sweeps onto one --out: the second stops with a clear error, the first finishes its own file")
    func concurrentWriters() throws {
        let d = try Dir()
        let first = try ReliabilitySweepTests.start(Self.slow + ["--out", "r.jsonl"], in: d)
        var waited = 0.0
        while !d.exists("r.jsonl.partial") && waited < 20 { Thread.sleep(forTimeInterval: 0.05); waited += 0.05 }
        try #require(d.exists("r.jsonl.partial"))
        let second = try Binary.run(Self.quick + ["--out", "r.jsonl"], cwd: d.url)
        #expect(second.status == 1)
        #expect(second.stderr.contains("another pfmplan process is writing r.jsonl.partial now"), "\(second.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let lines = try d.read("r.jsonl").split(separator: 10)
        #expect(lines.count == 42, "the first sweep's 42 units, none of the second's")
        #expect(!d.exists("r.jsonl.partial"))
        // A sweep after the first has finished takes the name over as usual.
        #expect(try Binary.run(Self.quick + ["--out", "r.jsonl"], cwd: d.url).status == 0)
        #expect(try d.read("r.jsonl").split(separator: 10).count == 1)
    }

    @Test("merge names a .partial held by a running sweep as still running")
    func mergeSeesRunningShard() throws {
        let d = try Dir()
        #expect(try Binary.run(Self.slow + ["--shard", "0/2", "--out", "p0.jsonl"], cwd: d.url).status == 0)
        let first = try ReliabilitySweepTests.start(Self.slow + ["--shard", "1/2", "--out", "p1.jsonl"], in: d)
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        var waited = 0.0
        while ((try? d.read("p1.jsonl.partial"))?.contains(10) ?? false) == false && waited < 20 { Thread.sleep(forTimeInterval: 0.02); waited += 0.02 }
        let m = try Binary.run(["merge", "p0.jsonl"], cwd: d.url)
        #expect(m.status == 1)
        #expect(m.stderr.contains("p1.jsonl.partial: a half-written part (shard 1/2 of this sweep: being written by a running sweep now"), "\(m.stderr)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let after = try Binary.run(["merge", "p0.jsonl"], cwd: d.url)
        #expect(after.stderr.contains("p1.jsonl.partial: a half-written part (shard 1/2 of this sweep: a killed shard"), "\(after.stderr)")
    }

    // MARK: Outputs onto inputs

    @Test("an output that is one of the command's inputs (same file, also through a link) is refused; the input is intact")
    func outputOntoInput() throws {
        let d = try Dir()
        #expect(try Binary.run(["catalog", "export", "cat"], cwd: d.url).status == 0)
        try "schema_version: 1\ncounts: [1]\naccelerators: [l4]\nprecisions: [int8]\nreplications: 1\nrun:\n  duration_s: 60\n"
            .write(toFile: d.path("spec.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: d.path("link.yaml"), withDestinationPath: d.path("cat/services.yaml"))
        let spec = try d.read("spec.yaml"), services = try d.read("cat/services.yaml")
        let cases: [([String], String)] = [
            (["sweep", "--sweep", "spec.yaml", "--out", "spec.yaml"], "--out spec.yaml is the sweep spec"),
            (["sweep", "--sweep", "spec.yaml", "--plot", "spec.yaml"], "--plot spec.yaml is the sweep spec"),
            (["sweep", "--catalog", "cat", "--sweep", "spec.yaml", "--out", "cat/services.yaml"], "is a catalog file"),
            (["sweep", "--catalog", "cat", "--sweep", "spec.yaml", "--out", "link.yaml"], "is a catalog file"),
            (["trace", "generate", "--catalog", "cat", "--workload", "metaverse", "--requests", "5", "--out", "cat/services.yaml"], "is a catalog file"),
            (["size", "--catalog", "cat", "--sweep", "spec.yaml", "--no-headroom", "--plot", "link.yaml"], "is a catalog file"),
            (["sweep", "--sweep", "spec.yaml", "--out", "same.jsonl", "--plot", "same.jsonl"], "name the same file"),
        ]
        for (args, message) in cases {
            let r = try Binary.run(args, cwd: d.url)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(message) && r.stderr.contains("choose another") || r.stderr.contains("give each its own file"), "\(args): \(r.stderr)")
        }
        #expect(try d.read("spec.yaml") == spec)
        #expect(try d.read("cat/services.yaml") == services)
        #expect(!d.exists("same.jsonl"))
        // merge --out onto one of its parts
        #expect(try Binary.run(Self.quick + ["--shard", "0/1", "--out", "p0.jsonl"], cwd: d.url).status == 0)
        let part = try d.read("p0.jsonl")
        let m = try Binary.run(["merge", "p0.jsonl", "--out", "p0.jsonl"], cwd: d.url)
        #expect(m.status == 64 && m.stderr.contains("--out p0.jsonl is a part file"), "\(m.stderr)")
        #expect(try d.read("p0.jsonl") == part)
    }

    // MARK: Leftovers

    @Test("a sweep that fails on its input leaves no FILE.partial and no .partial.sweep")
    func noLeftoversOnInputFailure() throws {
        let d = try Dir()
        try "time_s,service\n0.5,nosuch\n".write(toFile: d.path("bad.csv"), atomically: true, encoding: .utf8)
        let r = try Binary.run((Self.quick + ["--trace", "bad.csv", "--out", "r.jsonl"]).filter { $0 != "--duration" && $0 != "120" }, cwd: d.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.csv:2:5"), "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: d.url.path).filter { $0.hasPrefix("r.jsonl") }
        #expect(names.isEmpty, "\(names)")
    }

    @Test("a --plot or merge --out that cannot be written leaves no temporary file and the old file intact")
    func noTemporariesOnWriteFailure() throws {
        let d = try Dir()
        try "old plot".write(toFile: d.path("plot.svg"), atomically: true, encoding: .utf8)
        let r = try Self.runLimited(Self.quick + ["--plot", "plot.svg"], in: d)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: cannot write plot.svg: File too large"), "\(r.stderr)")
        #expect(try String(contentsOfFile: d.path("plot.svg"), encoding: .utf8) == "old plot")
        #expect(try Binary.run(Self.slow + ["--shard", "0/1", "--out", "p0.jsonl"], cwd: d.url).status == 0)
        let m = try Self.runLimited(["merge", "p0.jsonl", "--out", "merged.jsonl"], in: d, blocks: 8)
        #expect(m.status == 1)
        #expect(m.stderr.contains("error: cannot write merged.jsonl"), "\(m.stderr)")
        let stray = try FileManager.default.contentsOfDirectory(atPath: d.url.path).filter { $0.contains(".tmp-") || $0 == "merged.jsonl" }
        #expect(stray.isEmpty, "\(stray)")
    }

    @Test("merge ignores .partial files in the folder that are not parts of this sweep")
    func mergeIgnoresStrayPartials() throws {
        let d = try Dir()
        #expect(try Binary.run(Self.quick + ["--shard", "0/1", "--out", "p0.jsonl"], cwd: d.url).status == 0)
        try "scratch notes\n".write(toFile: d.path("notes.partial"), atomically: true, encoding: .utf8)
        try "".write(toFile: d.path("empty.partial"), atomically: true, encoding: .utf8)
        let m = try Binary.run(["merge", "p0.jsonl", "--out", "all.jsonl"], cwd: d.url)
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try d.read("all.jsonl").split(separator: 10).count == 1)
    }

    // MARK: Results readers

    @Test("report and size --from refuse results that mix sweeps, repeat a unit, or hold non-finite or negative costs")
    func resultsReadersCheck() throws {
        let d = try Dir()
        #expect(try Binary.run(["sweep", "--accelerators", "l4,l40s", "--counts", "1", "--precisions", "int8", "--policies", "lc",
                                "--replications", "1", "--duration", "120", "--out", "r.jsonl"], cwd: d.url).status == 0)
        let text = try String(contentsOfFile: d.path("r.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        func variant(_ name: String, _ body: String) throws -> String {
            try body.write(toFile: d.path(name), atomically: true, encoding: .utf8)
            return name
        }
        let otherDigest = lines[1].replacingOccurrences(of: #""catalogDigest":""#, with: #""catalogDigest":"0"#)
        let nanCost = lines[0].replacing(#/"monthlyUSD":\{"high":[^,]*,"low":[^,]*,"mean":[^}]*\}/#,
                                                    with: #""monthlyUSD":{"high":"nan","low":"nan","mean":"nan"}"#)
        let negative = lines[0].replacing(#/"monthlyUSD":\{"high":[^,]*,"low":[^,]*,"mean":[^}]*\}/#,
                                                     with: #""monthlyUSD":{"high":-5,"low":-5,"mean":-5}"#)
        #expect(nanCost != lines[0] && negative != lines[0])
        let cases: [(String, String)] = [
            (try variant("digests.jsonl", lines[0] + "\n" + otherDigest + "\n"), "digests.jsonl:2: written with another catalog"),
            (try variant("dup.jsonl", lines[0] + "\n" + lines[1] + "\n" + lines[0] + "\n"), "dup.jsonl:3: "),
            (try variant("nan.jsonl", nanCost + "\n" + lines[1] + "\n"), "nan.jsonl:1: not a valid pfmplan sweep result: monthlyUSD.mean is not a finite number"),
            (try variant("neg.jsonl", negative + "\n" + lines[1] + "\n"), "neg.jsonl:1: not a valid pfmplan sweep result: monthlyUSD.mean is negative"),
        ]
        for (file, message) in cases {
            for args in [["report", file], ["size", "--from", file, "--accelerators", "l4,l40s", "--counts", "1", "--precisions", "int8"]] {
                let r = try Binary.run(args, cwd: d.url)
                #expect(r.status == 1, "\(args)")
                #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
                #expect(r.stdout.isEmpty, "\(args): no recommendation from untrusted results")
            }
        }
    }

    @Test("a sweep spec or flag that repeats an axis value is an error, not two units with one key")
    func repeatedAxisValues() throws {
        let d = try Dir()
        try "schema_version: 1\naccelerators: [l4, l4]\ncounts: [1, 2, 1]\nload_scales: [1, 1.0]\n"
            .write(toFile: d.path("spec.yaml"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["sweep", "--sweep", "spec.yaml"], cwd: d.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("spec.yaml:2:20: error: accelerators[1]: accelerator 'l4' is listed twice"), "\(r.stderr)")
        #expect(r.stderr.contains("spec.yaml:3:16: error: counts[2]: GPU count 1 is listed twice"), "\(r.stderr)")
        #expect(r.stderr.contains("load_scales[1]: load scale 1 is listed twice"), "\(r.stderr)")
        let f = try Binary.run(["sweep", "--accelerators", "l4,l4"], cwd: d.url)
        #expect(f.status == 64 && f.stderr.contains("'l4' is listed twice"), "\(f.stderr)")
    }

    // MARK: Write errors and closed pipes

    @Test("stdout on a full device: 'cannot write stdout: No space left on device', exit 1, no trap",
          arguments: [
              ["sweep", "--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--replications", "1", "--duration", "60"],
              ["simulate", "--accelerator", "l4", "--requests", "200"],
              ["catalog", "list"],
              ["catalog", "show", "l4"],
          ])
    func stdoutFull(_ args: [String]) throws {
        let d = try Dir()
        let r = try Self.run(args, in: d, stdout: "/dev/full")
        #expect(r.reason == .exit && r.status == 1, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("pfmplan: error: cannot write stdout: No space left on device"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"), "\(r.stderr)")
    }

    @Test("report into /dev/full")
    func reportFull() throws {
        let d = try Dir()
        #expect(try Binary.run(Self.quick + ["--out", "r.jsonl"], cwd: d.url).status == 0)
        let r = try Self.run(["report", "r.jsonl"], in: d, stdout: "/dev/full")
        #expect(r.status == 1 && r.stderr.contains("cannot write stdout: No space left on device"), "\(r.stderr)")
    }

    @Test("a closed pipe (| head) ends a long output quietly, as Unix tools do",
          arguments: [["catalog", "list"], ["sweep", "--accelerators", "t4,l4,a10,rtx-4090,l40s,a100-40gb,h100-pcie", "--counts", "1,2,4", "--precisions", "int8,fp16", "--replications", "1", "--duration", "60"]])
    func closedPipe(_ args: [String]) throws {
        let quoted = args.map { "'\($0)'" }.joined(separator: " ")
        let r = try Binary.run(["-c", "'\(Binary.url.path)' \(quoted) | head -c 1 >/dev/null; echo \"status=${PIPESTATUS[0]}\""], shell: true, bash: true)
        #expect(r.stdout.contains("status=141") || r.stdout.contains("status=0"), "\(r.stdout)")
        #expect(r.stderr.isEmpty, "nothing on stderr: \(r.stderr)")
    }

    @Test("sweep --out on a full disk: 'cannot write FILE.partial', exit 1, the old FILE intact")
    func outFull() throws {
        let d = try Dir()
        try "old results\n".write(toFile: d.path("r.jsonl"), atomically: true, encoding: .utf8)
        let r = try Self.runLimited(Self.slow + ["--out", "r.jsonl"], in: d)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: cannot write r.jsonl.partial: File too large; r.jsonl is unchanged"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(try String(contentsOfFile: d.path("r.jsonl"), encoding: .utf8) == "old results\n")
    }
}
