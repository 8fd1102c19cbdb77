import PFMCatalog
import PFMPlanning
import PFMSimulation

/// GitHub-flavoured Markdown tables, for the reports that are tables.
public struct MarkdownRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .markdown }
    public func renders(_ kind: Report.Kind) -> Bool {
        switch kind {
        case .cacheOnly, .catalogList, .catalogEntry, .fits, .sweep, .results, .comparison, .validation: true
        // The simulation, the fit and the recommendation are not one table: their table form
        // is the text one (and --format table).
        case .simulation, .fitCurve, .recommendation, .estimate: false
        }
    }
    public func render(_ report: Report) -> String? {
        guard renders(report.kind) else { return nil }
        switch report {
        case .cacheOnly(let rs): return CacheOnlyReport.table(rs).markdown()
        case .validation(let r): return ValidationReport.table(r).markdown() + "\n" + ValidationReport.notes(r)
        case .catalogList(_, let t), .catalogEntry(_, _, let t), .fits(_, let t): return t.markdown()
        case .sweep(let es), .results(let es, _, _): return PlanReport.sweepTable(es).markdown()
        case .comparison(let rows, let workload, _):
            return CompareReport.table(rows, workload: workload).markdown() + "\n" + CompareReport.legend + CompareReport.breakEvenText(rows)
        default: return nil
        }
    }
}
