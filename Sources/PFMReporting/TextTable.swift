import Foundation

/// A plain-text table with aligned columns: the human format of every command.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }
    public var header: [String]
    public var rows: [[String]] = []
    public var alignments: [Alignment]
    public var title: String?

    public init(_ header: [String], alignments: [Alignment]? = nil, title: String? = nil) {
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
        self.title = title
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// A horizontal rule between groups of rows.
    public mutating func separator() { rows.append([]) }

    public func render() -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let c = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: max(0, w - c.count))
                parts.append(alignments[i] == .left ? c + pad : pad + c)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out: [String] = []
        if let title { out.append(title) }
        out.append(line(header))
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        out.append(rule)
        for r in rows { out.append(r.isEmpty ? rule : line(r)) }
        return out.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV of the same cells.
    public func csv() -> String {
        ([header] + rows.filter { !$0.isEmpty }).map { $0.map(CSV.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table.
    public func markdown() -> String {
        var s = "| " + header.joined(separator: " | ") + " |\n"
        s += "|" + alignments.map { $0 == .left ? " :--- |" : " ---: |" }.joined() + "\n"
        for r in rows where !r.isEmpty { s += "| " + r.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return s
    }
}

public enum CSV {
    public static func escape(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

/// Locale-independent number formatting, so output is byte-stable everywhere.
public enum Fmt {
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let v = String(format: "%.\(digits)f", x)
        return v == "-" + String(format: "%.\(digits)f", 0.0) ? String(format: "%.\(digits)f", 0.0) : v
    }

    /// Seconds as ms below 10 s, else s with 2 decimals.
    public static func latency(_ s: Double) -> String {
        s < 10 ? fixed(s * 1000, 0) + " ms" : fixed(s, 2) + " s"
    }

    public static func usd(_ x: Double) -> String {
        let r = fixed(x, x >= 100 ? 0 : 2)
        // thousands separators for readability
        let parts = r.split(separator: ".", maxSplits: 1)
        var int = String(parts[0])
        let neg = int.hasPrefix("-")
        if neg { int.removeFirst() }
        var grouped = ""
        for (i, c) in int.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return (neg ? "-$" : "$") + String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    public static func percent(_ x: Double, _ digits: Int = 1) -> String { fixed(x * 100, digits) + "%" }

    /// General-purpose: up to 4 significant digits, no exponent for ordinary values.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : "inf" }
        if x == 0 { return "0" }
        let a = abs(x)
        if a < 0.001 { return String(format: "%.3e", x) }
        let digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4
        var s = fixed(x, digits)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}

/// JSON with sorted keys and no escaped slashes: stable, diff-friendly output. A number that is
/// not finite becomes `null`, never the strings "inf" or "nan" (commands refuse such results
/// before rendering them; this keeps every document valid JSON with numbers only).
public enum JSONOutput {
    /// What a non-finite number is encoded as before it is replaced with `null`.
    static let nonFiniteMarker = "\u{1}pfmplan:non-finite\u{1}"

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: nonFiniteMarker, negativeInfinity: nonFiniteMarker, nan: nonFiniteMarker)
        guard let data = try? e.encode(value), let s = String(data: data, encoding: .utf8) else { return "{}" }
        return s.contains("pfmplan:non-finite") ? s.replacingOccurrences(of: "\"\\u0001pfmplan:non-finite\\u0001\"", with: "null") : s
    }
}
