import CPrefetch
import PFMCatalog

/// One request arriving at the edge.
public struct Arrival: Sendable, Equatable {
    public var time: Double
    public var service: Int32
    public init(time: Double, service: Int32) { self.time = time; self.service = service }
}

/// A source of arrivals in non-decreasing time order.
public protocol ArrivalSource {
    mutating func next() -> Arrival?
}

/// Replays a fixed list (tests, Belady's look-ahead, traces).
public struct ArrivalList: ArrivalSource, Sendable {
    public var items: [Arrival]
    var index = 0
    public init(_ items: [Arrival]) { self.items = items }
    public mutating func next() -> Arrival? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

/// Poisson arrivals per service, with a time-varying rate (step or diurnal, by thinning) and
/// popularity shifts at given times (MODEL.md section 1, Workload).
///
/// Load scales use common random numbers (MODEL.md section 10): the draws never depend on the
/// scale λ. Every gap is drawn at scale 1 and divided by λ, and thinning and service picks compare
/// draws with unscaled rates, so with a constant profile scale λ replays exactly the arrivals of
/// scale 1 (same services, same order) compressed in time by λ.
public struct PoissonArrivals: ArrivalSource, Sendable {
    var rng: SplitMix64
    /// Popularity segments, flattened: segment k starts at segStart[k], has total rate segTotal[k]
    /// and cumulative per-service rates cumulative[k * services ..< (k + 1) * services].
    var segStart: [Double]
    var segTotal: [Double]
    var cumulative: [Double]
    let services: Int
    /// Guide table for picking a service in O(1) expected (Chen and Asau's indexed search): per
    /// segment, `guideSize` entries; entry j is an index no later than the first service whose
    /// cumulative rate reaches any pick in bucket j = ⌊pick · guideSize / total⌋, so a forward scan from
    /// it finds exactly what a binary search finds. Used above 16 services.
    var guide: [Int32]
    let guideSize: Int
    var profile: RateProfile
    /// The profile is constant: its multiplier is 1 (skipped in the loop; the same numbers).
    let constant: Bool
    var bound: Double
    /// 1 / load scale: every gap drawn at scale 1 is multiplied by it.
    let compression: Double
    var time = 0.0
    let endTime: Double
    /// The next exponential gap, drawn as soon as the previous arrival's draws are done (the same
    /// draws in the same order), so that its logarithm is off the path of the arrival that uses it.
    var gap = 0.0
    /// With many services and a constant rate, the next arrival's pick is drawn as soon as its
    /// time is known to need no thinning draw (the same draws in the same order), and its guide
    /// entry is prefetched: the look-up is then off the path of the arrival that uses it. -1: none.
    var nextPick = -1.0
    var lookahead: Bool

    public init(workload: WorkloadSpec, serviceIds: [String], seed: UInt64, loadScale: Double, endTime: Double?) throws(SetupError) {
        rng = SplitMix64(seed: seed)
        profile = workload.profile
        constant = workload.profile == .constant
        self.endTime = endTime ?? .infinity
        var index: [String: Int] = [:]
        for (i, id) in serviceIds.enumerated() { index[id] = i }
        func rates(_ mix: [MixEntry]) -> [Double] {
            var r = [Double](repeating: 0, count: serviceIds.count)
            for e in mix {
                guard let i = index[e.service] else { continue }
                r[i] += e.ratePerS ?? (e.share ?? 0) * (workload.totalRatePerS ?? 0)
            }
            return r
        }
        services = serviceIds.count
        var starts: [Double] = [], totals: [Double] = [], cum: [Double] = []
        for (start, mix) in [(0.0, workload.mix)] + workload.shifts.map({ ($0.atS, $0.mix) }).sorted(by: { $0.0 < $1.0 }) {
            var acc = 0.0
            for x in rates(mix) { acc += x; cum.append(acc) }
            starts.append(start)
            totals.append(acc)
        }
        segStart = starts
        segTotal = totals
        cumulative = cum
        let n = serviceIds.count
        guideSize = n > 16 ? n : 0
        lookahead = workload.profile == .constant && n >= 256
        var guide: [Int32] = []
        for k in 0..<starts.count where n > 16 {
            let total = totals[k]
            var i = 0
            for j in 0..<n {
                // A pick in bucket j is at least j·total/n, up to rounding: aim slightly lower.
                let low = Double(j) * total / Double(n) * (1 - 1e-9)
                while i < n - 1 && cum[k * n + i] < low { i += 1 }
                guide.append(Int32(i))
            }
        }
        self.guide = guide
        let maxTotal = totals.max() ?? 0
        bound = maxTotal * profile.peakMultiplier
        guard bound > 0 else { throw SetupError("workload '\(workload.id)' has a total rate of zero") }
        guard loadScale > 0, loadScale.isFinite else { throw SetupError("load scale must be positive, found \(loadScale)") }
        compression = 1 / loadScale
        gap = rng.exponential(rate: bound) * compression
    }

    @inline(__always)
    func multiplier(_ t: Double) -> Double { profile.multiplier(at: t) }

    @inline(__always)
    public mutating func next() -> Arrival? {
        while true {
            time += gap
            if time > endTime { return nil }
            var seg = segStart.count - 1
            while seg > 0 && segStart[seg] > time { seg -= 1 }
            let total = segTotal[seg]
            let pick: Double
            if nextPick >= 0 {
                // Drawn ahead, when this time was known to need no thinning draw.
                pick = nextPick
                nextPick = -1
            } else {
                let rate = constant ? total : total * multiplier(time)
                // Thinning: accept with probability rate / bound. Skip the draw when it always accepts.
                if rate < bound && rng.unit() * bound > rate {
                    gap = rng.exponential(rate: bound) * compression
                    continue
                }
                pick = rng.unit() * total
            }
            gap = rng.exponential(rate: bound) * compression
            if lookahead { drawAhead() }
            return Arrival(time: time, service: Int32(service(for: pick, segment: seg)))
        }
    }

    /// Draws the next arrival's pick now if its next draw would be that pick (its time is within
    /// the run and its rate is the bound, so no thinning draw comes first), and prefetches where
    /// the look-up for it starts.
    @inline(__always)
    mutating func drawAhead() {
        let t = time + gap
        guard t <= endTime else { return }
        var seg = segStart.count - 1
        while seg > 0 && segStart[seg] > t { seg -= 1 }
        let total = segTotal[seg]
        guard !(total < bound) else { return }
        nextPick = rng.unit() * total
        let j = min(guideSize - 1, Int(nextPick / total * Double(guideSize)))
        guide.withUnsafeBufferPointer { pfm_prefetch($0.baseAddress! + seg * guideSize + j) }
    }

    /// The first service whose cumulative rate in segment `seg` reaches `pick` (the last if none).
    @inline(__always)
    func service(for pick: Double, segment seg: Int) -> Int {
        let base = seg * services
        var i = 0
        if services > 16 {
            // Scanning forward from the guide: O(1) expected, the same answer as a binary search.
            let j = min(guideSize - 1, Int(pick / segTotal[seg] * Double(guideSize)))
            i = Int(guide[seg * guideSize + j])
        }
        while i < services - 1 && cumulative[base + i] < pick { i += 1 }
        return i
    }
}

@inline(__always) func _cos(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.cos(x)
    #else
    return Darwin.cos(x)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RateProfile {
    /// The rate multiplier at t (the same function the arrival generator thins with).
    func multiplier(at t: Double) -> Double {
        switch self {
        case .constant: return 1
        case .step(let steps):
            var m = 1.0
            for s in steps { if t >= s.atS { m = s.multiplier } else { break } }
            return m
        case let .diurnal(period, amplitude, peak):
            return 1 + amplitude * _cos(2 * Double.pi * (t - peak) / period)
        }
    }
}
