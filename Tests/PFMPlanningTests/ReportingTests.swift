import Foundation
import PFMCatalog
import Testing
@testable import PFMPlanning
@testable import PFMReporting
@testable import PFMSimulation

/// Issue 18: one renderer seam, columns named for what they measure, the binding constraint,
/// and accuracy per service against its floor.
@Suite("Reporting: renderer seam and columns")
struct ReportingTests {
    static let e = OutputGuardTests.evaluation

    /// A report of each kind, built from small values.
    static func samples() -> [Report] {
        let es = [Self.e("l4", 1, 100, 1, 2, true, 1, 0), Self.e("l40s", 1, 200, 3, 2, false, 1, 1)]
        let spec = SweepSpec.defaults(for: PlannerTests.catalog, workload: "w")
        let rec = Planner(catalog: PlannerTests.catalog, spec: spec).recommend(es, skipped: [])
        let rows = CompareReport.build(candidates: es.map(\.candidate), evaluations: es, scales: [1])
        var t = TextTable(["field", "value"]); t.title = "model m\n"; t.add(["name", "M"])
        let fit = CatalogReport.FitReport(model: "m", task: "t", alpha: 1, a0: 1, a1: 2, contextLimit: 1,
                                          curve: [.init(k: 0, accuracy: 1), .init(k: 1, accuracy: 2)], checks: [])
        return [.cacheOnly([]), .catalogList(kind: "models", t), .catalogEntry(kind: "model", id: "m", t), .fitCurve(fit), .fits(rows: [], table: t),
                .sweep(es), .recommendation(rec, spec), .results(es, rec, spec), .comparison(rows, workload: "w", evaluations: es)]
    }

    @Test("each registered renderer renders exactly the kinds it says it renders; one renderer per format")
    func seamIsConsistent() {
        #expect(Set(Renderers.registered.map(\.format)) == Set(RenderFormat.allCases))
        #expect(Renderers.registered.count == RenderFormat.allCases.count)
        for report in Self.samples() {
            for f in RenderFormat.allCases {
                let text = Renderers.render(report, as: f)
                #expect((text != nil) == Renderers.renderer(f).renders(report.kind), "\(report.kind) as \(f)")
                if let text { #expect(!text.isEmpty, "\(report.kind) as \(f)") }
            }
        }
        // The formats each command's report renders (the CLI refuses the rest with exit 64).
        #expect(Renderers.formats(for: .recommendation) == [.table, .json])
        #expect(Renderers.formats(for: .simulation) == [.table, .csv, .json])
        #expect(Renderers.formats(for: .fitCurve) == [.table, .csv, .json])
        #expect(Renderers.formats(for: .cacheOnly) == RenderFormat.allCases)
        #expect(Renderers.formats(for: .comparison) == RenderFormat.allCases)
    }

    @Test("JSON renderings parse and name their schema")
    func jsonHasSchema() throws {
        for report in Self.samples() where report.kind != .sweep {
            let text = try #require(Renderers.render(report, as: .json))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(report.kind)")
            #expect((object["schema"] as? String)?.hasPrefix("pfmplan.") == true, "\(report.kind): \(text.prefix(200))")
        }
    }

    /// `compare` showed an infeasible option with a lower p95 than a feasible one, and no column
    /// said why: the p95 column is over all requests, feasibility is per service.
    @Test("compare names its p95 column and shows the binding constraint of each option")
    func compareShowsBindingConstraint() throws {
        // Feasible: all-request p95 1.5 s, but every service within its SLO.
        var ok = Self.e("h200", 1, 900, 1.5, 2, true, 1, 0)
        ok.p95S = Estimate(mean: 1.5, low: 1.5, high: 1.5)
        // Infeasible: all-request p95 only 0.5 s, but one service over its SLO.
        var bad = Self.e("l4", 1, 100, 0.3, 0.2, false, 1, 1)
        bad.p95S = Estimate(mean: 0.5, low: 0.5, high: 0.5)
        let rows = CompareReport.build(candidates: [bad.candidate, ok.candidate], evaluations: [bad, ok], scales: [1])
        let text = try #require(Renderers.render(.comparison(rows, workload: "w", evaluations: [bad, ok]), as: .table))
        #expect(text.contains("p95 all requests") && text.contains("binding constraint"), "\(text)")
        #expect(text.contains("✗ qa p95 150% of SLO"), "\(text)")
        #expect(text.contains("qa p95 75% of SLO"), "\(text)")
        #expect(!text.contains("accuracy  "), "no unlabelled aggregate accuracy column: \(text)")
    }

    @Test("the binding constraint: the violation furthest past its limit, or the tightest met one, accuracy included")
    func bindingConstraint() {
        var e = Self.e("l4", 1, 100, 1, 2, true, 1, 0)
        e.services.append(ServiceEstimate(id: "vision", p95S: Estimate(mean: 0.1, low: 0.1, high: 0.1), sloP95S: 1,
                                          meanAccuracy: Estimate(mean: 46.2, low: 46.05, high: 46.3), minAccuracy: 46, edgeRatio: 1))
        // qa p95 at 50% of its SLO; vision accuracy 0.05 points above its floor: the accuracy binds.
        #expect(VerdictText.binding(e) == "vision accuracy +0.05 vs floor")
        e.services[1].meanAccuracy = nil
        #expect(VerdictText.binding(e) == "qa p95 50% of SLO")
        e.violations = [Violation(kind: .noRequests, value: 0, mean: 0, limit: 1)]
        e.feasible = false
        #expect(VerdictText.binding(e) == "✗ no requests measured")
    }

    @Test("sweep and runners-up tables name the p95 they show (all requests) and carry the binding constraint")
    func sweepTablesNameTheirColumns() {
        let es = [Self.e("l4", 1, 100, 1, 2, true, 1, 0), Self.e("l40s", 1, 200, 3, 2, false, 1, 1)]
        let sweep = PlanReport.sweepTable(es).render()
        #expect(sweep.contains("p95 all requests") && sweep.contains("binding constraint") && sweep.contains("✗ qa p95 150% of SLO"), "\(sweep)")
        let spec = SweepSpec.defaults(for: PlannerTests.catalog, workload: "w")
        let rec = Planner(catalog: PlannerTests.catalog, spec: spec).recommend(es, skipped: [])
        let summary = PlanReport.summaryTable(rec.pareto).render()
        #expect(!summary.contains("p95 (worst)"), "the old label claimed a worst service; the figure is over all requests")
        #expect(summary.contains("p95 all requests") && summary.contains("binding constraint"), "\(summary)")
    }

    @Test("size prints each service's accuracy against its floor and labels the all-request average for what it is")
    func sizeAccuracyPerService() throws {
        var e = Self.e("l4", 1, 100, 1, 2, true, 1, 0)
        e.meanAccuracy = Estimate(mean: 50, low: 49, high: 51)
        e.services[0].meanAccuracy = Estimate(mean: 60, low: 59.5, high: 60.5)
        e.services[0].minAccuracy = 55
        let spec = SweepSpec.defaults(for: PlannerTests.catalog, workload: "w")
        let text = PlanReport.sizeText(Planner(catalog: PlannerTests.catalog, spec: spec).recommend([e], skipped: []), spec: spec)
        #expect(text.contains("mean score (mixed)") && !text.contains("mean accuracy "), "\(text)")
        #expect(text.contains("accuracy CI low") && text.contains("floor"), "\(text)")
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("qa ") })
        #expect(row.contains("60.00") && row.contains("59.50") && row.contains("55"), "\(row)")
    }

    /// The feasible column named the first violation while the binding column named the worst.
    @Test("an infeasible row names the same violation in its verdict and its binding constraint")
    func verdictAndBindingAgree() {
        var e = Self.e("l4", 1, 100, 2.2, 2, false, 1, 0)   // qa p95 at 110%
        e.services.append(ServiceEstimate(id: "art", p95S: Estimate(mean: 9, low: 9, high: 9), sloP95S: 6, meanAccuracy: nil,
                                          minAccuracy: 0, edgeRatio: 1))   // art at 150%
        e.violations.append(Violation(kind: .p95, service: "art", value: 9, mean: 9, limit: 6))
        #expect(VerdictText.binding(e) == "✗ art p95 150% of SLO")
        let row = PlanReport.sweepTable([e]).render()
        #expect(row.contains("no: p95 of art 9.000 s > SLO 6.000 s (+1 more)"), "\(row)")
    }
}
