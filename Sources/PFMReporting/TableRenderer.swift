import PFMCatalog
import PFMPlanning
import PFMSimulation

/// The human format: aligned text tables and the planner's prose.
public struct TableRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .table }
    public func renders(_ kind: Report.Kind) -> Bool { true }
    public func render(_ report: Report) -> String? {
        switch report {
        case .simulation(let rs): SimulationReport.table(rs)
        case .cacheOnly(let rs): CacheOnlyReport.table(rs).render()
        case .catalogList(_, let t), .catalogEntry(_, _, let t), .fits(_, let t): t.render()
        case .fitCurve(let r): CatalogReport.fitTable(r)
        case .sweep(let es): PlanReport.sweepTable(es).render()
        case .recommendation(let r, let spec): PlanReport.sizeText(r, spec: spec)
        case .results(let es, let r, let spec): PlanReport.sweepTable(es).render() + "\n" + PlanReport.sizeText(r, spec: spec)
        case .comparison(let rows, let workload, _):
            CompareReport.table(rows, workload: workload).render() + CompareReport.legend + CompareReport.breakEvenText(rows)
        case .estimate(let e): EstimateReport.table(e)
        case .validation(let r): ValidationReport.table(r).render() + ValidationReport.notes(r)
        }
    }
}
