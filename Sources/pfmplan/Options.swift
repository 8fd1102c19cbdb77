import ArgumentParser
import Foundation
import PFMCatalog
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
    /// Refuses a format the command does not render (it used to print the plain table instead).
    func require(_ allowed: [OutputFormat], command: String, hint: String = "") throws {
        guard !allowed.contains(self) else { return }
        throw ValidationError("\(command) cannot render --format \(rawValue); it renders " + allowed.map(\.rawValue).joined(separator: ", ") + hint)
    }
}

extension PolicyName: ExpressibleByArgument {}
extension Admission: ExpressibleByArgument {}

/// Where output goes: stdout for results, stderr for diagnostics and progress.
enum Output {
    static func print(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data(("pfmplan: error: " + s + "\n").utf8))
    }

    static func note(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func diagnostics(_ ds: [Diagnostic]) {
        for d in ds { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        let n = ds.filter { $0.severity == .error }.count
        if n > 1 { note("\(n) errors") }
    }

    /// Reports a setup problem (unknown id, unsupported precision) as a usage-level error: exit 1.
    static func fail(_ e: SetupError) -> ExitCode {
        error(e.description)
        return ExitCode(1)
    }

    /// Writes a file atomically: a temporary name in the same folder, then a rename, so a killed
    /// run never leaves a file that looks complete.
    static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(text.utf8).write(to: tmp)
        } catch {
            Output.error("cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        // rename(2) replaces the target atomically (Foundation's replaceItemAt fails on Linux).
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            Output.error("cannot write \(path): \(reason)")
            throw ExitCode(1)
        }
    }
}
