import CPrefetch

/// A log-linear latency histogram in the manner of HdrHistogram: values in microseconds, 1024
/// linear sub-buckets per power of two, so every recorded value is kept to within 0.1% (three
/// significant digits). Memory is fixed (33,792 counters) whatever the number of requests.
public struct LatencyHistogram: Sendable, Equatable {
    public static let subBucketBits = 10
    public static let relativeError = 1.0 / Double(1 << subBucketBits)
    static let subBuckets = 1 << subBucketBits
    static let slots = slotCount(bits: subBucketBits)
    /// Counters needed to cover 1 µs to 2^41 µs (25 days) with 2^bits sub-buckets per power of two.
    @inline(__always)
    static func slotCount(bits: Int) -> Int { (2 + 41 - bits) << bits }

    public let bits: Int
    public private(set) var counts: [UInt64]
    public private(set) var total: UInt64 = 0
    public private(set) var maxMicros: UInt64 = 0
    public private(set) var sumSeconds: Double = 0

    public init(bits: Int = LatencyHistogram.subBucketBits) {
        self.bits = bits
        counts = [UInt64](repeating: 0, count: Self.slotCount(bits: bits))
    }

    @inline(__always)
    static func index(_ v: UInt64, bits: Int = subBucketBits) -> Int {
        let sub = 1 << bits
        if v < UInt64(2 * sub) { return Int(v) }
        let e = 63 - v.leadingZeroBitCount
        let shift = e - bits
        let mantissa = Int(v >> UInt64(shift))
        return min(slotCount(bits: bits) - 1, 2 * sub + (shift - 1) * sub + (mantissa - sub))
    }

    /// The value (µs) an index stands for: the middle of its bucket.
    static func value(at i: Int, bits: Int = subBucketBits) -> Double {
        let sub = 1 << bits
        if i < 2 * sub { return Double(i) }
        let shift = (i - 2 * sub) / sub + 1
        let mantissa = (i - 2 * sub) % sub + sub
        let low = Double(mantissa << shift)
        return low + Double(1 << shift) / 2
    }

    /// A latency in whole microseconds, as counted (negative values count as 0).
    @inline(__always)
    static func micros(_ seconds: Double) -> UInt64 { seconds <= 0 ? 0 : UInt64(min(seconds * 1e6, 1e15)) }

    @inline(__always)
    public mutating func record(seconds: Double) {
        let us = Self.micros(seconds)
        counts[Self.index(us, bits: bits)] &+= 1
        total &+= 1
        if us > maxMicros { maxMicros = us }
        sumSeconds += seconds
    }

    mutating func load(counts: [UInt64], total: UInt64, maxMicros: UInt64, sum: Double) {
        self.counts = counts; self.total = total; self.maxMicros = maxMicros; sumSeconds = sum
    }

    public mutating func merge(_ other: LatencyHistogram) {
        for i in 0..<counts.count { counts[i] &+= other.counts[i] }
        total &+= other.total
        maxMicros = max(maxMicros, other.maxMicros)
        sumSeconds += other.sumSeconds
    }

    /// The q-quantile in seconds (q in [0, 1]); 0 for an empty histogram.
    public func quantile(_ q: Double) -> Double {
        guard total > 0 else { return 0 }
        let rank = max(1, UInt64((q * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for i in 0..<counts.count where counts[i] > 0 {
            seen &+= counts[i]
            if seen >= rank { return min(Self.value(at: i, bits: bits), Double(maxMicros)) / 1e6 }
        }
        return Double(maxMicros) / 1e6
    }

    /// Three quantiles (ascending) in one pass over the counters, each exactly what `quantile` gives.
    public func quantiles(_ a: Double, _ b: Double, _ c: Double) -> (Double, Double, Double) {
        let x = Self.scan(total: total, maxMicros: maxMicros, bits: bits, rows: 0..<counts.count, limit: -1, (a, b, c)) { counts[$0] }
        return (x.0, x.1, x.2)
    }

    /// One pass over the counters `rows` (every other counter is zero), read through `count`: the
    /// three quantiles (ascending), each exactly what `quantile` gives, and how many values lie at
    /// or below index `limit`. Shared by a histogram and a `HistogramSet` column (read in place).
    @inline(__always)
    static func scan(total: UInt64, maxMicros: UInt64, bits: Int, rows: Range<Int>, limit: Int,
                     _ q: (Double, Double, Double), count: (Int) -> UInt64) -> (Double, Double, Double, UInt64) {
        guard total > 0 else { return (0, 0, 0, 0) }
        func rank(_ q: Double) -> UInt64 { max(1, UInt64((q * Double(total)).rounded(.up))) }
        let ranks = (rank(q.0), rank(q.1), rank(q.2))
        let top = Double(maxMicros) / 1e6
        var out = (top, top, top)
        var next = 0
        var seen: UInt64 = 0
        var below: UInt64 = 0
        for i in rows {
            let n = count(i)
            if n == 0 { continue }
            seen &+= n
            if i <= limit { below = seen }
            if next == 3 { if i > limit { break } else { continue } }
            let v = min(Self.value(at: i, bits: bits), Double(maxMicros)) / 1e6
            if next == 0 && seen >= ranks.0 { out.0 = v; next = 1 }
            if next == 1 && seen >= ranks.1 { out.1 = v; next = 2 }
            if next == 2 && seen >= ranks.2 { out.2 = v; next = 3; if i >= limit { break } }
            // Every value counted: the rows left are empty, so neither the quantiles nor `below`
            // can change (with thousands of sparse histograms, most of the scan).
            if seen == total { break }
        }
        return (out.0, out.1, out.2, below)
    }

    /// Share of recorded values at or below `seconds`.
    public func fraction(atOrBelow seconds: Double) -> Double {
        guard total > 0 else { return 1 }
        let limit = Self.index(UInt64(max(0, seconds) * 1e6), bits: bits)
        var n: UInt64 = 0
        for i in 0...limit { n &+= counts[i] }
        return Double(n) / Double(total)
    }

    public var maxSeconds: Double { Double(maxMicros) / 1e6 }
    public var meanSeconds: Double { total == 0 ? 0 : sumSeconds / Double(total) }
}

/// Several latency histograms in one flat array, so that recording touches one buffer and never
/// copies. With many services the per-service histograms use fewer sub-buckets (`bits`), to keep
/// memory bounded: relative error 2^-bits.
///
/// The array is bucket-major: bucket b of histogram h is counts[b · count + h]. Latencies cluster
/// in a few buckets, and with thousands of services those buckets' rows are a few contiguous
/// blocks, where histogram-major storage would scatter the same counters over tens of megabytes
/// (a cache and TLB miss per request).
public struct HistogramSet {
    /// A histogram's count, largest value and sum, side by side (one cache line, one index check).
    struct Summary {
        var total: UInt64 = 0
        var maxMicros: UInt64 = 0
        var sum: Double = 0
    }

    let counts: FixedArray<UInt64>
    let summary: FixedArray<Summary>
    let bits: Int
    let slots: Int
    /// Number of histograms.
    let count: Int
    /// The bucket rows any value was counted in: low ..< high (empty until the first count). Reading
    /// results scans only these rows: with thousands of histograms most rows stay zero, untouched.
    private(set) var low = Int.max
    private(set) var high = 0

    public init(count: Int, bits: Int = LatencyHistogram.subBucketBits) {
        self.bits = bits
        self.count = count
        slots = LatencyHistogram.slotCount(bits: bits)
        counts = .init(repeating: 0, count: count * slots)
        summary = .init(repeating: Summary(), count: count)
    }

    @inline(__always)
    public mutating func record(seconds: Double, in h: Int) {
        record(micros: LatencyHistogram.micros(seconds), seconds: seconds, in: h)
    }

    /// `record` for a caller that has the value in microseconds already.
    @inline(__always)
    public mutating func record(micros us: UInt64, seconds: Double, in h: Int) {
        recordCount(micros: us, in: h)
        add(us, seconds, h)
    }

    /// Counts a value but keeps no total, maximum or sum: for a caller that keeps those itself,
    /// beside its other per-histogram counters, and passes them to `summary` and `histogram`.
    @inline(__always)
    public mutating func recordCount(micros us: UInt64, in h: Int) {
        let b = LatencyHistogram.index(us, bits: bits)
        counts[b * count + h] &+= 1
        low = min(low, b)
        high = max(high, b + 1)
    }

    /// Starts loading the counter a value would go to (a hint; see `Engine.flushLatencies`).
    @inline(__always)
    func prefetchCount(micros us: UInt64, in h: Int) {
        pfm_prefetch(counts.base + LatencyHistogram.index(us, bits: bits) * count + h)
    }

    /// Records a value's total, maximum and sum but not its counter (see `addCounts`).
    @inline(__always)
    public mutating func recordSummary(micros us: UInt64, seconds: Double, in h: Int) {
        add(us, seconds, h)
    }

    @inline(__always)
    private func add(_ us: UInt64, _ seconds: Double, _ h: Int) {
        var x = summary[h]
        x.total &+= 1
        if us > x.maxMicros { x.maxMicros = us }
        x.sum += seconds
        summary[h] = x
    }

    /// Adds the counters of all of `other`'s histograms (same resolution) to histogram h.
    public mutating func addCounts(of other: HistogramSet, into h: Int) {
        precondition(other.bits == bits, "histograms of different resolution")
        for b in other.rows {
            var sum: UInt64 = 0
            for j in 0..<other.count { sum &+= other.counts[b * other.count + j] }
            counts[b * count + h] &+= sum
            low = min(low, b)
            high = max(high, b + 1)
        }
    }

    /// The bucket rows that may hold counts.
    var rows: Range<Int> { low < high ? low..<high : 0..<0 }

    /// Histogram h's latency summary and the share of its values at or below `seconds`, read in
    /// place (no copy; only the rows in use): exactly what `histogram(h)` would give.
    public func summary(_ h: Int, atOrBelow seconds: Double) -> (LatencySummary, Double) {
        summary(h, summary[h], atOrBelow: seconds)
    }

    /// The same, with the total, maximum and sum given (see `recordCount`).
    func summary(_ h: Int, _ x: Summary, atOrBelow seconds: Double) -> (LatencySummary, Double) {
        let limit = LatencyHistogram.index(UInt64(max(0, seconds) * 1e6), bits: bits)
        let (p50, p95, p99, below) = LatencyHistogram.scan(total: x.total, maxMicros: x.maxMicros, bits: bits, rows: rows,
                                                          limit: limit, (0.50, 0.95, 0.99)) { counts[$0 * count + h] }
        let s = LatencySummary(mean: x.total == 0 ? 0 : x.sum / Double(x.total), p50: p50, p95: p95, p99: p99,
                               max: Double(x.maxMicros) / 1e6)
        return (s, x.total == 0 ? 1 : Double(below) / Double(x.total))
    }

    /// One histogram, copied out for percentiles.
    public func histogram(_ h: Int) -> LatencyHistogram { histogram(h, summary[h]) }

    /// The same, with the total, maximum and sum given (see `recordCount`).
    func histogram(_ h: Int, _ x: Summary) -> LatencyHistogram {
        var out = LatencyHistogram(bits: bits)
        let column = count == 1 ? counts.array : (0..<slots).map { counts[$0 * count + h] }
        out.load(counts: column, total: x.total, maxMicros: x.maxMicros, sum: x.sum)
        return out
    }
}
