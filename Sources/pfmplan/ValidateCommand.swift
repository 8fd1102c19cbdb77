import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning
import PFMReporting

extension PFMPlan {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare pfmplan's language estimates with reference measurements and print the error table.",
            discussion: """
                Reads an AIConfigurator reference file (the committed Tests/validation/aiconfigurator.csv by \
                default: NVIDIA AIConfigurator 0.12.0's static-mode estimates, vLLM backend; how it was made is \
                in Tests/validation/README.md), estimates every point with `pfmplan estimate`'s static batch \
                on the catalog's runtime, and prints the median, 90th-percentile and worst |error| of TTFT, \
                TPOT and request latency on the fit half, the held-out half and both (pfmplan-model(7), \
                VALIDATION). Points whose model, accelerator or precision the catalog lacks, or that do not \
                fit pfmplan's memory model, are counted as skipped. \
                --reference Tests/validation/published.csv reads the published measurements instead (a file \
                whose header starts with 'category'): one row per category the language estimate and the \
                load model cover (ttft, batch-1 decode, static-batch throughput, load time, fixed-length \
                maximum-throughput runs under continuous batching, vision offline throughput, diffusion \
                pipelines), by half, each row on the catalog runtime of the stack that measured it \
                (TensorRT-LLM and TensorRT rows on trtllm, the rest on the default) unless --runtime names \
                one; the other rows (variable-length runs) are counted as skipped.

                Exit status 0; 1 when the reference file cannot be read or has a bad line (file:line); 64 \
                for bad flags.
                """)
        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var output: FormatOption
        @Option(help: ArgumentHelp("The reference file (CSV with accelerator, model, tp, weights_precision, batch, isl, osl, ttft_ms, tpot_ms, request_latency_ms, split).", valueName: "file"))
        var reference = "Tests/validation/aiconfigurator.csv"
        @Option(help: "Runtime profile id. Default: the server's runtime, else the catalog's first.") var runtime: String?
        @Option(help: ArgumentHelp("Also write every point estimated to this CSV file (measured and predicted ms and the error, one line per point and metric).", valueName: "file"))
        var points: String?

        func validate() throws {
            try output.format.require(.validation, command: "validate")
            try FlagRules.path("--reference", reference)
            if let points { try FlagRules.path("--points", points) }
        }

        func run() throws {
            let c = try catalog.load()
            if let points { try FileOutput.refuseOverwritingInputs([("--points", points)], inputs: FileOutput.catalogInputs(c) + [("--reference", reference)]) }
            if let runtime, c.runtime(runtime) == nil {
                throw CLIError.unknown("runtime", runtime, known: c.runtimes.map(\.id), flag: "--runtime")
            }
            guard let data = FileManager.default.contents(atPath: reference), let text = String(data: data, encoding: .utf8) else {
                Output.error("cannot read the reference file \(Terminal.escape(reference))"
                             + (reference == "Tests/validation/aiconfigurator.csv" ? " (run from the repository's root, or give --reference FILE)" : ""))
                throw ExitCode(1)
            }
            let report: Validation.Report
            do { report = try Validation.report(text, name: reference, catalog: c, runtime: runtime) } catch {
                Output.error("\(Terminal.escape(reference)):\(error.line): \(error.message)")
                throw ExitCode(1)
            }
            Output.render(.validation(report), output.format)
            if let points {
                try Output.writeAtomically(ValidationReport.pointsCSV(report), to: points)
                Output.note("wrote \(points) (\(report.estimated.count) points)")
            }
        }
    }
}
