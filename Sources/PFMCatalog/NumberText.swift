/// The one set of rules for numbers written by people, in YAML files, trace files and flags:
/// plain decimal notation only (`80`, `0.5`, `-3`, `1e+20`, `.5`), no hex floats (`0x1p3`),
/// no `inf`/`nan`, no blanks, and |x| ≤ `YAMLReader.maxMagnitude`.
public enum NumberText {
    /// The value of a plain decimal number, or nil for anything else.
    public static func decimal(_ s: some StringProtocol) -> Double? {
        guard isDecimal(s.utf8) else { return nil }
        guard let v = Double(String(s)), v.isFinite else { return nil }
        return v
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    public static func isDecimal(_ u: some Collection<UInt8>) -> Bool {
        var i = u.startIndex
        func peek() -> UInt8? { i < u.endIndex ? u[i] : nil }
        func digits() -> Int {
            var n = 0
            while let c = peek(), c >= 48 && c <= 57 { n += 1; i = u.index(after: i) }
            return n
        }
        if let c = peek(), c == 43 || c == 45 { i = u.index(after: i) }
        var mantissa = digits()
        if peek() == 46 { i = u.index(after: i); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if let c = peek(), c == 101 || c == 69 {
            i = u.index(after: i)
            if let c = peek(), c == 43 || c == 45 { i = u.index(after: i) }
            guard digits() > 0 else { return false }
        }
        return i == u.endIndex
    }

    /// A comma-separated list of items, refusing empty items (`1,,2`, `,`) and repeats: the
    /// items, or a message saying what is wrong.
    public static func list(_ s: String, what: String) -> Result<[String], ListError> {
        let items = s.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks }
        if items.contains(where: \.isEmpty) {
            return .failure(ListError(message: "expected a comma-separated list of \(what), found an empty item in '\(s)'"))
        }
        var seen: [String] = []
        for i in items {
            if seen.contains(i) { return .failure(ListError(message: "\(what): '\(i)' is listed twice in '\(s)'; each value makes units of its own")) }
            seen.append(i)
        }
        return .success(items)
    }

    public struct ListError: Error, Sendable { public var message: String }
}

extension Substring {
    var trimmingBlanks: String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
