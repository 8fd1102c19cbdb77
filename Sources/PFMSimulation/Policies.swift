/// The engine's view of the cache that eviction policies read: arrays of plain values indexed
/// by model id, plus the list of resident models so that victim scans cost O(resident).
public struct CacheState {
    /// One model's cache state, fields side by side: a model's request touches one cache line,
    /// not one per field, which matters with thousands of models.
    public struct ModelEntry: BitwiseCopyable {
        public internal(set) var resident = false
        /// Needed by the batch being dispatched: never a victim.
        public internal(set) var pinned = false
        /// Position in `residentList`, -1 when not resident.
        var residentSlot: Int32 = -1
        /// Index of the resident fraction (partial residency; the last index is the whole model).
        var fraction: Int32 = 0
        /// Requests served since the model was loaded (LFU's count).
        public internal(set) var uses = 0
        /// Queued requests that may use the model (Belady treats them as immediate uses).
        public internal(set) var pending = 0
        public internal(set) var lastUse = 0.0
        public internal(set) var loadedAt = 0.0
        /// The engine's count of requests the model served in the measured window: kept here, not
        /// with its other counters, because a request writes it beside `lastUse` and `uses`.
        var edgeRequests = 0
        /// Bytes of GPU memory the model holds now.
        var residentNow = 0.0
        // 64 bytes in all: one cache line per model (FixedArray aligns to lines).

        var fractionIndex: Int {
            get { Int(fraction) }
            set { fraction = Int32(newValue) }
        }
    }

    /// Per model id.
    public let model: FixedArray<ModelEntry>
    /// Resident model ids in no particular order; `model[m].residentSlot` is m's position in it.
    public internal(set) var residentList: [Int32]
    public var residentCount: Int { residentList.count }
    /// Per slot: its decayed context κ and when it was last brought up to date (side by side:
    /// they are read and written together).
    struct SlotContext {
        var kappa: Double
        var time: Double
    }
    let slot: FixedArray<SlotContext>
    /// Flattened (model → slots) lists.
    let slotStart: [Int32]
    let slotIds: [Int32]
    let utility: ContextDecay
    /// `window` utility: the times of the examples still inside the window, a ring per slot.
    let windowTimes: FixedArray<Double>
    let windowStart: FixedArray<Int>
    let windowCount: FixedArray<Int>
    /// Examples remembered per slot under the `window` utility; older ones beyond this are dropped.
    static let windowCapacity = 1024

    init(models: Int, slots: Int, modelSlots: [[Int32]], utility: ContextDecay) {
        model = .init(repeating: ModelEntry(), count: models)
        residentList = []
        residentList.reserveCapacity(models)
        slot = .init(repeating: SlotContext(kappa: 0, time: 0), count: slots)
        var start: [Int32] = [0]
        var ids: [Int32] = []
        for list in modelSlots { ids += list; start.append(Int32(ids.count)) }
        slotStart = start
        slotIds = ids
        self.utility = utility
        let ringSlots = utility.kind == .window ? slots : 0
        windowTimes = .init(repeating: 0, count: ringSlots * Self.windowCapacity)
        windowStart = .init(repeating: 0, count: slots)
        windowCount = .init(repeating: 0, count: slots)
    }

    mutating func insert(_ m: Int) {
        model[m].resident = true
        model[m].residentSlot = Int32(residentList.count)
        residentList.append(Int32(m))
    }

    mutating func remove(_ m: Int) {
        model[m].resident = false
        let i = Int(model[m].residentSlot)
        let last = residentList.removeLast()
        if Int(last) != m {
            residentList[i] = last
            model[Int(last)].residentSlot = Int32(i)
        }
        model[m].residentSlot = -1
    }

    /// Sum over tasks of the decayed context of a model: LC's key (MODEL.md section 5).
    public mutating func context(of m: Int, at now: Double) -> Double {
        var sum = 0.0
        var i = Int(slotStart[m])
        let end = Int(slotStart[m + 1])
        while i < end { sum += context(slot: Int(slotIds[i]), at: now); i += 1 }
        return sum
    }

    /// κ of one slot at `now` (brings the slot up to date; `now` never goes backwards).
    @inline(__always)
    mutating func context(slot s: Int, at now: Double) -> Double {
        if utility.kind == .window {
            let cap = Self.windowCapacity
            while windowCount[s] > 0 && windowTimes[s * cap + windowStart[s]] <= now - utility.parameter {
                windowStart[s] = (windowStart[s] + 1) % cap
                windowCount[s] -= 1
            }
            return Double(windowCount[s])
        }
        // Already brought up to date at `now` (the dispatch read it, then adds examples): no decay.
        let x = slot[s]
        if x.time == now { return x.kappa }
        let k = utility.decay(x.kappa, from: x.time, to: now)
        slot[s] = SlotContext(kappa: k, time: now)
        return k
    }

    /// The served requests become demonstrations: κ += n.
    @inline(__always)
    mutating func addExamples(slot s: Int, count n: Int, at now: Double) {
        if utility.kind == .window {
            let cap = Self.windowCapacity
            for _ in 0..<n {
                if windowCount[s] == cap { windowStart[s] = (windowStart[s] + 1) % cap; windowCount[s] -= 1 }
                windowTimes[s * cap + (windowStart[s] + windowCount[s]) % cap] = now
                windowCount[s] += 1
            }
            return
        }
        _ = context(slot: s, at: now)
        slot[s].kappa += Double(n)
    }

    /// Eviction deletes the model's context.
    mutating func clearContext(of m: Int, at now: Double) {
        var i = Int(slotStart[m])
        while i < Int(slotStart[m + 1]) {
            let s = Int(slotIds[i])
            slot[s] = SlotContext(kappa: 0, time: now); windowCount[s] = 0; windowStart[s] = 0
            i += 1
        }
    }

    /// Whole examples in a context of κ ≥ 0, at most kMax: ⌊min(κ, kMax)⌋, which is min(⌊κ⌋, kMax)
    /// as kMax is whole. Truncation is the floor for κ ≥ 0, without a call to `floor`.
    @inline(__always)
    static func examples(_ kappa: Double, max kMax: Int32) -> Int { Int(min(kappa, Double(kMax))) }

    /// Resident, unpinned models: the eviction candidates.
    @inline(__always)
    public func isCandidate(_ m: Int) -> Bool { model[m].resident && !model[m].pinned }
}

/// A passive eviction policy (MODEL.md section 5, "Victim order"). A new policy is one type
/// conforming to this protocol; the engine is generic over it, so calls are static.
public protocol EvictionPolicy {
    /// The policy's command-line name.
    static var name: String { get }
    /// True for the cloud-only baseline: every request is offloaded.
    static var offloadsEverything: Bool { get }
    /// True for offline policies that need the whole arrival sequence before the run.
    static var needsFuture: Bool { get }
    /// True for random-cache: a seeded coin sends each request to the edge with the catalog's
    /// `random_cache_probability`, and to the cloud otherwise, before routing.
    static var cachesAtRandom: Bool { get }
    /// The model to evict: must satisfy `cache.isCandidate`. Called only when one exists.
    mutating func victim(_ cache: inout CacheState, now: Double) -> Int
    /// Called before the run with the full arrival list, for policies with `needsFuture`.
    mutating func prepare(arrivals: [Arrival], setup: CompiledSetup)
    /// Called when time passes `now` (Belady advances its look-ahead).
    mutating func advance(to now: Double)
    /// Called once before the run, with the initial (empty) cache.
    mutating func start(_ cache: inout CacheState)
    /// Called after a model is loaded, after it serves a batch, and after it is evicted, so a policy
    /// can keep an ordered index instead of scanning.
    mutating func didLoad(_ m: Int, _ cache: inout CacheState, now: Double)
    mutating func didUse(_ m: Int, _ cache: inout CacheState, now: Double)
    mutating func didEvict(_ m: Int)
    /// The model the next `victim` call would start from, or -1: a hint for prefetching only,
    /// never used for a decision.
    func likelyVictim() -> Int
}

extension EvictionPolicy {
    public static var offloadsEverything: Bool { false }
    public static var needsFuture: Bool { false }
    public static var cachesAtRandom: Bool { false }
    public mutating func prepare(arrivals: [Arrival], setup: CompiledSetup) {}
    @inline(__always) public mutating func advance(to now: Double) {}
    public mutating func start(_ cache: inout CacheState) {}
    @inline(__always) public mutating func didLoad(_ m: Int, _ cache: inout CacheState, now: Double) {}
    @inline(__always) public mutating func didUse(_ m: Int, _ cache: inout CacheState, now: Double) {}
    @inline(__always) public mutating func didEvict(_ m: Int) {}
    @inline(__always) public func likelyVictim() -> Int { -1 }
}

/// Scans the resident, unpinned models for the smallest key; ties go to the least recently used,
/// then to the lower id. O(resident models).
@inline(__always)
func argmin(_ cache: inout CacheState, key: (inout CacheState, Int) -> Double) -> Int {
    var best = -1
    var bestKey = Double.infinity, bestUse = Double.infinity
    for i in 0..<cache.residentList.count {
        let m = Int(cache.residentList[i])
        if cache.model[m].pinned { continue }
        let k = key(&cache, m), u = cache.model[m].lastUse
        if best < 0 || k < bestKey || (k == bestKey && (u < bestUse || (u == bestUse && m < best))) {
            best = m; bestKey = k; bestUse = u
        }
    }
    return best
}

/// Least Context: the fewest decayed in-context examples, summed over tasks (the paper's LC).
///
/// With the exponential utility every context decays by the same factor, so the order of models
/// by context only changes when a model is used: LC keeps them in an indexed heap keyed by
/// log2(Σ κ · 2^(t0/h)), which is context at any common time, shifted. A use only adds examples, so
/// the key only grows: it is updated lazily, O(1) per use and O(log n) per victim (plus one
/// refresh per model used since it was last on top). The linear and window utilities change order as time passes; they scan, O(resident).
public struct LeastContext: EvictionPolicy {
    public static let name = "lc"
    var heap = IndexedHeap(capacity: 0)
    /// The heap is kept only under the exponential utility.
    var indexed = false
    public init() {}

    public mutating func start(_ cache: inout CacheState) {
        indexed = cache.utility.kind == .exponential
        if indexed { heap = IndexedHeap(capacity: cache.model.count) }
    }

    /// The heap key: log2 of the model's context brought to time 0, log2 Σ κ·2^(t0/h), computed
    /// as max + log2 Σ 2^(l − max) so it never overflows (−∞ when it has none).
    // `inout` only so that the cache is passed by reference, not copied, per call.
    static func key(_ m: Int, _ cache: inout CacheState) -> Double {
        let start = Int(cache.slotStart[m]), end = Int(cache.slotStart[m + 1])
        if end - start == 1 {
            // One task: log2 κ + t0/h, which is what the general sum below gives (its log2 of 1 is 0).
            let s = Int(cache.slotIds[start])
            let x = cache.slot[s]
            return x.kappa > 0 ? _log2(x.kappa) + x.time * cache.utility.parameter : -Double.infinity
        }
        var best = -Double.infinity
        for i in start..<end {
            let s = Int(cache.slotIds[i])
            let x = cache.slot[s]
            if x.kappa > 0 { best = max(best, _log2(x.kappa) + x.time * cache.utility.parameter) }
        }
        guard best > -Double.infinity else { return best }
        var sum = 0.0
        for i in start..<end {
            let s = Int(cache.slotIds[i])
            let x = cache.slot[s]
            if x.kappa > 0 { sum += _exp2(_log2(x.kappa) + x.time * cache.utility.parameter - best) }
        }
        return best + _log2(sum)
    }

    public mutating func didLoad(_ m: Int, _ cache: inout CacheState, now: Double) {
        if indexed { heap.set(m, -Double.infinity, cache.model[m].lastUse) }
    }

    /// A use adds examples: the key grows (lazy update; the key is computed when it reaches the top).
    public mutating func didUse(_ m: Int, _ cache: inout CacheState, now: Double) {
        if indexed { heap.markGrown(m) }
    }

    public mutating func didEvict(_ m: Int) { if indexed { heap.remove(m) } }
    public func likelyVictim() -> Int { indexed ? heap.first ?? -1 : -1 }

    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int {
        if indexed { return heap.leastUnpinned(cache.model) { m in (Self.key(m, &cache), cache.model[m].lastUse) } }
        return argmin(&cache) { c, m in c.context(of: m, at: now) }
    }
}

/// Least Frequently Used: the fewest requests since it was loaded.
///
/// LFU, LRU and FIFO share one shape: an indexed heap on a key that only grows while the model is
/// resident, updated lazily (O(1) per use, O(log n) per victim plus one refresh per model used
/// since it last reached the top); each gives its key in `didLoad` and `victim`. They are written
/// out per type rather than as a protocol extension: the generic default methods, unspecialized
/// in a debug build, allocate on every use (the allocation tests catch it).
public struct LeastFrequentlyUsed: EvictionPolicy {
    public static let name = "lfu"
    var heap = IndexedHeap(capacity: 0)
    public init() {}
    public mutating func start(_ cache: inout CacheState) { heap = IndexedHeap(capacity: cache.model.count) }
    public mutating func didLoad(_ m: Int, _ cache: inout CacheState, now: Double) { heap.set(m, 0, cache.model[m].lastUse) }
    /// Uses only grow: lazy update.
    public mutating func didUse(_ m: Int, _ cache: inout CacheState, now: Double) { heap.markGrown(m) }
    public mutating func didEvict(_ m: Int) { heap.remove(m) }
    public func likelyVictim() -> Int { heap.first ?? -1 }
    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int {
        heap.leastUnpinned(cache.model) { m in (Double(cache.model[m].uses), cache.model[m].lastUse) }
    }
}

/// Least Recently Used: the earliest last use (the shape of LFU's).
public struct LeastRecentlyUsed: EvictionPolicy {
    public static let name = "lru"
    var heap = IndexedHeap(capacity: 0)
    public init() {}
    public mutating func start(_ cache: inout CacheState) { heap = IndexedHeap(capacity: cache.model.count) }
    public mutating func didLoad(_ m: Int, _ cache: inout CacheState, now: Double) { heap.set(m, cache.model[m].lastUse, cache.model[m].lastUse) }
    /// The last use only grows: lazy update.
    public mutating func didUse(_ m: Int, _ cache: inout CacheState, now: Double) { heap.markGrown(m) }
    public mutating func didEvict(_ m: Int) { heap.remove(m) }
    public func likelyVictim() -> Int { heap.first ?? -1 }
    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int {
        heap.leastUnpinned(cache.model) { m in (cache.model[m].lastUse, cache.model[m].lastUse) }
    }
}

/// First In, First Out: the earliest loaded (the shape of LFU's).
public struct FirstInFirstOut: EvictionPolicy {
    public static let name = "fifo"
    var heap = IndexedHeap(capacity: 0)
    public init() {}
    public mutating func start(_ cache: inout CacheState) { heap = IndexedHeap(capacity: cache.model.count) }
    public mutating func didLoad(_ m: Int, _ cache: inout CacheState, now: Double) { heap.set(m, cache.model[m].loadedAt, cache.model[m].lastUse) }
    /// The load order decides; a use only moves the tie-break (the last use) later: lazy update.
    public mutating func didUse(_ m: Int, _ cache: inout CacheState, now: Double) { heap.markGrown(m) }
    public mutating func didEvict(_ m: Int) { heap.remove(m) }
    public func likelyVictim() -> Int { heap.first ?? -1 }
    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int {
        heap.leastUnpinned(cache.model) { m in (cache.model[m].loadedAt, cache.model[m].lastUse) }
    }
}

/// Uniform over the candidates, from the run's seeded generator.
public struct RandomEviction: EvictionPolicy {
    public static let name = "random"
    var rng: SplitMix64
    public init(seed: UInt64) { rng = SplitMix64(seed: seed ^ 0x5241_4E44_4F4D) }
    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int {
        // Uniform over the unpinned resident models: draw a resident one and redraw if pinned (at
        // most a pipeline's few are), O(1) expected; after 64 pinned draws, count and pick exactly.
        let n = cache.residentList.count
        guard n > 0 else { return -1 }
        for _ in 0..<64 {
            let m = Int(cache.residentList[rng.below(n)])
            if !cache.model[m].pinned { return m }
        }
        let free = cache.residentList.filter { !cache.model[Int($0)].pinned }   // rare: 64 pinned draws
        return free.isEmpty ? -1 : Int(free[rng.below(free.count)])
    }
}

/// The cloud-only baseline: never loads anything.
public struct CloudOnly: EvictionPolicy {
    public static let name = "cloud"
    public static var offloadsEverything: Bool { true }
    public init() {}
    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int { argmin(&cache) { c, m in c.model[m].lastUse } }
}

/// Belady's MIN: evicts the model whose next use is furthest in the future. Offline: it sees the
/// whole arrival sequence. A reference bound, not a deployable policy.
public struct Belady: EvictionPolicy {
    public static let name = "belady"
    public static var needsFuture: Bool { true }
    /// Per model, the arrival times of requests that may use it, ascending.
    var uses: [[Double]] = []
    var cursor: [Int] = []
    public init() {}

    public mutating func prepare(arrivals: [Arrival], setup: CompiledSetup) {
        uses = [[Double]](repeating: [], count: setup.modelCount)
        for a in arrivals {
            for m in setup.services[Int(a.service)].allModels { uses[Int(m)].append(a.time) }
        }
        cursor = [Int](repeating: 0, count: setup.modelCount)
    }

    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int {
        var best = -1
        var bestNext = -Double.infinity
        for r in cache.residentList where !cache.model[Int(r)].pinned {
            let m = Int(r)
            var next: Double
            if cache.model[m].pending > 0 { next = now } else {
                var c = cursor[m]
                let u = uses[m]
                while c < u.count && u[c] <= now { c += 1 }
                cursor[m] = c
                next = c < u.count ? u[c] : .infinity
            }
            if next > bestNext || (next == bestNext && m < best) { best = m; bestNext = next }
        }
        return best
    }
}

/// The policies pfmplan knows, by name.
public enum PolicyName: String, CaseIterable, Sendable, Codable {
    case lc, lfu, lru, fifo, random, randomCache = "random-cache", cloud, belady
}
