/// Within-run batch statistics, for intervals that hold at any replication count (MODEL.md
/// section 10: within-run batch means, at least 10 batches, pooled across replications).
///
/// Each service's measured requests, in the order their latencies are recorded, are cut into
/// consecutive batches of equal size; every batch keeps a coarse latency histogram (for its p95)
/// and its accuracy sum (for its mean accuracy). The run's length is not known in advance, so the
/// batch size starts small and doubles: there are `2 × minBatches` slots, and when they are all
/// full, neighbours merge pairwise into `minBatches` batches of twice the size. At the end a
/// service with at least `minBatches × initialSize` (40) requests has between `minBatches` and
/// `2 × minBatches` full batches; a last, partial batch is left out.
///
/// Group `services` (one past the last service) holds all requests together, for the
/// all-requests p95. Storage is allocated once, at the start; `record` never allocates.
///
/// The engine feeds it with one call per measured request, where it records the request's
/// latency (`record(_:accuracy:service:)`), and reads it once at the end (`summary()`).
public struct BatchMeans {
    public static let minBatches = 10
    static let slotsPerGroup = 2 * minBatches
    static let initialSize: Int32 = 4

    /// Whether anything is kept (the planner asks for it; `simulate` does not).
    public let enabled: Bool
    let groups: Int
    let bits: Int
    let slots: Int
    /// groups × slotsPerGroup histograms of `slots` counters.
    let counts: FixedArray<UInt32>
    /// groups × slotsPerGroup accuracy sums.
    let accuracy: FixedArray<Double>
    /// Per group: the current batch slot, how many requests it holds, and the batch size.
    let current: FixedArray<Int32>
    let filled: FixedArray<Int32>
    let size: FixedArray<Int32>

    /// Histogram resolution by the number of services, so that memory stays in the megabytes;
    /// above 256 services only the all-requests group is kept.
    public init(services: Int, enabled: Bool) {
        self.enabled = enabled
        let perService = enabled && services <= 256
        groups = enabled ? (perService ? services + 1 : 1) : 0
        bits = services <= 64 ? 5 : 3
        slots = LatencyHistogram.slotCount(bits: bits)
        counts = .init(repeating: 0, count: groups * Self.slotsPerGroup * slots)
        accuracy = .init(repeating: 0, count: groups * Self.slotsPerGroup)
        current = .init(repeating: 0, count: groups)
        filled = .init(repeating: 0, count: groups)
        size = .init(repeating: Self.initialSize, count: groups)
        self.services = services
        self.perService = perService
    }

    let services: Int
    let perService: Bool

    /// One measured request of service `si`: its latency, and its accuracy (0 when unscored).
    @inline(__always)
    public func record(_ seconds: Double, accuracy acc: Double, service si: Int) {
        guard enabled else { return }
        if perService { add(group: si, seconds: seconds, accuracy: acc) }
        add(group: groups - 1, seconds: seconds, accuracy: acc)
    }

    @inline(__always)
    func add(group g: Int, seconds: Double, accuracy acc: Double) {
        if filled[g] == size[g] { advance(g) }
        let slot = g * Self.slotsPerGroup + Int(current[g])
        let i = LatencyHistogram.index(LatencyHistogram.micros(seconds), bits: bits)
        counts[slot * slots + i] &+= 1
        accuracy[slot] += acc
        filled[g] &+= 1
    }

    /// The current batch is full: move to the next slot, merging pairs when none is left.
    @inline(never)
    func advance(_ g: Int) {
        filled[g] = 0
        current[g] += 1
        guard Int(current[g]) == Self.slotsPerGroup else { return }
        let base = g * Self.slotsPerGroup
        for j in 0..<Self.minBatches {
            let into = (base + j) * slots, a = (base + 2 * j) * slots, b = (base + 2 * j + 1) * slots
            for k in 0..<slots { counts[into + k] = counts[a + k] &+ counts[b + k] }
            accuracy[base + j] = accuracy[base + 2 * j] + accuracy[base + 2 * j + 1]
        }
        for j in Self.minBatches..<Self.slotsPerGroup {
            let from = (base + j) * slots
            for k in 0..<slots { counts[from + k] = 0 }
            accuracy[base + j] = 0
        }
        current[g] = Int32(Self.minBatches)
        size[g] *= 2
    }

    /// Every group's full batches: their p95 and their mean accuracy.
    public func summary() -> BatchSummary? {
        guard enabled else { return nil }
        func group(_ g: Int) -> BatchSummary.Group {
            let full = Int(current[g]) + (filled[g] == size[g] ? 1 : 0)
            var p95: [Double] = [], acc: [Double] = []
            let n = Double(size[g])
            for j in 0..<full {
                let slot = g * Self.slotsPerGroup + j
                let rank = UInt64((0.95 * n).rounded(.up))
                var seen: UInt64 = 0
                for k in 0..<slots {
                    seen += UInt64(counts[slot * slots + k])
                    if seen >= rank { p95.append(LatencyHistogram.value(at: k, bits: bits) / 1e6); break }
                }
                acc.append(accuracy[slot] / n)
            }
            return BatchSummary.Group(batchSize: Int(size[g]), p95S: p95, meanAccuracy: acc)
        }
        return BatchSummary(services: perService ? (0..<services).map(group) : nil, all: group(groups - 1))
    }
}

/// A run's batch statistics (see `BatchMeans`): per service, and for all requests together.
public struct BatchSummary: Sendable, Equatable, Codable {
    public struct Group: Sendable, Equatable, Codable {
        /// Requests per batch.
        public var batchSize: Int
        /// Each full batch's p95 latency and mean accuracy (0 for unscored services).
        public var p95S: [Double]
        public var meanAccuracy: [Double]
    }
    /// nil when the run had too many services to keep per-service batches.
    public var services: [Group]?
    public var all: Group
}
