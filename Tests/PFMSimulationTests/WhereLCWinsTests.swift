import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Examples/where-lc-wins: two facts of the study, on the paper-table2 scenario and its seed.
/// With fast loads LC has the lowest system cost of lc, lfu, lru and fifo; with a 30 s start per
/// load (a cold serving process) every policy spends its time loading and fifo is cheaper than LC.
@Suite("Where LC wins")
struct WhereLCWinsTests {
    static let root = PaperTableIITests.root

    /// The paper-table2 catalogs with every runtime start time set to `startS` seconds.
    static func results(startS: Double) throws -> [PolicyName: SimulationResult] {
        let files = ["Catalogs/models-paper.yaml", "Catalogs/precisions.yaml", "Catalogs/accelerators.yaml",
                     "Catalogs/hosts.yaml", "Catalogs/runtimes.yaml", "Examples/paper-table2/paper.yaml"]
        var sources: [CatalogLoader.Source] = []
        for f in files {
            var text = try String(contentsOf: root.appendingPathComponent(f), encoding: .utf8)
            if f.hasSuffix("runtimes.yaml") {
                let pattern = try NSRegularExpression(pattern: #"start_s: \{dram: [0-9.]+, nvme: [0-9.]+, cold: [0-9.]+\}"#)
                let n = pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
                #expect(n >= 5, "runtimes.yaml's start_s lines changed shape")
                text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                        withTemplate: "start_s: {dram: \(startS), nvme: \(startS), cold: \(startS)}")
            }
            sources.append(.init(name: f, text: text))
        }
        let catalog = try CatalogLoader.load(sources: sources)
        let w = try #require(catalog.workload("paper-mix"))
        let setup = try CompiledSetup(catalog: catalog, workload: w, config: ServerConfig(
            accelerator: "l4", count: 1, precision: "int8", maxBatch: catalog.settings.server.maxBatch,
            admission: catalog.settings.server.admission))
        var r: [PolicyName: SimulationResult] = [:]
        for p in [PolicyName.lc, .lfu, .lru, .fifo] { r[p] = try Simulation.run(p, setup: setup, run: RunConfig.from(w)) }
        return r
    }

    @Test func lcWinsWithFastLoads() throws {
        let r = try Self.results(startS: 0.05)
        let lc = try #require(r[.lc]).cost.systemCost
        for p in [PolicyName.lfu, .lru, .fifo] { #expect(lc * 1.1 < r[p]!.cost.systemCost, "lc vs \(p)") }
    }

    @Test func fifoBeatsLCWithThirtySecondLoads() throws {
        let r = try Self.results(startS: 30)
        let lc = try #require(r[.lc]), fifo = try #require(r[.fifo])
        #expect(fifo.cost.systemCost < lc.cost.systemCost)
        // LC still keeps the language model's context: its accuracy cost stays the lowest.
        #expect(lc.cost.averageAccuracyCost < fifo.cost.averageAccuracyCost)
        // Loads dominate: most requests are offloaded under either policy.
        #expect(lc.cost.edgeExecutionRatio < 0.3 && fifo.cost.edgeExecutionRatio < 0.3)
    }
}
