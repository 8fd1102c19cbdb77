import PFMCatalog
import PFMPlanning
import PFMSimulation

/// The output formats of the commands.
public enum RenderFormat: String, Sendable, CaseIterable {
    case table, markdown, csv, json
}

/// What a command computed, as values, for a renderer to turn into text (STYLE.md, seams): the
/// CLI parses, loads, calls and prints; every format is built here.
public enum Report: Sendable {
    case simulation([SimulationResult])
    case cacheOnly([CacheOnlyResult])
    /// `catalog list KIND`: the kind's table.
    case catalogList(kind: String, TextTable)
    /// `catalog show ID`: one entry's fields.
    case catalogEntry(TextTable)
    case fitCurve(CatalogReport.FitReport)
    case fits(rows: [CatalogReport.FitsRow], table: TextTable)
    /// `sweep`: every unit's evaluation (streamed formats write one line per result as it comes).
    case sweep([Evaluation])
    /// `size`: the recommendation.
    case recommendation(Planner.Recommendation, SweepSpec)
    /// `report`: a finished sweep's units and the recommendation made from them.
    case results([Evaluation], Planner.Recommendation, SweepSpec)
    case comparison([CompareReport.Row], workload: String, evaluations: [Evaluation])

    /// The kind of report, for asking which formats render it before anything runs.
    public enum Kind: Sendable, CaseIterable {
        case simulation, cacheOnly, catalogList, catalogEntry, fitCurve, fits, sweep, recommendation, results, comparison
    }

    public var kind: Kind {
        switch self {
        case .simulation: .simulation
        case .cacheOnly: .cacheOnly
        case .catalogList: .catalogList
        case .catalogEntry: .catalogEntry
        case .fitCurve: .fitCurve
        case .fits: .fits
        case .sweep: .sweep
        case .recommendation: .recommendation
        case .results: .results
        case .comparison: .comparison
        }
    }
}

/// One output format: the text of each report it renders.
public protocol Renderer: Sendable {
    var format: RenderFormat { get }
    /// Whether this format renders reports of `kind` (a command refuses the format otherwise).
    func renders(_ kind: Report.Kind) -> Bool
    /// The text; nil when `renders(report.kind)` is false.
    func render(_ report: Report) -> String?
}

/// The one registration of renderers, one per format.
public enum Renderers {
    public static let registered: [any Renderer] = [TableRenderer(), MarkdownRenderer(), CSVRenderer(), JSONRenderer()]

    public static func renderer(_ format: RenderFormat) -> any Renderer {
        registered.first { $0.format == format }!
    }

    /// The formats that render reports of `kind`, in the order of `RenderFormat.allCases`.
    public static func formats(for kind: Report.Kind) -> [RenderFormat] {
        RenderFormat.allCases.filter { renderer($0).renders(kind) }
    }

    /// The report in `format`, or nil when that format does not render it.
    public static func render(_ report: Report, as format: RenderFormat) -> String? {
        renderer(format).render(report)
    }
}

/// The human format: aligned text tables and the planner's prose.
public struct TableRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .table }
    public func renders(_ kind: Report.Kind) -> Bool { true }
    public func render(_ report: Report) -> String? {
        switch report {
        case .simulation(let rs): SimulationReport.table(rs)
        case .cacheOnly(let rs): CacheOnlyReport.table(rs).render()
        case .catalogList(_, let t), .catalogEntry(let t), .fits(_, let t): t.render()
        case .fitCurve(let r): CatalogReport.fitTable(r)
        case .sweep(let es): PlanReport.sweepTable(es).render()
        case .recommendation(let r, let spec): PlanReport.sizeText(r, spec: spec)
        case .results(let es, let r, let spec): PlanReport.sweepTable(es).render() + "\n" + PlanReport.sizeText(r, spec: spec)
        case .comparison(let rows, let workload, _):
            CompareReport.table(rows, workload: workload).render() + CompareReport.legend + CompareReport.breakEvenText(rows)
        }
    }
}

/// GitHub-flavoured Markdown tables, for the reports that are tables.
public struct MarkdownRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .markdown }
    public func renders(_ kind: Report.Kind) -> Bool {
        switch kind {
        case .cacheOnly, .catalogList, .catalogEntry, .fits, .sweep, .results, .comparison: true
        // The simulation, the fit and the recommendation are not one table: their table form
        // is the text one (and --format table).
        case .simulation, .fitCurve, .recommendation: false
        }
    }
    public func render(_ report: Report) -> String? {
        guard renders(report.kind) else { return nil }
        switch report {
        case .cacheOnly(let rs): return CacheOnlyReport.table(rs).markdown()
        case .catalogList(_, let t), .catalogEntry(let t), .fits(_, let t): return t.markdown()
        case .sweep(let es), .results(let es, _, _): return PlanReport.sweepTable(es).markdown()
        case .comparison(let rows, let workload, _):
            return CompareReport.table(rows, workload: workload).markdown() + "\n" + CompareReport.legend + CompareReport.breakEvenText(rows)
        default: return nil
        }
    }
}

/// Comma-separated values with a header row (RFC 4180 quoting).
public struct CSVRenderer: Renderer {
    public init() {}
    public var format: RenderFormat { .csv }
    public func renders(_ kind: Report.Kind) -> Bool {
        switch kind {
        case .simulation, .cacheOnly, .catalogList, .catalogEntry, .fitCurve, .fits, .sweep, .results, .comparison: true
        case .recommendation: false  // one pick and prose; every option's row is `sweep`/`report --format csv`
        }
    }
    public func render(_ report: Report) -> String? {
        switch report {
        case .simulation(let rs): return SimulationReport.csv(rs)
        case .cacheOnly(let rs): return CacheOnlyReport.csv(rs)
        case .catalogList(_, let t), .catalogEntry(let t), .fits(_, let t): return t.csv()
        case .fitCurve(let r): return CatalogReport.fitCSVHeader + r.curve.map { CatalogReport.fitCSVLine(k: $0.k, accuracy: $0.accuracy) }.joined()
        case .sweep(let es), .results(let es, _, _), .comparison(_, _, let es): return PlanReport.csvHeader() + es.map(PlanReport.csvLine).joined()
        case .recommendation: return nil
        }
    }
}

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
        var schema = "pfmplan.catalog-entry/1"
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
        case .catalogEntry(let t):
            let fields = t.rows.filter { !$0.isEmpty }.map { ["field": $0[0], "value": $0.count > 1 ? $0[1] : ""] }
            return JSONOutput.encode(Entry(title: (t.title ?? "").trimmingCharacters(in: .newlines), fields: fields)) + "\n"
        case .fitCurve(let r): return JSONOutput.encode(r) + "\n"
        case .fits(let rows, _): return JSONOutput.encode(Fits(rows: rows)) + "\n"
        case .sweep(let es): return es.map(PlanReport.jsonLine).joined()
        case .recommendation(let r, _), .results(_, let r, _): return PlanReport.sizeJSON(r)
        case .comparison(let rows, _, _): return JSONOutput.encode(CompareReport.Document(rows: rows)) + "\n"
        }
    }
}

/// The cache-only replay's output: one row per policy.
public enum CacheOnlyReport {
    public static let schema = "pfmplan.cache-only/1"
    static let header = ["policy", "capacity_bytes", "requests", "hits", "misses", "object_miss_ratio",
                         "bytes_requested", "bytes_missed", "byte_miss_ratio", "evictions", "too_large", "objects"]

    static func fields(_ r: CacheOnlyResult, exact: Bool) -> [String] {
        let ratio: (Double) -> String = { exact ? "\($0)" : Fmt.fixed($0, 6) }
        return [r.policy, "\(r.capacityBytes)", "\(r.requests)", "\(r.hits)", "\(r.misses)", ratio(r.objectMissRatio),
                "\(r.bytesRequested)", "\(r.bytesMissed)", ratio(r.byteMissRatio), "\(r.evictions)", "\(r.tooLarge)", "\(r.objects)"]
    }

    public static func table(_ results: [CacheOnlyResult]) -> TextTable {
        var t = TextTable(header, alignments: [.left] + Array(repeating: .right, count: header.count - 1), title: "Cache-only replay")
        for r in results { t.add(fields(r, exact: false)) }
        return t
    }

    public static func csv(_ results: [CacheOnlyResult]) -> String {
        ([header.joined(separator: ",")] + results.map { fields($0, exact: true).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    public static func json(_ results: [CacheOnlyResult]) -> String {
        let rows = results.map { r -> String in
            let f = fields(r, exact: true)
            let items = zip(header, f).enumerated().map { i, kv in "\"\(kv.0)\": " + (i == 0 ? "\"\(kv.1)\"" : kv.1) }
            return "    {" + items.joined(separator: ", ") + "}"
        }
        return "{\n  \"cache_only\": [\n" + rows.joined(separator: ",\n") + "\n  ],\n  \"schema\": \"\(schema)\"\n}\n"
    }
}
