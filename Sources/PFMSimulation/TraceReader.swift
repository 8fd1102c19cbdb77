import PFMCatalog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The request-log formats `pfmplan simulate --trace` reads (pfmplan-trace(5)).
public enum TraceFormat: String, Sendable, CaseIterable {
    /// `time_s,service[,tokens_in,tokens_out]`: one request per line.
    case pfmplan
    /// `time,model,size_bytes`, as libCacheSim's CSV reader takes it: one model access per line.
    case libcachesim

    public var header: String {
        switch self {
        case .pfmplan: return "time_s,service"
        case .libcachesim: return "time,model,size_bytes"
        }
    }
}

/// Reads a file line by line through a fixed buffer: memory is constant in the file's length
/// (it grows only for a line longer than the buffer).
final class TraceLineFile {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    static let chunk = 1 << 16
    /// The longest line read (pfmplan-trace(5), LIMITS): a file without newlines (/dev/zero, a
    /// binary file) stops here instead of filling memory.
    public static let maxLineBytes = 1 << 20
    /// The last nextLine() returned nil because a line exceeds maxLineBytes.
    private(set) var overlong = false

    init?(path: String) {
        guard let f = fopen(path, "rb") else { return nil }
        file = f
        capacity = Self.chunk
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        fclose(file)
        buffer.deallocate()
    }

    /// The first bytes of the file, without consuming them (compression magic numbers).
    func peek(_ n: Int) -> [UInt8] {
        fill()
        return Array(UnsafeBufferPointer(start: buffer + start, count: min(end - start, n)))
    }

    private func fill() {
        if eof { return }
        if start > 0 {
            // Move the partial line to the front.
            let n = end - start
            if n > 0 { memmove(buffer, buffer + start, n) }
            start = 0
            end = n
        }
        if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let got = fread(buffer + end, 1, capacity - end, file)
        if got == 0 { eof = true }
        end += got
    }

    /// The next line without its terminator (LF or CRLF), or nil at the end of the file. The bytes
    /// are valid until the next call.
    func nextLine() -> UnsafeBufferPointer<UInt8>? {
        var scanFrom = start
        while true {
            if scanFrom < end, let p = memchr(buffer + scanFrom, 10, end - scanFrom) {
                let nl = p.assumingMemoryBound(to: UInt8.self) - buffer
                var lineEnd = nl
                if lineEnd > start && buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = nl + 1
                return line
            }
            if eof {
                if start == end { return nil }
                var lineEnd = end
                if buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: buffer + start, count: lineEnd - start)
                start = end
                return line
            }
            let consumed = end - start
            if consumed > Self.maxLineBytes {
                overlong = true
                return nil
            }
            fill()
            scanFrom = start + consumed
        }
    }
}

/// Names (byte strings) to integer keys, for the trace reader's fast path: an open-addressing
/// hash table over the bytes, so a line's key is found without making a String.
struct NameTable {
    private var slots: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var keys: [Int32] = []
    private var pool: [UInt8] = []

    init() {
        slots = .init(repeating: -1, count: 16)
        mask = 15
    }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = from
        while i < to { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3; i += 1 }
        return h
    }

    /// The key of the name p[from ..< to], or nil.
    @inline(__always)
    func find(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int32? {
        let h = Self.hash(p, from, to)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if hashes[e] == h && lengths[e] == to - from && pool.withUnsafeBufferPointer({ q in
                memcmp(q.baseAddress! + starts[e], p.baseAddress! + from, to - from) == 0
            }) { return keys[e] }
            i = (i + 1) & mask
        }
    }

    /// Adds a name (no effect if it is there already).
    mutating func insert(_ name: [UInt8], key: Int32) {
        let found = name.withUnsafeBufferPointer { find($0, 0, name.count) }
        guard found == nil else { return }
        if (keys.count + 1) * 2 > slots.count { rehash(slots.count * 2) }
        let h = name.withUnsafeBufferPointer { Self.hash($0, 0, name.count) }
        hashes.append(h); starts.append(pool.count); lengths.append(name.count); keys.append(key)
        pool += name
        place(keys.count - 1)
    }

    private mutating func place(_ e: Int) {
        var i = Int(truncatingIfNeeded: hashes[e]) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(e)
    }

    private mutating func rehash(_ size: Int) {
        slots = .init(repeating: -1, count: size)
        mask = size - 1
        for e in keys.indices { place(e) }
    }
}

/// Strict, exact number parsing for the trace reader's fast path. Each returns nil for anything
/// but the plain forms below; the caller then takes the general path (same value or same error).
enum FastNumber {
    /// Decimal digits only, at most 19 of them: the value, or nil.
    @inline(__always)
    static func unsigned(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt64? {
        guard to > from && to - from <= 19 else { return nil }
        var v: UInt64 = 0
        for i in from..<to {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            v = v &* 10 &+ UInt64(d)
        }
        return v
    }

    /// `digits[.digits]`, at most 19 significant digits and 27 after the point: the nearest Double,
    /// exactly as `Double(String)` (strtod) rounds it, or nil. The digits make an integer m < 10^19
    /// and the value is m / 10^e. With at most 15 digits (m < 2^53) and e ≤ 22 one IEEE division
    /// of exact operands is correctly rounded (Clinger's fast path). Otherwise, on x86-64, the
    /// division is done in Float80, whose 64-bit significand holds m and 10^e (e ≤ 27) exactly;
    /// rounding that to Double is correct unless the Float80 result lies exactly halfway between two
    /// Doubles, the one case where rounding twice can differ, which is left to strtod.
    @inline(__always)
    static func decimal(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Double? {
        var m: UInt64 = 0
        var digits = 0, fraction = 0
        var i = from
        var point = false
        var seenDigit = false
        while i < to {
            let c = p[i]
            if c == 46 {
                guard !point && seenDigit else { return nil }
                point = true
                seenDigit = false
            } else {
                let d = c &- 48
                guard d < 10 else { return nil }
                seenDigit = true
                if m != 0 || d != 0 { digits += 1 }
                guard digits <= 19 else { return nil }
                m = m &* 10 &+ UInt64(d)
                if point { fraction += 1 }
            }
            i += 1
        }
        guard seenDigit else { return nil }   // empty, or ends with the point
        if m < (1 << 53) && fraction <= 22 { return Double(m) / powersOfTen[fraction] }
        #if arch(x86_64) && !os(Windows)
        guard fraction <= 27 else { return nil }
        let q = Float80(m) / powersOfTen80[fraction]
        if q.significandBitPattern & 0x7FF == 0x400 { return nil }
        return Double(q)
        #else
        return nil
        #endif
    }

    static let powersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { r, _ in r * 10 } }
    #if arch(x86_64) && !os(Windows)
    static let powersOfTen80: [Float80] = (0...27).map { e in (0..<e).reduce(Float80(1)) { r, _ in r * 10 } }
    #endif
}

/// One line of a trace, resolved: its time, its key (a service index, or an object index for a
/// cache-only replay) and, for the libCacheSim format, the object's size.
public struct TraceRecord: Sendable, Equatable {
    public var time: Double
    public var key: Int32
    public var sizeBytes: UInt64
    public var line: Int
}

/// Streams a trace file, checks every line and reports problems as `file:line:col` diagnostics.
/// A bad line is an error unless `skipBadLines` allows it, in which case it is reported as a
/// warning and skipped.
public struct TraceReader {
    /// How the key column (service or model) maps to integers.
    public enum Keys {
        /// Known names only; any other is an error ("unknown service").
        case known([String: Int32], what: String)
        /// Every new name gets the next index (cache-only replay of a libCacheSim trace). The
        /// size of an object must not change from line to line.
        case intern
    }

    public let path: String
    public private(set) var format: TraceFormat = .pfmplan
    /// Names of the header's columns.
    public private(set) var columns: [String] = []
    /// Lines skipped as bad (at most `skipBadLines`).
    public private(set) var skipped = 0
    /// Lines read, header included.
    public private(set) var line = 0
    /// Requests returned.
    public private(set) var records = 0
    /// Names of interned keys, in index order (`Keys.intern`).
    public private(set) var internedNames: [String] = []
    /// Sizes of interned objects, in index order.
    public private(set) var internedSizes: [UInt64] = []
    var internedLine: [Int] = []

    let file: TraceLineFile
    let skipLimit: Int
    let warn: (Diagnostic) -> Void
    var keyIndex: [String: Int32] = [:]
    var interning = false
    var keyWhat = "service"
    var timeCol = 0, keyCol = 1, sizeCol = -1
    var numberCols: [Int] = []
    var lastTime = -Double.infinity
    var lastTimeLine = 0
    /// Keys already seen on a good line, by their bytes: the fast path's lookup.
    var names = NameTable()
    /// Per column: 0 ignored, 1 time, 2 key, 3 size, 4 token count.
    var columnRole: [UInt8] = []

    /// Opens `path` and reads its header. `keys(format)` gives the key mapping once the format is
    /// known. Header problems are errors whatever `skipBadLines` says.
    public init(path: String, skipBadLines: Int = 0, warn: @escaping (Diagnostic) -> Void = { _ in },
                keys: (TraceFormat) throws(DiagnosticError) -> Keys) throws(DiagnosticError) {
        self.path = path
        skipLimit = max(0, skipBadLines)
        self.warn = warn
        // Only regular files: a FIFO with no writer would block forever, a device never ends.
        var st = stat()
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            let kind = (st.st_mode & S_IFMT) == S_IFIFO ? "a FIFO" : (st.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file (a device?)"
            throw DiagnosticError(Diagnostic(.error, at: nil, path: "", "\(path): the trace is \(kind)",
                                             hint: "give a trace file; to replay a stream, save it to a file first"))
        }
        guard let f = TraceLineFile(path: path) else {
            let reason = String(cString: strerror(errno))
            throw DiagnosticError(Diagnostic(.error, at: nil, path: "", "\(path): cannot open the trace: \(reason)"))
        }
        file = f
        let magic = f.peek(4)
        if magic.starts(with: [0x1f, 0x8b]) {
            throw Self.error(path, 1, 1, "", "gzip-compressed traces are not supported",
                             hint: "decompress it first: gunzip -k \(path)")
        }
        if magic.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) {
            throw Self.error(path, 1, 1, "", "zstd-compressed traces are not supported",
                             hint: "decompress it first: zstd -d \(path)")
        }
        let expected = "a header line: time_s,service[,tokens_in,tokens_out] (pfmplan) or time,model,size_bytes (libCacheSim)"
        guard let raw = f.nextLine() else {
            if f.overlong { throw Self.overlong(path, 1) }
            throw Self.error(path, 1, 1, "", "the trace is empty; expected \(expected)")
        }
        var header = ArraySlice(Array(raw))
        line = 1
        if header.starts(with: [0xef, 0xbb, 0xbf]) { header = header.dropFirst(3) }   // UTF-8 byte-order mark
        let fields = Self.split(header)
        let cols = fields.map { Self.text(header, $0).lowercased() }
        columns = cols
        for (i, name) in cols.enumerated() where !name.isEmpty && cols[..<i].contains(name) {
            throw Self.error(path, 1, fields[i].lowerBound - header.startIndex + 1, name, "column '\(name)' appears twice in the header",
                             hint: "name each column once")
        }
        func column(_ name: String) -> Int? { cols.firstIndex(of: name) }
        let used: Set<String>
        if let t = column("time_s"), let s = column("service") {
            format = .pfmplan
            timeCol = t; keyCol = s
            used = ["time_s", "service", "tokens_in", "tokens_out"]
            numberCols = ["tokens_in", "tokens_out"].compactMap(column)
            if !numberCols.isEmpty {
                warn(Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: fields[numberCols[0]].lowerBound - header.startIndex + 1),
                                path: "", "\(numberCols.map { cols[$0] }.joined(separator: " and ")) are checked but not used: "
                                    + "the engine serves every request of a service with the catalog's tokens_in and tokens_out"))
            }
        } else if let t = column("time"), let m = column("model"), let b = column("size_bytes") {
            format = .libcachesim
            timeCol = t; keyCol = m; sizeCol = b
            used = ["time", "model", "size_bytes"]
        } else {
            throw Self.error(path, 1, 1, "", "expected \(expected), found \"\(Self.text(header, header.startIndex..<header.endIndex))\"",
                             hint: "the first line of a trace names its columns")
        }
        for (i, name) in cols.enumerated() where !used.contains(name) {
            warn(Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: fields[i].lowerBound - header.startIndex + 1),
                            path: "", "column '\(name)' is not a \(format.rawValue) trace column; it is ignored"))
        }
        columnRole = cols.indices.map { c in
            c == timeCol ? 1 : c == keyCol ? 2 : c == sizeCol ? 3 : numberCols.contains(c) ? 4 : 0
        }
        switch try keys(format) {
        case .known(let map, let what): keyIndex = map; interning = false; keyWhat = what
        case .intern: keyIndex = [:]; interning = true; keyWhat = "model"
        }
    }

    static func overlong(_ file: String, _ line: Int) -> DiagnosticError {
        error(file, line, 1, "", "the line is longer than \(TraceLineFile.maxLineBytes) bytes, the longest a trace line may be (a binary file, or one without newlines?)",
              hint: "a trace has one request per line (pfmplan-trace(5))")
    }

    static func error(_ file: String, _ line: Int, _ col: Int, _ column: String, _ message: String, hint: String? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(.error, at: SourceLocation(file: file, line: line, column: col), path: column, message, hint: hint))
    }

    /// Field ranges of a line, split at commas, with surrounding blanks trimmed.
    static func split(_ line: ArraySlice<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var s = line.startIndex
        var i = s
        func trimmed(_ a: Int, _ b: Int) -> Range<Int> {
            var a = a, b = b
            while a < b && (line[a] == 32 || line[a] == 9) { a += 1 }
            while b > a && (line[b - 1] == 32 || line[b - 1] == 9) { b -= 1 }
            return a..<b
        }
        while i < line.endIndex {
            if line[i] == 44 { out.append(trimmed(s, i)); s = i + 1 }
            i += 1
        }
        out.append(trimmed(s, line.endIndex))
        return out
    }

    static func text(_ line: ArraySlice<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: line[r], as: UTF8.self)
    }

    /// The next good line, or nil at the end of the file. Throws the first bad line beyond the
    /// `skipBadLines` allowance.
    public mutating func next() throws(DiagnosticError) -> TraceRecord? {
        while let raw = file.nextLine() {
            line += 1
            if let r = fastParse(raw) {
                records += 1
                lastTime = r.time
                lastTimeLine = line
                return r
            }
            // The general path: blank lines, blanks around fields, other number forms, a key's first
            // appearance, and every error, with its message.
            let bytes = ArraySlice(Array(raw))
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }   // blank lines
            switch parse(bytes) {
            case .success(let r):
                records += 1
                let field = Self.split(bytes)[keyCol]
                names.insert(Array(bytes[field]), key: r.key)
                return r
            case .failure(let e):
                if skipped < skipLimit {
                    skipped += 1
                    for var d in e.diagnostics {
                        d.severity = .warning
                        d.message += " (line skipped, \(skipped) of at most \(skipLimit))"
                        d.hint = nil
                        warn(d)
                    }
                    continue
                }
                var d = e.diagnostics[0]
                d.hint = skipLimit == 0
                    ? "fix the line, or give --skip-bad-lines N to skip up to N bad lines with a warning each"
                    : "\(skipped) bad line(s) were skipped already; --skip-bad-lines \(skipLimit) allows no more"
                throw DiagnosticError(d)
            }
        }
        if file.overlong { throw Self.overlong(path, line + 1) }
        return nil
    }

    /// The common case without allocating: every field plain (no blanks), the time `digits[.digits]`,
    /// counts and sizes all digits, a key seen before. Returns exactly what `parse` would, or nil to
    /// let `parse` decide (it also produces every error).
    @inline(__always)
    private func fastParse(_ p: UnsafeBufferPointer<UInt8>) -> TraceRecord? {
        let n = p.count
        var i = 0, col = 0
        var t = -1.0, key: Int32 = -1, size: UInt64 = 0
        let roles = columnRole
        while true {
            var j = i
            while j < n && p[j] != 44 { j += 1 }
            guard col < roles.count else { return nil }
            switch roles[col] {
            case 1:
                guard let v = FastNumber.decimal(p, i, j) else { return nil }
                t = v
            case 2:
                guard let k = names.find(p, i, j) else { return nil }
                key = k
            case 3:
                guard let v = FastNumber.unsigned(p, i, j), v > 0 else { return nil }
                size = v
            case 4:
                guard let v = FastNumber.unsigned(p, i, j), v <= UInt64(Int.max) else { return nil }
            default:
                break
            }
            col += 1
            if j == n { break }
            i = j + 1
        }
        guard col == roles.count, t >= lastTime else { return nil }
        if interning && internedSizes[Int(key)] != size { return nil }
        return TraceRecord(time: t, key: key, sizeBytes: size, line: line)
    }

    private mutating func parse(_ bytes: ArraySlice<UInt8>) -> Result<TraceRecord, DiagnosticError> {
        let fields = Self.split(bytes)
        let col: (Int) -> Int = { fields[$0].lowerBound - bytes.startIndex + 1 }
        func fail(_ c: Int, _ name: String, _ message: String) -> Result<TraceRecord, DiagnosticError> {
            .failure(Self.error(path, line, c, name, message))
        }
        if fields.count < columns.count {
            let missing = columns[fields.count...].joined(separator: ",")
            return fail(bytes.count + 1, columns[fields.count],
                        "expected \(columns.count) columns (\(columns.joined(separator: ","))), found \(fields.count): \(missing) missing")
        }
        if fields.count > columns.count {
            return fail(col(columns.count), "", "expected \(columns.count) columns (\(columns.joined(separator: ","))), found \(fields.count)")
        }
        let timeName = columns[timeCol]
        let timeText = Self.text(bytes, fields[timeCol])
        guard let t = NumberText.decimal(timeText), t >= 0 else {
            return fail(col(timeCol), timeName, "expected a time in seconds, a number ≥ 0, found \"\(timeText)\"")
        }
        if t < lastTime {
            return fail(col(timeCol), timeName,
                        "timestamps must not decrease: expected a time ≥ \(lastTime) (line \(lastTimeLine)), found \(timeText)")
        }
        for c in numberCols {
            let s = Self.text(bytes, fields[c])
            guard let n = Int(s), n >= 0 else {
                return fail(col(c), columns[c], "expected a token count, an integer ≥ 0, found \"\(s)\"")
            }
        }
        var size: UInt64 = 0
        if sizeCol >= 0 {
            let s = Self.text(bytes, fields[sizeCol])
            guard let n = UInt64(s), n > 0 else {
                return fail(col(sizeCol), columns[sizeCol], "expected the model's resident bytes, an integer ≥ 1, found \"\(s)\"")
            }
            size = n
        }
        let name = Self.text(bytes, fields[keyCol])
        let key: Int32
        if let k = keyIndex[name] {
            key = k
            if interning && internedSizes[Int(k)] != size {
                return fail(col(sizeCol), columns[sizeCol],
                            "model '\(name)' had \(internedSizes[Int(k)]) bytes on line \(internedLine[Int(k)]); expected the same size, found \(size)")
            }
        } else if interning {
            guard !name.isEmpty else { return fail(col(keyCol), columns[keyCol], "expected a model id, found an empty field") }
            key = Int32(internedNames.count)
            keyIndex[name] = key
            internedNames.append(name)
            internedSizes.append(size)
            internedLine.append(line)
        } else {
            let known = keyIndex.keys.sorted()
            let list = known.count <= 12 ? known.joined(separator: ", ") : known.prefix(12).joined(separator: ", ") + ", … (\(known.count) in all)"
            return fail(col(keyCol), columns[keyCol], "unknown \(keyWhat) '\(name)'; expected one of: \(list)")
        }
        lastTime = t
        lastTimeLine = line
        return .success(TraceRecord(time: t, key: key, sizeBytes: size, line: line))
    }
}

/// A trace as the engine's arrival source. A bad line stops the replay: `error` says why, and
/// the caller must report it instead of the result.
public struct TraceArrivals: ArrivalSource {
    public var reader: TraceReader
    public private(set) var error: DiagnosticError?
    /// libCacheSim timestamps are rebased so that the first line is at time 0.
    var origin: Double?
    /// A load scale s replays the trace s times faster (times divided by s): the same requests
    /// at s times the rate, the planner's load axis for traces.
    let timeScale: Double

    public init(reader: TraceReader, loadScale: Double = 1) {
        self.reader = reader
        origin = reader.format == .libcachesim ? nil : 0
        timeScale = loadScale
    }

    public mutating func next() -> Arrival? {
        guard error == nil else { return nil }
        do {
            guard let r = try reader.next() else { return nil }
            if origin == nil { origin = r.time }
            return Arrival(time: (r.time - origin!) / timeScale, service: r.key)
        } catch {
            self.error = error
            return nil
        }
    }
}

/// Replaying a trace through the engine.
public enum TraceReplay {
    /// The setup for a trace: every service of the catalog (a trace may name any of them), in a
    /// copy of `workload` (whose rates and run length the trace replaces).
    public static func setup(catalog: Catalog, workload: WorkloadSpec, config: ServerConfig, name: String) throws(SetupError) -> CompiledSetup {
        var w = workload
        w.id = name
        guard let template = workload.mix.first else { throw SetupError("workload '\(workload.id)' has no services") }
        w.mix = catalog.services.map { s in
            var e = template
            e.service = s.id; e.ratePerS = 1; e.share = nil
            return e
        }
        w.shifts = []
        return try CompiledSetup(catalog: catalog, workload: w, config: config)
    }

    /// Key mapping for the engine: services by id (pfmplan format), or models by id to the
    /// service that uses that model alone (libCacheSim format).
    public static func engineKeys(_ setup: CompiledSetup) -> (TraceFormat) -> TraceReader.Keys {
        { format in
            switch format {
            case .pfmplan:
                var map: [String: Int32] = [:]
                for (i, s) in setup.serviceIds.enumerated() { map[s] = Int32(i) }
                return .known(map, what: "service")
            case .libcachesim:
                return .known(modelServices(setup), what: "model (served alone by some service)")
            }
        }
    }

    /// Model id → the first service whose pipeline is that model alone.
    static func modelServices(_ setup: CompiledSetup) -> [String: Int32] {
        var map: [String: Int32] = [:]
        for (i, s) in setup.services.enumerated() where s.stages.count == 1 && s.stages[0].choices.count == 1 {
            let id = setup.modelIds[Int(s.stages[0].choices[0].model)]
            if map[id] == nil { map[id] = Int32(i) }
        }
        return map
    }

    /// Runs `policy` over the trace. Streams the file, except for Belady, which needs the whole
    /// sequence in advance and so holds it in memory.
    public static func run(_ policy: PolicyName, setup: CompiledSetup, run: RunConfig, path: String, skipBadLines: Int,
                           warn: @escaping (Diagnostic) -> Void) throws(DiagnosticError) -> SimulationResult {
        let reader = try TraceReader(path: path, skipBadLines: skipBadLines, warn: warn, keys: engineKeys(setup))
        struct Replay: PolicyRunner {
            let setup: CompiledSetup
            let run: RunConfig
            var source: TraceArrivals
            mutating func run<P: EvictionPolicy>(_ policy: P) -> SimulationResult { Simulation.simulate(policy, setup, run, source: &source) }
        }
        var replay = Replay(setup: setup, run: run, source: TraceArrivals(reader: reader, loadScale: run.loadScale))
        let result = policy.dispatch(seed: run.seed, &replay)
        if let e = replay.source.error { throw e }
        return result
    }

}
