import Foundation
import PFMCatalog
import Testing
@testable import PFMPlanning
@testable import PFMSimulation

/// TTFT and TPOT SLOs in the planner (MODEL.md §8, §10; issue 15): a language service's TTFT
/// (TPOT) p95 is judged at the upper end of its interval over the replications, as p95 is, and
/// the language batching axis makes candidates of its own.
@Suite("Planner: TTFT and TPOT SLOs, the language batching axis")
struct TokenSLOTests {
    /// The embedded catalog with a TTFT target on one language service: 1 ms is below any
    /// prefill, so every option that serves it at the edge violates it, with a `ttft` violation.
    @Test func aTTFTTargetIsAViolationOfItsOwnKind() throws {
        var c = try CatalogLoader.loadDefault()
        let i = try #require(c.services.firstIndex { $0.id == "qa" })
        c.services[i].slo.ttftP95Ms = 1
        var spec = SweepSpec.defaults(for: c, workload: "metaverse")
        spec.accelerators = ["l4"]; spec.counts = [1]; spec.precisions = ["int8"]; spec.replications = 2; spec.durationS = 300
        spec.admission = .alwaysEdge
        spec.llmBatching = [.continuous, .static]
        let p = Planner(catalog: c, spec: spec)
        let run = p.candidates().run
        #expect(run.map(\.llmBatching) == [.continuous, .static])
        #expect(run.map(\.key).allSatisfy { $0.hasSuffix("/llm:continuous") || $0.hasSuffix("/llm:static") })
        for u in p.units(run) {
            let e = try p.evaluate(u)
            let v = try #require(e.violations.first { $0.kind == .ttft }, "\(u.candidate.key): \(e.violations)")
            #expect(v.service == "qa" && v.limit == 0.001 && v.value > 0.001)
            let s = try #require(e.services.first { $0.id == "qa" })
            #expect(s.ttftSloP95S == 0.001 && (s.ttftP95S?.high ?? 0) == v.value)
            #expect(!e.feasible)
        }
    }
}
