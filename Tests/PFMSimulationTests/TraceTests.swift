import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Cache-only semantics on hand traces whose answers libCacheSim 0.3.5 gave (see
/// Tests/interop/libcachesim_compare.py for the randomised comparison).
@Suite("Cache-only simulator")
struct CacheOnlyTests {
    /// Hits per request of `trace` (object name, size) at `capacity`.
    func hits(_ policy: CacheOnlyPolicy, _ capacity: UInt64, _ trace: [(String, UInt64)]) -> [Int] {
        var ids: [String: Int] = [:]
        var sim = CacheOnlySimulator(policy: policy, capacityBytes: capacity)
        return trace.map { name, size in
            let id = ids[name] ?? ids.count
            ids[name] = id
            return sim.access(id, bytes: size) ? 1 : 0
        }
    }

    @Test func policiesMatchLibCacheSimOnHandTraces() {
        let abacba: [(String, UInt64)] = [("a", 10), ("b", 10), ("a", 10), ("c", 10), ("b", 10), ("a", 10)]
        #expect(hits(.lru, 20, abacba) == [0, 0, 1, 0, 0, 0])
        #expect(hits(.fifo, 20, abacba) == [0, 0, 1, 0, 1, 0])
        #expect(hits(.lfu, 20, abacba) == [0, 0, 1, 0, 0, 1])
        // LFU ties go to the least recently accessed.
        #expect(hits(.lfu, 20, [("a", 10), ("b", 10), ("b", 10), ("a", 10), ("c", 10), ("a", 10), ("b", 10)]) == [0, 0, 1, 1, 0, 1, 0])
        #expect(hits(.lfu, 20, [("a", 10), ("b", 10), ("a", 10), ("b", 10), ("c", 10), ("a", 10), ("b", 10)]) == [0, 0, 1, 1, 0, 0, 1])
        // LFU counts restart at 1 on reload.
        let reload: [(String, UInt64)] = [("a", 10), ("a", 10), ("a", 10), ("b", 10), ("b", 10), ("c", 10), ("b", 10), ("c", 10),
                                          ("c", 10), ("c", 10), ("d", 10), ("b", 10)]
        #expect(hits(.lfu, 20, reload) == [0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0])
        // Several evictions for one large object; equality fits.
        #expect(hits(.lru, 30, [("a", 10), ("b", 10), ("c", 10), ("d", 25), ("a", 10)]) == [0, 0, 0, 0, 0])
        #expect(hits(.fifo, 30, [("a", 10), ("b", 10), ("c", 10), ("a", 10), ("d", 25), ("c", 10)]) == [0, 0, 0, 1, 0, 0])
        #expect(hits(.lru, 20, [("a", 10), ("b", 10), ("a", 10), ("b", 10)]) == [0, 0, 1, 1])
        #expect(hits(.lru, 20, [("a", 20), ("a", 20)]) == [0, 1])
    }

    @Test func objectLargerThanTheCacheIsAMissAndEvictsNothing() {
        var sim = CacheOnlySimulator(policy: .lru, capacityBytes: 20)
        sim.access(0, bytes: 10)
        let big = sim.access(1, bytes: 30)
        let again = sim.access(0, bytes: 10)
        #expect(!big && again)
        let r = sim.result
        #expect(r.requests == 3 && r.hits == 1 && r.tooLarge == 1 && r.evictions == 0)
        #expect(r.bytesRequested == 50 && r.bytesMissed == 40)
        #expect(r.objectMissRatio == 1 - 1.0 / 3 && r.byteMissRatio == 1 - 10.0 / 50)
    }

    /// The O(1) structures against a naive reference (arrays scanned linearly) on random traces.
    @Test(arguments: [CacheOnlyPolicy.lru, .fifo, .lfu])
    func agreesWithNaiveReference(policy: CacheOnlyPolicy) {
        var g = SplitMix64(seed: 5)
        let sizes = (0..<60).map { _ in UInt64(1 + g.below(50)) }
        for capacity: UInt64 in [1, 40, 120, 400] {
            var sim = CacheOnlySimulator(policy: policy, capacityBytes: capacity)
            // Reference: (object, count, lastAccess, inserted) for resident objects.
            var resident: [(o: Int, count: Int, last: Int, inserted: Int)] = []
            var used: UInt64 = 0
            for step in 0..<20_000 {
                let o = min(59, Int(60 * g.unit() * g.unit()))
                let hit = sim.access(o, bytes: sizes[o])
                var refHit = false
                if let i = resident.firstIndex(where: { $0.o == o }) {
                    refHit = true
                    resident[i].count += 1
                    resident[i].last = step
                } else if sizes[o] <= capacity {
                    while used + sizes[o] > capacity {
                        let v: Int
                        switch policy {
                        case .lru: v = resident.indices.min { resident[$0].last < resident[$1].last }!
                        case .fifo: v = resident.indices.min { resident[$0].inserted < resident[$1].inserted }!
                        default: v = resident.indices.min { (resident[$0].count, resident[$0].last) < (resident[$1].count, resident[$1].last) }!
                        }
                        used -= sizes[resident[v].o]
                        resident.remove(at: v)
                    }
                    resident.append((o, 1, step, step))
                    used += sizes[o]
                }
                #expect(hit == refHit)
                if hit != refHit { return }
            }
            #expect(sim.usedBytes == used)
        }
    }
}

@Suite("Trace replay")
struct TraceReplayTests {
    func temp(_ text: String, _ name: String = "t.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func readAll(_ path: String, skip: Int = 0, keys: TraceReader.Keys) throws(DiagnosticError) -> ([TraceRecord], [Diagnostic]) {
        final class Box: @unchecked Sendable { var warnings: [Diagnostic] = [] }
        let box = Box()
        var r = try TraceReader(path: path, skipBadLines: skip, warn: { box.warnings.append($0) }, keys: { _ in keys })
        var out: [TraceRecord] = []
        while let x = try r.next() { out.append(x) }
        return (out, box.warnings)
    }

    let services = TraceReader.Keys.known(["s0": 0, "s1": 1], what: "service")

    @Test func readsBothFormatsWithCRLFBlankLinesAndExtraColumns() throws {
        let p = try temp("time_s,service,tokens_in,tokens_out,user\r\n0.5,s0,10,20,x\r\n\r\n1e1, s1 ,0,0,y\n10,s0,1,1,z")
        let (records, warnings) = try readAll(p, keys: services)
        #expect(records.map(\.time) == [0.5, 10, 10])
        #expect(records.map(\.key) == [0, 1, 0])
        #expect(records.map(\.line) == [2, 4, 5])
        #expect(warnings.count == 2)
        #expect(warnings[0].description.contains("tokens_in and tokens_out are checked but not used"))
        #expect(warnings[1].description.hasPrefix("\(p):1:37: warning: column 'user' is not a pfmplan trace column"))

        let q = try temp("time,model,size_bytes\n5,a,100\n7,b,30\n9,a,100\n")
        let (objs, _) = try readAll(q, keys: .intern)
        #expect(objs.map(\.key) == [0, 1, 0])
        #expect(objs.map(\.sizeBytes) == [100, 30, 100])
    }

    @Test func badLinesNameFileLineColumnValueAndExpectation() throws {
        func firstError(_ text: String, keys: TraceReader.Keys? = nil) throws -> String {
            let p = try temp(text)
            do { _ = try readAll(p, keys: keys ?? services) } catch { return error.diagnostics[0].description.replacingOccurrences(of: p, with: "F") }
            return "no error"
        }
        #expect(try firstError("time_s,service\n1,s0\n0.5,s1\n").hasPrefix(
            "F:3:1: error: time_s: timestamps must not decrease: expected a time ≥ 1.0 (line 2), found 0.5"))
        #expect(try firstError("time_s,service\n1,s9\n").hasPrefix("F:2:3: error: service: unknown service 's9'; expected one of: s0, s1"))
        #expect(try firstError("time_s,service\nabc,s0\n").hasPrefix("F:2:1: error: time_s: expected a time in seconds, a number ≥ 0, found \"abc\""))
        #expect(try firstError("time_s,service\n-1,s0\n").contains("found \"-1\""))
        #expect(try firstError("time_s,service\n1\n").hasPrefix("F:2:2: error: service: expected 2 columns (time_s,service), found 1: service missing"))
        #expect(try firstError("time_s,service,tokens_in\n1,s0,many\n").hasPrefix("F:2:6: error: tokens_in: expected a token count, an integer ≥ 0, found \"many\""))
        #expect(try firstError("time,model,size_bytes\n1,a,0\n", keys: .intern).hasPrefix(
            "F:2:5: error: size_bytes: expected the model's resident bytes, an integer ≥ 1, found \"0\""))
        #expect(try firstError("time,model,size_bytes\n1,a,5\n2,a,6\n", keys: .intern).hasPrefix(
            "F:3:5: error: size_bytes: model 'a' had 5 bytes on line 2; expected the same size, found 6"))
        #expect(try firstError("1,s0\n").hasPrefix("F:1:1: error: expected a header line"))
        #expect(try firstError("").hasPrefix("F:1:1: error: the trace is empty"))
        let gz = try temp("")
        try Data([0x1f, 0x8b, 0x08, 0x00, 0x00]).write(to: URL(fileURLWithPath: gz))
        #expect(throws: DiagnosticError.self) { _ = try readAll(gz, keys: services) }
        do { _ = try readAll(gz, keys: services) } catch {
            #expect(error.diagnostics[0].description.contains("1:1: error: gzip-compressed traces are not supported"))
        }
    }

    @Test func skipBadLinesToleratesUpToNAndReportsEach() throws {
        let p = try temp("time_s,service\n1,s0\nx,s0\n2,s7\n3,s1\n")
        let (records, warnings) = try readAll(p, skip: 2, keys: services)
        #expect(records.map(\.time) == [1, 3])
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.message.contains("line skipped") })
        #expect(throws: DiagnosticError.self) { _ = try readAll(p, skip: 1, keys: services) }
    }

    /// Lines far longer than the read buffer, and a file of many chunks.
    @Test func streamsAcrossChunkBoundaries() throws {
        var text = "time_s,service\n"
        for i in 0..<50_000 { text += "\(Double(i) * 0.25),s\(i % 2)\n" }
        let p = try temp(text)
        let (records, _) = try readAll(p, keys: services)
        #expect(records.count == 50_000)
        #expect(records.last?.time == 49_999 * 0.25)
        let long = try temp("time,model,size_bytes\n1,\(String(repeating: "m", count: 200_000)),5\n")
        let (one, _) = try readAll(long, keys: .intern)
        #expect(one.count == 1)
    }

    /// The reader's allocation-free path parses times itself (exact decimal → Double); every value
    /// must equal what `Double(String)` gives, and a line must read the same through either path
    /// (blanks around fields send a line down the general path).
    @Test func fastPathReadsExactlyWhatTheGeneralPathReads() throws {
        var g = SplitMix64(seed: 7)
        var texts: [String] = []
        for i in 0..<60_000 {
            switch i % 4 {
            case 0:   // shortest round-trip text of a random time, as `trace generate` writes
                texts.append("\(Double(g.next() >> 11) * 0x1.0p-53 * pow(10, Double(g.below(12)) - 3))")
            case 1:   // up to 19 significant digits, up to 27 after the point
                let digits = String((0..<(1 + g.below(19))).map { _ in Character(String(g.below(10))) })
                let point = g.below(digits.count + 1)
                let frac = String(digits.dropFirst(point))
                texts.append((point == 0 ? "0" : String(digits.prefix(point))) + (frac.isEmpty ? "" : "." + frac))
            case 2:   // 16–19 digits, a hard case for a naive parser, near halfway points
                let m = 1_000_000_000_000_000 + g.below(8_999_999_999_999_999)
                let s = String(m)
                let point = 1 + g.below(s.count - 1)
                texts.append(String(s.prefix(point)) + "." + String(s.dropFirst(point)))
            default:  // small fixed-point times, as libCacheSim-format traces and hand-written logs have
                texts.append(String(format: "%.\(g.below(10))f", Double(g.below(1 << 40)) / 1e6))
            }
        }
        let values = texts.map { Double($0)! }
        var ordered = Array(zip(texts, values))
        ordered.sort { $0.1 < $1.1 }
        let fast = try temp("time_s,service\n" + ordered.enumerated().map { "\($1.0),s\($0 % 2)" }.joined(separator: "\n"))
        let general = try temp("time_s,service\n" + ordered.enumerated().map { " \($1.0) , s\($0 % 2) " }.joined(separator: "\n"))
        let (a, _) = try readAll(fast, keys: services)
        let (b, _) = try readAll(general, keys: services)
        #expect(a.count == ordered.count && b.count == ordered.count)
        let wrong = zip(a, ordered).filter { $0.time.bitPattern != $1.1.bitPattern }.map { "\($1.0) read as \($0.time)" }
        #expect(wrong.isEmpty, "\(wrong.count) times differ from Double(String), e.g. \(wrong.prefix(3))")
        #expect(zip(a, b).allSatisfy { $0 == $1 }, "the fast and general paths disagree")
    }

    /// Writing the generated arrivals and replaying them gives the simulation of the same arrivals.
    @Test func generatedTraceReplaysExactly() throws {
        let text = TestCatalogs.text(models: 4, slots: 2.5, rates: [0.3, 0.2, 0.1, 0.05])
        let catalog = try TestCatalogs.catalog(text)
        let setup = try TestCatalogs.setup(text)
        let run = RunConfig(requests: 3000, warmupS: 50, seed: 11)
        var source = try Simulation.arrivals(setup, run)
        let path = try temp("", "gen.csv")
        let summary = try TraceWriter.write(&source, setup: setup, format: .pfmplan, measured: 3000, warmupS: 50, to: path)
        #expect(summary.requests - summary.warmup == 3000)
        let traceSetup = try TraceReplay.setup(catalog: catalog, workload: catalog.workloads[0], config: setup.config, name: "trace")
        for policy in [PolicyName.lc, .lru, .fifo, .lfu, .belady] {
            let direct = try Simulation.run(policy, setup: setup, run: run)
            var replayRun = run
            replayRun.requests = nil
            let replay = try TraceReplay.run(policy, setup: traceSetup, run: replayRun, path: path, skipBadLines: 0, warn: { _ in })
            #expect(replay.requests == direct.requests && replay.loads == direct.loads && replay.evictions == direct.evictions)
            #expect(replay.latency == direct.latency && replay.cost == direct.cost, "\(policy)")
        }
        // libCacheSim format: one line per model per request; cache-only replays of both formats agree.
        var again = try Simulation.arrivals(setup, run)
        let lcs = try temp("", "gen-lcs.csv")
        _ = try TraceWriter.write(&again, setup: setup, format: .libcachesim, measured: 3000, warmupS: 50, to: lcs)
        let objects = CacheOnlyReplay.serviceObjects(setup)
        let a = try CacheOnlyReplay.run(path: path, policies: [.lru, .lfu], capacityBytes: 2_000_000_000, seed: 1,
                                        services: (setup.serviceIds, objects), skipBadLines: 0, warn: { _ in })
        let b = try CacheOnlyReplay.run(path: lcs, policies: [.lru, .lfu], capacityBytes: 2_000_000_000, seed: 1,
                                        services: nil, skipBadLines: 0, warn: { _ in })
        #expect(a.map(\.hits) == b.map(\.hits) && a.map(\.bytesHit) == b.map(\.bytesHit))
        #expect(a[0].requests == summary.requests)
    }

    /// Issue 19: `trace generate` wrote times its own reader rejects. An arrival at a time that is
    /// not finite ends the write with an error naming it; no trace and no temporary file remain.
    @Test func writerRefusesNonFiniteTimes() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 2, slots: 2, rates: [0.3, 0.2]))
        let path = try temp("", "gen.csv")
        try FileManager.default.removeItem(atPath: path)
        for bad in [Double.infinity, .nan] {
            var source = ArrivalList([Arrival(time: 1, service: 0), Arrival(time: 2, service: 1), Arrival(time: bad, service: 0)])
            #expect {
                _ = try TraceWriter.write(&source, setup: setup, format: .pfmplan, measured: nil, warmupS: 0, to: path)
            } throws: { error in
                "\(error)".contains("arrival 3 is at \(bad) s, which a trace cannot hold")
            }
            let dir = (path as NSString).deletingLastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "no trace and no temporary file")
        }
    }
}
