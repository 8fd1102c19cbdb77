import ArgumentParser
import Foundation
import PFMCatalog
import PFMReporting
import PFMSimulation

/// `--catalog`, shared by every command that reads catalogs.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalog"), help: ArgumentHelp(
        "A catalog file or directory of .yaml files; repeat to load several. Default: the embedded catalog.",
        valueName: "path"))
    var paths: [String] = []

    func load() throws -> Catalog { try Self.load(paths: paths) }

    static func load(paths: [String]) throws -> Catalog {
        do {
            return try CatalogLoader.load(paths: paths)
        } catch {
            Output.diagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, json, csv or markdown (a command that cannot render one refuses it, exit 64).")
    var format: OutputFormat = .table
}

extension OutputFormat {
    var renderFormat: RenderFormat { RenderFormat(rawValue: rawValue)! }

    /// Refuses a format the command does not render (it used to print the plain table instead):
    /// what renders is what the registered renderers render (PFMReporting.Renderers).
    func require(_ kind: Report.Kind, command: String, hint: String = "") throws {
        let allowed = Renderers.formats(for: kind)
        guard !allowed.contains(renderFormat) else { return }
        throw ValidationError("\(command) cannot render --format \(rawValue); it renders " + allowed.map(\.rawValue).joined(separator: ", ") + hint)
    }
}

extension PolicyName: ExpressibleByArgument {}
extension Admission: ExpressibleByArgument {}

/// Where output goes: stdout for results, stderr for diagnostics and progress.
enum Output {
    /// The report in the format, from the registered renderer (commands refuse formats that do
    /// not render their report in validate(), so there is always a text).
    static func render(_ report: Report, _ format: OutputFormat) {
        print(Renderers.render(report, as: format.renderFormat) ?? "")
    }

    static func print(_ s: String) {
        FileOutput.stdout(Terminal.forStdout(s))
    }

    static func error(_ s: String) {
        FileOutput.stderr("pfmplan: error: " + Terminal.escape(s, keepNewlines: true) + "\n")
    }

    static func note(_ s: String) {
        FileOutput.stderr(Terminal.escape(s, keepNewlines: true) + "\n")
    }

    /// At most this many diagnostics are printed; the rest are counted ("… and N more").
    static let diagnosticLimit = 100

    static func diagnostics(_ ds: [Diagnostic]) {
        for d in ds.prefix(diagnosticLimit) { FileOutput.stderr(Terminal.escape(d.description, keepNewlines: true) + "\n") }
        if ds.count > diagnosticLimit {
            note("… and \(ds.count - diagnosticLimit) more (only the first \(diagnosticLimit) are shown)")
            // A sink that kept only part of a long list says how many it left out, last.
            if let last = ds.last, last.message.hasPrefix("too many problems") { FileOutput.stderr(last.description + "\n") }
            return
        }
        let n = ds.filter { $0.severity == .error }.count
        if n > 1 { note("\(n) errors") }
    }

    /// Reports a setup problem (unknown id, unsupported precision) as a usage-level error: exit 1.
    static func fail(_ e: SetupError) -> ExitCode {
        error(e.description)
        return ExitCode(1)
    }

    /// Writes a file atomically: a unique temporary name in the same folder, then a rename, so
    /// a killed or failed run never leaves a file that looks complete (FileOutput.writeAtomically).
    static func writeAtomically(_ text: String, to path: String) throws {
        do { try FileOutput.writeAtomically(text, to: path) } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
    }
}
