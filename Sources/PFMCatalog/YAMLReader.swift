import Foundation
import Yams

/// Resource limits applied before and while a YAML document is read.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxFileBytes: Int = 16 << 20
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int = 64
    /// Most alias references (`*name`) in one document.
    public var maxAliases: Int = 100
    /// Longest scalar, in bytes.
    public var maxScalarBytes: Int = 64 << 10
    /// Most nodes visited after aliases are expanded (stops "billion laughs").
    public var maxNodes: Int = 1_000_000

    public init() {}
    public static let `default` = YAMLLimits()
}

/// Parses YAML text into a Yams node tree, turning every failure into a positioned diagnostic.
public enum YAMLDocument {
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) throws(DiagnosticError) -> Node? {
        let bytes = text.utf8.count
        if bytes > limits.maxFileBytes {
            throw DiagnosticError(Diagnostic(
                .error, at: SourceLocation(file: file, line: 1, column: 1), path: "",
                "file is \(bytes) bytes, over the limit of \(limits.maxFileBytes)",
                hint: "split the catalog into several files (the limit is documented in pfmplan-catalog(5))"))
        }
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        // A control character is one byte in UTF-8, and no multi-byte character holds one.
        if let bad = body.utf8.firstIndex(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
            let line = body.utf8[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw DiagnosticError(Diagnostic(
                .error, at: SourceLocation(file: file, line: line, column: 1), path: "",
                "the file contains a control character (U+\(String(format: "%04X", body.utf8[bad]))); it is not a YAML text file",
                hint: "check that the path names a YAML catalog, not a binary file"))
        }
        try checkAliases(body, file: file, limits: limits)
        do {
            // No implicit tag rules: the reader types scalars itself (numbers, booleans), and
            // the default rules' regular expressions cost a third of a catalog load when the
            // parser hashes every mapping key to find duplicates.
            return try Yams.compose(yaml: body, .basic)
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(from: error, file: file))
        } catch {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), path: "", "\(error)"))
        }
    }

    /// Counts alias references outside quoted strings and comments, so an alias bomb is refused
    /// before LibYAML expands anything.
    static func checkAliases(_ text: String, file: String, limits: YAMLLimits) throws(DiagnosticError) {
        var aliases = 0
        var flowDepth = 0
        var line = 1
        var column = 0
        var inSingle = false, inDouble = false, inComment = false
        var atLineStart = true, indent = 0
        var previous = UInt8(ascii: " ")
        // 1: inside an alias name; 2: just after one (a ':' next would make it a mapping key).
        var aliasState = 0
        // Bytes: every character the scan looks for is ASCII, and UTF-8 never puts an ASCII byte
        // inside a multi-byte character; columns count characters (lead bytes), as LibYAML's do.
        for scalar in text.utf8 {
            if scalar & 0xC0 != 0x80 { column += 1 }
            if scalar == UInt8(ascii: "\n") {
                line += 1; column = 0; inComment = false; atLineStart = true; indent = 0; aliasState = 0
                previous = scalar
                continue
            }
            if atLineStart {
                if scalar == UInt8(ascii: " ") || scalar == UInt8(ascii: "-") { indent += 1 } else { atLineStart = false }
                // Two columns per level is YAML's usual step: deeper than the limit is refused.
                if indent > 2 * limits.maxDepth + 2 && !inDouble && !inSingle {
                    throw DiagnosticError(Diagnostic(
                        .error, at: SourceLocation(file: file, line: line, column: column), path: "",
                        "nesting deeper than \(limits.maxDepth) levels (indentation over \(2 * limits.maxDepth + 2) columns)",
                        hint: "catalogs need only a few levels; check the indentation"))
                }
            }
            if inComment { continue }
            if !inDouble && !inSingle {
                if aliasState == 1 && (scalar == UInt8(ascii: " ") || scalar == UInt8(ascii: "\t") || scalar == UInt8(ascii: ",") || scalar == UInt8(ascii: "]") || scalar == UInt8(ascii: "}") || scalar == UInt8(ascii: ":")) {
                    aliasState = 2
                }
                if aliasState == 2 {
                    if scalar == UInt8(ascii: ":") {
                        // Keys are hashed when a mapping is built: an alias as a key would make
                        // LibYAML and Yams expand and hash it, which an alias bomb turns into a hang.
                        throw DiagnosticError(Diagnostic(
                            .error, at: SourceLocation(file: file, line: line, column: column), path: "",
                            "an alias (*name) cannot be a mapping key in pfmplan files",
                            hint: "write the key out; keys are plain names such as 'memory_gib'"))
                    } else if scalar != UInt8(ascii: " ") && scalar != UInt8(ascii: "\t") {
                        aliasState = 0
                    }
                }
                // '?' first on its line (after indentation or '- ') or first in a flow entry.
                if scalar == UInt8(ascii: "?") && (column - 1 == indent || previous == UInt8(ascii: "{") || (previous == UInt8(ascii: " ") && flowDepth > 0)) {
                    throw DiagnosticError(Diagnostic(
                        .error, at: SourceLocation(file: file, line: line, column: column), path: "",
                        "complex mapping keys ('? key') are not supported in pfmplan files",
                        hint: "write 'key: value' with a plain key"))
                }
            }
            if inDouble {
                if scalar == UInt8(ascii: "\"") && previous != UInt8(ascii: "\\") { inDouble = false }
            } else if inSingle {
                if scalar == UInt8(ascii: "'") { inSingle = false }
            } else if scalar == UInt8(ascii: "#") && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || column == 1) {
                inComment = true
            } else if scalar == UInt8(ascii: "\"") {
                inDouble = true
            } else if scalar == UInt8(ascii: "'") && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: ",") || column == 1) {
                inSingle = true
            } else if scalar == UInt8(ascii: "[") || scalar == UInt8(ascii: "{") {
                flowDepth += 1
                if flowDepth > limits.maxDepth {
                    throw DiagnosticError(Diagnostic(
                        .error, at: SourceLocation(file: file, line: line, column: column), path: "",
                        "nesting deeper than \(limits.maxDepth) levels",
                        hint: "catalogs need only a few levels; check for runaway brackets"))
                }
            } else if scalar == UInt8(ascii: "]") || scalar == UInt8(ascii: "}") {
                flowDepth = max(0, flowDepth - 1)
            } else if scalar == UInt8(ascii: "*") && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: ",") || previous == UInt8(ascii: "{") || previous == UInt8(ascii: "\t") || column == 1) {
                aliasState = 1
                aliases += 1
                if aliases > limits.maxAliases {
                    throw DiagnosticError(Diagnostic(
                        .error, at: SourceLocation(file: file, line: line, column: column), path: "",
                        "more than \(limits.maxAliases) alias references (*name); refusing a possible alias bomb",
                        hint: "write the values out instead of referring to anchors"))
                }
            }
            previous = scalar
        }
    }

    static func diagnostic(from error: YamlError, file: String) -> Diagnostic {
        func loc(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _):
            return Diagnostic(.error, at: loc(mark), path: "", "YAML syntax: \(context.map { $0.text + " " } ?? "")\(problem)",
                              hint: "check indentation and quoting near this position")
        case let .parser(context, problem, mark, _):
            return Diagnostic(.error, at: loc(mark), path: "", "YAML syntax: \(context.map { $0.text + " " } ?? "")\(problem)",
                              hint: "check indentation and quoting near this position")
        case let .composer(context, problem, mark, _):
            return Diagnostic(.error, at: loc(mark), path: "", "YAML structure: \(context.map { $0.text + " " } ?? "")\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, at: loc(context.mark), path: "",
                              "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                              hint: "each key may appear once; remove or merge the repeated entry")
        case let .reader(problem, offset, _, yaml):
            var line = 1
            if let offset {
                line = yaml.prefix(offset).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            }
            return Diagnostic(.error, at: SourceLocation(file: file, line: line, column: 1), path: "",
                              "cannot read the file as UTF-8 text: \(problem)", hint: "save the file as UTF-8")
        default:
            return Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), path: "", "\(error)")
        }
    }
}

/// Walks a Yams node tree, reporting positioned, key-pathed diagnostics into a shared sink.
/// Every reader call records its own errors and returns nil on failure, so one pass finds all errors.
public final class YAMLReader {
    public let file: String
    public private(set) var sink = DiagnosticSink()
    private var nodesVisited = 0
    let limits: YAMLLimits

    public init(file: String, limits: YAMLLimits = .default) {
        self.file = file
        self.limits = limits
    }

    public func location(_ node: Node?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    public func error(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        sink.error(location(node), path, message, hint: hint)
    }

    public func warning(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        sink.warning(location(node), path, message, hint: hint)
    }

    func visit(_ node: Node, _ path: String) -> Bool {
        nodesVisited += 1
        if nodesVisited == limits.maxNodes + 1 {
            error(node, path, "document expands to more than \(limits.maxNodes) nodes",
                  hint: "this usually means nested aliases; write the values out")
        }
        return nodesVisited <= limits.maxNodes
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            let text = s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string
            return "\"\(text)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: - Shapes

    /// Reads a mapping, rejecting keys outside `allowed` (with a did-you-mean hint).
    public func mapping(_ node: Node, _ path: String, allowed: [String]) -> Mapping? {
        guard visit(node, path) else { return nil }
        guard case .mapping(let m) = node else {
            error(node, path, "expected a mapping of keys (\(allowed.prefix(4).joined(separator: ", "))…), found \(Self.describe(node))")
            return nil
        }
        var entries: [(String, Node, Node)] = []
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                error(k, path, "expected a plain key, found \(Self.describe(k))")
                continue
            }
            let key = ks.string
            if !allowed.contains(key) {
                let near = Self.nearest(key, in: allowed)
                error(k, Self.join(path, key), "unknown key '\(key)'",
                      hint: near.map { "did you mean '\($0)'?" } ?? "allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((key, k, v))
        }
        return Mapping(reader: self, node: node, path: path, entries: entries)
    }

    public func sequence(_ node: Node, _ path: String) -> [(Node, String)]? {
        guard visit(node, path) else { return nil }
        guard case .sequence(let s) = node else {
            error(node, path, "expected a list, found \(Self.describe(node))",
                  hint: "write the entries as a YAML list, each starting with '- '")
            return nil
        }
        return s.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
    }

    public func string(_ node: Node, _ path: String) -> String? {
        guard visit(node, path) else { return nil }
        guard case .scalar(let s) = node else {
            error(node, path, "expected a string, found \(Self.describe(node))")
            return nil
        }
        if s.string.utf8.count > limits.maxScalarBytes {
            error(node, path, "string of \(s.string.utf8.count) bytes is over the limit of \(limits.maxScalarBytes)")
            return nil
        }
        return s.string
    }

    /// A lowercase identifier: letters, digits, '-', '_' and '.', starting with a letter or digit.
    public func identifier(_ node: Node, _ path: String) -> String? {
        guard let s = string(node, path) else { return nil }
        let ok = !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        } && s.unicodeScalars.first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } == true
        if !ok {
            error(node, path, "expected an id of lowercase letters, digits, '-', '_' or '.', found \"\(s)\"",
                  hint: "ids are lowercase, e.g. gpt3-13b or h100-sxm")
            return nil
        }
        return s
    }

    public enum NumberRule: Sendable {
        case positive, nonNegative, fraction, unitInterval, percent, any
        public var expectation: String {
            switch self {
            case .positive: return "a positive number"
            case .nonNegative: return "a number ≥ 0"
            case .fraction: return "a number in (0, 1]"
            case .unitInterval: return "a number in [0, 1]"
            case .percent: return "a score in [0, 100]"
            case .any: return "a number"
            }
        }
        public func accepts(_ v: Double) -> Bool {
            switch self {
            case .positive: return v > 0
            case .nonNegative: return v >= 0
            case .fraction: return v > 0 && v <= 1
            case .unitInterval: return v >= 0 && v <= 1
            case .percent: return v >= 0 && v <= 100
            case .any: return true
            }
        }
    }

    /// `1_000` as `1000` (YAML 1.1 digit grouping); the common case, no '_', copies nothing.
    static func withoutUnderscores(_ s: String) -> String {
        s.utf8.contains(UInt8(ascii: "_")) ? String(s.filter { $0 != "_" }) : s
    }

    /// A scalar with no explicit tag, or one tagged `!!int`/`!!float`: `!!str 48` is a string.
    static func untaggedOrNumeric(_ s: Node.Scalar) -> Bool {
        let t = s.tag.description
        return t.isEmpty || t == "tag:yaml.org,2002:int" || t == "tag:yaml.org,2002:float"
    }

    /// Largest magnitude accepted for any number: far above any real figure, far below overflow.
    public static let maxMagnitude = 1e15
    /// Smallest non-zero magnitude accepted for any number: far below any real figure, far above
    /// the values (1e-300, subnormals) whose reciprocals or products overflow.
    public static let minMagnitude = 1e-9

    public func number(_ node: Node, _ path: String, _ rule: NumberRule) -> Double? {
        guard visit(node, path) else { return nil }
        guard case .scalar(let s) = node else {
            error(node, path, "expected \(rule.expectation), found \(Self.describe(node))")
            return nil
        }
        let text = Self.withoutUnderscores(s.string)
        let lowered = text.lowercased()
        if [".nan", "nan", ".inf", "-.inf", "+.inf", "inf", "-inf", "infinity"].contains(lowered) {
            error(node, path, "expected \(rule.expectation), found the non-finite value \"\(s.string)\"",
                  hint: "write a finite number")
            return nil
        }
        guard s.style == .plain || s.style == .any, Self.untaggedOrNumeric(s), NumberText.isDecimal(text.utf8), let v = Double(text) else {
            error(node, path, "expected \(rule.expectation), found \(Self.describe(node))",
                  hint: s.style != .plain ? "numbers are written without quotes"
                      : !Self.untaggedOrNumeric(s) ? "a value tagged \(s.tag) is not a number; drop the tag" : nil)
            return nil
        }
        guard v.isFinite, abs(v) <= Self.maxMagnitude, v == 0 || abs(v) >= Self.minMagnitude else {
            error(node, path, "expected \(rule.expectation), found \(s.string), which is out of range (0, or 1e-9 ≤ |x| ≤ 1e15)",
                  hint: "numbers this small or large make the model's times and sizes non-finite; write 0 or a number in range")
            return nil
        }
        guard rule.accepts(v) else {
            error(node, path, "expected \(rule.expectation), found \(s.string)")
            return nil
        }
        return v
    }

    public func integer(_ node: Node, _ path: String, min: Int = 0, max: Int = 1 << 40) -> Int? {
        guard visit(node, path) else { return nil }
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any, Self.untaggedOrNumeric(s),
              let v = Int(Self.withoutUnderscores(s.string)) else {
            error(node, path, "expected a whole number between \(min) and \(max), found \(Self.describe(node))")
            return nil
        }
        guard v >= min, v <= max else {
            error(node, path, "expected a whole number between \(min) and \(max), found \(v)")
            return nil
        }
        return v
    }

    public func bool(_ node: Node, _ path: String) -> Bool? {
        guard visit(node, path) else { return nil }
        if case .scalar(let s) = node {
            switch s.string { case "true", "yes", "on": return true; case "false", "no", "off": return false; default: break }
        }
        error(node, path, "expected true or false, found \(Self.describe(node))")
        return nil
    }

    public func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let s = string(node, path) else { return nil }
        if let v = E(rawValue: s) { return v }
        let all = E.allCases.map(\.rawValue)
        error(node, path, "expected one of \(all.joined(separator: ", ")), found \"\(s)\"",
              hint: Self.nearest(s, in: all).map { "did you mean '\($0)'?" })
        return nil
    }

    // MARK: - Helpers

    /// A number as a person writes it: 80, 0.5, 1e+20.
    public static func show(_ x: Double) -> String { String(format: "%g", x) }

    public static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Nearest allowed word by edit distance, when it is close enough to be a likely typo.
    ///
    /// Bounded work: words longer than `hintWordLimit` bytes get no hint, candidates whose
    /// length differs by more than the allowed distance are skipped without computing it, and the
    /// whole process spends at most `hintBudget` edit-distance cells on hints (after that, errors
    /// come without "did you mean"), so thousands of misspelt names cannot make a run quadratic.
    public static func nearest(_ word: String, in candidates: [String]) -> String? {
        let n = word.utf8.count
        guard n <= hintWordLimit else { return nil }
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for c in candidates {
            let m = c.utf8.count
            if m > hintWordLimit || abs(m - n) > min(limit, (best?.1 ?? limit + 1) - 1) { continue }
            guard HintBudget.shared.spend(max(1, n * m)) else { break }
            let d = editDistance(word, c)
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// "a, b, c" for at most `limit` names, then "… (N in all)": error messages stay short.
    public static func list(_ names: [String], limit: Int = 12) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + ", … (\(names.count) in all)"
    }

    /// Longest word (bytes) a did-you-mean hint is searched for.
    public static let hintWordLimit = 64
    /// Edit-distance cells one process spends on did-you-mean hints (about 0.2 s).
    public static let hintBudget = 20_000_000

    /// The process's remaining hint work, shared by every reader.
    final class HintBudget: @unchecked Sendable {
        static let shared = HintBudget()
        private let lock = NSLock()
        private var left = YAMLReader.hintBudget
        func spend(_ cells: Int) -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard left >= cells else { left = 0; return false }
            left -= cells
            return true
        }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// A checked mapping: look keys up, report missing required ones.
    public struct Mapping {
        let reader: YAMLReader
        public let node: Node
        public let path: String
        let entries: [(String, Node, Node)]

        public var keys: [String] { entries.map(\.0) }

        public func has(_ key: String) -> Bool { entries.contains { $0.0 == key } }

        public func value(_ key: String) -> Node? { entries.first { $0.0 == key }?.2 }

        public func keyNode(_ key: String) -> Node? { entries.first { $0.0 == key }?.1 }

        public func path(_ key: String) -> String { YAMLReader.join(path, key) }

        /// The value for a required key; reports it missing (at the mapping's position) otherwise.
        public func require(_ key: String, _ what: String) -> Node? {
            if let v = value(key) { return v }
            reader.error(node, path(key), "missing required key '\(key)' (\(what))", hint: "add '\(key):' to this entry")
            return nil
        }

        public func number(_ key: String, _ rule: NumberRule, required what: String) -> Double? {
            require(key, what).flatMap { reader.number($0, path(key), rule) }
        }

        public func number(_ key: String, _ rule: NumberRule) -> Double? {
            value(key).flatMap { reader.number($0, path(key), rule) }
        }

        public func integer(_ key: String, min: Int = 0, max: Int = 1 << 40, required what: String) -> Int? {
            require(key, what).flatMap { reader.integer($0, path(key), min: min, max: max) }
        }

        public func integer(_ key: String, min: Int = 0, max: Int = 1 << 40) -> Int? {
            value(key).flatMap { reader.integer($0, path(key), min: min, max: max) }
        }

        public func string(_ key: String, required what: String) -> String? {
            require(key, what).flatMap { reader.string($0, path(key)) }
        }

        public func string(_ key: String) -> String? { value(key).flatMap { reader.string($0, path(key)) } }

        public func identifier(_ key: String, required what: String) -> String? {
            require(key, what).flatMap { reader.identifier($0, path(key)) }
        }

        public func identifier(_ key: String) -> String? { value(key).flatMap { reader.identifier($0, path(key)) } }

        public func bool(_ key: String) -> Bool? { value(key).flatMap { reader.bool($0, path(key)) } }

        public func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
            value(key).flatMap { reader.choice($0, path(key), type) }
        }

        public func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required what: String) -> E? where E.RawValue == String {
            require(key, what).flatMap { reader.choice($0, path(key), type) }
        }

        public func list(_ key: String) -> [(Node, String)]? { value(key).flatMap { reader.sequence($0, path(key)) } }

        public func identifiers(_ key: String, required what: String) -> [String]? {
            guard let node = require(key, what) else { return nil }
            if case .scalar = node { return reader.identifier(node, path(key)).map { [$0] } }
            guard let items = reader.sequence(node, path(key)) else { return nil }
            let ids = items.compactMap { reader.identifier($0.0, $0.1) }
            if items.isEmpty { reader.error(node, path(key), "expected at least one id, found an empty list") }
            return ids.count == items.count && !ids.isEmpty ? ids : nil
        }
    }
}
