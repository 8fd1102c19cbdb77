import PFMCatalog

/// Partial residency on the v2 server (pfmplan-model(7), PARTIAL RESIDENCY): a model too large
/// to be resident whole keeps a fraction of its layers on a group and streams the rest over the
/// group's host links on every pass; in a group's idle time one resident partial instance at a
/// time grows by one allowed step. The fractions and their bytes, load and stream seconds are in
/// `ServerPlan`; the resident fraction is each group cache's `fractionIndex`.
struct PartialCounts {
    var partialLoads = 0
    var topUps = 0
    var topUpS = 0.0
    var streamingS = 0.0
}

extension ServerEngine {
    @inline(__always) var wholeFraction: Int { plan.fractions.count - 1 }

    /// Where a missing model goes when no group can take it whole: the group whose free memory
    /// holds the largest allowed fraction (then fewer GPUs, lower index), else the group where
    /// evicting idle instances makes room for the smallest fraction with the fewest bytes evicted.
    /// Returns the group and the fraction the load is planned at, or nil.
    mutating func placePartial(_ m: Int) -> (group: Int, fraction: Int)? {
        var best = -1, bestK = -1
        var evictBest = -1, evictNeed = Double.infinity
        for g in 0..<plan.groupCount where !residency.resident(m, on: g) {
            let usable = plan.groupUsableBytes[g]
            guard plan.bytes(model: m, group: g, fraction: 0) <= usable else { continue }
            let free = usable - residency.usedBytes[g]
            var k = wholeFraction
            while k >= 0 && plan.bytes(model: m, group: g, fraction: k) > free { k -= 1 }
            if k >= 0 {
                if k > bestK || (k == bestK && plan.groupGPUs[g] < plan.groupGPUs[best]) { best = g; bestK = k }
            } else if best < 0 {
                let shortfall = plan.bytes(model: m, group: g, fraction: 0) - free
                if shortfall < evictNeed && residency.canEvict(shortfall, on: g) { evictBest = g; evictNeed = shortfall }
            }
        }
        if best >= 0 { return (best, bestK) }
        return evictBest >= 0 ? (evictBest, 0) : nil
    }

    /// The fraction a load of m onto g takes now, evicting idle instances in the policy's order:
    /// whole if the whole instance fits in the free memory plus the idle instances' (what binary
    /// residency does); else the largest fraction that fits in the free memory, evicting nothing;
    /// else evictions until the smallest fraction fits, then the largest fraction that fits in
    /// what they freed. -1 when even the smallest cannot be made to fit.
    mutating func partialFraction(_ m: Int, on g: Int, at t: Double) -> Int {
        let usable = plan.groupUsableBytes[g] * (1 + 1e-12)
        let whole = plan.bytes(model: m, group: g, fraction: wholeFraction)
        let counting = t >= run.warmupS
        if residency.usedBytes[g] + whole > usable && residency.usedBytes[g] - residency.evictable(on: g) + whole <= usable {
            while residency.usedBytes[g] + whole > usable {
                let v = residency.evictOne(on: g, at: t)
                if v < 0 { break }
                countEviction(v, on: g, counting: counting)
            }
        }
        var k = wholeFraction
        while k >= 0 && residency.usedBytes[g] + plan.bytes(model: m, group: g, fraction: k) > usable { k -= 1 }
        if k >= 0 { return k }
        while residency.usedBytes[g] + plan.bytes(model: m, group: g, fraction: 0) > usable {
            let v = residency.evictOne(on: g, at: t)
            if v < 0 { return -1 }
            countEviction(v, on: g, counting: counting)
        }
        k = wholeFraction
        while k > 0 && residency.usedBytes[g] + plan.bytes(model: m, group: g, fraction: k) > usable { k -= 1 }
        return k
    }

    @inline(__always)
    mutating func countEviction(_ v: Int, on g: Int, counting: Bool) {
        detachLanguage(v, from: g)
        if counting { metrics.evictions += 1; metrics.modelEvictions[v] += 1; metrics.groups[g].evictions += 1 }
    }

    /// Streaming seconds of one pass of m on g at its resident fraction (0 when whole).
    @inline(__always)
    mutating func streamSeconds(_ m: Int, on g: Int) -> Double {
        guard plan.partial && residency.resident(m, on: g) else { return 0 }
        let k = residency.caches[g].model[m].fractionIndex
        return k < wholeFraction ? plan.streamSeconds(model: m, group: g, fraction: k) : 0
    }

    /// Progressive loading in a group's idle time (no pass to run, links free, no top-up running):
    /// the most recently used resident partial instance whose next step fits in free memory
    /// (ties: the lower id) starts copying that step's layers. Memory is reserved now; the
    /// fraction rises when the copy ends.
    mutating func topUpIfIdle(group g: Int, at t: Double) {
        guard plan.partial, residency.topUpModel[g] < 0, residency.linksFreeAt[g] <= t, exec.running[g] < 0 else { return }
        var best = -1, bestUse = -Double.infinity
        let list = residency.caches[g].residentList
        for j in 0..<list.count {
            let m = Int(list[j])
            let k = residency.caches[g].model[m].fractionIndex
            guard k < wholeFraction, exec.readyAt[exec.instance(g, m)] <= t else { continue }
            let extra = plan.bytes(model: m, group: g, fraction: k + 1) - residency.caches[g].model[m].residentNow
            guard residency.usedBytes[g] + extra <= plan.groupUsableBytes[g] * (1 + 1e-12) else { continue }
            let use = residency.caches[g].model[m].lastUse
            if use > bestUse || (use == bestUse && m < best) { best = m; bestUse = use }
        }
        guard best >= 0 else { return }
        let k = residency.caches[g].model[best].fractionIndex
        let b = plan.bytes(model: best, group: g, fraction: k + 1)
        residency.usedBytes[g] += b - residency.caches[g].model[best].residentNow
        residency.caches[g].model[best].residentNow = b
        residency.peakBytes[g] = max(residency.peakBytes[g], residency.usedBytes[g])
        let d = plan.streamSeconds(model: best, group: g, fraction: k) - plan.streamSeconds(model: best, group: g, fraction: k + 1)
        residency.topUpModel[g] = Int32(best)
        residency.topUpEnd[g] = t + d
        residency.linksFreeAt[g] = t + d
        residency.setPinned(best, on: g, true)
        if t >= run.warmupS { partialCounts.topUps += 1; partialCounts.topUpS += d; metrics.switchS += d }
    }

    mutating func finishTopUp(group g: Int, at t: Double) {
        startMeasuringIfDue(t)
        let m = Int(residency.topUpModel[g])
        residency.topUpModel[g] = -1
        residency.topUpEnd[g] = .infinity
        residency.caches[g].model[m].fractionIndex += 1
        lastEvent = max(lastEvent, t)
        refreshPin(group: g, model: m, at: t)
        kick(group: g, at: t)
    }
}
