import PFMCatalog
import PFMPlanning
import PFMSimulation

/// JSON documents with a `schema` field (sorted keys; non-finite numbers never appear).
public struct JSONRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .json }
    public func renders(_ kind: Report.Kind) -> Bool { true }

    struct CatalogList: Encodable {
        var schema = "pfmplan.catalog-list/1"
        var kind: String
        var rows: [[String: String]]
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(schema, forKey: AnyKey("schema"))
            try c.encode(rows, forKey: AnyKey(kind))
        }
    }
    struct Entry: Encodable {
        var schema = "pfmplan.catalog-show/1"
        var kind: String
        var id: String
        var title: String
        var fields: [[String: String]]
    }
    struct Fits: Encodable {
        var schema = "pfmplan.fits/1"
        var rows: [CatalogReport.FitsRow]
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func render(_ report: Report) -> String? {
        switch report {
        case .simulation(let rs): return SimulationReport.json(rs)
        case .cacheOnly(let rs): return CacheOnlyReport.json(rs)
        case .catalogList(let kind, let t):
            let rows = t.rows.filter { !$0.isEmpty }.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) }
            return JSONOutput.encode(CatalogList(kind: kind, rows: rows)) + "\n"
        case .catalogEntry(let kind, let id, let t):
            let fields = t.rows.filter { !$0.isEmpty }.map { ["field": $0[0], "value": $0.count > 1 ? $0[1] : ""] }
            return JSONOutput.encode(Entry(kind: kind, id: id, title: (t.title ?? "").trimmingCharacters(in: .newlines), fields: fields)) + "\n"
        case .fitCurve(let r): return JSONOutput.encode(r) + "\n"
        case .fits(let rows, _): return JSONOutput.encode(Fits(rows: rows)) + "\n"
        case .sweep(let es): return es.map(PlanReport.jsonLine).joined()
        case .estimate(let e): return EstimateReport.jsonText(e)
        case .validation(let r): return JSONOutput.encode(r) + "\n"
        case .recommendation(let r, _), .results(_, let r, _): return PlanReport.sizeJSON(r)
        case .comparison(let rows, _, _): return JSONOutput.encode(CompareReport.Document(rows: rows)) + "\n"
        }
    }
}
