import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning
import PFMReporting

extension PFMPlan {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a runtime's language constants per accelerator to measurements, and write them as a runtime profile.",
            discussion: """
                Reads measurements: a CSV, one static batch per line, or the result file of `vllm bench \
                serve --save-result` (JSON: its mean TTFT and TPOT, simulated under continuous batching at \
                its request rate, or at the throughput it reached when the rate was unlimited, with its mean \
                lengths; the model, accelerator, tp and precision from its --metadata keys, else from \
                --model, --accelerator, --gpus, --precision; --measurements repeats). A CSV line: model, accelerator, count (or tp), \
                precision (or weights_precision), batch, tokens_in (or isl), tokens_out (or osl), ttft_ms, \
                tpot_ms; request_latency_ms and split (fit / heldout) are optional, extra columns are \
                ignored (Tests/validation/aiconfigurator.csv is such a file). For each accelerator with at \
                least 8 points it fits mfu_max, mfu_half_tokens, mbu and pass_overhead_ms of the runtime's \
                language family by least squares on the log error of TTFT and TPOT (pfmplan-model(7), \
                VALIDATION), prints the constants with the median |error| before and after, then each point: \
                measured, predicted with the fitted constants, and predicted by a fit without the point's \
                configuration (leave-one-out, for accelerators with at most 64 configurations; a file with \
                more than 200 points prints only the constants, --points FILE writes every point as CSV). \
                With --out it writes the runtime profile with the fitted constants as its `accelerators:` \
                entries and `overlay: embedded`, so that `--catalog FILE` reads it on top of the embedded \
                catalog (after a catalog directory given before it, it replaces that catalog's runtime of \
                the same id). Accelerators with fewer points, or whose fit does not lower the median error, \
                keep the runtime's constants, and are named. --half fit uses only the lines whose split is fit.

                Exit status 0; 1 when the file cannot be read or has a bad line (file:line); 64 for bad flags.
                """)
        @OptionGroup var catalog: CatalogOptions
        @Option(help: ArgumentHelp("The measurements: a CSV, or the result file (JSON) of `vllm bench serve --save-result`; repeatable.",
                                   valueName: "file"))
        var measurements: [String]
        @Option(help: "For vllm bench serve results without that metadata: the catalog model id.") var model: String?
        @Option(help: "For vllm bench serve results without that metadata: the catalog accelerator id.") var accelerator: String?
        @Option(help: "For vllm bench serve results without that metadata: GPUs per instance (tensor parallel).") var gpus: Int?
        @Option(help: "For vllm bench serve results without that metadata: the precision id.") var precision: String?
        @Option(help: "Runtime profile id to fit. Default: the server's runtime, else the catalog's first.") var runtime: String?
        @Option(help: "Which lines to fit: all, or fit (the lines whose split column is fit).") var half = "all"
        @Option(help: ArgumentHelp("Write the fitted runtime profile (YAML) here.", valueName: "file")) var out: String?
        @Option(help: ArgumentHelp("Write every point (measured, fitted and leave-one-out predictions, errors) to this CSV file.", valueName: "file"))
        var points: String?

        func validate() throws {
            guard !measurements.isEmpty else { throw ValidationError("give --measurements FILE (repeatable)") }
            for m in measurements { try FlagRules.path("--measurements", m) }
            if let gpus, gpus < 1 { throw ValidationError("--gpus expects a positive whole number, found \(gpus)") }
            try FlagRules.path("--out", out)
            try FlagRules.path("--points", points)
            guard ["all", "fit"].contains(half) else { throw ValidationError("--half expects all or fit, found '\(half)'") }
        }

        func run() throws {
            let c = try catalog.load()
            let outputs = [("--out", out), ("--points", points)].compactMap { f, p in p.map { (flag: f, path: $0) } }
            try FileOutput.refuseOverwritingInputs(outputs, inputs: FileOutput.catalogInputs(c) + measurements.map { ("--measurements", $0) })
            let id = runtime ?? c.settings.server.runtime ?? c.runtimes.first?.id
            guard let id, let rt = c.runtime(id) else {
                throw CLIError.unknown("runtime", runtime ?? "", known: c.runtimes.map(\.id), flag: "--runtime")
            }
            var measured: [Validation.Point] = []
            let defaults = VLLMBenchResult.Defaults(model: model, accelerator: accelerator, gpus: gpus, precision: precision)
            for file in measurements {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    Output.error("cannot read the measurements \(Terminal.escape(file))")
                    throw ExitCode(1)
                }
                do {
                    measured += VLLMBenchResult.looksLikeJSON(text) ? try VLLMBenchResult.points(text, catalog: c, defaults: defaults)
                        : try Validation.aiconfigurator(text, name: file, catalog: c, runtime: id).points
                } catch {
                    Output.error("\(Terminal.escape(file)):\(error.line): \(error.message)")
                    throw ExitCode(1)
                }
            }
            let chosen = half == "fit" ? measured.filter { $0.half == "fit" } : measured
            let fits = Calibration.fit(chosen, catalog: c, runtime: id)
            Output.print(CalibrationReport.table(fits, runtime: id, all: Set(chosen.map(\.accelerator))).render() + CalibrationReport.legend)
            let shown = chosen.filter { $0.metric != .requestLatency }.count
            if shown <= 200 || points != nil {
                let checks = Calibration.check(chosen, fits: fits, catalog: c, runtime: id)
                if shown <= 200 { Output.print("\n" + CalibrationReport.points(checks).render()) }
                if let points {
                    try Output.writeAtomically(CalibrationReport.pointsCSV(checks), to: points)
                    Output.print("wrote \(Terminal.escape(points)) (\(checks.count) points)\n")
                }
            }
            if let out {
                try Output.writeAtomically(CalibrationReport.profile(rt, fits: fits, source: measurements.joined(separator: ", ")), to: out)
                Output.print("wrote \(Terminal.escape(out)): --catalog \(Terminal.escape(out)) reads it on top of the embedded catalog\n")
            }
        }
    }
}
