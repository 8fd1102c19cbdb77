import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning
import PFMReporting
import PFMSimulation

extension PFMPlan {
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare hardware options side by side on the same workload, with break-even loads.",
            discussion: """
                Options are written ACCEL[xN][ LAYOUT][@PRECISION], e.g. l4x2@int8, l40s, a100-80gb@fp16, \
                or with spaces, 'l40s x4 2x2 @fp8'. A LAYOUT (1x4, 2x2, 4, 2+1+1) groups the \
                GPUs (pfmplan-model(7), THE SERVER); without one the option uses the default layout. Each is \
                simulated at every load scale of --load-scales (default 0.25 to 4); the table shows them at \
                load ×1, and for each option the load at which the next more expensive one becomes \
                cheaper (its break-even load), found by linear interpolation between scales.
                """)

        @OptionGroup var catalog: CatalogOptions
        @Argument(help: "Hardware options: ACCEL[xN][ LAYOUT][@PRECISION].") var options: [String]
        @Option(help: "Workload id (default: metaverse, else the catalog's first).") var workload: String?
        @Option(help: "Eviction policy.") var policy: PolicyName = .lc
        @Option(name: .customLong("llm-batching"), help: "Language batching: continuous or static (default: the runtime profile's llm_batching).") var llmBatching: LLMBatching?
        @Option(name: .customLong("load-scales"), help: "Load multipliers, comma-separated.") var loadScales = "0.25,0.5,1,1.5,2,3,4"
        @Option(help: "Independent replications per point.") var replications = 3
        @Option(help: "Measured simulated seconds per replication, after the warm-up (default: the workload's duration_s).", transform: FlagRules.number) var duration: Double?
        @Option(help: "Base seed.") var seed: UInt64 = 1
        @Option(help: "Parallel jobs (default: the number of cores).") var jobs: Int?
        @Option(help: "Write plots (cost and p95 ÷ SLO versus load, the cost/p95 plane) to this SVG file (default: no plots).") var plot: String?
        @Option(help: "Output format: table, markdown, csv or json.") var format: OutputFormat = .table

        func validate() throws {
            try FlagRules.path("--plot", plot)
            guard !options.isEmpty else { throw ValidationError("name at least one option, e.g. l4x2@int8") }
            for s in try FlagRules.list("--load-scales", loadScales, what: "load multipliers") {
                guard let v = NumberText.decimal(s) else { throw ValidationError("--load-scales expects positive numbers, found '\(Terminal.escape(s))'") }
                try FlagRules.loadScale("--load-scales", v)
            }
            if replications < 1 || replications > 1000 { throw ValidationError("--replications must be between 1 and 1000") }
            if let d = duration { try FlagRules.seconds("--duration", d, allowZero: false) }
            if let j = jobs, j < 1 || j > 4096 { throw ValidationError("--jobs must be between 1 and 4096") }
        }

        /// The options as written: arguments split on spaces, and a token that only continues an
        /// option (`x4`, `2x2`, `2+1+1`, `@fp8`) joined to the one before.
        static func group(_ args: [String]) -> [String] {
            var out: [String] = []
            for token in args.flatMap({ $0.split(separator: " ").map(String.init) }) {
                let continues = token.hasPrefix("@") || token.first == "x" && Int(token.dropFirst()) != nil
                    || (!token.isEmpty && token.allSatisfy { $0.isNumber || $0 == "x" || $0 == "+" })
                if continues, !out.isEmpty { out[out.count - 1] += " " + token } else { out.append(token) }
            }
            return out
        }

        static func parse(_ s: String, _ c: Catalog) throws -> (String, Int, String, String?) {
            var tokens = s.split(separator: " ").map(String.init)
            var precision = c.settings.server.defaultPrecision
            var count = 1
            var layout: String?
            var head = Substring(tokens.removeFirst())
            if let at = head.firstIndex(of: "@") { precision = String(head[head.index(after: at)...]); head = head[..<at] }
            if let x = head.lastIndex(of: "x"), let n = Int(head[head.index(after: x)...]), c.accelerator(String(head)) == nil {
                count = n; head = head[..<x]
            }
            for t in tokens {
                if t.hasPrefix("@") { precision = String(t.dropFirst()) } else if t.first == "x", let n = Int(t.dropFirst()) { count = n } else { layout = t }
            }
            let acc = String(head)
            guard c.accelerator(acc) != nil else {
                throw ValidationError("unknown accelerator '\(acc)' in '\(s)'" + (YAMLReader.nearest(acc, in: c.accelerators.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""))
            }
            guard c.precision(precision) != nil else { throw ValidationError("unknown precision '\(precision)' in '\(s)'") }
            guard count >= 1 && count <= 1024 else { throw ValidationError("GPU count in '\(s)' must be between 1 and 1024") }
            if let l = layout, case .failure(let e) = Layout.parse(l, count: count) { throw ValidationError("\(e.message) in '\(s)'; \(e.hint)") }
            return (acc, count, precision, layout.flatMap { try? Layout.parse($0, count: count).get().description })
        }

        @OptionGroup var quiet: QuietOption

        func run() async throws {
            Progress.quiet = quiet.quiet
            let c = try catalog.load()
            if let plot { try FileOutput.refuseOverwritingInputs([("--plot", plot)], inputs: FileOutput.catalogInputs(c)) }
            var spec = SweepSpec.defaults(for: c, workload: workload ?? (c.workload("metaverse") != nil ? "metaverse" : c.workloads.first?.id ?? ""))
            guard c.workload(spec.workloads[0]) != nil else { throw CLIError.unknown("workload", spec.workloads[0], known: c.workloads.map(\.id), flag: "--workload") }
            spec.loadScales = loadScales.split(separator: ",").compactMap { NumberText.decimal($0.trimmingCharacters(in: .whitespaces)) }.sorted()
            spec.replications = replications
            spec.seed = seed
            spec.durationS = duration
            let written = Self.group(options)
            let parsed = try written.map { try Self.parse($0, c) }
            let candidates = parsed.map { Candidate(accelerator: $0.0, count: $0.1, precision: $0.2, policy: policy, maxBatch: c.settings.server.maxBatch,
                                                    layout: $0.3, llmBatching: llmBatching) }
            for (cand, text) in zip(candidates, written) where !(c.accelerator(cand.accelerator)!.supports(cand.precision)) {
                Output.error("\(text): \(cand.accelerator) does not support \(cand.precision)")
                throw ExitCode(1)
            }
            let planner = Planner(catalog: c, spec: spec)
            if let why = planner.workProblem(units: candidates.count * spec.loadScales.count) { Output.error(why); throw ExitCode(1) }
            let units = planner.units(candidates)
            let progress = Progress(total: units.count, label: "points")
            // A signal reaches the engine: the process stops during a point, with nothing written.
            let phase = Phase()
            phase.set("after 0 of \(units.count) points")
            Interrupts.shared.installStoppingNow { [phase] in "interrupted \(phase.text); no comparison written" }
            let es: [Evaluation]
            do {
                es = try await planner.sweep(units, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                             isCancelled: { Interrupts.shared.isSet }, progress: { [phase] n in
                                                 progress.update(n)
                                                 phase.set("after \(n) of \(units.count) points")
                                             }, emit: ResultGuard.check)
            } catch let e as SetupError { throw Output.fail(e) }
            progress.finish()
            if Interrupts.shared.isSet { throw ExitCode(Interrupts.shared.exitCode) }
            Interrupts.shared.hold()
            let rows = CompareReport.build(candidates: candidates, evaluations: es, scales: spec.loadScales)
            Output.render(.comparison(rows, workload: spec.workloads[0], evaluations: es), format)
            if let plot { try Output.writeAtomically(PlanReport.plots(es, title: "pfmplan compare"), to: plot) }
            if Interrupts.shared.isSet { throw ExitCode(Interrupts.shared.exitCode) }
        }
    }
}
