import Foundation
import PFMCatalog
import Testing
@testable import PFMPlanning
@testable import PFMSimulation

/// Issue 14's regression on the embedded catalog's default sweep: more GPUs of one kind never
/// serve less at the edge. For every accelerator and precision, going from n to 2n GPUs (the best
/// layout of each: the highest edge execution ratio among `layouts: auto`) never lowers the edge
/// execution ratio by more than 2 points. Under v1, where n GPUs were one queue pooled at
/// 0.9^(n−1), `l4 ×2 int8` served a smaller share at the edge than `l4 ×1 int8`.
@Suite("More GPUs never serve less at the edge")
struct MoreGPUsTests {
    @Test func defaultSweepEdgeRatioNeverFallsWithMoreGPUs() throws {
        let catalog = try CatalogLoader.loadDefault()
        var spec = SweepSpec.defaults(for: catalog, workload: "metaverse")
        spec.replications = 1
        spec.durationS = 600
        #expect(spec.layouts == ["auto"], "the default sweep tries every uniform layout")
        let p = Planner(catalog: catalog, spec: spec)
        let run = p.candidates().run
        #expect(run.count > 50, "the default sweep runs most options")
        struct Option: Hashable { var accelerator: String; var precision: String; var count: Int }
        var best: [Option: Double] = [:]
        for u in p.units(run) {
            let e = try p.evaluate(u)
            let o = Option(accelerator: u.candidate.accelerator, precision: u.candidate.precision, count: u.candidate.count)
            best[o] = max(best[o] ?? 0, e.edgeRatio.mean)
        }
        var pairs = 0
        for (o, ratio) in best {
            var twice = o
            twice.count *= 2
            guard let doubled = best[twice] else { continue }
            pairs += 1
            #expect(doubled >= ratio - 0.02, "\(o.accelerator) @\(o.precision): edge ratio \(ratio) at \(o.count) GPUs falls to \(doubled) at \(twice.count)")
        }
        #expect(pairs > 20, "n and 2n both ran for most accelerators")
    }
}
