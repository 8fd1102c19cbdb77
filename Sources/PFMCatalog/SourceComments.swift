/// `catalog validate`'s warning for figures without a source (issue #17): every number in a
/// catalog should say where it comes from in a YAML comment (pfmplan-catalog(5), CROSS-FILE CHECKS).
/// The check is per entry of the sections that hold figures: an entry that gives a number and has
/// no comment, neither inside it nor in the comment block right above it, draws one warning.
/// It reads the text line by line (comments are not in the YAML node tree), in one pass.
enum SourceComments {
    static let sections: Set<String> = ["models", "precisions", "accelerators", "devices", "hosts", "runtimes", "services"]

    static func warnings(_ text: String, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var section: String?
        var entryIndent: Int?
        var index = 0
        // The open entry: its first line, column, index, whether it has a number and a comment.
        var entry: (line: Int, column: Int, index: Int, id: String?, number: Bool, comment: Bool)?
        var commentAbove = false
        func close() {
            if let e = entry, e.number, !e.comment, let s = section {
                out.append(Diagnostic(.warning, at: SourceLocation(file: file, line: e.line, column: e.column), path: "\(s)[\(e.index)]",
                                      "\(s.dropLast()) \(e.id.map { "'\($0)'" } ?? "entry") gives figures without a source comment",
                                      hint: "say where each number comes from in a YAML comment ('# datasheet …', '# estimate: …')"))
            }
            entry = nil
        }
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.isEmpty { commentAbove = false; continue }
            if body.hasPrefix("#") {
                if entry != nil && indent > (entryIndent ?? 0) { entry?.comment = true } else { commentAbove = true }
                continue
            }
            if indent == 0 {
                close()
                let key = body.prefix { $0 != ":" }
                section = sections.contains(String(key)) ? String(key) : nil
                entryIndent = nil; index = 0; commentAbove = false
                continue
            }
            guard section != nil else { continue }
            if body.hasPrefix("- ") && indent <= entryIndent ?? Int.max {
                close()
                entryIndent = indent
                entry = (lineNo, indent + 3, index, nil, false, commentAbove)
                index += 1
                commentAbove = false
            }
            guard var e = entry else { continue }
            let content = Self.stripComment(body)
            if content.count < body.count { e.comment = true }
            if e.id == nil, let r = content.range(of: "id: ") {
                e.id = String(content[r.upperBound...].prefix { !" ,}".contains($0) })
            }
            if !e.number && Self.hasNumber(content) { e.number = true }
            entry = e
        }
        close()
        return out
    }

    /// The line without a trailing `# comment` (a '#' after a space, outside quotes).
    static func stripComment(_ s: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == "#" && (previous == " " || previous == "\t") { return s[..<i] }
            previous = c
        }
        return s
    }

    /// Whether a mapping value on the line is a number (`key: 12`, `{a: 1.5}`), not an id like `l4`.
    static func hasNumber(_ s: Substring) -> Bool {
        var i = s.startIndex
        while let colon = s[i...].firstIndex(of: ":") {
            var j = s.index(after: colon)
            while j < s.endIndex && s[j] == " " { j = s.index(after: j) }
            if j < s.endIndex, s[j].isNumber || ((s[j] == "-" || s[j] == "." || s[j] == "+") && s.index(after: j) < s.endIndex && s[s.index(after: j)].isNumber) {
                return true
            }
            i = s.index(after: colon)
        }
        return false
    }
}
