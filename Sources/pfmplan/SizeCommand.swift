import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning
import PFMReporting
import PFMSimulation

extension PFMPlan {
    struct Size: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recommend the cheapest server sizing that meets the SLOs.",
            discussion: """
                Sweeps accelerators × GPU counts × precisions × policies × batch limits (from --sweep \
                or the flags; by default every accelerator in the catalog at 1, 2 and 4 GPUs, fp16 and \
                int8, the LC policy), simulates each on the workload with independent replications, \
                and picks the cheapest option whose SLOs hold at the upper end of the 95% interval. \
                It prints the pick with its expected monthly cost (edge capex, edge energy, cloud \
                spend), cost per 1k requests, p95 latency per service, mean accuracy, edge execution \
                ratio and headroom (the largest load multiplier that still meets every SLO, found by \
                bisection on common random numbers and printed as the bracket it ended in); then the runners-up, and for each cheaper option the constraint that \
                ruled it out.

                Exit status 0 with a pick; 3 when no option is feasible (the nearest misses and what \
                to relax are printed); 1 for invalid input.
                """)

        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var axes: SweepAxes
        @Option(help: "Recommend from a finished sweep's results (JSON lines) instead of simulating.") var from: String?
        @Flag(name: .customLong("no-headroom"), help: "Skip the headroom bisection.") var noHeadroom = false
        @Option(help: "Write plots (cost and p95 versus load, Pareto front, policy bars) to this SVG file.") var plot: String?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let c = try catalog.load()
            let spec = try axes.spec(c)
            let planner = Planner(catalog: c, spec: spec)
            let (cands, skipped) = planner.candidates()
            var evaluations: [Evaluation]
            if let from {
                evaluations = try ResultsFile.read(from).evaluations
            } else {
                Interrupts.shared.install()
                let units = planner.units(cands)
                let progress = Progress(total: units.count, label: "options")
                do {
                    evaluations = try await planner.sweep(units, jobs: axes.jobCount, isCancelled: { Interrupts.shared.isSet },
                                                          progress: { progress.update($0) }, emit: { _ in })
                } catch let e as SetupError { throw Output.fail(e) }
                progress.finish()
                if Interrupts.shared.isSet {
                    Output.note("interrupted: \(evaluations.count) of \(units.count) options evaluated; no recommendation")
                    throw ExitCode(Interrupts.shared.exitCode)
                }
            }
            var rec = planner.recommend(evaluations, skipped: skipped)
            if let p = rec.pick, !noHeadroom, from == nil {
                do {
                    rec.headroom = try planner.headroom(p.candidate)
                    let base = p.evaluations.map(\.edgeRatio.mean).min() ?? 0
                    rec.edgeHeadroom = try planner.edgeHeadroom(p.candidate, baseline: base)
                } catch { throw Output.fail(error) }
            }
            switch format {
            case .json: Output.print(PlanReport.sizeJSON(rec))
            default: Output.print(PlanReport.sizeText(rec, spec: spec))
            }
            if let plot { try Output.writeAtomically(PlanReport.plots(evaluations, title: "pfmplan size"), to: plot) }
            if rec.pick == nil { throw ExitCode(3) }
        }
    }
}
