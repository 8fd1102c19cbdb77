import ArgumentParser
import PFMCatalog
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
                """)

        @OptionGroup var catalog: CatalogOptions
        @Option(help: "Scenario YAML file (catalogs, workload, server, run, policies).") var scenario: String?
        @Option(help: "Workload id (default: the scenario's, else 'metaverse', else the first).") var workload: String?
        @Option(help: "Accelerator id, e.g. l40s.") var accelerator: String?
        @Option(help: "GPUs in the server.") var count: Int?
        @Option(help: "Precision, e.g. fp16 or int8 (default: the catalog's server.default_precision).") var precision: String?
        @Option(name: .customLong("max-batch"), help: "Largest batch (default: the catalog's server.max_batch).") var maxBatch: Int?
        @Option(help: "Admission rule: slo-aware or always-edge.") var admission: Admission?
        @Option(name: .customLong("policy"), help: "Eviction policy: lc, lfu, lru, fifo, random, cloud or belady; repeat for several.")
        var policy: [PolicyName] = []
        @Option(help: "Comma-separated policies, or 'all'.") var policies: String?
        @Option(help: "Measured requests to simulate (after warm-up).") var requests: Int?
        @Option(help: "Simulated seconds of arrivals.") var duration: Double?
        @Option(help: "Warm-up seconds: simulated, not counted.") var warmup: Double?
        @Option(help: "Random seed.") var seed: UInt64?
        @Option(name: .customLong("load-scale"), help: "Multiply every arrival rate.") var loadScale: Double = 1
        @OptionGroup var output: FormatOption

        func validate() throws {
            if let r = requests, r < 1 { throw ValidationError("--requests must be at least 1") }
            if let d = duration, !(d > 0 && d.isFinite) { throw ValidationError("--duration must be a positive number of seconds") }
            if let w = warmup, !(w >= 0 && w.isFinite) { throw ValidationError("--warmup must be ≥ 0") }
            if let c = count, c < 1 || c > 1024 { throw ValidationError("--count must be between 1 and 1024") }
            if let b = maxBatch, b < 1 || b > 4096 { throw ValidationError("--max-batch must be between 1 and 4096") }
            if !(loadScale > 0 && loadScale.isFinite) { throw ValidationError("--load-scale must be positive") }
            if let p = policies, p != "all" {
                for name in p.split(separator: ",") where PolicyName(rawValue: String(name)) == nil {
                    throw ValidationError("unknown policy '\(name)' in --policies; expected \(PolicyName.allCases.map(\.rawValue).joined(separator: ", ")) or all")
                }
            }
        }

        func run() throws {
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
            let settings = c.settings
            var cat = c
            if let u = sc?.contextUtility { cat.context = ContextSpec(utility: u) }

            let workloadId = workload ?? sc?.workload ?? (c.workload("metaverse") != nil ? "metaverse" : c.workloads.first?.id)
            guard let wid = workloadId, let w = c.workload(wid) else {
                Output.error("unknown workload '\(workloadId ?? "")'; the catalog has: \(c.workloads.map(\.id).joined(separator: ", "))")
                throw ExitCode(1)
            }
            guard let acc = accelerator ?? sc?.accelerator else {
                throw ValidationError("give --accelerator (one of: \(c.accelerators.map(\.id).joined(separator: ", "))) or a scenario with server.accelerator")
            }
            let config = ServerConfig(
                accelerator: acc, count: count ?? sc?.count ?? 1, precision: precision ?? sc?.precision ?? settings.server.defaultPrecision,
                maxBatch: maxBatch ?? sc?.maxBatch ?? settings.server.maxBatch, admission: admission ?? sc?.admission ?? settings.server.admission)
            var runConfig = RunConfig.from(w)
            if let d = sc?.durationS { runConfig.durationS = d; runConfig.requests = nil }
            if let r = sc?.requests { runConfig.requests = r; runConfig.durationS = nil }
            if let d = duration { runConfig.durationS = d; runConfig.requests = requests }
            if let r = requests { runConfig.requests = r; if duration == nil { runConfig.durationS = nil } }
            runConfig.warmupS = warmup ?? sc?.warmupS ?? w.warmupS
            runConfig.seed = seed ?? sc?.seed ?? w.seed
            runConfig.loadScale = loadScale

            var names = policy
            if let p = policies { names += p == "all" ? PolicyName.allCases : p.split(separator: ",").compactMap { PolicyName(rawValue: String($0)) } }
            if names.isEmpty { names = sc?.policies ?? [] }
            if names.isEmpty { names = [.lc] }

            let setup: CompiledSetup
            do { setup = try CompiledSetup(catalog: cat, workload: w, config: config) } catch { throw Output.fail(error) }
            var results: [SimulationResult] = []
            for n in names {
                do { results.append(try Simulation.run(n, setup: setup, run: runConfig)) } catch { throw Output.fail(error) }
            }
            switch output.format {
            case .table, .markdown: Output.print(SimulationReport.table(results))
            case .json: Output.print(SimulationReport.json(results))
            case .csv: Output.print(SimulationReport.csv(results))
            }
        }
    }
}
