import PFMCatalog
import PFMPlanning
import PFMSimulation

/// Comma-separated values with a header row (RFC 4180 quoting).
public struct CSVRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .csv }
    public func renders(_ kind: Report.Kind) -> Bool {
        switch kind {
        case .simulation, .cacheOnly, .catalogList, .catalogEntry, .fitCurve, .fits, .sweep, .results, .comparison, .validation: true
        case .recommendation: false  // one pick and prose; every option's row is `sweep`/`report --format csv`
        case .estimate: false  // one configuration's figures: the table or the JSON
        }
    }
    public func render(_ report: Report) -> String? {
        switch report {
        case .simulation(let rs): return SimulationReport.csv(rs)
        case .cacheOnly(let rs): return CacheOnlyReport.csv(rs)
        case .catalogList(_, let t), .catalogEntry(_, _, let t), .fits(_, let t): return t.csv()
        case .fitCurve(let r): return CatalogReport.fitCSVHeader + r.curve.map { CatalogReport.fitCSVLine(k: $0.k, accuracy: $0.accuracy) }.joined()
        case .sweep(let es), .results(let es, _, _), .comparison(_, _, let es): return PlanReport.csvHeader() + es.map(PlanReport.csvLine).joined()
        case .validation(let r): return ValidationReport.csv(r)
        case .recommendation, .estimate: return nil
        }
    }
}
