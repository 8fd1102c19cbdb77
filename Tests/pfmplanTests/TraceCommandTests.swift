import Foundation
import Testing

@Suite("Trace replay: the real binary")
struct TraceCommandTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-trace-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `trace generate` then `simulate --trace --warmup W` prints what `simulate` printed, bar the
    /// workload's name and the seed (which only the random policy reads).
    @Test func generateThenReplayMatchesSimulate() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("m.csv").path
        let g = try Binary.run(["trace", "generate", "--workload", "metaverse", "--requests", "1500", "--seed", "5", "--out", trace])
        #expect(g.status == 0, "\(g.stderr)")
        #expect(g.stderr.contains("replay with --warmup 300.0"))
        let direct = try Binary.run(["simulate", "--accelerator", "l40s", "--requests", "1500", "--seed", "5", "--policies", "lc,lru", "--format", "csv"])
        let replay = try Binary.run(["simulate", "--accelerator", "l40s", "--trace", trace, "--warmup", "300", "--seed", "5",
                                     "--policies", "lc,lru", "--format", "csv"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.replacingOccurrences(of: "trace:m.csv", with: "metaverse") == direct.stdout)

        let lcs = dir.appendingPathComponent("m-lcs.csv").path
        let h = try Binary.run(["trace", "generate", "--workload", "metaverse", "--requests", "1500", "--seed", "5", "--out", lcs,
                                "--format", "libcachesim", "--accelerator", "l40s"])
        #expect(h.status == 0, "\(h.stderr)")
        let text = try String(contentsOfFile: lcs, encoding: .utf8)
        #expect(text.hasPrefix("time,model,size_bytes\n"))
        // Both formats, replayed as a cache, give the same counts.
        let a = try Binary.run(["simulate", "--trace", trace, "--cache-only", "--capacity-bytes", "30000000000", "--accelerator", "l40s",
                                "--policies", "lru,fifo,lfu", "--format", "csv"])
        let b = try Binary.run(["simulate", "--trace", lcs, "--cache-only", "--capacity-bytes", "30000000000",
                                "--policies", "lru,fifo,lfu", "--format", "csv"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.hasPrefix("policy,capacity_bytes,requests,hits,misses,object_miss_ratio,bytes_requested,bytes_missed,byte_miss_ratio"))
        let json = try Binary.run(["simulate", "--trace", lcs, "--cache-only", "--capacity-bytes", "30000000000", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["cache_only"] as? [[String: Any]])?.first?["policy"] as? String == "lru")
    }

    @Test func badTraceExitsOneWithPositionAndSkipBadLinesWarns() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("bad.csv")
        try "time_s,service\n1,qa\n2,no-such-service\n3,qa\n".write(to: f, atomically: true, encoding: .utf8)
        let r = try Binary.run(["simulate", "--accelerator", "l40s", "--trace", f.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.csv:3:3: error: service: unknown service 'no-such-service'; expected one of:"), "\(r.stderr)")
        let s = try Binary.run(["simulate", "--accelerator", "l40s", "--trace", f.path, "--skip-bad-lines", "1", "--format", "csv"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stderr.contains("bad.csv:3:3: warning: service: unknown service"))
        let c = try Binary.run(["simulate", "--trace", f.path, "--cache-only", "--capacity-bytes", "100", "--policy", "lc"])
        #expect(c.status == 64)
        let missing = try Binary.run(["simulate", "--trace", dir.appendingPathComponent("nope.csv").path, "--cache-only", "--capacity-bytes", "9"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot open the trace"))
    }

    /// pfmplan's cache-only replay against libCacheSim (installed from PyPI by the script; skipped
    /// with a message when it cannot be installed): the miss ratios must be equal exactly.
    @Test func cacheOnlyAgreesWithLibCacheSim() throws {
        let script = Binary.repoRoot.appendingPathComponent("Tests/interop/libcachesim_compare.py")
        guard let python = which("python3") ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("SKIPPED cacheOnlyAgreesWithLibCacheSim: no python3")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script.path, Binary.url.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if p.terminationStatus == 77 {
            print("SKIPPED cacheOnlyAgreesWithLibCacheSim: \(text)")
            return
        }
        print(text)
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("60 comparisons, 0 mismatches"))
    }

    /// man/pfmplan-trace.5 exists and renders without groff warnings (skipped where groff is absent).
    @Test func tracePageRenders() throws {
        let page = Binary.repoRoot.appendingPathComponent("man/pfmplan-trace.5")
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains(".TH PFMPLAN-TRACE 5"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        p.arguments = ["-ww", "-z", "-man", page.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == "")
    }

    func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
