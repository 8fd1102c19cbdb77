import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// MODEL.md section 9: the paper scenario reproduces the *shape* of Table II.
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
        #expect(sc.policies == [.random, .cloud, .fifo, .lfu, .lc])
        var r: [PolicyName: SimulationResult] = [:]
        for p in sc.policies { r[p] = try Simulation.run(p, setup: setup, run: RunConfig.from(w)) }
        let cloud = try #require(r[.cloud]), random = try #require(r[.random]), fifo = try #require(r[.fifo])
        let lfu = try #require(r[.lfu]), lc = try #require(r[.lc])
        // cloud: zero switching and zero edge execution
        #expect(cloud.cost.switchingCost == 0 && cloud.loads == 0)
        #expect(cloud.cost.edgeExecutionRatio == 0)
        // random and fifo pay several times the switching of lfu and lc
        for thrash in [random, fifo] {
            #expect(thrash.cost.switchingCost > 3 * lc.cost.switchingCost, "\(thrash.policy) vs lc")
            #expect(thrash.cost.switchingCost > lfu.cost.switchingCost, "\(thrash.policy) vs lfu")
        }
        // lc: the lowest system cost, and a lower mean accuracy cost than lfu
        for other in [random, cloud, fifo, lfu] { #expect(lc.cost.systemCost < other.cost.systemCost, "lc vs \(other.policy)") }
        #expect(lc.cost.averageAccuracyCost < lfu.cost.averageAccuracyCost)
        #expect(lc.cost.edgeExecutionRatio > 0.9)
    }
}
