import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// MODEL.md section 12: the argued paper scenario reproduces the *shape* of Table II, except the
/// one clause README.md documents as a gap (random and FIFO against LFU).
@Suite("Paper Table II shape")
struct PaperTableIITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func tableIIShape() throws {
        let path = Self.root.appendingPathComponent("Examples/paper-table2/scenario.yaml").path
        let sc = try Scenario.load(path: path)
        let catalog = try CatalogLoader.load(paths: sc.catalogs)
        let workloadId = try #require(sc.workload)
        let w = try #require(catalog.workload(workloadId))
        let accelerator = try #require(sc.accelerator), precision = try #require(sc.precision)
        let setup = try CompiledSetup(catalog: catalog, workload: w, config: ServerConfig(
            accelerator: accelerator, count: sc.count ?? 1, precision: precision,
            maxBatch: catalog.settings.server.maxBatch, admission: catalog.settings.server.admission))
        #expect(sc.policies == [.random, .randomCache, .cloud, .fifo, .lfu, .lc])
        var r: [PolicyName: SimulationResult] = [:]
        for p in sc.policies { r[p] = try Simulation.run(p, setup: setup, run: RunConfig.from(w)) }
        let cloud = try #require(r[.cloud]), random = try #require(r[.random]), fifo = try #require(r[.fifo])
        let lfu = try #require(r[.lfu]), lc = try #require(r[.lc]), randomCache = try #require(r[.randomCache])
        // cloud: zero switching and zero edge execution
        #expect(cloud.cost.switchingCost == 0 && cloud.loads == 0)
        #expect(cloud.cost.edgeExecutionRatio == 0)
        // random and fifo switch at least 3x as much as lc, and more than lfu ...
        for thrash in [random, fifo] {
            #expect(thrash.cost.switchingCost > 3 * lc.cost.switchingCost, "\(thrash.policy) vs lc")
            #expect(thrash.cost.switchingCost > lfu.cost.switchingCost, "\(thrash.policy) vs lfu")
            // ... but not 3x as much as lfu: the gap README.md documents (lfu reloads GPT3-13B
            // because a reloaded model's count starts again at 0). If this starts to fail, the
            // shape is reached in full: update the README.
            #expect(thrash.cost.switchingCost < 3 * lfu.cost.switchingCost, "\(thrash.policy) vs lfu: the documented gap closed")
        }
        // lc: the lowest system cost, and a lower mean accuracy cost than lfu
        for other in [random, randomCache, cloud, fifo, lfu] { #expect(lc.cost.systemCost < other.cost.systemCost, "lc vs \(other.policy)") }
        #expect(lc.cost.averageAccuracyCost < lfu.cost.averageAccuracyCost)
        #expect(lc.cost.edgeExecutionRatio > 0.9)
        // the mechanism: lc keeps GPT3-13B (and its context) resident, fifo and lfu reload it
        let gpt = try #require(setup.modelIds.firstIndex(of: "gpt3-13b"))
        #expect(lc.models[gpt].loads * 10 < lfu.models[gpt].loads && lfu.models[gpt].loads < fifo.models[gpt].loads)
        // random-cache: about half the requests at the edge (its default coin)
        #expect(abs(randomCache.cost.edgeExecutionRatio - 0.5) < 0.05)
    }
}
