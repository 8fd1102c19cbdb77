/// A position in a source file, 1-based, as LibYAML reports it.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One finding about an input file: where, which key, what was wrong and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// The key path inside the document, e.g. `accelerators[3].memory_gib`.
    public var path: String
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    public init(
        _ severity: Severity, at location: SourceLocation?, path: String, _ message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: path: message (hint)`, the format compilers and editors understand.
    public var description: String {
        var s = ""
        if let location { s += location.description + ": " }
        s += severity.rawValue + ": "
        if !path.isEmpty { s += path + ": " }
        s += message
        if let hint { s += "\n  hint: " + hint }
        return s
    }
}

/// Thrown when an input has one or more errors. Carries every diagnostic found, not only the first.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(_ single: Diagnostic) { self.diagnostics = [single] }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a document is read.
/// Memory is bounded: after `keepLimit` diagnostics the rest are only counted, and one closing
/// error says how many were left out (commands print at most 100 in any case).
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Diagnostics not kept, beyond `keepLimit`.
    public private(set) var dropped = 0
    private var errorCount = 0

    /// The most diagnostics kept for one document.
    public static let keepLimit = 1000

    public init() {}

    public var hasErrors: Bool { errorCount > 0 }

    public mutating func error(_ location: SourceLocation?, _ path: String, _ message: String, hint: String? = nil) {
        add(Diagnostic(.error, at: location, path: path, message, hint: hint))
    }

    public mutating func warning(_ location: SourceLocation?, _ path: String, _ message: String, hint: String? = nil) {
        add(Diagnostic(.warning, at: location, path: path, message, hint: hint))
    }

    public mutating func append(contentsOf other: [Diagnostic]) { for d in other { add(d) } }

    private mutating func add(_ d: Diagnostic) {
        if d.severity == .error { errorCount += 1 }
        if diagnostics.count < Self.keepLimit {
            diagnostics.append(d)
            return
        }
        dropped += 1
        let note = Diagnostic(.error, at: nil, path: "", "too many problems: \(dropped) more were found and not listed (at most \(Self.keepLimit) are kept)",
                              hint: "fix the first ones and run again")
        if dropped == 1 { diagnostics.append(note) } else { diagnostics[diagnostics.count - 1] = note }
    }
}
