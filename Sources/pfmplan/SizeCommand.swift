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
        @Option(help: ArgumentHelp("Recommend from a finished sweep's results (JSON lines) instead of simulating. The axis flags (--workload, --accelerators, --counts, --precisions, --policies, --max-batch, --caching, --residency, --devices, --load-scales) select among its results; flags that would need a new simulation are refused.", valueName: "file")) var from: String?
        @Flag(name: .customLong("no-headroom"), help: "Skip the headroom bisection.") var noHeadroom = false
        @Option(help: "Write plots (cost and p95 ÷ SLO per option versus load, the Pareto front with the pick, policy bars) to this SVG file (default: no plots).") var plot: String?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @OptionGroup var quiet: QuietOption

        func validate() throws {
            for (flag, p) in [("--from", from), ("--plot", plot)] { try FlagRules.path(flag, p) }
            try format.require(.recommendation, command: "size",
                               hint: " (for every option as CSV or Markdown: pfmplan sweep --format csv|markdown, or pfmplan report)")
            guard from != nil else { return }
            let refused: [(String, Bool)] = [
                ("--replications", axes.replications != nil), ("--duration", axes.duration != nil),
                ("--requests", axes.requests != nil), ("--seed", axes.seed != nil), ("--trace", axes.trace != nil),
                ("--slo-p95-ms", !axes.sloP95.isEmpty), ("--min-accuracy", !axes.minAccuracy.isEmpty),
                ("--budget-usd-month", axes.budget != nil),
            ]
            if let flag = refused.first(where: \.1)?.0 {
                throw ValidationError("--from recommends from the results as they were simulated, so \(flag) cannot apply: drop it, or run a new sweep without --from")
            }
        }

        func run() async throws {
            Progress.quiet = quiet.quiet
            let phase = Phase()
            let c = try catalog.load()
            var spec = try axes.spec(c)
            if let plot {
                try FileOutput.refuseOverwritingInputs([("--plot", plot)], inputs: axes.inputs(c, spec: spec) + (from.map { [("the results file (--from)", $0)] } ?? []))
            }
            var planner = Planner(catalog: c, spec: spec)
            if from == nil, let why = planner.workProblem() { Output.error(why); throw ExitCode(1) }
            var (cands, skipped) = planner.candidates()
            var evaluations: [Evaluation]
            if let from {
                // Describe the file read, filtered by the axes given; nothing was skipped here.
                let all = try ResultsFile.read(from).evaluations
                evaluations = try axes.selection(c).apply(all)
                if evaluations.isEmpty {
                    Output.error("\(from): none of its \(all.count) results match the axes given; drop the filters to see them all")
                    throw ExitCode(1)
                }
                spec = spec.describing(evaluations)
                planner = Planner(catalog: c, spec: spec)
                (cands, skipped) = ([], [])
            } else {
                let units = planner.units(cands)
                let progress = Progress(total: units.count, label: "options")
                // A signal reaches the engine: the process stops during a unit or the bisection.
                Interrupts.shared.installStoppingNow { [phase] in
                    "interrupted \(phase.text); no recommendation written"
                }
                phase.set("after \(0) of \(units.count) options")
                do {
                    evaluations = try await planner.sweep(units, jobs: axes.jobCount, isCancelled: { Interrupts.shared.isSet },
                                                          progress: { [phase] n in
                                                              progress.update(n)
                                                              phase.set("after \(n) of \(units.count) options")
                                                          }, emit: ResultGuard.check)
                } catch let e as SetupError { throw Output.fail(e) }
                progress.finish()
                if Interrupts.shared.isSet {
                    Output.note("interrupted: \(evaluations.count) of \(units.count) options evaluated; no recommendation")
                    throw ExitCode(Interrupts.shared.exitCode)
                }
            }
            var rec = planner.recommend(evaluations, skipped: skipped)
            if let p = rec.pick, !noHeadroom, from == nil {
                let progress = Progress(total: 0, label: "headroom bisection")
                phase.set("during the headroom bisection of the pick, \(p.candidate.label)")
                do {
                    var steps = 0
                    rec.headroom = try planner.headroom(p.candidate, jobs: axes.jobCount) { m, ok in
                        steps += 1
                        progress.update(steps, status: "SLOs at ×\(Fmt.fixed(m, 2)): \(ok ? "met" : "broken")")
                    }
                    let base = p.evaluations.map(\.edgeRatio.mean).min() ?? 0
                    rec.edgeHeadroom = try planner.edgeHeadroom(p.candidate, baseline: base, jobs: axes.jobCount) { m, ok in
                        steps += 1
                        progress.update(steps, status: "edge share at ×\(Fmt.fixed(m, 2)): \(ok ? "kept" : "dropped")")
                    }
                } catch { throw Output.fail(error) }
                progress.finish()
            }
            // The output is written whole; a signal from here on only sets the exit status.
            Interrupts.shared.hold()
            Output.render(.recommendation(rec, spec), format)
            if let plot { try Output.writeAtomically(PlanReport.plots(evaluations, title: "pfmplan size", recommendation: rec), to: plot) }
            if Interrupts.shared.isSet { throw ExitCode(Interrupts.shared.exitCode) }
            if rec.pick == nil { throw ExitCode(3) }
        }
    }
}
