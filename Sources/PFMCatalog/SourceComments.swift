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
        // Bytes, not Characters: every byte the scan looks for is ASCII, and UTF-8 never puts an
        // ASCII byte inside a multi-byte character.
        var bytes = Array(text.utf8)[...]
        var lineNo = 0
        while !bytes.isEmpty {
            lineNo += 1
            let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var line = bytes[..<end]
            bytes = end < bytes.endIndex ? bytes[(end + 1)...] : bytes[bytes.endIndex...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            let body = line.dropFirst(indent)
            if body.isEmpty { commentAbove = false; continue }
            if body.first == UInt8(ascii: "#") {
                if entry != nil && indent > (entryIndent ?? 0) { entry?.comment = true } else { commentAbove = true }
                continue
            }
            if indent == 0 {
                close()
                let key = String(decoding: body.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
                section = sections.contains(key) ? key : nil
                entryIndent = nil; index = 0; commentAbove = false
                continue
            }
            guard section != nil else { continue }
            if body.starts(with: "- ".utf8) && indent <= entryIndent ?? Int.max {
                close()
                entryIndent = indent
                entry = (lineNo, indent + 3, index, nil, false, commentAbove)
                index += 1
                commentAbove = false
            }
            guard var e = entry else { continue }
            let content = Self.stripComment(body)
            if content.count < body.count { e.comment = true }
            if e.id == nil, let at = Self.firstRange(of: "id: ", in: content) {
                e.id = String(decoding: content[at...].prefix { !" ,}".utf8.contains($0) }, as: UTF8.self)
            }
            if !e.number && Self.hasNumber(content) { e.number = true }
            entry = e
        }
        close()
        return out
    }

    /// Where the bytes after the first `needle` in `s` start.
    static func firstRange(of needle: String, in s: ArraySlice<UInt8>) -> Int? {
        let n = Array(needle.utf8)
        var i = s.startIndex
        while i + n.count <= s.endIndex {
            if s[i..<(i + n.count)].elementsEqual(n) { return i + n.count }
            i += 1
        }
        return nil
    }

    /// The line without a trailing `# comment` (a '#' after a space, outside quotes).
    static func stripComment(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var quote: UInt8?
        var previous = UInt8(ascii: " ")
        for i in s.indices {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } }
            else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            else if c == UInt8(ascii: "#") && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t")) { return s[..<i] }
            previous = c
        }
        return s
    }

    /// Whether a mapping value on the line is a number (`key: 12`, `{a: 1.5}`), not an id like `l4`.
    static func hasNumber(_ s: ArraySlice<UInt8>) -> Bool {
        func digit(_ i: Int) -> Bool { i < s.endIndex && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s[i]) }
        var i = s.startIndex
        while let colon = s[i...].firstIndex(of: UInt8(ascii: ":")) {
            var j = colon + 1
            while j < s.endIndex && s[j] == UInt8(ascii: " ") { j += 1 }
            if digit(j) || (j < s.endIndex && "-.+".utf8.contains(s[j]) && digit(j + 1)) { return true }
            i = colon + 1
        }
        return false
    }
}
