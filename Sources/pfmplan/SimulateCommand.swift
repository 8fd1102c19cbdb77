import Foundation
import ArgumentParser
import PFMCatalog
import PFMPlanning
import PFMReporting
import PFMSimulation

extension PFMPlan {
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate one server under one or more caching policies.",
            discussion: """
                Runs the workload's requests through the joint model caching and inference model \
                (pfmplan-model(7)) and prints one column per policy in the layout of the paper's \
                Table II, then latency percentiles, SLO attainment, energy and monthly cost. The same \
                inputs and seed always give byte-identical output.

                A scenario file (--scenario) bundles catalogs, workload, server, run settings and \
                policies; flags given on the command line override it.

                --trace FILE replays a request log instead of generating arrivals: pfmplan's CSV \
                (time_s,service) or libCacheSim's (time,model,size_bytes), read line by line in \
                constant memory (pfmplan-trace(5)). A bad line is an error naming its file, line and \
                column; --skip-bad-lines N skips up to N of them with a warning each. With --cache-only \
                and --capacity-bytes the trace is replayed as a pure cache (lru, fifo, lfu or random, \
                with libCacheSim's semantics) and the object and byte miss ratios are printed.
                """)

        @OptionGroup var catalog: CatalogOptions
        @Option(help: "Scenario YAML file (catalogs, workload, server, run, policies; default: none, the flags and the catalog's defaults).") var scenario: String?
        @Option(help: "Workload id (default: the scenario's, else 'metaverse', else the first).") var workload: String?
        @Option(help: "Accelerator id, e.g. l40s (required unless the scenario gives server.accelerator).") var accelerator: String?
        @Option(help: "GPUs in the server (default: the scenario's, else 1).") var count: Int?
        @Option(help: "Precision, e.g. fp16 or int8 (default: the catalog's server.default_precision).") var precision: String?
        @Option(name: .customLong("max-batch"), help: "Largest batch (default: the catalog's server.max_batch).") var maxBatch: Int?
        @Option(help: "Admission rule: slo-aware or always-edge (default: the scenario's, else the catalog's server.admission).") var admission: Admission?
        @Option(help: "Caching: passive (load on a miss) or active (also preload ahead of predicted demand) (default: the scenario's, else passive).") var caching: CachingMode?
        @Option(help: "Residency: binary (whole models) or partial (a fraction of the layers, the rest streamed) (default: the scenario's, else binary).") var residency: Residency?
        @Option(help: "Device profile for the mobile tier (device → edge → cloud), e.g. quest-3; see pfmplan-model(7) (default: the scenario's, else none).") var device: String?
        @Option(help: ArgumentHelp("Group the GPUs so (pfmplan-model(7), THE SERVER): 1x4 (four 1-GPU groups), 2x2, 4, 2+1+1 (default: the scenario's, else the uniform layout with the smallest groups on which every model the workload can run at the edge fits one group).", valueName: "layout"))
        var layout: String?
        @Option(help: "Runtime profile id (default: the catalog's server.runtime, else its first).") var runtime: String?
        @Option(help: "Where loaded weights come from: dram (host memory, engine warm), nvme or cold (default: the catalog's server.loading).")
        var loading: LoadingSource?
        @Option(help: "Language stages' batching: continuous (iteration-level, paged KV) or static (v1's batches) (default: the runtime profile's llm_batching).")
        var llmBatching: LLMBatching?
        @Option(name: .customLong("policy"), help: "Eviction policy: lc, lfu, lru, fifo, random, random-cache, cloud or belady; repeat for several.")
        var policy: [PolicyName] = []
        @Option(help: "Comma-separated policies, or 'all' (default: --policy, else the scenario's, else lc).") var policies: String?
        @Option(help: "Measured requests to simulate, after the warm-up (default: the scenario's, else the workload's requests or duration_s).") var requests: Int?
        @Option(help: "Measured simulated seconds of arrivals, after the warm-up (default: the scenario's, else the workload's duration_s).", transform: FlagRules.number) var duration: Double?
        @Option(help: "Warm-up seconds: simulated, not counted (default: the scenario's, else the workload's warmup_s; with --trace, 0).", transform: FlagRules.number) var warmup: Double?
        @Option(help: "Random seed (default: the scenario's, else the workload's seed).") var seed: UInt64?
        @Option(name: .customLong("load-scale"), help: "Multiply every arrival rate (default: 1).", transform: FlagRules.number) var loadScale: Double = 1
        @Option(help: ArgumentHelp("Replay this request log instead of generating arrivals (pfmplan-trace(5)).", valueName: "file"))
        var trace: String?
        @Option(name: .customLong("skip-bad-lines"), help: "With --trace: skip up to this many bad lines, with a warning each.")
        var skipBadLines: Int = 0
        @Flag(name: .customLong("cache-only"), help: "With --trace: replay as a pure cache (unit batch, no latency) and print miss ratios.")
        var cacheOnly = false
        @Option(name: .customLong("capacity-bytes"), help: "With --cache-only: the cache's capacity in bytes.")
        var capacityBytes: UInt64?
        @OptionGroup var output: FormatOption
        @OptionGroup var quiet: QuietOption

        func validate() throws {
            for (flag, p) in [("--scenario", scenario), ("--trace", trace)] { try FlagRules.path(flag, p) }
            try output.format.require(cacheOnly ? .cacheOnly : .simulation, command: "simulate")
            if let r = requests { try FlagRules.requests("--requests", r) }
            if let d = duration { try FlagRules.seconds("--duration", d, allowZero: false) }
            if let w = warmup { try FlagRules.seconds("--warmup", w, allowZero: true) }
            if let c = count, c < 1 || c > 1024 { throw ValidationError("--count must be between 1 and 1024") }
            if let b = maxBatch, b < 1 || b > 4096 { throw ValidationError("--max-batch must be between 1 and 4096") }
            try FlagRules.loadScale("--load-scale", loadScale)
            if skipBadLines < 0 { throw ValidationError("--skip-bad-lines must be ≥ 0") }
            if let l = layout, case .failure(let e) = Layout.parse(l, count: count ?? 1) { throw ValidationError("--layout: \(e.message); \(e.hint)") }
            if trace == nil {
                if cacheOnly { throw ValidationError("--cache-only replays a trace: give --trace FILE") }
                if skipBadLines > 0 { throw ValidationError("--skip-bad-lines applies to --trace only") }
            } else {
                if workload != nil { throw ValidationError("--trace replaces the workload's arrivals: drop --workload") }
                if duration != nil { throw ValidationError("--trace runs to the end of the trace (or --requests): drop --duration") }
                if loadScale != 1 { throw ValidationError("--load-scale does not apply to --trace") }
            }
            if cacheOnly {
                guard capacityBytes != nil else { throw ValidationError("--cache-only needs --capacity-bytes C") }
                var names = policy.map(\.rawValue)
                if let p = policies { names += p == "all" ? CacheOnlyPolicy.allCases.map(\.rawValue) : p.split(separator: ",").map(String.init) }
                for n in names where CacheOnlyPolicy(rawValue: n) == nil {
                    throw ValidationError("--cache-only policies are lru, fifo, lfu and random; found '\(n)'")
                }
            } else if capacityBytes != nil {
                throw ValidationError("--capacity-bytes applies to --cache-only only")
            }
            if let p = policies, p != "all", !cacheOnly {
                for name in p.split(separator: ",") where PolicyName(rawValue: String(name)) == nil {
                    throw ValidationError("unknown policy '\(name)' in --policies; expected \(PolicyName.allCases.map(\.rawValue).joined(separator: ", ")) or all")
                }
            }
        }

        func run() throws {
            Progress.quiet = quiet.quiet
            if cacheOnly { return try runCacheOnly() }
            var sc: Scenario?
            if let scenario {
                do { sc = try Scenario.load(path: scenario) } catch {
                    Output.diagnostics(error.diagnostics)
                    throw ExitCode(1)
                }
            }
            var paths = catalog.paths
            if paths.isEmpty, let s = sc { paths = s.catalogs }
            let c = try CatalogOptions.load(paths: paths)
            if let sc {
                // The scenario's ids that no flag overrides, checked where they are written.
                var unchecked = sc
                if workload != nil { unchecked.workload = nil }
                if accelerator != nil { unchecked.accelerator = nil }
                if precision != nil { unchecked.precision = nil }
                if device != nil { unchecked.device = nil }
                if trace != nil { unchecked.workload = nil }
                let problems = unchecked.check(c)
                if !problems.isEmpty { Output.diagnostics(problems); throw ExitCode(1) }
            }
            let settings = c.settings
            var cat = c
            if let u = sc?.contextUtility { cat.context = ContextSpec(utility: u) }

            // Active caching and partial residency on a catalog without a `caching` section: its
            // documented defaults (pfmplan-catalog(5)).
            if cat.caching == nil && ((caching ?? sc?.caching) == .active || (residency ?? sc?.residency) == .partial) { cat.caching = .defaults }
            if let trace { return try runTrace(trace, catalog: cat, scenario: sc) }
            let workloadId = workload ?? sc?.workload ?? (c.workload("metaverse") != nil ? "metaverse" : c.workloads.first?.id)
            if workload == "all" { throw CLIError.usage("simulate runs one workload; --workload all is for size, sweep and compare") }
            guard let wid = workloadId, let w = c.workload(wid) else {
                let known = c.workloads.map(\.id)
                if let workload { throw CLIError.unknown("workload", workload, known: known, flag: "--workload") }
                throw CLIError.input("unknown workload '\(workloadId ?? "")'" + (scenario.map { " in \($0)" } ?? "") + CLIError.suggestion(workloadId ?? "", known: known))
            }
            // Ids given as flags are usage errors (exit 64), with a did-you-mean.
            if let a = accelerator, c.accelerator(a) == nil { throw CLIError.unknown("accelerator", a, known: c.accelerators.map(\.id), flag: "--accelerator") }
            if let p = precision, c.precision(p) == nil { throw CLIError.unknown("precision", p, known: c.precisions.map(\.id), flag: "--precision") }
            if let d = device, !c.devices.contains(where: { $0.id == d }) { throw CLIError.unknown("device", d, known: c.devices.map(\.id), flag: "--device") }
            guard let acc = accelerator ?? sc?.accelerator else {
                throw ValidationError("give --accelerator (one of: \(c.accelerators.map(\.id).joined(separator: ", "))) or a scenario with server.accelerator")
            }
            let config = ServerConfig(
                accelerator: acc, count: count ?? sc?.count ?? 1, precision: precision ?? sc?.precision ?? settings.server.defaultPrecision,
                maxBatch: maxBatch ?? sc?.maxBatch ?? settings.server.maxBatch, admission: admission ?? sc?.admission ?? settings.server.admission,
                caching: caching ?? sc?.caching ?? .passive, residency: residency ?? sc?.residency ?? .binary,
                device: device ?? sc?.device, layout: try parsedLayout(count: count ?? sc?.count ?? 1),
                runtime: runtime, loading: loading, llmBatching: llmBatching)
            var runConfig = RunConfig.from(w)
            if let d = sc?.durationS { runConfig.durationS = d; runConfig.requests = nil }
            if let r = sc?.requests { runConfig.requests = r; runConfig.durationS = nil }
            if let d = duration { runConfig.durationS = d; runConfig.requests = requests }
            if let r = requests { runConfig.requests = r; if duration == nil { runConfig.durationS = nil } }
            runConfig.warmupS = warmup ?? sc?.warmupS ?? w.warmupS
            runConfig.seed = seed ?? sc?.seed ?? w.seed
            runConfig.loadScale = loadScale

            let names = policyNames(sc)
            if let why = WorkLimits.problem(w, runConfig, caching: cat.caching, activeCaching: config.caching == .active) {
                Output.error(why)
                throw ExitCode(1)
            }

            let setup: CompiledSetup
            do { setup = try CompiledSetup(catalog: cat, workload: w, config: config) } catch { throw Output.fail(error) }
            var results: [SimulationResult] = []
            let progress = Progress(total: names.count, label: "policies")
            for (i, n) in names.enumerated() {
                progress.update(i, status: "simulating \(n.rawValue)")
                do { results.append(try Simulation.run(n, setup: setup, run: runConfig)) } catch { progress.finish(); throw Output.fail(error) }
            }
            progress.finish()
            try show(results)
        }

        func parsedLayout(count n: Int) throws -> Layout? {
            guard let layout else { return nil }
            switch Layout.parse(layout, count: n) {
            case .success(let l): return l
            case .failure(let e): throw ValidationError("--layout: \(e.message); \(e.hint)")
            }
        }

        func show(_ results: [SimulationResult]) throws {
            for r in results {
                if let field = ResultsCheck.nonFiniteField(r) {
                    Output.error("the simulation gave a non-finite \(field) (policy \(r.policy)); check the catalog's figures for the accelerator, precision and workload")
                    throw ExitCode(1)
                }
            }
            Output.render(.simulation(results), output.format)
        }

        func policyNames(_ sc: Scenario?) -> [PolicyName] {
            var names = policy
            if let p = policies { names += p == "all" ? PolicyName.allCases : p.split(separator: ",").compactMap { PolicyName(rawValue: String($0)) } }
            if names.isEmpty { names = sc?.policies ?? [] }
            if names.isEmpty { names = [.lc] }
            return names
        }

        /// `--trace`: the engine fed from the file, one streaming pass per policy.
        func runTrace(_ path: String, catalog c: Catalog, scenario sc: Scenario?) throws {
            guard let template = c.workloads.first else {
                Output.error("the catalog has no workload to take run settings from")
                throw ExitCode(1)
            }
            guard let acc = accelerator ?? sc?.accelerator else {
                throw ValidationError("give --accelerator (one of: \(c.accelerators.map(\.id).joined(separator: ", "))) or a scenario with server.accelerator")
            }
            let settings = c.settings
            let config = ServerConfig(
                accelerator: acc, count: count ?? sc?.count ?? 1, precision: precision ?? sc?.precision ?? settings.server.defaultPrecision,
                maxBatch: maxBatch ?? sc?.maxBatch ?? settings.server.maxBatch, admission: admission ?? sc?.admission ?? settings.server.admission,
                device: device ?? sc?.device, llmBatching: llmBatching)
            let name = "trace:" + (path.split(separator: "/").last.map(String.init) ?? path)
            let setup: CompiledSetup
            do { setup = try TraceReplay.setup(catalog: c, workload: template, config: config, name: name) } catch { throw Output.fail(error) }
            let runConfig = RunConfig(durationS: nil, requests: requests ?? sc?.requests, warmupS: warmup ?? sc?.warmupS ?? 0,
                                      seed: seed ?? sc?.seed ?? 1)
            var results: [SimulationResult] = []
            for (i, n) in policyNames(sc).enumerated() {
                do {
                    results.append(try TraceReplay.run(n, setup: setup, run: runConfig, path: path, skipBadLines: skipBadLines,
                                                       warn: { d in if i == 0 { Output.diagnostics([d]) } }))
                } catch {
                    Output.diagnostics(error.diagnostics)
                    throw ExitCode(1)
                }
            }
            try show(results)
        }

        /// `--trace --cache-only`: a pure cache, every policy in one streaming pass.
        func runCacheOnly() throws {
            guard let path = trace, let capacity = capacityBytes else { throw ExitCode(64) }
            var names = policy.map(\.rawValue)
            if let p = policies { names += p == "all" ? CacheOnlyPolicy.allCases.map(\.rawValue) : p.split(separator: ",").map(String.init) }
            var chosen: [CacheOnlyPolicy] = []
            for n in names { if let p = CacheOnlyPolicy(rawValue: n), !chosen.contains(p) { chosen.append(p) } }
            if chosen.isEmpty { chosen = [.lru] }
            // A pfmplan-format trace names services: their models are sized with the catalog at
            // the given accelerator and precision. A libCacheSim trace carries its own sizes.
            var services: (ids: [String], objects: CacheOnlyReplay.ServiceObjects)?
            if let acc = accelerator {
                let c = try catalog.load()
                let settings = c.settings
                guard let template = c.workloads.first else {
                    Output.error("the catalog has no workload")
                    throw ExitCode(1)
                }
                let config = ServerConfig(accelerator: acc, count: count ?? 1, precision: precision ?? settings.server.defaultPrecision,
                                          maxBatch: maxBatch ?? settings.server.maxBatch, admission: .alwaysEdge)
                let setup: CompiledSetup
                do { setup = try TraceReplay.setup(catalog: c, workload: template, config: config, name: "trace") } catch { throw Output.fail(error) }
                services = (setup.serviceIds, CacheOnlyReplay.serviceObjects(setup))
            }
            let results: [CacheOnlyResult]
            do {
                results = try CacheOnlyReplay.run(path: path, policies: chosen, capacityBytes: capacity, seed: seed ?? 1,
                                                  services: services, skipBadLines: skipBadLines, maxRequests: requests,
                                                  warn: { Output.diagnostics([$0]) })
            } catch {
                Output.diagnostics(error.diagnostics)
                throw ExitCode(1)
            }
            Output.render(.cacheOnly(results), output.format)
        }
    }
}

extension CachingMode: ExpressibleByArgument {}
extension Residency: ExpressibleByArgument {}
extension LoadingSource: ExpressibleByArgument {}
extension LLMBatching: ExpressibleByArgument {}
