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

    @inline(__always)
    public mutating func record(seconds: Double) {
        let us = seconds <= 0 ? 0 : UInt64(min(seconds * 1e6, 1e15))
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
        guard total > 0 else { return (0, 0, 0) }
        func rank(_ q: Double) -> UInt64 { max(1, UInt64((q * Double(total)).rounded(.up))) }
        let ranks = (rank(a), rank(b), rank(c))
        let top = Double(maxMicros) / 1e6
        var out = (top, top, top)
        var next = 0
        var seen: UInt64 = 0
        for i in 0..<counts.count where counts[i] > 0 {
            seen &+= counts[i]
            let v = min(Self.value(at: i, bits: bits), Double(maxMicros)) / 1e6
            if next == 0 && seen >= ranks.0 { out.0 = v; next = 1 }
            if next == 1 && seen >= ranks.1 { out.1 = v; next = 2 }
            if next == 2 && seen >= ranks.2 { out.2 = v; return out }
        }
        return out
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

    public init(count: Int, bits: Int = LatencyHistogram.subBucketBits) {
        self.bits = bits
        self.count = count
        slots = LatencyHistogram.slotCount(bits: bits)
        counts = .init(repeating: 0, count: count * slots)
        summary = .init(repeating: Summary(), count: count)
    }

    @inline(__always)
    public mutating func record(seconds: Double, in h: Int) {
        let us = seconds <= 0 ? 0 : UInt64(min(seconds * 1e6, 1e15))
        counts[LatencyHistogram.index(us, bits: bits) * count + h] &+= 1
        add(us, seconds, h)
    }

    /// Records a value's total, maximum and sum but not its counter (see `addCounts`).
    @inline(__always)
    public mutating func recordSummary(seconds: Double, in h: Int) {
        add(seconds <= 0 ? 0 : UInt64(min(seconds * 1e6, 1e15)), seconds, h)
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
        for b in 0..<slots {
            var sum: UInt64 = 0
            for j in 0..<other.count { sum &+= other.counts[b * other.count + j] }
            counts[b * count + h] &+= sum
        }
    }

    /// One histogram, copied out for percentiles.
    public func histogram(_ h: Int) -> LatencyHistogram {
        var out = LatencyHistogram(bits: bits)
        let x = summary[h]
        let column = count == 1 ? counts.array : (0..<slots).map { counts[$0 * count + h] }
        out.load(counts: column, total: x.total, maxMicros: x.maxMicros, sum: x.sum)
        return out
    }
}
