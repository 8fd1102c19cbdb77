import ArgumentParser
import Foundation
import PFMCatalog

/// The CLI's one error type, printed by one printer (`PFMPlan.report`): "pfmplan: error: …",
/// then for usage errors the usage line of the command that was run. Exit status 64 for bad
/// command-line usage (flags, arguments, ids given on the command line), 1 for invalid input
/// files (pfmplan(1), EXIT STATUS).
struct CLIError: Error, CustomStringConvertible {
    enum Kind { case usage, input }
    var kind: Kind
    var message: String

    var description: String { message }
    var exitCode: Int32 { kind == .usage ? ExitCode.validationFailure.rawValue : 1 }

    static func usage(_ m: String) -> CLIError { CLIError(kind: .usage, message: m) }
    static func input(_ m: String) -> CLIError { CLIError(kind: .input, message: m) }

    /// An id given on the command line that the catalog does not know: exit 64, with a
    /// did-you-mean when a near id exists, else the known ids.
    static func unknown(_ what: String, _ id: String, known: [String], flag: String) -> CLIError {
        .usage("unknown \(what) '\(id)' in \(flag)" + suggestion(id, known: known))
    }

    static func suggestion(_ id: String, known: [String]) -> String {
        if let near = YAMLReader.nearest(id, in: known) { return "; did you mean '\(near)'?" }
        return known.isEmpty ? "" : "; known: \(known.joined(separator: ", "))"
    }
}

extension PFMPlan {
    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        // man/regenerate.sh: swift-argument-parser's generate-manual drops every non-ASCII
        // character, so for it each one is written as an ASCII placeholder, @@U+XXXX@@, which the
        // script turns into the roff escape \[uXXXX].
        if args == ["--experimental-dump-help"], ProcessInfo.processInfo.environment["PFMPLAN_MAN_PLACEHOLDERS"] != nil {
            FileOutput.stdout(manPlaceholders(PFMPlan._dumpHelp()))
            Foundation.exit(0)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(args)
        } catch {
            report(error, command: nil, args: args)
        }
        do {
            if var c = command as? AsyncParsableCommand { try await c.run() } else { try command.run() }
        } catch {
            report(error, command: type(of: command), args: args)
        }
        Foundation.exit(0)
    }

    /// The one printer: every error the CLI shows goes through here.
    static func report(_ error: Error, command: ParsableCommand.Type?, args: [String]) -> Never {
        func usage(_ type: ParsableCommand.Type?) -> String {
            let t = type ?? PFMPlan.self
            let name = t == PFMPlan.self ? "pfmplan" : "pfmplan " + t._commandName
            return "Usage: " + (t == PFMPlan.self ? PFMPlan.usageString() : PFMPlan.usageString(for: t))
                + "\n  See '\(name) --help' for more information.\n"
        }
        func fail(_ message: String, usageOf type: ParsableCommand.Type?, code: Int32) -> Never {
            var out = "pfmplan: error: " + Terminal.escape(message, keepNewlines: true) + "\n"
            if code == ExitCode.validationFailure.rawValue { out += usage(type) }
            FileOutput.stderr(out)
            Foundation.exit(code)
        }
        switch error {
        case let e as CLIError: fail(e.message, usageOf: command, code: e.exitCode)
        case let e as ValidationError: fail(e.message, usageOf: command, code: ExitCode.validationFailure.rawValue)
        case let e as ExitCode: Foundation.exit(e.rawValue)  // already printed
        default: break
        }
        let code = PFMPlan.exitCode(for: error)
        // Help, version and other clean exits print as ArgumentParser prints them.
        if code == .success { PFMPlan.exit(withError: error) }
        // An unknown subcommand: say so, with a did-you-mean.
        let names = PFMPlan.configuration.subcommands.compactMap { $0.configuration.commandName ?? String(describing: $0).lowercased() }
        if command == nil, let first = args.first, !first.hasPrefix("-"), !names.contains(first) {
            fail("unknown subcommand '\(first)'" + CLIError.suggestion(first, known: names), usageOf: nil, code: code.rawValue)
        }
        // A parse error: ArgumentParser's message, with this printer's prefix and the right usage.
        var message = PFMPlan.message(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst(7) }
        let sub = command ?? subcommand(named: args.first, in: names)
        fail(message, usageOf: sub, code: code.rawValue)
    }

    static func manPlaceholders(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.isASCII { out.unicodeScalars.append(u) } else { out += "@@U+" + String(u.value, radix: 16, uppercase: true).leftPadded(4) + "@@" }
        }
        return out
    }

    static func subcommand(named name: String?, in names: [String]) -> ParsableCommand.Type? {
        guard let name, let i = names.firstIndex(of: name) else { return nil }
        return PFMPlan.configuration.subcommands[i]
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
