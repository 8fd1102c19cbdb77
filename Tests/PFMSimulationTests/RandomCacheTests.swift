import PFMCatalog
import Testing
@testable import PFMSimulation

/// `random-cache` (pfmplan-model(7), POLICIES): a seeded coin sends each request to the edge with
/// `caching.random_cache_probability`; the edge's victims are those of `random`.
@Suite("random-cache policy")
struct RandomCacheTests {
    /// Three models, room for two: `random` evicts on most misses.
    static func setup(probability: Double?) throws -> CompiledSetup {
        let caching = probability.map { "caching: {random_cache_probability: \($0)}\n" } ?? ""
        var text = TestCatalogs.text(models: 3, slots: 2.5, paramsM: 100, gflops: 1)
        text = text.replacingOccurrences(of: "context:\n", with: caching + "context:\n")
        return try TestCatalogs.setup(text)
    }

    static func run(_ p: PolicyName, _ setup: CompiledSetup) throws -> SimulationResult {
        try Simulation.run(p, setup: setup, run: RunConfig(durationS: 2000, warmupS: 0, seed: 11))
    }

    @Test func edgeShareFollowsTheCoin() throws {
        for p in [0.1, 0.3, 0.8] {
            let r = try Self.run(.randomCache, Self.setup(probability: p))
            let n = Double(r.requests)
            // Binomial: within 4 standard deviations of p (about 6,000 requests).
            let sd = (p * (1 - p) / n).squareRoot()
            #expect(abs(r.cost.edgeExecutionRatio - p) < 4 * sd, "p = \(p): edge \(r.cost.edgeExecutionRatio)")
            #expect(r.loads > 0)
        }
    }

    @Test func theEndsOfTheCoin() throws {
        let none = try Self.run(.randomCache, Self.setup(probability: 0))
        #expect(none.cost.edgeExecutionRatio == 0 && none.loads == 0)
        // p = 1 sends everything to the edge, with the victims of `random` (same seed, own coin stream).
        let all = try Self.run(.randomCache, Self.setup(probability: 1))
        let random = try Self.run(.random, Self.setup(probability: 1))
        #expect(all.cost.edgeExecutionRatio > 0.99 && all.cost.edgeExecutionRatio == random.cost.edgeExecutionRatio)
        #expect(all.loads == random.loads && all.cost.systemCost == random.cost.systemCost)
    }

    @Test func defaultIsAFairCoin() throws {
        let s = try Self.setup(probability: nil)
        #expect(s.settings.caching == nil)
        let r = try Self.run(.randomCache, s)
        #expect(abs(r.cost.edgeExecutionRatio - 0.5) < 0.03)
        #expect(CachingSpec.defaults.randomCacheProbability == 0.5)
    }

    @Test func probabilityOutsideZeroOneIsAPositionedError() throws {
        var text = TestCatalogs.text(models: 2)
        text = text.replacingOccurrences(of: "context:\n", with: "caching: {random_cache_probability: 1.5}\ncontext:\n")
        #expect {
            _ = try TestCatalogs.catalog(text)
        } throws: { e in
            let d = (e as? DiagnosticError)?.diagnostics.first
            return d?.path == "caching.random_cache_probability" && d?.location?.line != nil && d?.message.contains("[0, 1]") == true
        }
    }
}
