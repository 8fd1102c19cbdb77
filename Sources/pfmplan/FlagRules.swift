import ArgumentParser
import Foundation
import PFMCatalog
import PFMPlanning

/// The value rules YAML files follow (YAMLReader, NumberText), applied to command-line values,
/// so a flag accepts exactly what the same key in a file accepts.
enum FlagRules {
    /// Largest number any flag takes, as in files (|x| ≤ 1e15).
    static let maxMagnitude = YAMLReader.maxMagnitude
    /// Load multipliers: from 10^-6 to 10^6 (a rate times a load scale must stay a usable rate).
    static let loadScaleRange = SweepSpec.loadScaleRange
    /// The most measured requests a run can ask for (as `run.requests` in a sweep spec).
    static let maxRequests = 1 << 40

    /// A number flag's text, read by the files' rules (NumberText.decimal): plain decimal only,
    /// so `--duration 0x1p3`, `inf` and `nan` are refused as `duration_s: 0x1p3` is in a file.
    /// Used as the `transform` of every Double option; the range is checked by the rules below.
    static func number(_ s: String) throws -> Double {
        guard let v = NumberText.decimal(s) else {
            throw ValidationError("expected a plain decimal number (like 8, 0.5 or 1e3; no hex floats, inf or nan), found '\(Terminal.escape(s))'")
        }
        return v
    }

    /// A path given on the command line whose bytes are not UTF-8 (the decoded String holds
    /// U+FFFD and names another file): refused with its escaped name, for inputs (which would be
    /// reported missing) and outputs (which would be written under another name) alike.
    static func path(_ flag: String, _ p: String?) throws {
        guard let p, let raw = FileNames.escapedArgument(p) else { return }
        throw ValidationError("\(flag) \(raw): the path is not UTF-8 text (bytes shown as \\xHH); pfmplan reads and writes UTF-8 paths only: rename it")
    }

    static func list(_ flag: String, _ s: String, what: String) throws -> [String] {
        switch NumberText.list(s, what: what) {
        case .success(let items): return items
        case .failure(let e): throw ValidationError("\(flag): \(Terminal.escape(e.message))")
        }
    }

    static func loadScale(_ flag: String, _ v: Double) throws {
        guard v.isFinite, loadScaleRange.contains(v) else {
            throw ValidationError("\(flag) expects load multipliers from 1e-6 to 1e6, found \(v)")
        }
    }

    static func seconds(_ flag: String, _ v: Double, allowZero: Bool) throws {
        guard v.isFinite, allowZero ? v >= 0 : v > 0, v <= maxMagnitude, v == 0 || v >= YAMLReader.minMagnitude else {
            throw ValidationError("\(flag) expects \(allowZero ? "0 or a number of seconds" : "a number of seconds") from 1e-9 to 1e15, found \(v)")
        }
    }

    static func requests(_ flag: String, _ n: Int) throws {
        guard n >= 1, n <= maxRequests else { throw ValidationError("\(flag) expects a whole number from 1 to \(maxRequests), found \(n)") }
    }

    /// `VALUE` or `SERVICE=VALUE`, VALUE checked by `rule` (as the YAML key's), SERVICE non-empty.
    static func perService(_ flag: String, _ raw: String, rule: YAMLReader.NumberRule) throws -> (service: String?, value: Double) {
        let s = Terminal.escape(raw)
        let parts = raw.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw ValidationError("\(flag) expects a number or SERVICE=NUMBER, found '\(s)'") }
        let service = parts.count == 2 ? String(parts[0]).trimmingCharacters(in: .whitespaces) : nil
        if let service, service.isEmpty { throw ValidationError("\(flag) expects SERVICE=NUMBER with a service id before '=', found '\(s)'") }
        let text = String(parts.last!).trimmingCharacters(in: .whitespaces)
        guard let v = NumberText.decimal(text), abs(v) <= maxMagnitude, rule.accepts(v) else {
            throw ValidationError("\(flag) expects \(rule.expectation) (or SERVICE=NUMBER), found '\(s)'")
        }
        return (service, v)
    }
}
