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
                Reads a CSV of measurements, one static batch per line: model, accelerator, count (or tp), \
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
        @Option(help: ArgumentHelp("The measurements (CSV).", valueName: "file")) var measurements: String
        @Option(help: "Runtime profile id to fit. Default: the server's runtime, else the catalog's first.") var runtime: String?
        @Option(help: "Which lines to fit: all, or fit (the lines whose split column is fit).") var half = "all"
        @Option(help: ArgumentHelp("Write the fitted runtime profile (YAML) here.", valueName: "file")) var out: String?
        @Option(help: ArgumentHelp("Write every point (measured, fitted and leave-one-out predictions, errors) to this CSV file.", valueName: "file"))
        var points: String?

        func validate() throws {
            try FlagRules.path("--measurements", measurements)
            try FlagRules.path("--out", out)
            try FlagRules.path("--points", points)
            guard ["all", "fit"].contains(half) else { throw ValidationError("--half expects all or fit, found '\(half)'") }
        }

        func run() throws {
            let c = try catalog.load()
            let outputs = [("--out", out), ("--points", points)].compactMap { f, p in p.map { (flag: f, path: $0) } }
            try FileOutput.refuseOverwritingInputs(outputs, inputs: FileOutput.catalogInputs(c) + [("--measurements", measurements)])
            let id = runtime ?? c.settings.server.runtime ?? c.runtimes.first?.id
            guard let id, let rt = c.runtime(id) else {
                throw CLIError.unknown("runtime", runtime ?? "", known: c.runtimes.map(\.id), flag: "--runtime")
            }
            guard let data = FileManager.default.contents(atPath: measurements), let text = String(data: data, encoding: .utf8) else {
                Output.error("cannot read the measurements \(Terminal.escape(measurements))")
                throw ExitCode(1)
            }
            let measured: [Validation.Point]
            do { measured = try Validation.aiconfigurator(text, name: measurements, catalog: c, runtime: id).points } catch {
                Output.error("\(Terminal.escape(measurements)):\(error.line): \(error.message)")
                throw ExitCode(1)
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
                try Output.writeAtomically(CalibrationReport.profile(rt, fits: fits, source: measurements), to: out)
                Output.print("wrote \(Terminal.escape(out)): --catalog \(Terminal.escape(out)) reads it on top of the embedded catalog\n")
            }
        }
    }
}
