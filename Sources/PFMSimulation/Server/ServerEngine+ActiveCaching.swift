import PFMCatalog

/// Active caching's decisions on the v2 server (pfmplan-model(7), ACTIVE CACHING; state in
/// `ActiveCaching`). At each decision instant (every `interval_s`, and at the end of a preload)
/// the engine preloads at most one model: the missing preloadable model with the largest benefit
/// λ̂ × load seconds that is expected at least once in the next interval, onto the group where the
/// idle instances it would displace are worth least, and only if they are worth less than it.
/// When the only instances worth displacing still have work, the decision is tried again at the
/// end of that group's running pass rather than waiting a whole interval.
/// Preloads run in the background like every v2 load, so no executor waits for them.
extension ServerEngine {
    mutating func decide(at t: Double) {
        startMeasuringIfDue(t)
        while caching.nextTick <= t { caching.nextTick += caching.interval }
        caching.chained = .infinity
        let nm = setup.modelCount
        for m in 0..<nm { caching.marked[m] = false }
        var retry = Double.infinity
        defer { if caching.chained == .infinity { caching.chained = retry } }
        while true {
            // The best untried candidate: missing on every group, worth preloading.
            var c = -1, cRate = 0.0
            for m in 0..<nm where caching.preloadable[m] && !caching.marked[m] && !residentAnywhere(m) {
                let rate = caching.predictedRate(m, at: t)
                if rate * caching.interval >= 1 && (c < 0 || rate * plan.loadSeconds(model: m, group: 0) > cRate * plan.loadSeconds(model: c, group: 0)) {
                    c = m; cRate = rate
                }
            }
            if c < 0 { return }
            caching.marked[c] = true
            // The group whose displaced idle instances are worth least (then fewer GPUs, lower index).
            var bestG = -1, bestLost = Double.infinity
            for g in 0..<plan.groupCount {
                let need = residency.usedBytes[g] + plan.bytes(model: c, group: g) - plan.groupUsableBytes[g]
                guard plan.bytes(model: c, group: g) <= plan.groupUsableBytes[g] else { continue }
                // Room held by instances with work now but worth displacing once they are idle:
                // the decision is tried again when the group's running pass ends.
                if exec.running[g] >= 0 && displacement(on: g, need: need, at: t, commit: false, idleOnly: false)
                    < cRate * plan.loadSeconds(model: c, group: g) {
                    retry = min(retry, exec.passEnd[g])
                }
                guard residency.canEvict(need, on: g) else { continue }
                let lost = displacement(on: g, need: need, at: t, commit: false)
                if lost < bestLost || (lost == bestLost && bestG >= 0 && plan.groupGPUs[g] < plan.groupGPUs[bestG]) { bestG = g; bestLost = lost }
            }
            guard bestG >= 0 else { continue }
            let benefit = cRate * plan.loadSeconds(model: c, group: bestG)
            guard bestLost < benefit else { continue }
            let need = residency.usedBytes[bestG] + plan.bytes(model: c, group: bestG) - plan.groupUsableBytes[bestG]
            _ = displacement(on: bestG, need: need, at: t, commit: true)
            preload(c, on: bestG, at: t)
            return
        }
    }

    @inline(__always)
    mutating func residentAnywhere(_ m: Int) -> Bool {
        for g in 0..<plan.groupCount where residency.resident(m, on: g) { return true }
        return false
    }

    /// What freeing `need` bytes on g costs: the idle residents of least keep-benefit (rate × load
    /// seconds; ties: lower id), taken until enough is free. With `commit` they are evicted. With
    /// `idleOnly` false, instances with work count too (what the cost would be once they drain;
    /// never committed, and an instance still loading is never counted).
    mutating func displacement(on g: Int, need: Double, at t: Double, commit: Bool, idleOnly: Bool = true) -> Double {
        precondition(idleOnly || !commit, "only idle instances are evicted")
        var freed = 0.0, lost = 0.0
        var taken: [Int] = []
        let list = residency.caches[g].residentList
        while freed < need {
            var v = -1, vb = Double.infinity
            for j in 0..<list.count {
                let r = Int(list[j])
                if (idleOnly ? residency.caches[g].model[r].pinned : exec.readyAt[exec.instance(g, r)] > t) || taken.contains(r) { continue }
                let b = caching.keepRate(r, at: t) * plan.loadSeconds(model: r, group: g)
                if b < vb || (b == vb && r < v) { v = r; vb = b }
            }
            if v < 0 { return .infinity }
            taken.append(v)
            freed += residency.caches[g].model[v].residentNow
            lost += vb
        }
        if commit {
            let counting = t >= run.warmupS
            for v in taken {
                residency.evict(v, on: g, at: t)
                detachLanguage(v, from: g)
                if counting { metrics.evictions += 1; metrics.modelEvictions[v] += 1; metrics.groups[g].evictions += 1 }
            }
        }
        return lost
    }

    /// A background load counted as a preload rather than a demand load.
    mutating func preload(_ m: Int, on g: Int, at t: Double) {
        let bytes = plan.bytes(model: m, group: g)
        reclaimLentMemory(on: g, need: bytes, at: t)
        residency.insert(m, on: g, bytes: bytes, fraction: wholeFraction, at: t)
        attachLanguage(m, on: g, at: t)
        precondition(residency.usedBytes[g] <= plan.groupUsableBytes[g] * (1 + 1e-12), "GPU memory over capacity")
        let l = plan.loadSeconds(model: m, group: g)
        let ready = max(t, residency.linksFreeAt[g]) + l
        residency.linksFreeAt[g] = ready
        exec.readyAt[exec.instance(g, m)] = ready
        residency.setPinned(m, on: g, true)
        if t >= run.warmupS { caching.preloads += 1; caching.modelPreloads[m] += 1; caching.preloadS += l }
        caching.chained = ready
    }
}
