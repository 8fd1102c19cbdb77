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
        var numbered: [(line: Int, evaluation: Evaluation)] = []
        for (i, line) in lines.enumerated() where !line.isEmpty {
            do {
                let e = try decoder.decode(Evaluation.self, from: Data(line.utf8))
                if let why = ResultsCheck.problem(e) {
                    Output.error("\(path):\(i + 1): not a valid pfmplan sweep result: \(why)")
                    throw ExitCode(1)
                }
                out.append(e)
                numbered.append((i + 1, e))
            } catch let e as ExitCode { throw e } catch {
                let last = i == lines.count - 1 || (i == lines.count - 2 && lines.last == "")
                Output.error("\(path):\(i + 1): \(last && !text.hasSuffix("\n") ? "torn last line (a killed run?)" : "not a pfmplan sweep result line")")
                throw ExitCode(1)
            }
        }
        if let (line, why) = ResultsCheck.consistency(numbered) {
            Output.error("\(path):\(line): \(why); re-run the sweep, or 'pfmplan merge' its parts")
            throw ExitCode(1)
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

                RESUME: --resume continues a killed or interrupted sweep with the same --out: it \
                reads FILE.partial (or FILE when there is no .partial), checks every line against \
                this sweep (pfmplan version, catalog digest, spec digest, the effective sweep recorded \
                beside it in FILE.partial.sweep, and each line's unit index, option key, workload, \
                load scale and seeds), discards a torn last line with a note, skips the finished \
                units and evaluates the rest. The finished FILE is byte-identical to an uninterrupted \
                run's. A line from another sweep is an error (exit 1) naming the file and line: \
                delete the file or run without --resume to start again. With no earlier output \
                --resume starts a new sweep; with a complete FILE it does nothing. It works for \
                --shard parts too (the part's header must match) and needs --format json.

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
        @Option(help: "Write plots (cost and p95 ÷ SLO per option, the Pareto front with the pick) to this SVG file (default: no plots).") var plot: String?
        @Option(help: ArgumentHelp("Evaluate only shard I of N (0 ≤ I < N) and write a part file for 'pfmplan merge'.", valueName: "I/N"))
        var shard: String?
        @Flag(name: .customLong("shard-from-env"), help: "Take the shard from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX (Kubernetes Indexed Job).")
        var shardFromEnv = false
        @Option(name: .customLong("shard-count"), help: "With --shard-from-env: the number of shards N (default: SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_COUNT).")
        var shardCount: Int?
        @Flag(help: "Continue a killed sweep: keep the finished lines of --out's FILE.partial (or FILE), evaluate the rest.")
        var resume = false

        func validate() throws {
            for (flag, p) in [("--out", out), ("--plot", plot)] { try FlagRules.path(flag, p) }
            if resume && out == nil { throw ValidationError("--resume continues the sweep written to --out FILE: give --out") }
            if resume && format != .json { throw ValidationError("--resume continues JSON lines: drop --format \(format.rawValue)") }
            if shard != nil && shardFromEnv { throw ValidationError("give either --shard I/N or --shard-from-env, not both") }
            if let s = shard, ShardID(parsing: s) == nil {
                throw ValidationError("--shard expects I/N with 0 ≤ I < N, such as 0/4, found '\(s)'")
            }
            if let n = shard.flatMap(ShardID.init(parsing:))?.count ?? shardCount, n > WorkLimits.maxShards {
                throw ValidationError("a sweep has at most \(WorkLimits.maxShards) shards, found \(n) (more shards than units only write empty parts)")
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
            do {
                let id = try ShardID.fromEnvironment(ProcessInfo.processInfo.environment, count: shardCount)
                if id.count > WorkLimits.maxShards {
                    Output.error("--shard-from-env: \(id.count) shards; a sweep has at most \(WorkLimits.maxShards)")
                    throw ExitCode(1)
                }
                return id
            } catch let e as ExitCode { throw e } catch {
                Output.error("\(error)")
                throw ExitCode(1)
            }
        }

        @OptionGroup var quiet: QuietOption

        func run() async throws {
            Progress.quiet = quiet.quiet
            let c = try catalog.load()
            let spec = try axes.spec(c)
            try FileOutput.refuseOverwritingInputs([("--out", out), ("--plot", plot)].compactMap { f in f.1.map { (f.0, $0) } },
                                                   inputs: axes.inputs(c, spec: spec))
            let planner = Planner(catalog: c, spec: spec)
            if let why = planner.workProblem() { Output.error(why); throw ExitCode(1) }
            let (cands, skipped) = planner.candidates()
            for s in skipped { Output.note("skipped \(s.candidate.key): \(VerdictText.text(s.reason))") }
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
            // FILE.partial is this process's alone while it runs: a second sweep onto the same
            // --out stops here instead of sharing (and renaming) the first one's file.
            let partial = out.map { $0 + ".partial" }
            let marker = partial.map { $0 + SweepResume.markerSuffix }
            var file: PartialFile?
            if let partial {
                do { file = try PartialFile.acquire(partial) } catch {
                    if case .busy = error {
                        Output.error("another pfmplan process is writing \(partial) now (a sweep with the same --out); "
                                     + "wait for it to finish, or give this sweep another --out")
                    } else if case .failed(let code) = error {
                        Output.error(FileOutput.Failure(path: partial, code: code).description)
                    }
                    throw ExitCode(1)
                }
            }
            /// On a failure before the sweep completes, nothing of this run is left behind: a
            /// FILE.partial it created goes; an earlier run's stays unless this run emptied it.
            var keepPartial = !(file?.created ?? true)
            func cleanUp() {
                guard let file else { return }
                if !keepPartial {
                    file.remove()
                    if let marker { unlink(marker) }
                }
                file.close()
            }
            do {
                try await sweep(planner: planner, units: units, header: header, file: file, marker: marker, keepPartial: &keepPartial)
            } catch is Done {
                cleanUp()
            } catch {
                cleanUp()
                throw error
            }
        }

        func sweep(planner: Planner, units: [Planner.Unit], header: ShardHeader?, file: PartialFile?, marker: String?,
                   keepPartial: inout Bool) async throws {
            var resumed: SweepResume.State?
            if resume, let out {
                resumed = try SweepResume.load(out: out, partialExisted: !(file?.created ?? true), header: header, planner: planner, units: units)
                if let r = resumed, r.complete {
                    Output.note("\(r.path) is complete (\(r.kept.count) of \(units.count) results); nothing to resume")
                    if let plot { try Output.writeAtomically(PlanReport.plots(r.kept, title: "pfmplan sweep", recommendation: planner.recommend(r.kept, skipped: [])), to: plot) }
                    // The FILE.partial this run opened (empty) goes: FILE is the result.
                    throw Done()
                }
            }
            let kept = resumed?.kept ?? []
            let remaining = Array(units.dropFirst(kept.count))
            let progress = Progress(total: remaining.count, label: "options")
            let partial = file?.path
            // Without a shard header in the file, the effective sweep is recorded beside it for --resume.
            if file != nil, header == nil, let marker, format == .json {
                try Output.writeAtomically(SweepResume.Marker(planner: planner, totalUnits: units.count).json, to: marker)
            }
            do {
                if let file, let r = resumed, r.fromPartial {
                    try file.truncate(to: r.keptBytes.count)
                } else if let file {
                    keepPartial = false
                    try file.truncate(to: 0)
                    if let bytes = resumed?.keptBytes { try file.write(bytes) }
                }
            } catch {
                Output.error(error.description)
                throw ExitCode(1)
            }
            // Every line goes out whole under `sink`'s lock, so a signal that stops the process
            // while a unit runs leaves only whole lines.
            let sink = LineSink(file: file, kept: kept.count)
            let total = units.count
            let resumable = partial != nil && format == .json
            Interrupts.shared.install { code in
                Progress.clearActive()
                sink.stop { written in
                    Output.note("interrupted: \(written) of \(total) results kept in \(partial ?? "stdout"); \(total - written) not run"
                                + (resumable ? "; run the same command with --resume to finish" : ""))
                    _exit(code)
                }
            }
            func write(_ s: String, result: Bool) throws {
                do { try sink.write(s, result: result) } catch {
                    keepPartial = keepPartial || resumable
                    Output.error(error.description + (out.map { "; \($0) is unchanged" } ?? "")
                                 + (resumable && keepPartial ? "; the results so far stay in \(partial ?? ""): free space and run the same command with --resume" : ""))
                    throw ExitCode(1)
                }
            }
            if let header, !(resumed?.headerKept ?? false) { try write(header.jsonLine, result: false) }
            if format == .csv { try write(PlanReport.csvHeader(), result: false) }
            var evaluations: [Evaluation]
            do {
                evaluations = try await planner.sweep(remaining, jobs: axes.jobCount, isCancelled: { Interrupts.shared.isSet },
                                                      progress: { progress.update($0) }) { e in
                    try ResultGuard.check(e)
                    switch format {
                    case .csv: try write(PlanReport.csvLine(e), result: true)
                    case .json: try write(PlanReport.jsonLine(e), result: true)
                    default: break
                    }
                }
            } catch let e as SetupError { throw Output.fail(e) }
            progress.finish()
            let new = evaluations.count
            evaluations = kept + evaluations
            // Table and Markdown come whole at the end; CSV and JSON lines were streamed above.
            if format == .table || format == .markdown { try write(Renderers.render(.sweep(evaluations), as: format.renderFormat) ?? "", result: false) }
            if Interrupts.shared.isSet {
                keepPartial = true
                sink.finish()
                Output.note("interrupted: \(evaluations.count) of \(units.count) results kept in \(partial ?? "stdout"); \(units.count - evaluations.count) not run"
                            + (resumable ? "; run the same command with --resume to finish" : ""))
                file?.close()
                throw ExitCode(Interrupts.shared.exitCode)
            }
            if let out, let file {
                do { try file.sync() } catch {
                    keepPartial = resumable
                    Output.error(error.description + "; \(out) is unchanged")
                    throw ExitCode(1)
                }
                // rename(2) replaces an earlier file (a re-run shard's part) atomically; the lock
                // is let go only after, so no other sweep can take FILE.partial in between.
                if rename(file.path, out) != 0 {
                    keepPartial = true
                    Output.error("cannot rename \(file.path) to \(out): \(String(cString: strerror(errno)))")
                    throw ExitCode(1)
                }
                sink.finish()
                if let marker { unlink(marker) }
                file.close()
                let resumedNote = kept.isEmpty ? "" : " (\(kept.count) kept from the earlier run, \(new) evaluated now)"
                if let header {
                    Output.note(String(format: "shard %@: wrote %d of %d units (%.1f%% of the estimated cost) to %@",
                                       header.shard.description, evaluations.count, header.totalUnits, header.costShare * 100, out) + resumedNote)
                } else {
                    Output.note("wrote \(evaluations.count) results to \(out)" + resumedNote)
                }
            }
            sink.finish()
            if let plot { try Output.writeAtomically(PlanReport.plots(evaluations, title: "pfmplan sweep", recommendation: planner.recommend(evaluations, skipped: [])), to: plot) }
        }
    }

    /// Thrown to end a sweep that had nothing to do (a complete FILE with --resume).
    struct Done: Error {}

    /// Where a sweep's lines go (FILE.partial or stdout), one whole line at a time under a lock,
    /// counting the result lines.
    final class LineSink: @unchecked Sendable {
        private let lock = NSLock()
        private let file: PartialFile?
        private var written: Int
        private var finished = false

        init(file: PartialFile?, kept: Int) { self.file = file; written = kept }

        func write(_ s: String, result: Bool) throws(FileOutput.Failure) {
            lock.lock(); defer { lock.unlock() }
            if let file { try file.write(s) } else { Output.print(s) }
            if result { written += 1 }
        }

        /// Runs `body` (which exits) with the result lines written, unless the sweep has finished;
        /// no line is written after it starts.
        func stop(_ body: (Int) -> Void) {
            lock.lock()
            if finished { lock.unlock(); return }
            body(written)
            lock.unlock()
        }

        func finish() { lock.lock(); finished = true; lock.unlock() }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-render a finished sweep (table, Markdown, CSV or the pick) without re-simulating.")
        @OptionGroup var catalog: CatalogOptions
        @Argument(help: "Results file written by 'pfmplan sweep' (JSON lines).") var results: String
        @Option(help: "Output format: table, markdown, csv or json (the recommendation).") var format: OutputFormat = .table
        @Option(help: "Write plots (cost and p95 ÷ SLO per option, the Pareto front with the pick) to this SVG file (default: no plots).") var plot: String?

        func validate() throws {
            try FlagRules.path("the RESULTS argument", results)
            try FlagRules.path("--plot", plot)
        }

        func run() throws {
            let es = try ResultsFile.read(results).evaluations
            guard !es.isEmpty else { Output.error("\(results) holds no results"); throw ExitCode(1) }
            let c = try catalog.load()
            if let plot {
                try FileOutput.refuseOverwritingInputs([("--plot", plot)], inputs: [("the results file", results)] + FileOutput.catalogInputs(c))
            }
            var spec = SweepSpec.defaults(for: c, workload: es[0].workload)
            spec.workloads = Array(Set(es.map(\.workload))).sorted()
            spec.loadScales = Array(Set(es.map(\.loadScale))).sorted()
            spec.replications = es[0].seeds.count
            let planner = Planner(catalog: c, spec: spec)
            let rec = planner.recommend(es, skipped: [])
            Output.render(.results(es, rec, spec), format)
            if let plot { try Output.writeAtomically(PlanReport.plots(es, title: "pfmplan report", recommendation: rec), to: plot) }
        }
    }
}

/// `sweep --resume`: the finished lines of an earlier run of the same sweep, checked line by line.
enum SweepResume {
    /// Beside FILE.partial: the effective sweep that is writing it (plain sweeps only; a shard's
    /// part carries its header in the file).
    static let markerSuffix = ".sweep"

    struct Marker: Codable, Equatable {
        var schema = "pfmplan.sweep-resume/1"
        var version: String
        var specDigest: String
        var sweepDigest: String
        var catalogDigest: String
        var totalUnits: Int

        init(planner: Planner, totalUnits: Int) {
            version = Planner.version
            specDigest = planner.spec.digest
            sweepDigest = planner.spec.effectiveDigest
            catalogDigest = planner.catalog.digest
            self.totalUnits = totalUnits
        }

        var json: String {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? e.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
        }
    }

    struct State {
        /// The file the lines came from: FILE.partial, or FILE.
        var path: String
        var fromPartial: Bool
        /// The whole lines kept, byte for byte (header included for a shard).
        var keptBytes: Data
        var kept: [Evaluation]
        var headerKept: Bool
        /// Every unit is there: nothing to evaluate.
        var complete: Bool
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    static func fail(_ path: String, _ line: Int, _ message: String, hint: String? = nil) -> ExitCode {
        Output.diagnostics([Diagnostic(.error, at: SourceLocation(file: path, line: line, column: 1), path: "", message,
                                       hint: hint ?? "run the same command as the killed sweep, or delete \(path) (or drop --resume) to start again")])
        return ExitCode(1)
    }

    /// Reads and checks the earlier output of this sweep. nil when there is none (a new sweep starts).
    /// `partialExisted`: FILE.partial was there before this run opened (and locked) it.
    static func load(out: String, partialExisted: Bool, header: ShardHeader?, planner: Planner, units: [Planner.Unit]) throws -> State? {
        let fm = FileManager.default
        let partial = out + ".partial"
        let fromPartial = partialExisted
        let path = fromPartial ? partial : out
        guard fromPartial || fm.fileExists(atPath: out) else {
            Output.note("--resume: neither \(partial) nor \(out) exists; starting the sweep from the beginning")
            return nil
        }
        guard let data = fm.contents(atPath: path) else {
            Output.error("\(path): cannot read the earlier results")
            throw ExitCode(1)
        }
        if fromPartial, header == nil, let markerData = fm.contents(atPath: partial + markerSuffix) {
            let now = Marker(planner: planner, totalUnits: units.count)
            guard let was = try? JSONDecoder().decode(Marker.self, from: markerData) else {
                throw fail(partial + markerSuffix, 1, "not a pfmplan sweep record (\(Marker(planner: planner, totalUnits: 0).schema))")
            }
            if was != now {
                var what: [String] = []
                if was.version != now.version { what.append("pfmplan \(was.version), this is \(now.version)") }
                if was.catalogDigest != now.catalogDigest { what.append("a different catalog") }
                if was.specDigest != now.specDigest { what.append("a different sweep spec file") }
                if was.sweepDigest != now.sweepDigest && was.specDigest == now.specDigest { what.append("different sweep flags (axes, --replications, --duration, --requests or --seed)") }
                if was.totalUnits != now.totalUnits { what.append("\(was.totalUnits) units, this sweep has \(now.totalUnits)") }
                throw fail(partial, 1, "\(partial) was written by another sweep: \(what.isEmpty ? "its record differs" : what.joined(separator: "; "))")
            }
        }
        // Whole lines only: bytes after the last newline are a line cut short by the kill.
        let bytes = [UInt8](data)
        let end = (bytes.lastIndex(of: 10)).map { $0 + 1 } ?? 0
        var lines = bytes[..<end].split(separator: 10, omittingEmptySubsequences: false)
        if !lines.isEmpty { lines.removeLast() }   // after the final newline
        if end < bytes.count {
            Output.note("\(path):\(lines.count + 1): discarded a torn last line (\(bytes.count - end) bytes without a newline: the run was killed while writing it)")
        }
        var lineNo = 0
        var headerKept = false
        var body = lines[...]
        if let header {
            if let first = body.first {
                lineNo = 1
                let expected = header.jsonLine.dropLast()   // without its newline
                guard Array(first) == Array(expected.utf8) else {
                    let found = try? decoder().decode(ShardHeader.self, from: Data(first))
                    var why = "not the header of this shard"
                    if let f = found {
                        if f.shard != header.shard { why = "the header of shard \(f.shard), this is shard \(header.shard)" }
                        else if f.version != header.version { why = "written by pfmplan \(f.version), this is \(header.version)" }
                        else if f.catalogDigest != header.catalogDigest { why = "written with a different catalog" }
                        else if f.sweepDigest != header.sweepDigest { why = "written by another sweep (its spec or flags differ)" }
                        else { why = "its header differs from this shard's" }
                    }
                    throw fail(path, 1, why)
                }
                headerKept = true
                body = body.dropFirst()
            }
        }
        let decoder = decoder()
        let spec = planner.spec
        var kept: [Evaluation] = []
        for line in body {
            lineNo += 1
            guard let e = try? decoder.decode(Evaluation.self, from: Data(line)), e.schema == Evaluation.schemaName else {
                throw fail(path, lineNo, "not a pfmplan sweep result line")
            }
            if let why = ResultsCheck.problem(e) { throw fail(path, lineNo, "not a valid pfmplan sweep result: \(why)") }
            let j = kept.count
            guard j < units.count else { throw fail(path, lineNo, "more results than this sweep has units (\(units.count))") }
            let u = units[j]
            if e.version != Planner.version { throw fail(path, lineNo, "written by pfmplan \(e.version), this is \(Planner.version)") }
            if e.catalogDigest != planner.catalog.digest {
                throw fail(path, lineNo, "written with a different catalog (digest \(e.catalogDigest.prefix(12)), now \(planner.catalog.digest.prefix(12)))")
            }
            if e.specDigest != spec.digest { throw fail(path, lineNo, "written from a different sweep spec file") }
            if e.index != u.index || e.key != u.candidate.key || e.workload != u.workload || e.loadScale != u.loadScale {
                throw fail(path, lineNo, "holds unit #\(e.index) \(e.key) on \(e.workload) ×\(e.loadScale); this sweep's next unit is #\(u.index) \(ShardHeader.label(u))")
            }
            let seeds = (0..<spec.replications).map { Planner.seed(base: spec.seed, workload: u.workload, replication: $0) }
            if e.seeds != seeds { throw fail(path, lineNo, "its seeds differ from this sweep's (another --seed or --replications)") }
            kept.append(e)
        }
        let keptEnd = lines.reduce(0) { $0 + $1.count + 1 }
        let complete = kept.count == units.count && (header == nil || headerKept)
        if !complete || fromPartial {
            Output.note("--resume: \(kept.count) of \(units.count) results already in \(path); evaluating \(units.count - kept.count)")
        }
        return State(path: path, fromPartial: fromPartial, keptBytes: Data(bytes[..<keptEnd]), kept: kept, headerKept: headerKept,
                     complete: complete && !fromPartial)
    }
}
