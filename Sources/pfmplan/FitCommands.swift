import ArgumentParser
import PFMCatalog
import PFMReporting

extension PFMPlan {
    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a model's fitted accuracy curve a(K) for a task, and check it against Table I.",
            discussion: "a(K) = a0 + (a1 − a0)·log2(1 + K^α), with α fitted so that a(0), a(1) and a(K_few) are the zero-, one- and few-shot scores (the paper's Fig. 4). Exit status 1 if the fit misses a Table I point.")
        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Model id, e.g. gpt3-13b.") var model: String
        @Argument(help: "Task id, e.g. translation.") var task: String
        @Flag(help: "Print every K from 0 to the context limit.") var all = false

        /// Points of a curve `--all --format json` builds in memory (csv and table stream).
        static let jsonPointLimit = 1_000_000
        func validate() throws { try output.format.require(.fitCurve, command: "fit") }

        func run() throws {
            let c = try catalog.load()
            guard let m = c.model(model) else { throw CLIError.unknown("model", model, known: c.models.map(\.id), flag: "the MODEL argument") }
            guard let s = m.scores(for: task) else {
                Output.error("model '\(model)' has no task '\(task)'; its tasks: \(m.tasks.map(\.task).joined(separator: ", "))")
                throw ExitCode(1)
            }
            let curve: AccuracyCurve
            switch AccuracyCurve.fit(s) {
            case .success(let cv): curve = cv
            case .failure(let e): Output.error("\(model) \(task): \(e)"); throw ExitCode(1)
            }
            if all {
                // The whole curve is streamed in chunks: a long context has millions of points.
                let r = CatalogReport.fit(model: m, scores: s, curve: curve, all: false)
                let limit = max(0, r.contextLimit)
                switch output.format {
                case .json:
                    guard limit < Self.jsonPointLimit else {
                        Output.error("--all --format json holds the whole curve in one document; \(model) has \(limit + 1) points, "
                                     + "the limit is \(Self.jsonPointLimit): use --format csv, which streams")
                        throw ExitCode(1)
                    }
                    Output.render(.fitCurve(CatalogReport.fit(model: m, scores: s, curve: curve, all: true)), .json)
                case .csv, .table, .markdown:
                    CatalogReport.streamFit(r, model: model, task: task, curve: curve, csv: output.format == .csv) { Output.print($0) }
                }
                if r.checks.contains(where: { !$0.ok }) { throw ExitCode(1) }
                return
            }
            let r = CatalogReport.fit(model: m, scores: s, curve: curve, all: all)
            Output.render(.fitCurve(r), output.format)
            if r.checks.contains(where: { !$0.ok }) { throw ExitCode(1) }
        }
    }

    struct Fits: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show which models fit on an accelerator at which precision, with resident GiB and headroom.")
        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Accelerator id, e.g. l4.") var accelerator: String
        @Option(help: "GPUs per server.") var count = 1

        func validate() throws {
            guard count >= 1 && count <= 1024 else { throw ValidationError("--count must be between 1 and 1024") }
        }

        func run() throws {
            let c = try catalog.load()
            guard let a = c.accelerator(accelerator) else {
                throw CLIError.unknown("accelerator", accelerator, known: c.accelerators.map(\.id), flag: "the ACCELERATOR argument")
            }
            let rows = CatalogReport.fits(c, accelerator: a, count: count)
            let t = CatalogReport.fitsTable(rows, accelerator: a.id, count: count, batch: c.settings.server.maxBatch)
            Output.render(.fits(rows: rows, table: t), output.format)
        }
    }
}
