import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning
import PFMReporting
import PFMSimulation

/// Reading a results file (JSON lines written by `sweep`).
enum ResultsFile {
    struct Contents { var evaluations: [Evaluation]; var tornLine: Int? }

    static func read(_ path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            Output.error("\(path): cannot read the results file")
            throw ExitCode(1)
        }
        let text = String(decoding: data, as: UTF8.self)
        var out: [Evaluation] = []
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where !line.isEmpty {
            do { out.append(try decoder.decode(Evaluation.self, from: Data(line.utf8))) } catch {
                let last = i == lines.count - 1 || (i == lines.count - 2 && lines.last == "")
                Output.error("\(path):\(i + 1): \(last && !text.hasSuffix("\n") ? "torn last line (a killed run?)" : "not a pfmplan sweep result line")")
                throw ExitCode(1)
            }
        }
        return Contents(evaluations: out, tornLine: nil)
    }
}

extension PFMPlan {
    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate every option of a sweep and write one result line per option × workload × load scale.",
            discussion: """
                Each line is a JSON object with the option, workload, load scale, seeds, every metric \
                with its 95% interval, feasibility and violations, the catalog and spec digests and the \
                pfmplan version. Lines are written in canonical order as soon as they are ready, so the \
                output is identical for any --jobs. With --out, results go to FILE.partial and are \
                renamed to FILE when the sweep completes: an interrupted run never leaves a file that \
                looks complete. SIGINT/SIGTERM stop cleanly, keeping the lines already written \
                (exit 130/143).

                SCALE-OUT: --shard I/N evaluates only the I-th (from 0) of N deterministic slices of \
                the units (option × workload × load scale), balanced by estimated cost (expected \
                requests × replications × pipeline length × a policy factor; greedy longest-first, ties \
                to the lower index). Its output starts with a header line (schema \
                pfmplan.sweep-part/1: pfmplan version, spec, sweep and catalog digests, the shard, \
                the total unit count and the unit indices it covers), then the result lines. N may \
                exceed the number of units: the extra shards write a header only. \
                --shard-from-env takes I and N from a Slurm job array --array=0-(N-1) \
                (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job \
                (JOB_COMPLETION_INDEX, JOB_COMPLETION_COUNT); --shard-count N overrides the count \
                (needed when re-running some array tasks alone). \
                'pfmplan merge' checks and joins the parts into the file a one-process sweep writes.
                """)

        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var axes: SweepAxes
        @Option(help: "Write results to this file (JSON lines, or CSV with --format csv) instead of stdout.") var out: String?
        @Option(help: "Output format: json (JSON lines), csv, table or markdown.") var format: OutputFormat = .json
        @Option(help: "Write plots to this SVG file.") var plot: String?
        @Option(help: ArgumentHelp("Evaluate only shard I of N (0 ≤ I < N) and write a part file for 'pfmplan merge'.", valueName: "I/N"))
        var shard: String?
        @Flag(name: .customLong("shard-from-env"), help: "Take the shard from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX (Kubernetes Indexed Job).")
        var shardFromEnv = false
        @Option(name: .customLong("shard-count"), help: "With --shard-from-env: the number of shards N (default: SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_COUNT).")
        var shardCount: Int?

        func validate() throws {
            if shard != nil && shardFromEnv { throw ValidationError("give either --shard I/N or --shard-from-env, not both") }
            if let s = shard, ShardID(parsing: s) == nil {
                throw ValidationError("--shard expects I/N with 0 ≤ I < N, such as 0/4, found '\(s)'")
            }
            if let n = shardCount {
                if !shardFromEnv { throw ValidationError("--shard-count goes with --shard-from-env (with --shard, write I/N)") }
                if n < 1 { throw ValidationError("--shard-count must be at least 1") }
            }
            if (shard != nil || shardFromEnv) && format != .json {
                throw ValidationError("a shard writes JSON lines (a part file for 'pfmplan merge'); drop --format \(format.rawValue)")
            }
        }

        /// The shard to run, if any.
        func resolvedShard() throws -> ShardID? {
            if let shard { return ShardID(parsing: shard) }
            guard shardFromEnv else { return nil }
            do { return try ShardID.fromEnvironment(ProcessInfo.processInfo.environment, count: shardCount) } catch {
                Output.error(error.description)
                throw ExitCode(1)
            }
        }

        func run() async throws {
            let c = try catalog.load()
            let spec = try axes.spec(c)
            let planner = Planner(catalog: c, spec: spec)
            let (cands, skipped) = planner.candidates()
            for s in skipped { Output.note("skipped \(s.candidate.key): \(s.reason)") }
            let allUnits = planner.units(cands)
            let shardID = try resolvedShard()
            var units = allUnits
            var header: ShardHeader?
            if let shardID {
                let slice = ShardPlan.units(allUnits, shard: shardID, planner: planner)
                units = slice.units
                header = ShardHeader(planner: planner, shard: shardID, totalUnits: allUnits.count, units: units,
                                     costShare: slice.total > 0 ? slice.cost / slice.total : 0)
            }
            Interrupts.shared.install()
            let progress = Progress(total: units.count, label: "options")
            var handle: FileHandle?
            let partial = out.map { $0 + ".partial" }
            if let partial {
                _ = FileManager.default.createFile(atPath: partial, contents: nil)
                guard let h = FileHandle(forWritingAtPath: partial) else {
                    Output.error("cannot write \(partial)")
                    throw ExitCode(1)
                }
                handle = h
            }
            func write(_ s: String) {
                if let handle { handle.write(Data(s.utf8)) } else { Output.print(s) }
            }
            if let header { write(header.jsonLine) }
            if format == .csv { write(PlanReport.csvHeader()) }
            let evaluations: [Evaluation]
            do {
                evaluations = try await planner.sweep(units, jobs: axes.jobCount, isCancelled: { Interrupts.shared.isSet },
                                                      progress: { progress.update($0) }) { e in
                    switch format {
                    case .csv: write(PlanReport.csvLine(e))
                    case .json: write(PlanReport.jsonLine(e))
                    default: break
                    }
                }
            } catch let e as SetupError { throw Output.fail(e) }
            progress.finish()
            if format == .table { write(PlanReport.sweepTable(evaluations).render()) }
            if format == .markdown { write(PlanReport.sweepTable(evaluations).markdown()) }
            try handle?.synchronize()
            try handle?.close()
            if Interrupts.shared.isSet {
                Output.note("interrupted: \(evaluations.count) of \(units.count) results kept in \(partial ?? "stdout"); \(units.count - evaluations.count) not run")
                throw ExitCode(Interrupts.shared.exitCode)
            }
            if let out, let partial {
                // rename(2) replaces an earlier file (a re-run shard's part) atomically.
                if rename(partial, out) != 0 {
                    Output.error("cannot rename \(partial) to \(out): \(String(cString: strerror(errno)))")
                    throw ExitCode(1)
                }
                if let header {
                    Output.note(String(format: "shard %@: wrote %d of %d units (%.1f%% of the estimated cost) to %@",
                                       header.shard.description, evaluations.count, header.totalUnits, header.costShare * 100, out))
                } else {
                    Output.note("wrote \(evaluations.count) results to \(out)")
                }
            }
            if let plot { try Output.writeAtomically(PlanReport.plots(evaluations, title: "pfmplan sweep"), to: plot) }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-render a finished sweep (table, Markdown, CSV or the pick) without re-simulating.")
        @OptionGroup var catalog: CatalogOptions
        @Argument(help: "Results file written by 'pfmplan sweep' (JSON lines).") var results: String
        @Option(help: "Output format: table, markdown, csv or json (the recommendation).") var format: OutputFormat = .table
        @Option(help: "Write plots to this SVG file.") var plot: String?

        func run() throws {
            let es = try ResultsFile.read(results).evaluations
            guard !es.isEmpty else { Output.error("\(results) holds no results"); throw ExitCode(1) }
            let c = try catalog.load()
            var spec = SweepSpec.defaults(for: c, workload: es[0].workload)
            spec.workloads = Array(Set(es.map(\.workload))).sorted()
            spec.loadScales = Array(Set(es.map(\.loadScale))).sorted()
            spec.replications = es[0].seeds.count
            let planner = Planner(catalog: c, spec: spec)
            let rec = planner.recommend(es, skipped: [])
            switch format {
            case .table: Output.print(PlanReport.sweepTable(es).render() + "\n" + PlanReport.sizeText(rec, spec: spec))
            case .markdown: Output.print(PlanReport.sweepTable(es).markdown())
            case .csv: Output.print(PlanReport.csvHeader() + es.map(PlanReport.csvLine).joined())
            case .json: Output.print(PlanReport.sizeJSON(rec))
            }
            if let plot { try Output.writeAtomically(PlanReport.plots(es, title: "pfmplan report"), to: plot) }
        }
    }
}
