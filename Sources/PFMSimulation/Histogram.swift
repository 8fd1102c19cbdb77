/// A log-linear latency histogram in the manner of HdrHistogram: values in microseconds, 1024
/// linear sub-buckets per power of two, so every recorded value is kept to within 0.1% (three
/// significant digits). Memory is fixed (32,768 counters) whatever the number of requests.
public struct LatencyHistogram: Sendable, Equatable {
    public static let subBucketBits = 10
    public static let relativeError = 1.0 / Double(1 << subBucketBits)
    static let subBuckets = 1 << subBucketBits
    static let slots = 2 * subBuckets + 31 * subBuckets

    public private(set) var counts: [UInt64]
    public private(set) var total: UInt64 = 0
    public private(set) var maxMicros: UInt64 = 0
    public private(set) var sumSeconds: Double = 0

    public init() { counts = [UInt64](repeating: 0, count: Self.slots) }

    @inline(__always)
    static func index(_ v: UInt64) -> Int {
        if v < UInt64(2 * subBuckets) { return Int(v) }
        let e = 63 - v.leadingZeroBitCount
        let shift = e - subBucketBits
        let mantissa = Int(v >> UInt64(shift))
        return min(slots - 1, 2 * subBuckets + (shift - 1) * subBuckets + (mantissa - subBuckets))
    }

    /// The value (µs) an index stands for: the middle of its bucket.
    static func value(at i: Int) -> Double {
        if i < 2 * subBuckets { return Double(i) }
        let shift = (i - 2 * subBuckets) / subBuckets + 1
        let mantissa = (i - 2 * subBuckets) % subBuckets + subBuckets
        let low = Double(mantissa << shift)
        return low + Double(1 << shift) / 2
    }

    @inline(__always)
    public mutating func record(seconds: Double) {
        let us = seconds <= 0 ? 0 : UInt64(min(seconds * 1e6, 1e15))
        counts[Self.index(us)] &+= 1
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
            if seen >= rank { return min(Self.value(at: i), Double(maxMicros)) / 1e6 }
        }
        return Double(maxMicros) / 1e6
    }

    /// Share of recorded values at or below `seconds`.
    public func fraction(atOrBelow seconds: Double) -> Double {
        guard total > 0 else { return 1 }
        let limit = Self.index(UInt64(max(0, seconds) * 1e6))
        var n: UInt64 = 0
        for i in 0...limit { n &+= counts[i] }
        return Double(n) / Double(total)
    }

    public var maxSeconds: Double { Double(maxMicros) / 1e6 }
    public var meanSeconds: Double { total == 0 ? 0 : sumSeconds / Double(total) }
}

/// Several latency histograms in one flat array (all requests, then one per service), so that
/// recording touches one buffer and never copies.
public struct HistogramSet: Sendable {
    var counts: [UInt64]
    var totals: [UInt64]
    var maxMicros: [UInt64]
    var sums: [Double]

    public init(count: Int) {
        counts = .init(repeating: 0, count: count * LatencyHistogram.slots)
        totals = .init(repeating: 0, count: count)
        maxMicros = .init(repeating: 0, count: count)
        sums = .init(repeating: 0, count: count)
    }

    @inline(__always)
    public mutating func record(seconds: Double, in h: Int) {
        let us = seconds <= 0 ? 0 : UInt64(min(seconds * 1e6, 1e15))
        counts[h * LatencyHistogram.slots + LatencyHistogram.index(us)] &+= 1
        totals[h] &+= 1
        if us > maxMicros[h] { maxMicros[h] = us }
        sums[h] += seconds
    }

    /// One histogram, copied out for percentiles.
    public func histogram(_ h: Int) -> LatencyHistogram {
        var out = LatencyHistogram()
        let base = h * LatencyHistogram.slots
        out.load(counts: Array(counts[base..<(base + LatencyHistogram.slots)]), total: totals[h], maxMicros: maxMicros[h], sum: sums[h])
        return out
    }
}
