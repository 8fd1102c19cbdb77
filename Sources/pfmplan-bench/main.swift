// pfmplan's benchmark suite: `swift run -c release pfmplan-bench [--quick] [--long] [--repeat N] [--filter TEXT] [--root]`.
// It finds its files relative to the package (see `packageRoot`), from any directory.
// Prints, per benchmark: simulated requests per second, ns per request, allocations per request
// in the steady state, and peak resident memory; and the machine's core count. Each timing is the
// fastest of N runs (default 3): the least disturbed by other work on the machine.
import CMallocCounter
import Foundation
import PFMCatalog
import PFMPlanning
import PFMSimulation

/// The benchmark scenario, relative to the package root.
let paperScenario = "Examples/paper-table2/scenario.yaml"

func benchFail(_ message: String) -> Never {
    try? FileHandle.standardError.write(contentsOf: Data(("pfmplan-bench: error: " + message + "\n").utf8))
    exit(1)
}

/// The package root, found wherever the benchmark is run from: $PFMPLAN_ROOT when set, else the
/// package this file was compiled in, else the current directory; the first that holds the
/// benchmark scenario. None: a message and exit 1 (it used to trap with a register dump).
func packageRoot() -> String {
    let fm = FileManager.default
    func has(_ dir: String) -> Bool { fm.fileExists(atPath: dir + "/" + paperScenario) }
    if let env = ProcessInfo.processInfo.environment["PFMPLAN_ROOT"] {
        guard has(env) else { benchFail("PFMPLAN_ROOT=\(env) holds no \(paperScenario); set it to the pfmplan package's folder") }
        return env
    }
    let compiled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    for dir in [compiled, fm.currentDirectoryPath] where has(dir) { return dir }
    benchFail("cannot find \(paperScenario) in \(compiled) (where pfmplan-bench was built) or the current directory; run it from the pfmplan package's folder or set PFMPLAN_ROOT")
}

if CommandLine.arguments.contains("--root") {
    // Where the benchmark finds its files, and nothing else.
    print(packageRoot())
    exit(0)
}

let quick = CommandLine.arguments.contains("--quick")
let long = CommandLine.arguments.contains("--long")
/// `--filter TEXT`: run only the simulation benchmarks whose name contains TEXT (for profiling).
let filter: String? = CommandLine.arguments.firstIndex(of: "--filter").flatMap {
    $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil
}
func selected(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
/// `--repeat N`: time each benchmark N times and keep the fastest.
let repeats: Int = CommandLine.arguments.firstIndex(of: "--repeat").flatMap {
    $0 + 1 < CommandLine.arguments.count ? Int(CommandLine.arguments[$0 + 1]) : nil
}.map { max(1, $0) } ?? 3

/// The fastest of `repeats` timings of `body`, and its last result.
func fastest<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    var best = Double.infinity
    var last: T?
    for _ in 0..<repeats {
        let t0 = now()
        last = try body()
        best = min(best, now() - t0)
    }
    return (best, last!)
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func peakRSSMiB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

struct Row { var name: String; var requests: Int; var seconds: Double; var allocsPerRequest: Double?; var note: String = "" }
var rows: [Row] = []

func printRow(_ r: Row?) {
    guard let r else { return }
    let rate = Double(r.requests) / r.seconds
    let allocs = r.allocsPerRequest.map { String(format: "%.4f", $0) } ?? "n/a"
    print(String(format: "%-44@ %12.0f %10.1f %10@ %10.1f  %@", r.name as NSString, rate, r.seconds / Double(r.requests) * 1e9,
                 allocs as NSString, peakRSSMiB(), r.note as NSString))
}

/// Runs a policy on generated arrivals; allocations per request are measured as the difference
/// between two run lengths, so set-up costs cancel out.
func bench(_ name: String, _ policy: PolicyName, _ setup: CompiledSetup, requests: Int, loadScale: Double = 1,
           note: ((SimulationResult, Double) -> String)? = nil) throws -> Row? {
    guard selected(name) else { return nil }
    return try benchAlternating([(name, setup)], policy, requests: requests, loadScale: loadScale, note: note)[0]
}

/// `bench` for several setups whose timed runs alternate (A, B, A, B, …; fastest of `repeats`
/// each), so that the machine's spells of contention fall on all of them alike: used where two
/// figures are compared as a ratio.
/// `note` (given the last result and the fastest time) replaces the default note.
func benchAlternating(_ cases: [(name: String, setup: CompiledSetup)], _ policy: PolicyName, requests: Int, loadScale: Double = 1,
                      note: ((SimulationResult, Double) -> String)? = nil) throws -> [Row] {
    var run = RunConfig(requests: requests, warmupS: 0, seed: 42, loadScale: loadScale)
    let small = max(1, requests / 10)
    var allocs: [Double?] = []
    for c in cases {
        run.requests = small
        let a0 = pfm_malloc_count()
        _ = try Simulation.run(policy, setup: c.setup, run: run)
        let a1 = pfm_malloc_count()
        run.requests = requests
        _ = try Simulation.run(policy, setup: c.setup, run: run)
        let a2 = pfm_malloc_count()
        allocs.append(pfm_malloc_counting() == 1 ? max(0, Double(Int64(a2 - a1) - Int64(a1 - a0)) / Double(requests - small)) : nil)
    }
    var best = [Double](repeating: .infinity, count: cases.count)
    var last: [SimulationResult?] = Array(repeating: nil, count: cases.count)
    for _ in 0..<repeats {
        for (i, c) in cases.enumerated() {
            let t0 = now()
            last[i] = try Simulation.run(policy, setup: c.setup, run: run)
            best[i] = min(best[i], now() - t0)
        }
    }
    return cases.indices.map { i in
        Row(name: cases[i].name, requests: requests, seconds: best[i], allocsPerRequest: allocs[i],
            note: note?(last[i]!, best[i]) ?? "edge \(Int(last[i]!.edgeRatio * 100))%, \(last[i]!.loads) loads")
    }
}

/// A synthetic catalog of `models` adapter-scale models (10 M parameters each) with one service
/// per model and Zipf(1) popularity; each accelerator holds `cached` of them.
func syntheticCatalog(models: Int, cached: Int) throws -> Catalog {
    let bytesPerModel = 10e6 * 2 * 1.1
    let memoryGiB = (Double(cached) + 0.5) * bytesPerModel / 0.9 / 1_073_741_824
    var s = """
        schema_version: 1
        accelerators:
          - {id: gpu, tier: edge, memory_gib: \(memoryGiB), bandwidth_gbps: 1000, load_bandwidth_gbps: 25,
             tflops: {fp16: 100}, power_busy_w: 300, power_idle_w: 30, price_usd: 10000, lifetime_years: 4}
        models:

        """
    for i in 0..<models { s += "  - {id: m\(i), family: vision, parameters_m: 10, gflops: 2, tasks: [{task: t, score: 80}]}\n" }
    s += "services:\n"
    for i in 0..<models { s += "  - {id: s\(i), task: t, stages: [{model: m\(i)}], request_kb: 1, response_kb: 1, slo: {p95_ms: 100000}}\n" }
    // 0.5 requests/s: with a 500 ms load overhead (defaults.yaml) and about a third of requests
    // missing, the server is busy ~10% of the time, so the queue stays short.
    s += "workloads:\n  - id: zipf\n    total_rate_per_s: 0.5\n    requests: 1000\n    mix:\n"
    for i in 0..<models { s += "      - {service: s\(i), share: \(1.0 / Double(i + 1))}\n" }
    let defaults = CatalogLoader.embeddedSources.filter { $0.name.hasSuffix("defaults.yaml") || $0.name.hasSuffix("precisions.yaml") }
    var limits = YAMLLimits()
    limits.maxFileBytes = 64 << 20
    return try CatalogLoader.load(sources: defaults + [.init(name: "synthetic.yaml", text: s)], limits: limits)
}

print("pfmplan-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, malloc counting \(pfm_malloc_counting() == 1 || pfm_malloc_count() > 0 ? "on" : "off"), fastest of \(repeats) runs\(quick ? ", --quick" : "")")
print(String(format: "%-44@ %12@ %10@ %10@ %10@  %@", "benchmark" as NSString, "requests/s" as NSString, "ns/request" as NSString,
             "allocs/req" as NSString, "peak MiB" as NSString, "notes" as NSString))

// 1. Start-up: loading and validating the embedded catalog.
do {
    let t0 = now()
    let c = try CatalogLoader.loadDefault()
    let t1 = now()
    print(String(format: "%-44@ %12@ %10.1f ms (%d models, %d accelerators)", "catalog load + validate (embedded)" as NSString, "" as NSString,
                 (t1 - t0) * 1000, c.models.count, c.accelerators.count))
}

// 2. Generated workload, every policy: the paper scenario (evictions happen) on an L4.
let root = packageRoot()
let scenario: Scenario, paper: Catalog
do {
    scenario = try Scenario.load(path: root + "/" + paperScenario)
    paper = try CatalogLoader.load(paths: scenario.catalogs)
} catch {
    benchFail("cannot load \(root)/\(paperScenario): \(error.diagnostics.map(\.description).joined(separator: "\n"))")
}
let paperSetup = try CompiledSetup(catalog: paper, workload: paper.workload("paper-mix")!, config: ServerConfig(
    accelerator: "l4", count: 1, precision: "int8", maxBatch: paper.settings.server.maxBatch, admission: .sloAware))
let n = quick ? 1_000_000 : 5_000_000
for p in PolicyName.allCases where p != .belady {
    printRow(try bench("paper mix, l4 int8, \(p.rawValue)", p, paperSetup, requests: n))
}
printRow(try bench("paper mix, l4 int8, belady (offline)", .belady, paperSetup, requests: n / 5))
if selected("paper mix, l4 int8, lc, static") {
    var config = paperSetup.config
    config.llmBatching = .static
    let staticSetup = try CompiledSetup(catalog: paper, workload: paper.workload("paper-mix")!, config: config)
    printRow(try bench("paper mix, l4 int8, lc, static batching", .lc, staticSetup, requests: n))
}

// 3. The embedded Metaverse mix with LC on two boxes.
let embedded = try CatalogLoader.loadDefault()
for acc in ["l40s", "h200"] where selected("metaverse mix, \(acc)") {
    let setup = try CompiledSetup(catalog: embedded, workload: embedded.workload("metaverse")!, config: ServerConfig(
        accelerator: acc, count: 1, precision: "int8", maxBatch: 8, admission: .sloAware))
    printRow(try bench("metaverse mix, \(acc) int8, lc", .lc, setup, requests: n))
}

// 3b. The 2026 edge assistant on an 8-GPU H100 box as one tensor-parallel group (1x8), vLLM's
// continuous batching with chunked prefill and prefix caching, at 6× the workload's rate (the
// engine busy about 70% of the time); with the output tokens it simulated per second of run time.
let assistantName = "edge-assistant, h100-sxm x8 1x8 fp8, lc"
let assistantScale = 6.0
func assistantSetup() throws -> CompiledSetup {
    try CompiledSetup(catalog: embedded, workload: embedded.workload("edge-assistant")!, config: ServerConfig(
        accelerator: "h100-sxm", count: 8, precision: "fp8", maxBatch: 8, admission: .sloAware,
        layout: try Layout.parse("1x8", count: 8).get()))
}
/// The note of an edge-assistant row: engine busy, and output tokens simulated per second of run time.
func assistantNote(_ r: SimulationResult, _ seconds: Double) -> String {
    let tokensOut = Dictionary(embedded.services.map { ($0.id, $0.tokensOut) }, uniquingKeysWith: { a, _ in a })
    let tokens = r.services.reduce(0.0) { $0 + Double($1.edge) * Double(tokensOut[$1.id] ?? 0) }
    return String(format: "busy %.0f%%, edge %.0f%%, %.1f M output tokens/s simulated", r.busyFraction * 100, r.edgeRatio * 100, tokens / seconds / 1e6)
}
if selected(assistantName) {
    printRow(try bench(assistantName, .lc, try assistantSetup(), requests: n, loadScale: assistantScale, note: assistantNote))
}

// 4. Trace replay: a CSV trace read from disk, parsing included (pfmplan-trace(5)), with the same
// engine and policy as (3) on the L40S; and the reader alone, to show what parsing costs.
if selected("trace") {
    let requests = quick ? 500_000 : 3_000_000
    let setup = try CompiledSetup(catalog: embedded, workload: embedded.workload("metaverse")!, config: ServerConfig(
        accelerator: "l40s", count: 1, precision: "int8", maxBatch: 8, admission: .sloAware))
    let path = NSTemporaryDirectory() + "/pfmplan-bench-\(getpid()).csv"
    defer { unlink(path) }
    var source = try Simulation.arrivals(setup, RunConfig(requests: requests, seed: 42))
    _ = try TraceWriter.write(&source, setup: setup, format: .pfmplan, measured: requests, warmupS: 0, to: path)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let replaySetup = try TraceReplay.setup(catalog: embedded, workload: embedded.workload("metaverse")!, config: setup.config, name: "trace")
    let run = RunConfig(requests: nil, warmupS: 0, seed: 42)
    _ = try TraceReplay.run(.lc, setup: replaySetup, run: run, path: path, skipBadLines: 0, warn: { _ in })   // warm the page cache
    let a0 = pfm_malloc_count()
    _ = try TraceReplay.run(.lc, setup: replaySetup, run: run, path: path, skipBadLines: 0, warn: { _ in })
    let a1 = pfm_malloc_count()
    let (seconds, r) = try fastest { try TraceReplay.run(.lc, setup: replaySetup, run: run, path: path, skipBadLines: 0, warn: { _ in }) }
    printRow(Row(name: "trace replay (CSV from disk), l40s int8, lc", requests: r.requests, seconds: seconds,
                 allocsPerRequest: pfm_malloc_counting() == 1 ? Double(a1 - a0) / Double(r.requests) : nil,
                 note: String(format: "%.0f MB file, edge %d%%", Double(size) / 1e6, Int(r.edgeRatio * 100))))
    let (parseSeconds, lines) = try fastest {
        var reader = try TraceReader(path: path, keys: TraceReplay.engineKeys(replaySetup))
        var lines = 0
        while try reader.next() != nil { lines += 1 }
        return lines
    }
    printRow(Row(name: "trace parsing alone", requests: lines, seconds: parseSeconds, allocsPerRequest: nil,
                 note: String(format: "%.0f MB/s", Double(size) / 1e6 / parseSeconds)))
}

// 5. Many models: 10 models versus 10,000 models with 1,000 cached (Zipf popularity). The two
// sides of the ratio are timed in alternation (fastest of `repeats` each).
var manyRates: [Double] = []
var many: [(name: String, setup: CompiledSetup)] = []
for (models, cached) in [(10, 5), (10_000, 1_000)] where selected("\(models) models") {
    let tLoad = now()
    let c = try syntheticCatalog(models: models, cached: cached)
    print(String(format: "%-44@ %12@ %10.1f ms", "catalog load + validate (\(models) models)" as NSString, "" as NSString, (now() - tLoad) * 1000))
    let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
        accelerator: "gpu", count: 1, precision: "fp16", maxBatch: 1, admission: .alwaysEdge))
    many.append(("\(models) models, \(cached) cached", setup))
}
if !many.isEmpty {
    for p in [PolicyName.lc, .lru] {
        let rows = try benchAlternating(many.map { ($0.name + ", \(p.rawValue)", $0.setup) }, p, requests: quick ? 200_000 : 1_000_000)
        rows.forEach(printRow)
        if p == .lc { manyRates = rows.map { Double($0.requests) / $0.seconds } }
    }
}
if manyRates.count == 2 { print(String(format: "many-models ratio (10,000 vs 10 models, lc): %.2f", manyRates[1] / manyRates[0])) }

// 5b. 40 models on a 4-GPU server (layout 1x4: four groups of one GPU, 4 models each): evictions every few requests.
if selected("40 models") {
    let c = try syntheticCatalog(models: 40, cached: 4)
    let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
        accelerator: "gpu", count: 4, precision: "fp16", maxBatch: 1, admission: .alwaysEdge,
        layout: try Layout.parse("1x4", count: 4).get()))
    for p in [PolicyName.lc, .lru] {
        printRow(try bench("40 models, 4 GPUs (1x4), 16 cached, \(p.rawValue)", p, setup, requests: quick ? 500_000 : 2_000_000) { r, _ in
            String(format: "edge %.0f%%, an eviction every %.1f requests", r.edgeRatio * 100, Double(r.requests) / Double(max(1, r.evictions)))
        })
    }
}

// 6. Sweep scaling: the default `size` sweep on 1 and 2 parallel jobs.
if filter == nil {
    var spec = SweepSpec.defaults(for: embedded, workload: "metaverse")
    if quick { spec.accelerators = Array(spec.accelerators.prefix(6)) }
    let planner = Planner(catalog: embedded, spec: spec)
    let units = planner.units(planner.candidates().run)
    var times: [Double] = []
    for jobs in [1, 2] {
        var best = Double.infinity
        // At least 5 timings: a sweep takes a fraction of a second, and on 2 jobs it needs both
        // cores to itself, so one busy moment elsewhere spoils a timing.
        for _ in 0..<max(repeats, 5) {
            let t0 = now()
            _ = try await planner.sweep(units, jobs: jobs) { _ in }
            best = min(best, now() - t0)
        }
        times.append(best)
        print(String(format: "%-44@ %12@ %10.2f s  (%d options x %d replications)", "default size sweep, \(jobs) job(s)" as NSString, "" as NSString,
                     times.last!, units.count, spec.replications))
}
print(String(format: "sweep speed-up on 2 jobs: %.2fx", times[0] / times[1]))
}

// 6b. Whole processes, side by side: `pfmplan estimate` against AIConfigurator's `estimate` on the
// same configuration, and `pfmplan size --workload edge-assistant` (layouts auto, 3 replications)
// on 1 and 2 jobs.
if selected("estimate") { estimateAgainstAIConfigurator() }
if filter == nil || selected("size edge-assistant") { sizeEdgeAssistant() }

// 7. Memory is independent of run length (optional: --long runs 10^8 requests of the edge
// assistant). The peak resident set is reset first, so the figure is this run's own.
if long && selected(assistantName) {
    let setup = try assistantSetup()
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    let t0 = now()
    let r = try Simulation.run(.lc, setup: setup, run: RunConfig(requests: 100_000_000, warmupS: 0, seed: 42, loadScale: assistantScale))
    let seconds = now() - t0
    printRow(Row(name: assistantName + ", 10^8", requests: r.requests, seconds: seconds, allocsPerRequest: nil, note: assistantNote(r, seconds)))
}
print(String(format: "peak resident memory: %.1f MiB", peakRSSMiB()))
