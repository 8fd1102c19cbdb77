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
                VALIDATION), prints the constants with the median |error| before and after, and with --out \
                writes the runtime profile with them as its `accelerators:` entries, to use in place of the \
                catalog's runtimes file (copy Catalogs/, replace runtimes.yaml, pass --catalog DIR). \
                Accelerators with fewer points, or whose fit does not lower the median error, keep the \
                runtime's defaults, and are named. --half fit uses only the lines whose split is fit.

                Exit status 0; 1 when the file cannot be read or has a bad line (file:line); 64 for bad flags.
                """)
        @OptionGroup var catalog: CatalogOptions
        @Option(help: ArgumentHelp("The measurements (CSV).", valueName: "file")) var measurements: String
        @Option(help: "Runtime profile id to fit. Default: the server's runtime, else the catalog's first.") var runtime: String?
        @Option(help: "Which lines to fit: all, or fit (the lines whose split column is fit).") var half = "all"
        @Option(help: ArgumentHelp("Write the fitted runtime profile (YAML) here.", valueName: "file")) var out: String?

        func validate() throws {
            try FlagRules.path("--measurements", measurements)
            try FlagRules.path("--out", out)
            guard ["all", "fit"].contains(half) else { throw ValidationError("--half expects all or fit, found '\(half)'") }
        }

        func run() throws {
            let c = try catalog.load()
            if let out { try FileOutput.refuseOverwritingInputs([("--out", out)], inputs: FileOutput.catalogInputs(c) + [("--measurements", measurements)]) }
            let id = runtime ?? c.settings.server.runtime ?? c.runtimes.first?.id
            guard let id, let rt = c.runtime(id) else {
                throw CLIError.unknown("runtime", runtime ?? "", known: c.runtimes.map(\.id), flag: "--runtime")
            }
            guard let data = FileManager.default.contents(atPath: measurements), let text = String(data: data, encoding: .utf8) else {
                Output.error("cannot read the measurements \(Terminal.escape(measurements))")
                throw ExitCode(1)
            }
            let points: [Validation.Point]
            do { points = try Validation.aiconfigurator(text, name: measurements, catalog: c, runtime: id).points } catch {
                Output.error("\(Terminal.escape(measurements)):\(error.line): \(error.message)")
                throw ExitCode(1)
            }
            let chosen = half == "fit" ? points.filter { $0.half == "fit" } : points
            let fits = Calibration.fit(chosen, catalog: c, runtime: id)
            Output.print(CalibrationReport.table(fits, runtime: id, all: Set(chosen.map(\.accelerator))).render() + CalibrationReport.legend)
            if let out {
                try Output.writeAtomically(CalibrationReport.profile(rt, fits: fits, source: measurements), to: out)
                Output.print("wrote \(Terminal.escape(out)): use it in place of the catalog's runtimes file (copy Catalogs/, replace runtimes.yaml, --catalog DIR)\n")
            }
        }
    }
}
