import PFMCatalog

/// The eviction policies of the cache-only replay.
public enum CacheOnlyPolicy: String, CaseIterable, Sendable, Codable {
    case lru, fifo, lfu, random
}

/// What a cache-only replay measured.
public struct CacheOnlyResult: Sendable, Equatable, Codable {
    public var policy: String
    public var capacityBytes: UInt64
    public var requests: Int
    public var hits: Int
    /// Byte counters are 128-bit: a trace's sizes may be anything up to UInt64's maximum, and
    /// their sum over every request overflows 64 bits long before the request count does.
    public var bytesRequested: UInt128
    public var bytesHit: UInt128
    public var evictions: Int
    /// Requests for objects larger than the whole cache: misses that insert nothing.
    public var tooLarge: Int
    /// Distinct objects requested.
    public var objects: Int

    public var misses: Int { requests - hits }
    public var bytesMissed: UInt128 { bytesRequested - bytesHit }
    /// 1 − hits / requests, computed as libCacheSim computes it, so that the two agree to the last bit.
    public var objectMissRatio: Double { requests == 0 ? 0 : 1 - Double(hits) / Double(requests) }
    /// 1 − bytes hit / bytes requested, as libCacheSim computes it.
    public var byteMissRatio: Double { bytesRequested == 0 ? 0 : 1 - Double(bytesHit) / Double(bytesRequested) }
}

/// A pure cache, without latency, batching or admission: the semantics of libCacheSim's LRU, FIFO
/// and LFU (pfmplan-trace(5), "Cache-only replay"), so that miss ratios agree with it exactly.
///
/// - Hit: lru moves the object to the most recent end; lfu adds one to its count; fifo and random
///   change nothing.
/// - Miss of an object no larger than the capacity: evict until used + size ≤ capacity, then insert.
/// - Miss of an object larger than the capacity: a miss (object and bytes); nothing is inserted or
///   evicted.
/// - lfu counts only while resident (an object loaded again starts at 1); ties evict the least
///   recently accessed.
///
/// Objects are dense integer ids (0, 1, 2, …). Every operation is O(1): an intrusive doubly linked
/// list for lru and fifo, a list of frequency buckets (each a list in access order) for lfu, and an
/// array with swap-removal for random.
public struct CacheOnlySimulator {
    public let policy: CacheOnlyPolicy
    public let capacityBytes: UInt64
    public private(set) var usedBytes: UInt64 = 0
    var rng: SplitMix64

    // Per object.
    var size: [UInt64] = []
    var resident: [Bool] = []
    var prev: [Int32] = []
    var next: [Int32] = []
    /// lfu: the bucket the object is in; random: its position in `residents`.
    var place: [Int32] = []

    // Buckets: lists of objects, oldest at the head. lru and fifo use bucket 0 only; lfu keeps its
    // buckets in a list ordered by frequency, the least frequent first.
    var head: [Int32] = [-1]
    var tail: [Int32] = [-1]
    var freq: [Int] = [0]
    var bucketPrev: [Int32] = [-1]
    var bucketNext: [Int32] = [-1]
    var freeBuckets: [Int32] = []
    var firstBucket: Int32 = -1

    var residents: [Int32] = []

    public private(set) var result: CacheOnlyResult

    public init(policy: CacheOnlyPolicy, capacityBytes: UInt64, seed: UInt64 = 1) {
        self.policy = policy
        self.capacityBytes = capacityBytes
        rng = SplitMix64(seed: seed ^ 0x4341_4348_45)
        result = CacheOnlyResult(policy: policy.rawValue, capacityBytes: capacityBytes, requests: 0, hits: 0,
                                 bytesRequested: 0, bytesHit: 0, evictions: 0, tooLarge: 0, objects: 0)
        if policy != .lfu { firstBucket = 0 }
    }

    public var residentCount: Int {
        var n = 0
        for r in resident where r { n += 1 }
        return n
    }

    /// One request for `object` of `bytes` bytes; returns true on a hit.
    @discardableResult
    public mutating func access(_ object: Int, bytes: UInt64) -> Bool {
        if object >= size.count { grow(to: object + 1) }
        if size[object] == 0 { result.objects += 1 }
        result.requests += 1
        result.bytesRequested += UInt128(bytes)
        if resident[object] {
            result.hits += 1
            result.bytesHit += UInt128(bytes)
            switch policy {
            case .lru: unlink(object, from: 0); append(object, to: 0)
            case .lfu: promote(object)
            case .fifo, .random: break
            }
            return true
        }
        size[object] = bytes
        if bytes > capacityBytes {
            result.tooLarge += 1
            return false
        }
        // usedBytes ≤ capacityBytes always, so the difference cannot overflow (a sum could).
        while bytes > capacityBytes - usedBytes { evict() }
        resident[object] = true
        usedBytes += bytes
        switch policy {
        case .lru, .fifo: append(object, to: 0)
        case .lfu: insertLFU(object)
        case .random:
            place[object] = Int32(residents.count)
            residents.append(Int32(object))
        }
        return false
    }

    mutating func grow(to n: Int) {
        let extra = max(n, size.count * 2) - size.count
        size += [UInt64](repeating: 0, count: extra)
        resident += [Bool](repeating: false, count: extra)
        prev += [Int32](repeating: -1, count: extra)
        next += [Int32](repeating: -1, count: extra)
        place += [Int32](repeating: -1, count: extra)
    }

    mutating func evict() {
        let victim: Int
        switch policy {
        case .lru, .fifo:
            victim = Int(head[0])
            unlink(victim, from: 0)
        case .lfu:
            let b = Int(firstBucket)
            victim = Int(head[b])
            unlink(victim, from: b)
            if head[b] < 0 { removeBucket(b) }
        case .random:
            let i = rng.below(residents.count)
            victim = Int(residents[i])
            let last = residents.removeLast()
            if i < residents.count { residents[i] = last; place[Int(last)] = Int32(i) }
        }
        precondition(victim >= 0, "cache-only: eviction from an empty cache")
        resident[victim] = false
        usedBytes -= size[victim]
        result.evictions += 1
    }

    // MARK: - Intrusive lists

    @inline(__always)
    mutating func append(_ o: Int, to b: Int) {
        let t = tail[b]
        prev[o] = t
        next[o] = -1
        if t >= 0 { next[Int(t)] = Int32(o) } else { head[b] = Int32(o) }
        tail[b] = Int32(o)
    }

    @inline(__always)
    mutating func unlink(_ o: Int, from b: Int) {
        let p = prev[o], n = next[o]
        if p >= 0 { next[Int(p)] = n } else { head[b] = n }
        if n >= 0 { prev[Int(n)] = p } else { tail[b] = p }
        prev[o] = -1; next[o] = -1
    }

    // MARK: - LFU frequency buckets

    /// A new bucket of frequency `f` placed after bucket `after` (-1: at the front).
    mutating func newBucket(freq f: Int, after: Int32) -> Int {
        let b: Int
        if let r = freeBuckets.popLast() {
            b = Int(r)
            head[b] = -1; tail[b] = -1; freq[b] = f
        } else {
            b = head.count
            head.append(-1); tail.append(-1); freq.append(f); bucketPrev.append(-1); bucketNext.append(-1)
        }
        let n = after >= 0 ? bucketNext[Int(after)] : firstBucket
        bucketPrev[b] = after
        bucketNext[b] = n
        if after >= 0 { bucketNext[Int(after)] = Int32(b) } else { firstBucket = Int32(b) }
        if n >= 0 { bucketPrev[Int(n)] = Int32(b) }
        return b
    }

    mutating func removeBucket(_ b: Int) {
        let p = bucketPrev[b], n = bucketNext[b]
        if p >= 0 { bucketNext[Int(p)] = n } else { firstBucket = n }
        if n >= 0 { bucketPrev[Int(n)] = p }
        freeBuckets.append(Int32(b))
    }

    mutating func insertLFU(_ o: Int) {
        var b = Int(firstBucket)
        if b < 0 || freq[b] != 1 { b = newBucket(freq: 1, after: -1) }
        append(o, to: b)
        place[o] = Int32(b)
    }

    mutating func promote(_ o: Int) {
        let b = Int(place[o])
        let f = freq[b] + 1
        var target = Int(bucketNext[b])
        if target < 0 || freq[target] != f { target = newBucket(freq: f, after: Int32(b)) }
        unlink(o, from: b)
        append(o, to: target)
        place[o] = Int32(target)
        if head[b] < 0 { removeBucket(b) }
    }
}

/// Replays a trace as a pure cache.
public enum CacheOnlyReplay {
    /// How requests of a pfmplan-format trace become cache accesses: per service, the distinct
    /// models its stages would load (each stage's load choice) with their resident bytes.
    public struct ServiceObjects: Sendable {
        public var modelIds: [String]
        public var modelBytes: [UInt64]
        /// Service index → model indices.
        public var objects: [[Int32]]
    }

    /// The models each service of `setup` would load, with their resident bytes (rounded to whole
    /// bytes) at the setup's accelerator, precision and batch size.
    public static func serviceObjects(_ setup: CompiledSetup) -> ServiceObjects {
        var objects: [[Int32]] = []
        for si in 0..<setup.services.count {
            var list: [Int32] = []
            for g in setup.stages(of: si) {
                let m = setup.hot[Int(setup.stageLoad[g])].model
                if !list.contains(m) { list.append(m) }
            }
            objects.append(list)
        }
        return ServiceObjects(modelIds: setup.modelIds, modelBytes: setup.residentBytes.map { UInt64($0.rounded()) }, objects: objects)
    }

    /// Replays `path` under each policy, in one pass over the file. `services` is needed for a
    /// pfmplan-format trace (nil: such a trace is an error).
    public static func run(path: String, policies: [CacheOnlyPolicy], capacityBytes: UInt64, seed: UInt64,
                           services: (ids: [String], objects: ServiceObjects)?, skipBadLines: Int, maxRequests: Int? = nil,
                           warn: @escaping (Diagnostic) -> Void) throws(DiagnosticError) -> [CacheOnlyResult] {
        var reader = try TraceReader(path: path, skipBadLines: skipBadLines, warn: warn) { format throws(DiagnosticError) in
            switch format {
            case .libcachesim: return .intern
            case .pfmplan:
                guard let services else {
                    throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), path: "",
                                                     "a pfmplan-format trace names services; replaying it as a cache needs the models' sizes",
                                                     hint: "give --accelerator (and --precision) so that each service's models can be sized"))
                }
                var map: [String: Int32] = [:]
                for (i, s) in services.ids.enumerated() { map[s] = Int32(i) }
                return .known(map, what: "service")
            }
        }
        var sims = policies.map { CacheOnlySimulator(policy: $0, capacityBytes: capacityBytes, seed: seed) }
        let limit = maxRequests ?? Int.max
        var n = 0
        while n < limit, let r = try reader.next() {
            n += 1
            if reader.format == .libcachesim {
                for i in sims.indices { sims[i].access(Int(r.key), bytes: r.sizeBytes) }
            } else if let s = services?.objects {
                for m in s.objects[Int(r.key)] {
                    let bytes = s.modelBytes[Int(m)]
                    for i in sims.indices { sims[i].access(Int(m), bytes: bytes) }
                }
            }
        }
        return sims.map(\.result)
    }
}
