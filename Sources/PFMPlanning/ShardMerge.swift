import Foundation
import PFMCatalog
import PFMSimulation

/// Merging the part files of a sharded sweep (`pfmplan sweep --shard I/N`) into the file a
/// one-process `pfmplan sweep --out` writes: the result lines, byte for byte, in index order.
///
/// Nothing is merged unless every check passes: all parts come from the same sweep (pfmplan
/// version, spec digest, effective sweep digest, catalog digest, shard count, unit count); every
/// shard and every unit is there exactly once; no part is half-written (a `.partial` file, a torn
/// last line, fewer result lines than its header lists) or inconsistent with its header.
public enum ShardMerge {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable { case missing, duplicated, truncated, mismatched, invalid }
        public var kind: Kind
        public var message: String
        public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
        public var description: String { "\(kind.rawValue): \(message)" }
    }

    /// A part file after reading: its header and its result lines (raw text, without the newline).
    public struct Part: Sendable {
        public var path: String
        public var header: ShardHeader
        public var lines: [(index: Int, text: Substring)]
    }

    public struct Merged: Sendable {
        /// The merged file's contents: one result line per unit, in index order.
        public var text: String
        public var units: Int
        public var parts: Int
        public var header: ShardHeader?
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    static func label(_ e: Evaluation) -> String { "\(e.key) on \(e.workload) ×\(e.loadScale)" }

    /// "#3 KEY on W ×1" for the named units, at most `limit` of them.
    static func names(_ indices: [Int], labels: [Int: String], limit: Int = 10) -> String {
        var s = indices.prefix(limit).map { i in labels[i].map { "#\(i) \($0)" } ?? "#\(i)" }.joined(separator: ", ")
        if indices.count > limit { s += " and \(indices.count - limit) more" }
        return s
    }

    /// Reads one part's text. Problems found in it are appended to `problems`; nil when the part
    /// cannot be used at all (no readable header).
    public static func parse(path: String, text: String, problems: inout [Problem]) -> Part? {
        if text.isEmpty {
            problems.append(Problem(.truncated, "\(path): empty file, not even a header line (a killed shard?)"))
            return nil
        }
        let torn = !text.hasSuffix("\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if !torn { lines.removeLast() }  // the empty string after the final newline
        let dec = decoder()
        guard let header = try? dec.decode(ShardHeader.self, from: Data(lines[0].utf8)), header.schema == ShardHeader.schemaName else {
            if lines.count == 1 && torn {
                problems.append(Problem(.truncated, "\(path): torn header line (a killed shard?)"))
            } else if (try? dec.decode(Evaluation.self, from: Data(lines[0].utf8))) != nil {
                problems.append(Problem(.invalid, "\(path): not a shard part: no header line (written by 'pfmplan sweep' without --shard?)"))
            } else if let schema = (try? JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])?["schema"] as? String,
                      schema.hasPrefix("pfmplan.sweep-part/") {
                problems.append(Problem(.mismatched, "\(path): part schema '\(schema)' is not \(ShardHeader.schemaName) (written by another pfmplan version?)"))
            } else {
                problems.append(Problem(.invalid, "\(path):1: not a pfmplan shard part header"))
            }
            return nil
        }
        if header.totalUnits < 0 || header.totalUnits > WorkLimits.maxUnits || header.shard.count > WorkLimits.maxShards
            || header.units.count > header.totalUnits {
            problems.append(Problem(.invalid, "\(path):1: the header claims \(header.totalUnits) units in \(header.shard.count) shards; a sweep has at most \(WorkLimits.maxUnits) units and \(WorkLimits.maxShards) shards (not a part pfmplan wrote)"))
            return nil
        }
        var labels: [Int: String] = [:]
        for (i, l) in zip(header.units, header.labels) { labels[i] = l }
        if header.units.count != header.labels.count || header.units != header.units.sorted() || Set(header.units).count != header.units.count
            || header.units.contains(where: { $0 < 0 || $0 >= header.totalUnits }) || header.shard.count < 1
            || header.shard.index < 0 || header.shard.index >= header.shard.count {
            problems.append(Problem(.invalid, "\(path):1: inconsistent shard header (unit list, labels, shard \(header.shard) or total \(header.totalUnits))"))
            return nil
        }
        var part = Part(path: path, header: header, lines: [])
        var seen = Set<Int>()
        let expected = Set(header.units)
        for (n, line) in lines.enumerated().dropFirst() {
            let lineNo = n + 1
            let isLast = n == lines.count - 1
            if isLast && torn {
                problems.append(Problem(.truncated, "\(path):\(lineNo): torn last line (no newline: a killed shard?)"))
                break
            }
            guard let e = try? dec.decode(Evaluation.self, from: Data(line.utf8)) else {
                problems.append(Problem(.invalid, "\(path):\(lineNo): not a pfmplan sweep result line"))
                continue
            }
            if let why = ResultsCheck.problem(e) {
                problems.append(Problem(.invalid, "\(path):\(lineNo): not a valid pfmplan sweep result: \(why)"))
                continue
            }
            if e.version != header.version || e.specDigest != header.specDigest || e.catalogDigest != header.catalogDigest {
                problems.append(Problem(.mismatched, "\(path):\(lineNo): unit #\(e.index) was written by pfmplan \(e.version) with spec \(short(e.specDigest)) and catalog \(short(e.catalogDigest)), but the header says pfmplan \(header.version), spec \(short(header.specDigest)), catalog \(short(header.catalogDigest))"))
            }
            if !expected.contains(e.index) {
                problems.append(Problem(.mismatched, "\(path):\(lineNo): unit #\(e.index) \(label(e)) is not one of this part's units (shard \(header.shard))"))
                continue
            }
            if let l = labels[e.index], l != label(e) {
                problems.append(Problem(.mismatched, "\(path):\(lineNo): unit #\(e.index) is \(label(e)), but the header says \(l)"))
            }
            if !seen.insert(e.index).inserted {
                problems.append(Problem(.duplicated, "\(path):\(lineNo): unit #\(e.index) \(label(e)) appears twice in this part"))
                continue
            }
            part.lines.append((e.index, line))
        }
        let absent = header.units.filter { !seen.contains($0) }
        if !absent.isEmpty {
            problems.append(Problem(.truncated, "\(path): \(seen.count) of the \(header.units.count) result lines its header lists; missing \(names(absent, labels: labels)) (a killed shard? re-run shard \(header.shard))"))
        }
        return part
    }

    /// The header of a half-written part, when its first line is a whole, readable part header.
    /// Reads at most the first 1 MiB (a header is far shorter).
    static func partialHeader(_ path: String) -> ShardHeader? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let data = try? h.read(upToCount: 1 << 20), let nl = data.firstIndex(of: 10) else { return nil }
        guard let header = try? decoder().decode(ShardHeader.self, from: data[data.startIndex..<nl]),
              header.schema == ShardHeader.schemaName else { return nil }
        return header
    }

    /// Whether a running sweep holds `path` (it locks its FILE.partial with flock while writing).
    public static func isBeingWritten(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) != 0 { return errno == EWOULDBLOCK }
        _ = flock(fd, LOCK_UN)
        return false
    }

    static func short(_ digest: String) -> String { digest.isEmpty ? "(none)" : String(digest.prefix(12)) }

    /// Checks the parts together and merges them. `partials` are half-written part files found
    /// beside the parts (path, and their header when it is readable): those of this sweep, or
    /// without a readable header, are reported; those of other sweeps are ignored.
    public static func merge(_ parts: [Part], partials: [(path: String, header: ShardHeader?)] = [], problems: inout [Problem]) -> Merged? {
        guard !parts.isEmpty else {
            if problems.isEmpty { problems.append(Problem(.missing, "no readable part files")) }
            return nil
        }
        // The sweep's identity: each field's most common value (ties: the first part's).
        func reference<T: Hashable>(_ f: (ShardHeader) -> T) -> T {
            var counts: [T: Int] = [:]
            for p in parts { counts[f(p.header), default: 0] += 1 }
            var best = f(parts[0].header)
            for p in parts where counts[f(p.header)]! > counts[best]! { best = f(p.header) }
            return best
        }
        func check<T: Hashable>(_ what: String, _ f: (ShardHeader) -> T, _ show: (T) -> String) {
            let ref = reference(f)
            let agreeing = parts.filter { f($0.header) == ref }
            for p in parts where f(p.header) != ref {
                let others = agreeing.count == 1 ? agreeing[0].path : "\(agreeing[0].path) and \(agreeing.count - 1) other part(s)"
                problems.append(Problem(.mismatched, "\(p.path): \(what) \(show(f(p.header))), but \(others) have \(show(ref)) (parts of different sweeps)"))
            }
        }
        check("pfmplan version", \.version) { $0 }
        check("spec digest", \.specDigest) { short($0) }
        check("sweep digest (the spec after command-line overrides)", \.sweepDigest) { short($0) }
        check("catalog digest", \.catalogDigest) { short($0) }
        check("shard count", \.shard.count) { "\($0)" }
        check("total unit count", \.totalUnits) { "\($0)" }
        let n = reference(\.shard.count), total = reference(\.totalUnits), sweep = reference(\.sweepDigest)
        let halfWritten = partials.filter { $0.header == nil || $0.header!.sweepDigest == sweep }
        for h in halfWritten {
            let which = h.header.map { "shard \($0.shard) of this sweep" } ?? "no complete header"
            let state = isBeingWritten(h.path) ? "being written by a running sweep now; let it finish" : "a killed shard; re-run it, or delete it"
            problems.append(Problem(.truncated, "\(h.path): a half-written part (\(which): \(state))"))
        }

        var byShard: [Int: [Part]] = [:]
        for p in parts where p.header.shard.count == n { byShard[p.header.shard.index, default: []].append(p) }
        for s in byShard.keys.sorted() where byShard[s]!.count > 1 {
            problems.append(Problem(.duplicated, "shard \(s)/\(n) is in \(byShard[s]!.count) parts: \(byShard[s]!.map(\.path).joined(separator: ", "))"))
        }
        var labels: [Int: String] = [:]
        var owner: [Int: (path: String, shard: Int)] = [:]
        for p in parts where p.header.shard.count == n && p.header.totalUnits == total {
            for (i, l) in zip(p.header.units, p.header.labels) {
                labels[i] = labels[i] ?? l
                if let o = owner[i] {
                    // Two copies of one shard are reported once, above.
                    if o.shard != p.header.shard.index {
                        problems.append(Problem(.duplicated, "unit #\(i) \(l) is in \(o.path) and \(p.path)"))
                    }
                } else { owner[i] = (p.path, p.header.shard.index) }
            }
        }
        let missingShards = (0..<n).filter { byShard[$0] == nil }
        for s in missingShards {
            let half = halfWritten.filter { $0.header?.shard == ShardID(index: s, count: n) }.map(\.path)
            let unknown = halfWritten.filter { $0.header == nil }.map(\.path)
            var msg = "shard \(s)/\(n): no part file"
            if !half.isEmpty {
                msg += "; only the half-written \(half.joined(separator: ", ")) (a killed or still-running shard: re-run it)"
            } else if !unknown.isEmpty {
                msg += " (half-written files lie beside the parts: \(unknown.joined(separator: ", ")))"
            }
            problems.append(Problem(.missing, msg))
        }
        let absent = (0..<total).filter { owner[$0] == nil }
        if !absent.isEmpty {
            problems.append(Problem(.missing, "\(absent.count) of \(total) units are in no part: \(names(absent, labels: labels))"))
        }
        guard problems.isEmpty else { return nil }
        var lines = [Substring?](repeating: nil, count: total)
        for p in parts { for l in p.lines { lines[l.index] = l.text } }
        var text = ""
        text.reserveCapacity(lines.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 1 })
        for l in lines { text += l!; text += "\n" }
        return Merged(text: text, units: total, parts: parts.count, header: parts[0].header)
    }

    /// Reads the part files, plus any `.partial` file beside them, and merges.
    public static func merge(paths: [String], problems: inout [Problem]) -> Merged? {
        var parts: [Part] = []
        var seenPaths = Set<String>()
        for path in paths {
            let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
            if !seenPaths.insert(canonical).inserted {
                problems.append(Problem(.duplicated, "\(path) is given twice"))
                continue
            }
            if path.hasSuffix(".partial") {
                problems.append(Problem(.truncated, "\(path): a half-written part (.partial: a killed or still-running shard; re-run it)"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(Problem(.missing, "\(path): cannot read the part file"))
                continue
            }
            if let p = parse(path: path, text: String(decoding: data, as: UTF8.self), problems: &problems) {
                parts.append(p)
                // A re-run of this very shard, half-written beside it (a .partial of another sweep
                // that happens to share the name is not this merge's business).
                if FileManager.default.fileExists(atPath: path + ".partial"),
                   partialHeader(path + ".partial").map({ $0.sweepDigest == p.header.sweepDigest }) ?? true {
                    problems.append(Problem(.truncated, "\(path).partial: a re-run of this shard is half-written or still running; wait for it, or delete it to merge the older \(path)"))
                }
            }
        }
        // Half-written parts beside the given ones whose final file does not exist: they explain missing shards.
        var partials: [(String, ShardHeader?)] = []
        let dirs = Set(paths.map { ($0 as NSString).deletingLastPathComponent })
        for dir in dirs.sorted() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []).sorted()
            for name in names where name.hasSuffix(".partial") {
                let full = dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name)
                let final = String(full.dropLast(".partial".count))
                if FileManager.default.fileExists(atPath: final) || paths.contains(where: { $0.hasSuffix(name) }) { continue }
                // Only half-written parts that say they belong to a sweep are considered (the merge
                // keeps those of this sweep); any other .partial file in a shared folder is not a part.
                guard let header = partialHeader(full) else { continue }
                partials.append((full, header))
            }
        }
        return merge(parts, partials: partials, problems: &problems)
    }
}
