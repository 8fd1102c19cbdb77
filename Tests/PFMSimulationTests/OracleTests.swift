import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// The engine and the cache-only simulator against analytic results (man/pfmplan-model(7),
/// VALIDATION). Each test prints its measured error, which the man page quotes.
@Suite("Analytic oracles")
struct OracleTests {
    /// M/D/1: one model always resident, Poisson arrivals, fixed service time S = 0.1 s, batch 1,
    /// no network. Mean wait = mean latency − S must match Pollaczek–Khinchine,
    /// W = ρS / (2(1 − ρ)), within 2%.
    @Test(arguments: [0.3, 0.6, 0.85])
    func mD1QueueWaitMatchesPollaczekKhinchine(rho: Double) throws {
        let s = 0.1
        let lambda = rho / s
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 1, slots: 1.5, rates: [lambda]))
        // The first request loads the model (1 s); the warm-up hides that transient.
        let n = rho > 0.8 ? 2_000_000 : 1_000_000
        let run = RunConfig(requests: n, warmupS: 200, seed: 42)
        let r = try Simulation.simulate(LeastRecentlyUsed(), setup, run)
        #expect(r.requests == n && r.edge == n && r.loads == 0)
        let measured = r.latency.mean - s
        let expected = rho * s / (2 * (1 - rho))
        let error = (measured - expected) / expected
        print(String(format: "oracle M/D/1 rho=%.2f: mean wait %.6f s, Pollaczek-Khinchine %.6f s, error %+.3f%% (%d requests)",
                     rho, measured, expected, 100 * error, n))
        #expect(abs(error) < 0.02, "M/D/1 at ρ = \(rho): measured \(measured), expected \(expected)")
    }

    /// Che's approximation for LRU under the independent reference model: equal-size objects, Zipf
    /// popularity p_i ∝ i^(−α); the characteristic time T solves Σ(1 − e^(−p_i T)) = C, and the
    /// hit ratio is Σ p_i (1 − e^(−p_i T)). FIFO and random share one approximation:
    /// Σ p_i T / (1 + p_i T) = C, hit ratio Σ p_i · p_i T / (1 + p_i T).
    @Test(arguments: [CacheOnlyPolicy.lru, .fifo, .random])
    func hitRatioMatchesChesApproximation(policy: CacheOnlyPolicy) {
        let objects = 1000, alpha = 0.8, requests = 1_000_000
        var p = (1...objects).map { 1 / pow(Double($0), alpha) }
        let total = p.reduce(0, +)
        p = p.map { $0 / total }
        var cdf: [Double] = []
        var acc = 0.0
        for x in p { acc += x; cdf.append(acc) }
        // The same request stream for every cache size.
        var g = SplitMix64(seed: 2024)
        var stream = [Int32](repeating: 0, count: requests)
        for i in 0..<requests {
            let u = g.unit()
            var lo = 0, hi = objects - 1
            while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] < u { lo = mid + 1 } else { hi = mid } }
            stream[i] = Int32(lo)
        }
        for capacity in [25, 100, 300] {
            var sim = CacheOnlySimulator(policy: policy, capacityBytes: UInt64(capacity), seed: 9)
            for o in stream { sim.access(Int(o), bytes: 1) }
            // Skip nothing: 10^6 requests make the cold start negligible (≤ capacity misses).
            let measured = 1 - sim.result.objectMissRatio
            let lru = policy == .lru
            func occupancy(_ pi: Double, _ t: Double) -> Double {
                if lru { return 1 - exp(-pi * t) }
                let x = pi * t
                return x / (1 + x)
            }
            // Bisection on T.
            var lo = 0.0, hi = 1.0
            while p.reduce(0, { $0 + occupancy($1, hi) }) < Double(capacity) { hi *= 2 }
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if p.reduce(0, { $0 + occupancy($1, mid) }) < Double(capacity) { lo = mid } else { hi = mid }
            }
            let t = (lo + hi) / 2
            let expected = p.reduce(0) { $0 + $1 * occupancy($1, t) }
            let error = (measured - expected) / expected
            print(String(format: "oracle Che %@ capacity=%d of %d objects (Zipf %.1f): hit ratio %.5f, approximation %.5f, error %+.3f%%",
                         policy.rawValue, capacity, objects, alpha, measured, expected, 100 * error))
            #expect(abs(error) < 0.02, "\(policy) capacity \(capacity): measured \(measured), expected \(expected)")
        }
    }

    /// Exponential context with half-life h and Poisson requests at rate λ: the time-average κ is
    /// λh / ln 2. Measured at arrival instants, before the request's own +1 (PASTA), reading the
    /// engine's own κ.
    @Test func contextTimeAverageMatchesShotNoise() throws {
        let h = 5.0, lambda = 2.0
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 1, slots: 1.5, gflops: 1,
                                                             halfLife: "exponential\n  half_life_s: \(h)", rates: [lambda]))
        var engine = ServerEngine(setup: setup, policy: LeastRecentlyUsed(), run: RunConfig(durationS: 1e9))
        var empty = ArrivalList([])
        _ = engine.simulate(&empty)   // lets the policy set itself up
        var g = SplitMix64(seed: 77)
        let slot = Int(setup.modelSlots[0][0])
        let n = 1_000_000, skip = 1000
        var t = 0.0, sum = 0.0
        for i in 0..<n {
            t += g.exponential(rate: lambda)
            engine.advance(to: t, decisions: false)
            if i >= skip { sum += engine.residency.caches[0].context(slot: slot, at: t) }
            engine.arrive(0, at: t, measured: true)
        }
        let measured = sum / Double(n - skip)
        let expected = lambda * h / log(2)
        let error = (measured - expected) / expected
        print(String(format: "oracle context: time-average kappa %.5f, lambda*h/ln2 %.5f, error %+.3f%% (%d requests)",
                     measured, expected, 100 * error, n))
        #expect(abs(error) < 0.02)
    }

    /// Belady's MIN is a lower bound on loads for equal-size models at batch 1: never worse than
    /// lru, fifo, lfu, lc or random over many random traces (extends EngineTests.beladyIsABound,
    /// which covers 20 seeds with one popularity shape).
    @Test func beladyNeverLoadsMoreThanAnyPolicy() throws {
        var worst = Int.max
        for seed in 100..<160 {
            var g = SplitMix64(seed: UInt64(seed))
            let models = 3 + g.below(6)
            let slots = 1.5 + Double(g.below(models - 1))
            let setup = try TestCatalogs.setup(TestCatalogs.text(models: models, slots: slots))
            let skew = 1 + g.below(3)
            var t = 0.0
            var arrivals: [Arrival] = []
            for _ in 0..<600 {
                t += g.exponential(rate: 0.2)
                var u = 1.0
                for _ in 0..<skew { u *= g.unit() }
                arrivals.append(Arrival(time: t, service: Int32(min(models - 1, Int(Double(models) * u)))))
            }
            let run = RunConfig(durationS: t + 1, seed: UInt64(seed))
            let belady = Simulation.simulate(Belady(), setup, run, arrivals: arrivals).loads
            let others = [Simulation.simulate(LeastRecentlyUsed(), setup, run, arrivals: arrivals).loads,
                          Simulation.simulate(FirstInFirstOut(), setup, run, arrivals: arrivals).loads,
                          Simulation.simulate(LeastFrequentlyUsed(), setup, run, arrivals: arrivals).loads,
                          Simulation.simulate(LeastContext(), setup, run, arrivals: arrivals).loads,
                          Simulation.simulate(RandomEviction(seed: UInt64(seed)), setup, run, arrivals: arrivals).loads]
            for o in others { #expect(belady <= o, "seed \(seed)") }
            worst = min(worst, others.min()! - belady)
        }
        print("oracle Belady: 60 random traces, never more loads than lru, fifo, lfu, lc or random (smallest margin \(worst))")
    }
}
