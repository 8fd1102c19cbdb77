import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Active caching worked out by hand (pfmplan-model(7), ACTIVE CACHING).
@Suite("Active caching: worked examples")
struct ActiveCachingTests {
    /// Three 1 GB models (load 1 s, service 0.1 s), room for two and a half. Before t = 30 s the
    /// workload asks for s0 and s1 at 1/s each; from 30 s for s0 and s2. Known-profile demand,
    /// decisions every 5 s.
    static func text(demand: String = "profile") -> String {
        TestCatalogs.text(models: 3, slots: 2.5, rates: [1, 1, 0], inContext: false) + """
                popularity_shifts:
                  - at_s: 30
                    mix:
                      - {service: s0, rate_per_s: 1}
                      - {service: s2, rate_per_s: 1}
            caching:
              demand: \(demand)
              half_life_s: 10
              interval_s: 5
              post_shift_window_s: 20
              partial_fractions: [0.25, 0.5, 0.75]

            """
    }

    static let arrivals = TestCatalogs.arrivals([(0, 0), (1, 1), (10, 0), (20, 1), (24, 0), (32, 2), (33, 0), (40, 2)])

    static func run(_ caching: CachingMode, demand: String = "profile") throws -> SimulationResult {
        let c = try TestCatalogs.catalog(text(demand: demand))
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
            accelerator: "box", count: 1, precision: "int8", maxBatch: 1, admission: .alwaysEdge, caching: caching))
        return Simulation.simulate(LeastRecentlyUsed(), setup, RunConfig(durationS: 50), arrivals: arrivals)
    }

    /// Passive LRU: m0 loads at 0 (1.1 s), m1 from 1 in the background (1.1 s), hits at 10, 20, 24; at
    /// 32 s2 misses and evicts m1 (used at 20): 1.1 s; s0 at 33 waits until 33.1: 0.2 s; s2 at 40: 0.1 s.
    /// Active: at the tick of 25 s m2's rate one interval ahead (30 s) is 1/s, but m1 is still
    /// wanted now (1/s), so nothing moves. At the tick of 30 s m2's benefit is 1/s × 1 s = 1 and
    /// m1's is 0 now and ahead: m1 is evicted and m2 preloaded from 30 to 31 s, in the background.
    /// Every request after the shift is a hit: 0.1 s.
    @Test func profilePreloadsBeforeTheShift() throws {
        let passive = try Self.run(.passive)
        let active = try Self.run(.active)
        #expect(passive.loads == 3 && passive.evictions == 1)
        #expect(passive.preloads == nil && passive.caching == nil)
        let after = try #require(passive.postShiftLatency)
        #expect(abs(after.max - 1.1) < 1.1 * LatencyHistogram.relativeError)
        #expect(abs(after.mean - (1.1 + 0.2 + 0.1) / 3) < 1e-3)

        #expect(active.caching == "active")
        #expect(active.loads == 2 && active.preloads == 1 && active.evictions == 1)
        #expect(abs((active.preloadSeconds ?? 0) - 1.0) < 1e-12)
        #expect(active.models.map(\.preloads) == [0, 0, 1])
        let activeAfter = try #require(active.postShiftLatency)
        #expect(abs(activeAfter.max - 0.1) < 0.1 * LatencyHistogram.relativeError)
        #expect(abs(active.latency.mean - (1.1 + 1.1 + 6 * 0.1) / 8) < 1e-3)
        // What it paid: one preload is one switch (λ = 1) and 1 s of engine time, like a load.
        // 3 switches either way here, so the switching cost per request is the same: 3/8.
        #expect(abs(active.cost.switchingCost - 3.0 / 8) < 1e-12)
        #expect(abs(passive.cost.switchingCost - 3.0 / 8) < 1e-12)
        // Busy time: the 8 passes either way (loads and preloads copy over the links, not as passes).
        #expect(abs(active.busyFraction - passive.busyFraction) < 1e-12)
    }

    /// The EWMA predicts from arrivals only: with one request every ten seconds and a 10 s
    /// half-life, no model reaches one expected request per 5 s interval (the largest count,
    /// m0's 1 + 2^-1 + 2^-1.4 ≈ 1.88 at 24 s, is a rate of 1.88·ln 2/10 = 0.13/s, 0.65 per
    /// interval), so nothing is preloaded and the run equals the passive one.
    @Test func ewmaWithSparseArrivalsDoesNothing() throws {
        let passive = try Self.run(.passive, demand: "ewma")
        let active = try Self.run(.active, demand: "ewma")
        #expect(active.preloads == 0)
        #expect(active.loads == passive.loads)
        #expect(active.latency == passive.latency)
    }

    /// Composes with every policy; the cloud baseline has nothing to preload for.
    @Test(arguments: [PolicyName.lc, .lfu, .lru, .fifo, .random, .belady, .cloud])
    func composesWithEveryPolicy(_ policy: PolicyName) throws {
        let c = try TestCatalogs.catalog(Self.text())
        var w = c.workloads[0]
        w.durationS = 200
        let setup = try CompiledSetup(catalog: c, workload: w, config: ServerConfig(
            accelerator: "box", count: 1, precision: "int8", maxBatch: 1, admission: .alwaysEdge, caching: .active))
        let r = try Simulation.run(policy, setup: setup, run: RunConfig(durationS: 200, seed: 3))
        #expect(r.requests > 0)
        #expect(r.peakMemoryGiB <= r.usableMemoryGiB * (1 + 1e-9))
        if policy == .cloud { #expect(r.preloads == nil) } else { #expect((r.preloads ?? 0) >= 1, "\(policy)") }
    }

    @Test func activeWithoutTheCatalogSectionIsAnError() throws {
        let c = try TestCatalogs.catalog(TestCatalogs.text())
        #expect(throws: SetupError.self) {
            try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
                accelerator: "box", precision: "int8", maxBatch: 1, admission: .alwaysEdge, caching: .active))
        }
    }
}
