/// Which models are resident on which GPU group (MODEL.md §6): one cache per group, each with its
/// own copy of the eviction policy (the policy is a generic parameter, so victim choice is a
/// static call), its memory in use, and its context slots (an evicted instance loses its context).
/// Placement of a missing model, loads and evictions live here; the executor's `pending` counts
/// say which instances have work and so are never victims.
struct GroupResidency<Policy: EvictionPolicy> {
    var caches: [CacheState]
    var policies: [Policy]
    var usedBytes: [Double]
    var peakBytes: [Double]
    /// Partial residency's top-ups in progress: per group, the model whose next layers are being
    /// copied (-1: none) and when the copy ends.
    var topUpModel: [Int32]
    var topUpEnd: [Double]
    /// Loads in progress: (group, model) pairs, few at a time.
    var loadingGroup: [Int32] = []
    var loadingModel: [Int32] = []
    /// When the group's host links finish the loads already started: loads onto one group copy
    /// over the same links, so they run one after another.
    var linksFreeAt: [Double]

    init(setup: CompiledSetup, groups: Int, policy: Policy) {
        caches = (0..<groups).map { _ in
            CacheState(models: setup.modelCount, slots: setup.slotCount, modelSlots: setup.modelSlots, utility: ContextDecay(setup.utility))
        }
        policies = Array(repeating: policy, count: groups)
        usedBytes = Array(repeating: 0, count: groups)
        peakBytes = Array(repeating: 0, count: groups)
        linksFreeAt = Array(repeating: 0, count: groups)
        topUpModel = Array(repeating: -1, count: groups)
        topUpEnd = Array(repeating: .infinity, count: groups)
        loadingGroup.reserveCapacity(64)
        loadingModel.reserveCapacity(64)
    }

    @inline(__always) func resident(_ m: Int, on g: Int) -> Bool { caches[g].model[m].resident }

    /// Bytes on group g that evictions could free: resident instances with no work and no load.
    /// Whether evicting g's idle instances frees at least `bytes`: `bytes <= evictable(on: g)`,
    /// exactly (a sum of non-negative terms never falls as terms are added, so the prefix that
    /// reaches `bytes` decides), without visiting every resident instance on each miss.
    func canEvict(_ bytes: Double, on g: Int) -> Bool {
        var sum = 0.0
        let list = caches[g].residentList
        for j in 0..<list.count where !caches[g].model[Int(list[j])].pinned {
            sum += caches[g].model[Int(list[j])].residentNow
            if bytes <= sum { return true }
        }
        return bytes <= sum
    }

    func evictable(on g: Int) -> Double {
        var sum = 0.0
        let list = caches[g].residentList
        for j in 0..<list.count where !caches[g].model[Int(list[j])].pinned { sum += caches[g].model[Int(list[j])].residentNow }
        return sum
    }

    /// The group a missing model m would be loaded onto (MODEL.md §6), or -1. Among the groups it
    /// fits and is not on: one with enough free memory (fewest GPUs first, then least backlog, then
    /// lowest index); else the one where evicting idle instances frees enough with the fewest bytes
    /// evicted (then lowest index).
    func place(_ m: Int, plan: ServerPlan, backlog: FixedArray<Double>) -> Int {
        var freeBest = -1, evictBest = -1
        var evictNeed = Double.infinity
        for g in 0..<plan.groupCount where !resident(m, on: g) {
            let need = plan.bytes(model: m, group: g)
            let usable = plan.groupUsableBytes[g]
            guard need <= usable else { continue }
            let free = usable - usedBytes[g]
            if need <= free {
                if freeBest < 0 || plan.groupGPUs[g] < plan.groupGPUs[freeBest]
                    || (plan.groupGPUs[g] == plan.groupGPUs[freeBest] && backlog[g] < backlog[freeBest]) { freeBest = g }
            } else if freeBest < 0 {
                let shortfall = need - free
                if shortfall < evictNeed && canEvict(shortfall, on: g) { evictBest = g; evictNeed = shortfall }
            }
        }
        return freeBest >= 0 ? freeBest : evictBest
    }

    /// Evicts the policy's next victim on g (an idle instance); -1 when there is none.
    mutating func evictOne(on g: Int, at t: Double) -> Int {
        let v = policies[g].victim(&caches[g], now: t)
        if v < 0 { return -1 }
        precondition(caches[g].isCandidate(v), "policy \(Policy.name) chose a victim that is not an eviction candidate")
        caches[g].remove(v)
        usedBytes[g] -= caches[g].model[v].residentNow
        caches[g].clearContext(of: v, at: t)
        policies[g].didEvict(v)
        return v
    }

    /// Evicts a chosen idle instance (active caching's displacement).
    mutating func evict(_ v: Int, on g: Int, at t: Double) {
        precondition(caches[g].isCandidate(v), "evicting an instance with work")
        caches[g].remove(v)
        usedBytes[g] -= caches[g].model[v].residentNow
        caches[g].clearContext(of: v, at: t)
        policies[g].didEvict(v)
    }

    /// Makes m resident on g (memory reserved now, usable once the load finishes).
    mutating func insert(_ m: Int, on g: Int, bytes: Double, fraction k: Int, at t: Double) {
        caches[g].insert(m)
        caches[g].model[m].fractionIndex = k
        caches[g].model[m].residentNow = bytes
        usedBytes[g] += bytes
        peakBytes[g] = max(peakBytes[g], usedBytes[g])
        caches[g].model[m].loadedAt = t
        caches[g].model[m].lastUse = t
        caches[g].model[m].uses = 0
        caches[g].clearContext(of: m, at: t)
        policies[g].didLoad(m, &caches[g], now: t)
        loadingGroup.append(Int32(g))
        loadingModel.append(Int32(m))
    }

    @inline(__always)
    mutating func setPinned(_ m: Int, on g: Int, _ pinned: Bool) { caches[g].model[m].pinned = pinned }
}
