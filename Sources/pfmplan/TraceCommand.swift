import ArgumentParser
import Foundation
import PFMCatalog
import PFMSimulation

extension PFMPlan {
    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write request traces for replay and for other tools.",
            discussion: "Trace formats are described in pfmplan-trace(5).",
            subcommands: [Generate.self]
        )
    }
}

extension TraceFormat: ExpressibleByArgument {}

extension PFMPlan.Trace {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the arrivals pfmplan would simulate for a workload, as a trace file.",
            discussion: """
                Writes the same arrivals 'pfmplan simulate --workload ID --requests N --seed S' \
                generates (the same seed gives the same stream): every arrival until N measured \
                requests after the warm-up, warm-up requests included, so that \
                'pfmplan simulate --trace FILE --warmup W' replays exactly what was simulated. \
                --format pfmplan writes time_s,service; --format libcachesim writes \
                time,model,size_bytes, one line per request per model it would load (each stage's \
                load choice) with the model's resident bytes at --accelerator and --precision, for \
                cache simulators such as libCacheSim.
                """)

        @OptionGroup var catalog: CatalogOptions
        @Option(help: "Workload id.") var workload: String
        @Option(help: "Measured requests to write (after warm-up).") var requests: Int
        @Option(help: "Random seed (default: the workload's).") var seed: UInt64?
        @Option(help: "Warm-up seconds (default: the workload's warmup_s); warm-up arrivals are written too.", transform: FlagRules.number) var warmup: Double?
        @Option(name: .customLong("load-scale"), help: "Multiply every arrival rate (default: 1).", transform: FlagRules.number) var loadScale: Double = 1
        @Option(help: ArgumentHelp("The trace file to write.", valueName: "file")) var out: String
        @Option(help: "Trace format: pfmplan or libcachesim.") var format: TraceFormat = .pfmplan
        @Option(help: "Accelerator id: sizes the models (needed for --format libcachesim; default: the first that runs the precision).") var accelerator: String?
        @Option(help: "GPUs in the server.") var count: Int = 1
        @Option(help: "Precision (default: the catalog's server.default_precision).") var precision: String?
        @Option(name: .customLong("max-batch"), help: "Batch size B in the resident bytes (default: the catalog's server.max_batch).")
        var maxBatch: Int?

        func validate() throws {
            try FlagRules.path("--out", out)
            try FlagRules.requests("--requests", requests)
            if let w = warmup { try FlagRules.seconds("--warmup", w, allowZero: true) }
            try FlagRules.loadScale("--load-scale", loadScale)
            if count < 1 || count > 1024 { throw ValidationError("--count must be between 1 and 1024") }
            if let b = maxBatch, b < 1 || b > 4096 { throw ValidationError("--max-batch must be between 1 and 4096") }
            if format == .libcachesim && accelerator == nil {
                throw ValidationError("--format libcachesim writes each model's resident bytes: give --accelerator")
            }
        }

        func run() throws {
            let c = try catalog.load()
            try FileOutput.refuseOverwritingInputs([("--out", out)], inputs: FileOutput.catalogInputs(c))
            guard let w = c.workload(workload) else {
                Output.error("unknown workload '\(workload)'; the catalog has: \(c.workloads.map(\.id).joined(separator: ", "))")
                throw ExitCode(1)
            }
            let settings = c.settings
            // Arrivals do not depend on the server; without --accelerator any accelerator that runs
            // the precision compiles the setup.
            let prec = precision ?? settings.server.defaultPrecision
            let acc = accelerator ?? c.accelerators.first { $0.tflops[prec] != nil }?.id ?? c.accelerators.first?.id ?? ""
            let config = ServerConfig(accelerator: acc, count: count, precision: prec,
                                      maxBatch: maxBatch ?? settings.server.maxBatch, admission: settings.server.admission)
            let setup: CompiledSetup
            do { setup = try CompiledSetup(catalog: c, workload: w, config: config) } catch { throw Output.fail(error) }
            var run = RunConfig.from(w)
            run.requests = requests
            run.durationS = nil
            run.warmupS = warmup ?? w.warmupS
            run.seed = seed ?? w.seed
            run.loadScale = loadScale
            var source: PoissonArrivals
            do { source = try Simulation.arrivals(setup, run) } catch { throw Output.fail(error) }
            let summary: TraceWriter.Summary
            do {
                summary = try TraceWriter.write(&source, setup: setup, format: format, measured: requests, warmupS: run.warmupS, to: out)
            } catch {
                Output.error(error.description)
                throw ExitCode(1)
            }
            var note = "wrote \(summary.requests) requests (\(summary.warmup) in the \(run.warmupS) s warm-up) to \(out)"
            if format == .libcachesim { note += " as \(summary.lines) model accesses" }
            if summary.warmup > 0 { note += "; replay with --warmup \(run.warmupS) to measure the same \(requests)" }
            Output.note(note)
        }
    }
}
