import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning
import PFMSimulation

/// Sweep axes as flags: each overrides the sweep spec's axis, for quick what-ifs.
struct SweepAxes: ParsableArguments {
    @Option(help: "Sweep spec YAML file (axes, SLO overrides, objective, replications, run length).") var sweep: String?
    @Option(help: "Workload id(s), comma-separated, or 'all' (default: the spec's, else 'metaverse').") var workload: String?
    @Option(help: "Accelerator ids, comma-separated, or 'all' (default: the spec's, else all).") var accelerators: String?
    @Option(help: "GPU counts: a range like 1-4 or a list like 1,2,4 (default: the spec's, else 1,2,4).") var counts: String?
    @Option(help: "Precisions, comma-separated (default: the spec's, else fp16,int8).") var precisions: String?
    @Option(help: "Policies, comma-separated (lc, lfu, lru, fifo, random, random-cache, cloud, belady) or 'all' (default: the spec's, else lc).") var policies: String?
    @Option(name: .customLong("max-batch"), help: "Batch limits, comma-separated (default: the spec's, else the catalog's server.max_batch).") var maxBatch: String?
    @Option(help: "Caching modes, comma-separated: passive, active (default: the spec's, else passive).") var caching: String?
    @Option(help: "Residency modes, comma-separated: binary, partial (default: the spec's, else binary).") var residency: String?
    @Option(name: .customLong("llm-batching"), help: "Language batching, comma-separated: continuous, static (default: the spec's, else the runtime profile's llm_batching).") var llmBatching: String?
    @Option(help: "Device tier: device ids, comma-separated, 'none' for no device tier (default: the spec's, else none).") var devices: String?
    @Option(help: ArgumentHelp("GPU layouts to try, comma-separated: 'auto' (the uniform layouts of each count: 1x4, 2x2, 4) or layouts like 2+1+1 (default: the spec's, else auto).", valueName: "layouts"))
    var layouts: String?
    @Option(name: .customLong("load-scales"), help: "Load multipliers, comma-separated (default: the spec's, else 1).") var loadScales: String?
    @Option(name: .customLong("slo-p95-ms"), help: ArgumentHelp("p95 target in ms for every service, or SERVICE=MS for one; repeatable.", valueName: "ms|service=ms"))
    var sloP95: [String] = []
    @Option(name: .customLong("min-accuracy"), help: ArgumentHelp("Accuracy floor for every scored service, or SERVICE=POINTS; repeatable.", valueName: "points|service=points"))
    var minAccuracy: [String] = []
    @Option(name: .customLong("budget-usd-month"), help: "Reject options whose expected monthly cost exceeds this (default: no budget).", transform: FlagRules.number) var budget: Double?
    @Option(help: "What 'cheapest' means: usd (expected monthly USD) or system-cost (the paper's) (default: the spec's, else usd).") var objective: SweepSpec.Objective?
    @Option(help: "Independent replications per option (default: the spec's replications, else 3). Seeds derive from --seed, the workload and the replication; every option and load scale shares them.") var replications: Int?
    @Option(help: "Measured simulated seconds per replication, after the warm-up (default: the spec's run.duration_s, else the workload's duration_s).", transform: FlagRules.number) var duration: Double?
    @Option(help: "Measured requests per replication, after the warm-up, instead of a duration (default: the spec's run.requests, else the workload's requests).") var requests: Int?
    @Option(help: "Base seed (default: the spec's seed, else 1).") var seed: UInt64?
    @Option(help: "Parallel jobs (default: the number of cores).") var jobs: Int?
    @Option(help: ArgumentHelp("Replay this request log (pfmplan-trace(5)) instead of generating arrivals; load scales replay it faster.", valueName: "file"))
    var trace: String?

    func validate() throws {
        try FlagRules.path("--sweep", sweep)
        try FlagRules.path("--trace", trace)
        if let c = counts, SweepSpec.parseRange(c) == nil {
            let items = try FlagRules.list("--counts", c, what: "GPU counts")
            if items.contains(where: { Int($0).map { $0 < 1 || $0 > 1024 } ?? true }) {
                throw ValidationError("--counts expects a range like 1-4 or a list like 1,2,4 of counts from 1 to 1024, found '\(c)'")
            }
        }
        if let r = replications, r < 1 || r > 1000 { throw ValidationError("--replications must be between 1 and 1000") }
        if let j = jobs, j < 1 || j > 4096 { throw ValidationError("--jobs must be between 1 and 4096") }
        if let d = duration { try FlagRules.seconds("--duration", d, allowZero: false) }
        if let r = requests { try FlagRules.requests("--requests", r) }
        if let b = budget, !(b > 0 && b.isFinite && b <= FlagRules.maxMagnitude) { throw ValidationError("--budget-usd-month must be a positive number up to 1e15") }
        for s in try loadScales.map({ try FlagRules.list("--load-scales", $0, what: "load multipliers") }) ?? [] {
            guard let v = NumberText.decimal(s) else { throw ValidationError("--load-scales expects positive numbers, found '\(s)'") }
            try FlagRules.loadScale("--load-scales", v)
        }
        for c in try caching.map({ try FlagRules.list("--caching", $0, what: "caching modes") }) ?? [] where CachingMode(rawValue: c) == nil {
            throw ValidationError("unknown caching mode '\(c)'; expected passive or active")
        }
        for r in try residency.map({ try FlagRules.list("--residency", $0, what: "residency modes") }) ?? [] where Residency(rawValue: r) == nil {
            throw ValidationError("unknown residency '\(r)'; expected binary or partial")
        }
        for b in try llmBatching.map({ try FlagRules.list("--llm-batching", $0, what: "batching modes") }) ?? [] where LLMBatching(rawValue: b) == nil {
            throw ValidationError("unknown language batching '\(b)'; expected continuous or static")
        }
        for s in try maxBatch.map({ try FlagRules.list("--max-batch", $0, what: "batch limits") }) ?? [] where !(Int(s).map { $0 >= 1 && $0 <= 4096 } ?? false) {
            throw ValidationError("--max-batch expects whole numbers from 1 to 4096, found '\(s)'")
        }
        for p in try policies.map({ $0 == "all" ? [] : try FlagRules.list("--policies", $0, what: "policies") }) ?? [] where PolicyName(rawValue: p) == nil {
            throw ValidationError("unknown policy '\(p)'; expected \(PolicyName.allCases.map(\.rawValue).joined(separator: ", ")) or all")
        }
        for (flag, v) in [("--workload", workload), ("--accelerators", accelerators), ("--precisions", precisions), ("--devices", devices)] {
            if let v, v != "all" { _ = try FlagRules.list(flag, v, what: "ids") }
        }
        for s in sloP95 { _ = try FlagRules.perService("--slo-p95-ms", s, rule: .positive) }
        for s in minAccuracy { _ = try FlagRules.perService("--min-accuracy", s, rule: .percent) }
    }

    /// The files this command reads, for FileOutput.refuseOverwritingInputs.
    func inputs(_ c: Catalog, spec: SweepSpec) -> [(what: String, path: String)] {
        FileOutput.catalogInputs(c) + (sweep.map { [("the sweep spec (--sweep)", $0)] } ?? [])
            + (spec.trace.map { [("the trace", $0)] } ?? [])
    }

    var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The axes given as flags, as a selection among finished results (`size --from`).
    func selection(_ c: Catalog) throws -> ResultsSelection {
        _ = try spec(c)  // the same checks (unknown ids, did-you-mean)
        func list(_ v: String?) -> [String]? { v.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } }
        var r = ResultsSelection()
        r.workloads = workload == "all" ? nil : list(workload)
        r.accelerators = accelerators == "all" ? nil : list(accelerators)
        r.counts = counts.map { SweepSpec.parseRange($0) ?? list($0)!.compactMap { Int($0) } }
        r.precisions = list(precisions)
        r.policies = policies == "all" ? nil : list(policies)?.compactMap(PolicyName.init)
        r.maxBatch = list(maxBatch)?.compactMap { Int($0) }
        r.caching = list(caching)?.compactMap(CachingMode.init)
        r.residency = list(residency)?.compactMap(Residency.init)
        r.llmBatching = list(llmBatching)?.compactMap(LLMBatching.init)
        r.devices = list(devices)?.map { $0 == "none" ? nil : $0 }
        r.loadScales = list(loadScales)?.compactMap { Double($0) }
        return r
    }

    /// The spec: from --sweep or the catalog defaults, then the flags on top. Unknown ids are errors.
    func spec(_ c: Catalog) throws -> SweepSpec {
        var s: SweepSpec
        if let sweep {
            do { s = try SweepSpec.load(path: sweep, catalog: c) } catch {
                Output.diagnostics(error.diagnostics)
                throw ExitCode(1)
            }
        } else {
            s = SweepSpec.defaults(for: c, workload: c.workload("metaverse") != nil ? "metaverse" : c.workloads.first?.id ?? "")
        }
        func list(_ v: String?) -> [String]? { v.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } }
        func check(_ ids: [String], _ known: [String], _ what: String) throws {
            for id in ids where !known.contains(id) {
                throw ValidationError("unknown \(what) '\(Terminal.escape(id))'" + (YAMLReader.nearest(id, in: known).map { "; did you mean '\($0)'?" } ?? "; known: \(YAMLReader.list(known))"))
            }
        }
        // `--workload all`, as `workloads: all` in a sweep spec.
        if let w = workload == "all" ? c.workloads.map(\.id) : list(workload) { try check(w, c.workloads.map(\.id), "workload"); s.workloads = w }
        if let a = accelerators { s.accelerators = a == "all" ? c.accelerators.map(\.id) : list(a)!; try check(s.accelerators, c.accelerators.map(\.id), "accelerator") }
        if let p = list(precisions) { try check(p, c.precisions.map(\.id), "precision"); s.precisions = p }
        if let p = policies { s.policies = p == "all" ? PolicyName.allCases : list(p)!.compactMap(PolicyName.init) }
        if let n = counts { s.counts = SweepSpec.parseRange(n) ?? list(n)!.compactMap { Int($0) } }
        if let b = list(maxBatch) { s.maxBatch = b.compactMap { Int($0) } }
        if let m = list(caching) { s.caching = m.compactMap(CachingMode.init) }
        if let m = list(residency) { s.residency = m.compactMap(Residency.init) }
        if let m = list(llmBatching) { s.llmBatching = m.compactMap(LLMBatching.init) }
        if let d = list(devices) {
            try check(d.filter { $0 != "none" }, c.devices.map(\.id), "device")
            s.devices = d.map { $0 == "none" ? nil : $0 }
        }
        if let l = list(layouts) {
            for x in l { if let e = SweepSpec.layoutProblem(x, counts: s.counts) { throw ValidationError("--layouts: \(e.message); \(e.hint)") } }
            s.layouts = l
        }
        if let l = list(loadScales) { s.loadScales = l.compactMap { NumberText.decimal($0) } }
        for v in sloP95 {
            let (service, value) = try FlagRules.perService("--slo-p95-ms", v, rule: .positive)
            if let service { try check([service], c.services.map(\.id), "service") }
            s.sloP95Ms[service ?? "*"] = value
        }
        for v in minAccuracy {
            let (service, value) = try FlagRules.perService("--min-accuracy", v, rule: .percent)
            if let service { try check([service], c.services.map(\.id), "service") }
            s.minAccuracy[service ?? "*"] = value
        }
        if let b = budget { s.budgetUSDMonth = b }
        if let o = objective { s.objective = o }
        if let r = replications { s.replications = r }
        if let d = duration { s.durationS = d; s.requests = nil }
        if let r = requests { s.requests = r; if duration == nil { s.durationS = nil } }
        if let sd = seed { s.seed = sd }
        if let t = trace {
            guard FileManager.default.isReadableFile(atPath: t) else { throw ValidationError("cannot read the trace '\(t)'") }
            guard (try? FileManager.default.attributesOfItem(atPath: t)[.type] as? FileAttributeType) == .typeRegular else {
                throw ValidationError("--trace \(t) is not a regular file (a FIFO or device); give a trace file")
            }
            s.trace = t
        }
        if s.trace != nil && duration != nil { throw ValidationError("--trace runs to the end of the trace (or --requests): drop --duration") }
        if s.workloads.isEmpty || s.workloads.contains("") { throw ValidationError("the catalog has no workload; give --workload") }
        return s
    }
}

extension SweepSpec.Objective: ExpressibleByArgument {}

/// SIGINT and SIGTERM: remembered, so a sweep stops adding work, and passed to `stop`, which
/// ends the process at once when a unit is still running (its engine would otherwise run on to
/// the end of the unit): the command's output so far is left whole (exit 130/143).
///
/// The signal handler only writes the signal number to a pipe (async-signal-safe); a thread of
/// its own reads it and runs `stop`. A dispatch queue would not do: when every worker thread
/// runs a unit (--jobs at least the cores), its handler waits until one finishes.
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()
    private let lock = NSLock()
    private var signalNumber: Int32 = 0
    private var installed = false
    private var stop: (@Sendable (Int32) -> Void)?
    /// The pipe's write end, for the C signal handler (which cannot capture context).
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    /// `stop(exitCode)` runs on the signal thread; it must finish the output and exit.
    func install(stop: (@Sendable (Int32) -> Void)? = nil) {
        lock.lock()
        self.stop = stop
        let first = !installed
        installed = true
        lock.unlock()
        guard first else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        Self.writeEnd = fds[1]
        let readEnd = fds[0]
        let reader = Thread { [self] in
            var sig: Int32 = 0
            while true {
                let n = withUnsafeMutableBytes(of: &sig) { read(readEnd, $0.baseAddress, 4) }
                if n == 4 { record(sig) } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
        reader.start()
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { s in
                var v = s
                _ = withUnsafeBytes(of: &v) { write(Interrupts.writeEnd, $0.baseAddress, 4) }
            }
        }
    }

    /// For a command whose output comes only at the end (size, compare): a signal while the
    /// engine runs ends the process at once with 130/143, after `note()` on stderr (nothing has
    /// been written). Call `hold()` before writing the output, so that it is written whole.
    func installStoppingNow(note: @escaping @Sendable () -> String) {
        install { code in
            Progress.clearActive()
            Output.note(note())
            _exit(code)
        }
    }

    /// From here on a signal is only remembered (`isSet`); the command checks it when done.
    func hold() { lock.lock(); stop = nil; lock.unlock() }

    private func record(_ sig: Int32) {
        lock.lock()
        if signalNumber == 0 { signalNumber = sig }
        let stop = self.stop
        lock.unlock()
        stop?(exitCode)
    }

    var received: Int32 { lock.lock(); defer { lock.unlock() }; return signalNumber }
    var isSet: Bool { received != 0 }
    var exitCode: Int32 { received == SIGTERM ? 143 : 130 }
}

/// Results from the engine, checked before any output is made from them (sweep, size, compare).
enum ResultGuard {
    /// A result the readers would refuse (a non-finite or negative figure) is an error naming the
    /// unit and the catalog entries behind it, not a line, a table row or a plot point.
    static func check(_ e: Evaluation) throws {
        guard let why = ResultsCheck.problem(e) else { return }
        Output.error("unit #\(e.index) \(e.key) on \(e.workload) ×\(e.loadScale) gave an invalid result: \(why); "
                     + "check the catalog's figures for \(e.candidate.accelerator), \(e.candidate.precision) and workload \(e.workload)")
        throw ExitCode(1)
    }
}

/// What a command is doing, for the note a signal prints (set from any thread).
final class Phase: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    func set(_ s: String) { lock.lock(); value = s; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return value }
}

/// `--quiet`: no progress lines (results and errors are unchanged).
struct QuietOption: ParsableArguments {
    @Flag(name: .customLong("quiet"), help: "Print no progress (progress goes to stderr, and only when it is a terminal).") var quiet = false
}

/// A one-line progress display on stderr for a phase that runs longer than a second: only when
/// stderr is a terminal and not under --quiet; with TERM=dumb, no escape codes (a carriage
/// return and padding only). With a total, a bar and an ETA; without, a count and a status.
final class Progress: @unchecked Sendable {
    nonisolated(unsafe) static var quiet = false
    static let delay = 1.0
    private let total: Int
    private let start = Date()
    private let enabled: Bool
    private let dumb: Bool
    private let lock = NSLock()
    private let label: String
    private var shown = false
    private var width = 0
    private var done = 0
    private var status = ""
    private var timer: DispatchSourceTimer?

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1 && !Self.quiet
        dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        guard enabled else { return }
        // Redraw twice a second, so that a long step (one simulation) still shows time passing.
        let t = DispatchSource.makeTimerSource(queue: .global())
        t.schedule(deadline: .now() + Self.delay, repeating: 0.5)
        t.setEventHandler { [weak self] in self?.redraw() }
        t.resume()
        timer = t
        Self.activeLock.lock(); Self.active = self; Self.activeLock.unlock()
    }

    deinit { timer?.cancel() }

    /// The display on screen, so that a signal's note starts on a clean line.
    private static let activeLock = NSLock()
    nonisolated(unsafe) private static weak var active: Progress?

    /// Clears the line of the display on screen, if any (for a signal's note before it exits).
    static func clearActive() {
        activeLock.lock(); let p = active; activeLock.unlock()
        p?.finish()
    }

    func update(_ done: Int, status: String = "") {
        guard enabled else { return }
        lock.lock()
        self.done = done
        self.status = status
        lock.unlock()
        redraw()
    }

    private func redraw() {
        lock.lock(); defer { lock.unlock() }
        guard timer != nil else { return }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed >= Self.delay else { return }
        var line: String
        if total > 0 {
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let bar = 30
            let filled = min(bar, bar * done / total)
            line = String(format: "[%@] %d/%d %@  %.1f/s  ETA %.0fs", String(repeating: "=", count: filled) + String(repeating: " ", count: bar - filled),
                          done, total, label, rate, eta)
        } else {
            line = String(format: "%@: %d done, %.0fs", label, done, elapsed)
        }
        if !status.isEmpty { line += "  " + status }
        write(line)
    }

    private func write(_ line: String) {
        let pad = max(0, width - line.count)
        width = line.count
        shown = true
        // \u{1B}[K clears the rest of the line; a dumb terminal gets spaces instead.
        FileOutput.stderr("\r" + line + (dumb ? String(repeating: " ", count: pad) : "\u{1B}[K"))
    }

    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        guard shown else { return }
        FileOutput.stderr(dumb ? "\r" + String(repeating: " ", count: width) + "\r" : "\r\u{1B}[K")
        shown = false
    }
}
