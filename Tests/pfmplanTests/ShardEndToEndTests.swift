import Foundation
import Testing

/// Sharded sweeps run as separate local processes, merged, and compared byte for byte with a
/// one-process sweep; and merge's refusals, through the real binary.
@Suite("End to end: sharded sweeps and merge")
struct ShardEndToEndTests {
    static let spec = """
        schema_version: 1
        accelerators: [l4, a10, l40s]
        counts: [1, 2]
        precisions: [int8]
        policies: [lc, lfu]
        workloads: [metaverse]
        load_scales: [1, 2]
        replications: 2
        run:
          duration_s: 60
        seed: 7
        """

    final class Dir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-shard-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }
        func read(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
    }

    /// A folder with the spec, the one-process results and the parts of an N-shard run.
    static func run(shards n: Int, in d: Dir, sub: String = "parts") throws -> [String] {
        if !d.exists("spec.yaml") { try d.write("spec.yaml", spec) }
        if !d.exists("whole.jsonl") {
            let r = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--out", d.path("whole.jsonl")])
            #expect(r.status == 0, "\(r.stderr)")
        }
        try FileManager.default.createDirectory(atPath: d.path(sub), withIntermediateDirectories: true)
        var parts: [String] = []
        for i in 0..<n {
            let part = d.path("\(sub)/part-\(i).jsonl")
            let r = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--shard", "\(i)/\(n)", "--jobs", "1", "--out", part])
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(part)
        }
        return parts
    }

    static func merge(_ parts: [String], out: String) throws -> Binary.Run {
        try Binary.run(["merge"] + parts + ["--out", out])
    }

    @Test(arguments: [1, 3, 7, 50])
    func mergedShardsAreByteIdenticalToOneProcess(n: Int) throws {
        let d = try Dir()
        let parts = try Self.run(shards: n, in: d)
        let m = try Self.merge(parts.shuffled(), out: d.path("merged.jsonl"))
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stderr.contains("merged 36 results from \(n) part(s)"), "\(m.stderr)")
        #expect(try d.read("merged.jsonl") == d.read("whole.jsonl"), "N = \(n): merge must rebuild the one-process file byte for byte")
        let whole = try String(decoding: d.read("whole.jsonl"), as: UTF8.self)
        #expect(whole.split(separator: "\n").count == 36 && !whole.contains("pfmplan.sweep-part"), "sweep without --shard writes plain result lines")
        if n == 50 {
            // 14 shards have no unit: a header line and nothing else.
            let empty = try parts.filter { try String(decoding: Data(contentsOf: URL(fileURLWithPath: $0)), as: UTF8.self).split(separator: "\n").count == 1 }
            #expect(empty.count == 14)
            let h = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: empty[0])).prefix { $0 != 10 }) as? [String: Any]
            #expect(h?["schema"] as? String == "pfmplan.sweep-part/1")
            #expect((h?["units"] as? [Int]) == [] && h?["totalUnits"] as? Int == 36)
            for key in ["version", "specDigest", "sweepDigest", "catalogDigest", "shard"] { #expect(h?[key] != nil, "\(key)") }
        }
        if n == 3 {
            // report and size --from read the merged file as a local sweep's.
            let a = try Binary.run(["report", d.path("merged.jsonl")]), b = try Binary.run(["report", d.path("whole.jsonl")])
            #expect(a.status == 0 && a.stdout == b.stdout, "\(a.stderr)")
            let s = try Binary.run(["size", "--sweep", d.path("spec.yaml"), "--from", d.path("merged.jsonl")])
            let t = try Binary.run(["size", "--sweep", d.path("spec.yaml"), "--from", d.path("whole.jsonl")])
            #expect([0, 3].contains(s.status) && s.stdout == t.stdout && s.stdout.contains("Sizing for metaverse"), "\(s.stderr)")
        }
    }

    @Test func shardFromSlurmAndKubernetesEnvironments() throws {
        let d = try Dir()
        _ = try Self.run(shards: 3, in: d)
        var env = ProcessInfo.processInfo.environment
        for k in env.keys where k.hasPrefix("SLURM_") || k.hasPrefix("JOB_COMPLETION") { env[k] = nil }
        for i in 0..<3 {
            var slurm = env
            slurm["SLURM_ARRAY_TASK_ID"] = "\(i)"; slurm["SLURM_ARRAY_TASK_COUNT"] = "3"
            let r = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--shard-from-env", "--out", d.path("slurm-\(i).jsonl")], environment: slurm)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try d.read("slurm-\(i).jsonl") == d.read("parts/part-\(i).jsonl"))
            var k8s = env
            k8s["JOB_COMPLETION_INDEX"] = "\(i)"
            let k = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--shard-from-env", "--shard-count", "3", "--out", d.path("k8s-\(i).jsonl")], environment: k8s)
            #expect(k.status == 0, "\(k.stderr)")
            #expect(try d.read("k8s-\(i).jsonl") == d.read("parts/part-\(i).jsonl"))
        }
        let none = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--shard-from-env"], environment: env)
        #expect(none.status == 1 && none.stderr.contains("neither SLURM_ARRAY_TASK_ID"), "\(none.stderr)")
        var noCount = env
        noCount["JOB_COMPLETION_INDEX"] = "1"
        let nc = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--shard-from-env"], environment: noCount)
        #expect(nc.status == 1 && nc.stderr.contains("--shard-count"), "\(nc.stderr)")
    }

    @Test func badShardUsageExits64() throws {
        for args in [["--shard", "3/3"], ["--shard", "1"], ["--shard", "0/2", "--format", "csv"], ["--shard", "0/2", "--shard-from-env"], ["--shard-count", "2"]] {
            let r = try Binary.run(["sweep", "--duration", "60", "--replications", "1"] + args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
        }
    }

    @Test func rerunShardReplacesItsPartAtomically() throws {
        let d = try Dir()
        let parts = try Self.run(shards: 2, in: d)
        let before = try d.read("parts/part-1.jsonl")
        try d.write("parts/part-1.jsonl", "stale\n")
        let r = try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--shard", "1/2", "--out", parts[1]])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try d.read("parts/part-1.jsonl") == before)
        #expect(!d.exists("parts/part-1.jsonl.partial"))
    }

    @Test func mergeRejectsMissingDuplicatedTruncatedAndMismatchedParts() throws {
        let d = try Dir()
        let parts = try Self.run(shards: 4, in: d)
        let out = d.path("merged.jsonl")
        func expectFailure(_ args: [String], _ needles: [String], _ note: Comment) throws {
            let r = try Self.merge(args, out: out)
            #expect(r.status == 1, note)
            for n in needles { #expect(r.stderr.contains(n), "\(note): missing '\(n)' in\n\(r.stderr)") }
            #expect(r.stderr.contains("nothing merged"), note)
            #expect(!d.exists("merged.jsonl"), "\(note): nothing may be written")
        }
        let header1 = try String(decoding: d.read("parts/part-1.jsonl"), as: UTF8.self)
        let units1 = ((try JSONSerialization.jsonObject(with: Data(header1.prefix { $0 != "\n" }.utf8)) as? [String: Any])?["units"] as? [Int]) ?? []
        #expect(!units1.isEmpty)

        // Missing: one part not given; its units are named by index.
        try expectFailure([parts[0], parts[2], parts[3]], ["error: missing: shard 1/4: no part file", "units are in no part: #\(units1[0])"], "missing")

        // Duplicated: the same shard under two names.
        try FileManager.default.copyItem(atPath: parts[2], toPath: d.path("parts/copy-of-2.jsonl"))
        try expectFailure(parts + [d.path("parts/copy-of-2.jsonl")], ["error: duplicated: shard 2/4 is in 2 parts: \(parts[2]), \(d.path("parts/copy-of-2.jsonl"))"], "duplicated")
        try FileManager.default.removeItem(atPath: d.path("parts/copy-of-2.jsonl"))

        // Truncated: a torn last line (a shard killed mid-write), named with its line.
        let original = try d.read("parts/part-1.jsonl")
        try original.dropLast(15).write(to: URL(fileURLWithPath: parts[1]))
        try expectFailure(parts, ["error: truncated: \(parts[1]):\(units1.count + 1): torn last line", "error: truncated: \(parts[1]): \(units1.count - 1) of the \(units1.count) result lines its header lists; missing #\(units1.last!) "], "torn")
        // Truncated: fewer complete lines than the header lists.
        let lines = String(decoding: original, as: UTF8.self).split(separator: "\n").dropLast()
        try (lines.joined(separator: "\n") + "\n").write(toFile: parts[1], atomically: true, encoding: .utf8)
        try expectFailure(parts, ["error: truncated: \(parts[1]): \(units1.count - 1) of the \(units1.count) result lines"], "short")
        try original.write(to: URL(fileURLWithPath: parts[1]))

        // Truncated: a killed shard's .partial, alone (the part never completed) or beside a part (a re-run in progress).
        try FileManager.default.moveItem(atPath: parts[3], toPath: parts[3] + ".partial")
        try expectFailure(Array(parts.prefix(3)), ["error: truncated: \(parts[3]).partial: a half-written part (shard 3/4 of this sweep", "error: missing: shard 3/4: no part file; only the half-written \(parts[3]).partial"], "partial alone")
        try FileManager.default.copyItem(atPath: parts[3] + ".partial", toPath: parts[3])
        try expectFailure(parts, ["error: truncated: \(parts[3]).partial: a re-run of this shard is half-written or still running"], "partial beside")
        try expectFailure(parts + [parts[3] + ".partial"], ["error: truncated: \(parts[3]).partial: a half-written part (.partial"], "partial given")
        try FileManager.default.removeItem(atPath: parts[3] + ".partial")

        // Mismatched: a part from a spec with another digest (a changed comment is enough), and one from another version.
        try d.write("spec2.yaml", "# edited\n" + Self.spec)
        let other = d.path("parts/other-0.jsonl")
        #expect(try Binary.run(["sweep", "--sweep", d.path("spec2.yaml"), "--shard", "0/4", "--out", other]).status == 0)
        try expectFailure([other] + parts.dropFirst(), ["error: mismatched: \(other): spec digest ", "but \(parts[1]) and 2 other part(s) have "], "spec digest")
        let flagged = d.path("parts/flags-0.jsonl")
        #expect(try Binary.run(["sweep", "--sweep", d.path("spec.yaml"), "--seed", "8", "--shard", "0/4", "--out", flagged]).status == 0)
        try expectFailure([flagged] + parts.dropFirst(), ["error: mismatched: \(flagged): sweep digest (the spec after command-line overrides) "], "flags")
        let text2 = String(decoding: try d.read("parts/part-2.jsonl"), as: UTF8.self)
        try text2.replacingOccurrences(of: "\"version\":\"0.1.0\"", with: "\"version\":\"0.0.9\"").write(toFile: parts[2], atomically: true, encoding: .utf8)
        try expectFailure(parts, ["error: mismatched: \(parts[2]): pfmplan version 0.0.9, but \(parts[0]) and 2 other part(s) have 0.1.0"], "version")
        try text2.write(toFile: parts[2], atomically: true, encoding: .utf8)

        // A plain 'sweep --out' file is not a part.
        try expectFailure(parts + [d.path("whole.jsonl")], ["error: invalid: \(d.path("whole.jsonl")): not a shard part: no header line"], "plain")

        // And with everything restored, the merge succeeds.
        let ok = try Self.merge(parts, out: out)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try d.read("merged.jsonl") == d.read("whole.jsonl"))
    }
    @Test func gnuParallelExampleMatchesOneProcess() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/parallel") else { return }  // needs GNU parallel
        let d = try Dir()
        #expect(try Binary.example("/bin/bash", ["Examples/parallel/run.sh", "Examples/slurm/sweep.yaml", d.path("run"), "5", "2"]) == 0)
        let whole = try Binary.run(["sweep", "--sweep", "Examples/slurm/sweep.yaml", "--out", d.path("whole.jsonl")])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try d.read("run/results.jsonl") == d.read("whole.jsonl"))
    }
}
