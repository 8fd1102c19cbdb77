import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

@Suite("Engine: worked examples")
struct WorkedExampleTests {
    /// Two 1 GB models, a one-model cache, a fixed arrival sequence: every load and latency by hand.
    /// Load = 1 GB / 1 GB/s = 1 s; service = 100 GFLOP / 1 TFLOPS = 0.1 s; network 0.
    @Test func oneSlotCacheLoadsAndLatencies() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 2, slots: 1.5))
        let arrivals = TestCatalogs.arrivals([(0, 0), (10, 1), (20, 0), (30, 0), (40, 1)])
        for policy in [PolicyName.lc, .lfu, .lru, .fifo, .random, .belady] {
            let r = try run(policy, setup, arrivals)
            #expect(r.loads == 4, "\(policy)")
            #expect(r.evictions == 3, "\(policy)")
            #expect(r.edge == 5 && r.offloaded == 0)
            // four misses at 1.1 s and one hit at 0.1 s
            #expect(abs(r.latency.mean - (4 * 1.1 + 0.1) / 5) < 1e-3, "\(policy) mean \(r.latency.mean)")
            #expect(abs(r.latency.max - 1.1) < 1.1 * LatencyHistogram.relativeError)
            #expect(abs(r.hitRatio - 0.2) < 1e-12)
        }
    }

    /// Three models, two slots, arrivals A B A C B (10 s apart): the policies disagree, as worked out
    /// in the comments.
    @Test func policiesDisagreeAsWorkedOut() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 3, slots: 2.5))
        let arrivals = TestCatalogs.arrivals([(0, 0), (10, 1), (20, 0), (30, 2), (40, 1)])
        // LRU: at C evicts B (A used at 20), at B evicts A → loads A B C B.
        #expect(try run(.lru, setup, arrivals).loads == 4)
        // FIFO: at C evicts A (loaded first), B then hits → loads A B C.
        #expect(try run(.fifo, setup, arrivals).loads == 3)
        // LFU: A has 2 uses, B 1 → evicts B; then C (1 use, newer) vs A (2) → evicts C → 4 loads.
        #expect(try run(.lfu, setup, arrivals).loads == 4)
        // Belady: at C, A is never used again, B at 40 → evicts A; B hits → 3 loads.
        #expect(try run(.belady, setup, arrivals).loads == 3)
        // LC with half-life 10 s: at 30, κ_A = (1·2^-2 + 1)·2^-1 = 0.625 > κ_B = 2^-2 = 0.25 → evicts B;
        // at 40, κ_A = 0.3125 < κ_C = 0.5 → evicts A → 4 loads.
        let lc = try run(.lc, setup, arrivals)
        #expect(lc.loads == 4)
        #expect(lc.models.map(\.evictions) == [1, 1, 0])
        // Latency of the last request under FIFO is a hit: 0.1 s.
        let fifo = try run(.fifo, setup, arrivals)
        #expect(abs(fifo.latency.mean - (3 * 1.1 + 2 * 0.1) / 5) < 1e-3)
    }

    /// With all contexts equal, LC falls back to its tie-break: the least recently used.
    @Test func lcTieBreakIsLeastRecentlyUsed() throws {
        // Models without in-context learning: every context is exactly zero.
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 3, slots: 2.5, inContext: false))
        let arrivals = TestCatalogs.arrivals([(0, 0), (10, 1), (20, 0), (30, 2), (40, 1)])
        let lc = try run(.lc, setup, arrivals)
        let lru = try run(.lru, setup, arrivals)
        #expect(lc.loads == lru.loads)
        #expect(lc.models.map(\.evictions) == lru.models.map(\.evictions))
    }

    @Test func cloudNeverLoads() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text())
        let r = try run(.cloud, setup, TestCatalogs.arrivals([(0, 0), (1, 1), (2, 2)]))
        #expect(r.loads == 0 && r.edge == 0 && r.offloaded == 3)
        #expect(r.peakMemoryGiB == 0)
        #expect(r.cost.switchingCost == 0 && r.cost.edgeExecutionRatio == 0)
        // cloud latency: rtt 0.1 + serving 0.1 (no payload)
        #expect(abs(r.latency.p50 - 0.2) < 0.2 * LatencyHistogram.relativeError)
    }

    /// Queueing by hand: two requests for the resident model arrive together; the second waits.
    @Test func fifoQueueWait() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 1, slots: 1.5))
        let r = try run(.lru, setup, TestCatalogs.arrivals([(0, 0), (5, 0), (5, 0)]))
        // 1.1 (load + serve), then 0.1 and 0.2 (waits 0.1 behind the first)
        #expect(abs(r.latency.mean - (1.1 + 0.1 + 0.2) / 3) < 1e-3)
        #expect(r.loads == 1)
    }

    /// Batching: with max_batch 2, two queued requests of one service run together.
    @Test func batchingServesQueuedRequestsTogether() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 1, slots: 1.5), batch: 2)
        // First request loads the model (busy until 1.1); two more arrive meanwhile and run as one batch:
        // service for b = 2 is max(2 · 0.1, 0.01) = 0.2 s, so both finish at 1.3.
        let r = try run(.lru, setup, TestCatalogs.arrivals([(0, 0), (0.5, 0), (0.6, 0)]))
        let expected = (1.1 + (1.3 - 0.5) + (1.3 - 0.6)) / 3
        #expect(abs(r.latency.mean - expected) < 1e-3)
    }

    func run(_ p: PolicyName, _ setup: CompiledSetup, _ arrivals: [Arrival]) throws -> SimulationResult {
        let run = RunConfig(durationS: 100, warmupS: 0, seed: 7)
        switch p {
        case .lc: return Simulation.simulate(LeastContext(), setup, run, arrivals: arrivals)
        case .lfu: return Simulation.simulate(LeastFrequentlyUsed(), setup, run, arrivals: arrivals)
        case .lru: return Simulation.simulate(LeastRecentlyUsed(), setup, run, arrivals: arrivals)
        case .fifo: return Simulation.simulate(FirstInFirstOut(), setup, run, arrivals: arrivals)
        case .random: return Simulation.simulate(RandomEviction(seed: 7), setup, run, arrivals: arrivals)
        case .randomCache: return Simulation.simulate(RandomCache(seed: 7), setup, run, arrivals: arrivals)
        case .cloud: return Simulation.simulate(CloudOnly(), setup, run, arrivals: arrivals)
        case .belady: return Simulation.simulate(Belady(), setup, run, arrivals: arrivals)
        }
    }
}

@Suite("Engine: properties")
struct EnginePropertyTests {
    static let catalog = try! CatalogLoader.loadDefault()

    static func defaultSetup(_ acc: String = "l40s", precision: String = "fp16") throws -> CompiledSetup {
        try CompiledSetup(catalog: catalog, workload: catalog.workload("metaverse")!,
                          config: ServerConfig(accelerator: acc, count: 1, precision: precision, maxBatch: 8, admission: .sloAware))
    }

    @Test(arguments: PolicyName.allCases)
    func conservation(policy: PolicyName) throws {
        // A 24 GB card forces evictions.
        let setup = try Self.defaultSetup("a10", precision: "int8")
        let r = try Simulation.run(policy, setup: setup, run: RunConfig(durationS: 2000, warmupS: 200, seed: 3))
        #expect(r.edge + r.offloaded == r.requests)
        #expect(r.services.reduce(0) { $0 + $1.edge + $1.offloaded } == r.requests)
        #expect(r.loads == r.evictions + r.residentAtEnd - r.residentAtStart)
        #expect(r.peakMemoryGiB <= r.usableMemoryGiB + 1e-9)
        if let a = r.meanAccuracy { #expect(a >= 0 && a <= 100) }
        if policy == .cloud { #expect(r.loads == 0 && r.edge == 0) }
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentNumbers() throws {
        let setup = try Self.defaultSetup("a10", precision: "int8")
        let a = try Simulation.run(.lc, setup: setup, run: RunConfig(durationS: 1000, seed: 11))
        let b = try Simulation.run(.lc, setup: setup, run: RunConfig(durationS: 1000, seed: 11))
        let c = try Simulation.run(.lc, setup: setup, run: RunConfig(durationS: 1000, seed: 12))
        #expect(a == b)
        #expect(a.requests != c.requests || a.latency != c.latency)
    }

    /// Belady never loads more than lru, fifo or lfu on equal-size models, unit batch, always-edge.
    @Test(arguments: 1...12)
    func beladyIsABound(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed))
        let models = 3 + g.below(5)
        let slots = 1.5 + Double(g.below(models - 1))
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: models, slots: slots))
        var t = 0.0
        var arrivals: [Arrival] = []
        for _ in 0..<400 {
            t += g.exponential(rate: 0.2)
            // skewed popularity
            let s = min(models - 1, Int(Double(models) * g.unit() * g.unit()))
            arrivals.append(Arrival(time: t, service: Int32(s)))
        }
        let run = RunConfig(durationS: t + 1, seed: UInt64(seed))
        let belady = Simulation.simulate(Belady(), setup, run, arrivals: arrivals).loads
        for other in [Simulation.simulate(LeastRecentlyUsed(), setup, run, arrivals: arrivals).loads,
                      Simulation.simulate(FirstInFirstOut(), setup, run, arrivals: arrivals).loads,
                      Simulation.simulate(LeastFrequentlyUsed(), setup, run, arrivals: arrivals).loads,
                      Simulation.simulate(LeastContext(), setup, run, arrivals: arrivals).loads] {
            #expect(belady <= other)
        }
    }

    /// Exponential context: after n requests Δt apart, κ = Σ_{i<n} 2^(−iΔt/h); eviction resets it.
    @Test func contextMatchesClosedFormAndResetsOnEviction() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 2, slots: 1.5, halfLife: "exponential\n  half_life_s: 7"))
        var engine = ServerEngine(setup: setup, policy: LeastRecentlyUsed(), run: RunConfig(durationS: 1000))
        let dt = 3.0, n = 6
        var list = ArrivalList((0..<n).map { Arrival(time: Double($0) * dt, service: 0) })
        _ = engine.simulate(&list)
        let tEnd = Double(n - 1) * dt
        // The first request is served (and becomes an example) when the model's load ends.
        let load = setup.serverPlan.loadSeconds(model: 0, group: 0)
        let expected = (0..<n).reduce(0.0) { $0 + pow(2, -(tEnd - max(Double($1) * dt, load)) / 7) }
        let slot = Int(setup.modelSlots[0][0])
        #expect(abs(engine.residency.caches[0].context(slot: slot, at: tEnd) - expected) < 1e-9)
        // A request for the other model evicts model 0 and deletes its context.
        engine.advance(to: tEnd + 1, decisions: false)
        engine.arrive(1, at: tEnd + 1, measured: true)
        engine.advance(to: .infinity, decisions: false)
        #expect(engine.residency.caches[0].context(of: 0, at: tEnd + 2) == 0)
    }

    @Test func windowAndLinearUtilities() throws {
        // The first request is served when its 1 s load ends, so its example is added at 1 s.
        for (u, expected) in [("window\n  window_s: 10", 2.0), ("linear\n  drain_per_s: 0.1", max(0, max(0, max(0, 1 - 0.3) + 1 - 0.4) + 1 - 0.4) + 0)] {
            let setup = try TestCatalogs.setup(TestCatalogs.text(models: 1, slots: 1.5, halfLife: u))
            var engine = ServerEngine(setup: setup, policy: LeastRecentlyUsed(), run: RunConfig(durationS: 1000))
            var list = ArrivalList([0.0, 4, 8, 12].map { Arrival(time: $0, service: 0) })
            _ = engine.simulate(&list)
            // window: examples at 4, 8 are younger than 10 s at t = 12.4 (the one at 12 is added at dispatch 12)
            let slot = Int(setup.modelSlots[0][0])
            let k = engine.residency.caches[0].context(slot: slot, at: 12)
            if u.hasPrefix("window") { #expect(k == 3, "examples at 4, 8, 12") } else { #expect(abs(k - (expected + 1)) < 1e-9) }
        }
    }
}

@Suite("Latency histogram")
struct LatencyHistogramTests {
    /// `quantiles` (one pass, used for every report) gives exactly what `quantile` gives per q, and
    /// stays within the stated relative error of the exact sample quantile.
    @Test(arguments: [LatencyHistogram.subBucketBits, 6, 3])
    func quantilesInOnePassMatchOneAtATime(bits: Int) {
        var g = SplitMix64(seed: UInt64(bits))
        for n in [0, 1, 2, 7, 100, 5_000] {
            var h = LatencyHistogram(bits: bits)
            var values: [Double] = []
            for _ in 0..<n {
                let v = g.exponential(rate: 2) + (g.below(10) == 0 ? 30 : 0)   // seconds, with a slow tail
                values.append(v)
                h.record(seconds: v)
            }
            for (a, b, c) in [(0.5, 0.95, 0.99), (0.0, 0.5, 1.0), (0.9, 0.9, 0.99)] {
                let q = h.quantiles(a, b, c)
                #expect([q.0, q.1, q.2] == [h.quantile(a), h.quantile(b), h.quantile(c)], "n \(n), bits \(bits)")
            }
            if n > 0 {
                values.sort()
                let exact = values[max(0, Int((0.95 * Double(n)).rounded(.up)) - 1)]
                let err = 1.0 / Double(1 << bits)
                #expect(abs(h.quantile(0.95) - exact) <= exact * err + 1e-6, "n \(n), bits \(bits)")
            }
        }
    }

    /// A set's summary read in place (only the rows in use, stopping early) is exactly what a copy
    /// of the histogram gives: the quantiles, mean, maximum and the share at or below a limit,
    /// including limits below, inside and above the values, and empty histograms.
    @Test(arguments: [LatencyHistogram.subBucketBits, 6, 3])
    func setSummaryInPlaceMatchesACopy(bits: Int) {
        var g = SplitMix64(seed: 7 + UInt64(bits))
        var set = HistogramSet(count: 5, bits: bits)
        for _ in 0..<20_000 {
            let h = g.below(4)   // histogram 4 stays empty
            let v = h == 0 ? 0.25 : g.exponential(rate: Double(h + 1)) + (g.below(50) == 0 ? 40 : 0)
            set.record(seconds: v, in: h)
        }
        #expect(!set.rows.isEmpty && set.rows.count < LatencyHistogram.slotCount(bits: bits), "only the rows in use are scanned")
        for h in 0..<5 {
            let copy = set.histogram(h)
            for limit in [0, 1e-4, 0.25, 0.3, 1, 39.9, 45, 1e6] {
                let (s, share) = set.summary(h, atOrBelow: limit)
                #expect(s == LatencySummary(copy), "histogram \(h), bits \(bits)")
                #expect(share == copy.fraction(atOrBelow: limit), "histogram \(h), limit \(limit), bits \(bits)")
            }
        }
    }

    /// Large engine arrays come from zeroed pages that are only touched when used: they read as
    /// zero, take a non-zero fill, and are aligned to a cache line.
    @Test func fixedArraysStartZeroAndAligned() {
        for count in [0, 1, 1_000, 1_100_000] {
            let zero = FixedArray<UInt64>(repeating: 0, count: count)
            let seven = FixedArray<Double>(repeating: 7, count: count)
            #expect(zero.allSatisfy { $0 == 0 } && seven.allSatisfy { $0 == 7 }, "count \(count)")
            #expect(UInt(bitPattern: zero.base) % 64 == 0 && UInt(bitPattern: seven.base) % 64 == 0)
            if count > 0 { zero[count - 1] = 3; #expect(zero[count - 1] == 3 && zero.reduce(0, +) == 3) }
        }
    }
}
