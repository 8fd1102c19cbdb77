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
    case catalogEntry(kind: String, id: String, TextTable)
    case fitCurve(CatalogReport.FitReport)
    case fits(rows: [CatalogReport.FitsRow], table: TextTable)
    /// `sweep`: every unit's evaluation (streamed formats write one line per result as it comes).
    case sweep([Evaluation])
    /// `size`: the recommendation.
    case recommendation(Planner.Recommendation, SweepSpec)
    /// `report`: a finished sweep's units and the recommendation made from them.
    case results([Evaluation], Planner.Recommendation, SweepSpec)
    case comparison([CompareReport.Row], workload: String, evaluations: [Evaluation])
    /// `estimate`: one language model's static batch or continuous-batching run on one group.
    case estimate(LanguageEstimate)
    /// `validate`: the error table against reference measurements.
    case validation(Validation.Report)

    /// The kind of report, for asking which formats render it before anything runs.
    public enum Kind: Sendable, CaseIterable {
        case simulation, cacheOnly, catalogList, catalogEntry, fitCurve, fits, sweep, recommendation, results, comparison, estimate, validation
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
        case .estimate: .estimate
        case .validation: .validation
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

/// The one registration of renderers, one per format (each in its own file: a new format is one
/// type and one entry here).
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
