import PFMCatalog

/// Admission and routing (MODEL.md §6, §7): where a request's stages will run, whether it goes
/// to the edge or the cloud, and the background loads and replicas its arrival starts.
extension ServerEngine {
    mutating func arrive(_ si: Int, at t: Double, measured: Bool) {
        if measured { metrics.services[si].requests &+= 1 }
        if hasDevice && setup.deviceFeasible[si] && staysOnDevice(si, at: t) {
            runOnDevice(si, at: t, measured: measured)
            return
        }
        if caching.enabled && !caching.useProfile { caching.observe(service: si, at: t, setup: setup, plan: plan) }
        if Policy.offloadsEverything || !plan.edgeFeasible[si] || (Policy.cachesAtRandom && edgeCoin.unit() >= edgeProbability) {
            offload(si, at: t, measured: measured)
            return
        }
        let s = setup.svc[si]
        guard let done = planStages(si, at: t) else {
            offload(si, at: t, measured: measured)
            return
        }
        if setup.config.admission == .sloAware && breaksSLO(s, completion: done.completion, at: t) && cloudMeetsSLO(s) {
            // The request goes to the cloud; the loads it would have waited for start anyway, and a
            // resident model too slow for the SLO gets a replica where one fits beside idle instances.
            let n = setup.stages(of: si).count
            for k in 0..<n {
                let m = Int(setup.hot[planChoice[k]].model)
                if planMissing[k] { _ = startLoad(m, on: planGroup[k], at: t) } else if wait(on: planGroup[k], at: t) > 0 { startReplica(m, at: t) }
            }
            offload(si, at: t, measured: measured)
            return
        }
        admit(si, at: t, measured: measured, hit: done.hit)
    }

    /// The plan `planStages` made misses one of the service's SLOs: end to end, or (a language
    /// service) TTFT or TPOT.
    @inline(__always)
    mutating func breaksSLO(_ s: CompiledSetup.ServiceFacts, completion: Double, at t: Double) -> Bool {
        if s.uplinkS + (completion - t) + s.downlinkS > s.sloS { return true }
        return s.language && (s.uplinkS + planTTFT > s.ttftSloS || planTPOT > s.tpotSloS)
    }

    @inline(__always)
    mutating func cloudMeetsSLO(_ s: CompiledSetup.ServiceFacts) -> Bool {
        s.cloudLatencyS <= s.sloS && (!s.language || (s.cloudTTFTS <= s.ttftSloS && s.cloudTPOTS <= s.tpotSloS))
    }

    /// Predicted finish of a stage (choice ci of stage st, on h, starting no earlier than
    /// `earliest`), and its TTFT from the arrival at t and TPOT for a language stage.
    mutating func predictStage(choice ci: Int, stage st: Int, group h: Int, model m: Int, examples kx: Int, earliest: Double, at t: Double,
                      queued: Bool = true) -> (finish: Double, ttft: Double, tpot: Double) {
        if isContinuous(m) {
            // The instance's next turn comes after the group's running pass (other instances'
            // turns between its iterations are not predicted).
            let start = max(earliest, exec.running[h] >= 0 ? exec.passEnd[h] : t)
            let p = predictLanguage(choice: ci, group: h, model: m, examples: kx)
            let out = setup.svc[Int(setup.hot[ci].service)].tokensOut
            return (start + p.ttft + max(0, out - 1) * p.tpot, start - t + p.ttft, p.tpot)
        }
        let start = queued ? max(earliest, t + wait(on: h, at: t)) : earliest
        let e = stageEstimate(choice: ci, stage: st, group: h, examples: kx)
        guard setup.choices[ci].isLanguage else { return (start + e, 0, 0) }
        // A static batch-1 estimate: the prefill, then the decode passes.
        let out = setup.svc[Int(setup.hot[ci].service)].tokensOut
        let passes = 1 + out
        return (start + e, start - t + e / passes, e / passes)
    }

    /// Picks each stage's instance: the most accurate acceptable choice resident on some group,
    /// on the replica with the earliest predicted completion; else the load choice, placed by
    /// `Residency.place`. Fills planGroup/planChoice/planMissing; nil when a stage has nowhere to go.
    mutating func planStages(_ si: Int, at t: Double) -> (completion: Double, hit: Bool)? {
        var done = t
        var hit = true
        planTTFT = 0; planTPOT = 0
        let stages = setup.stages(of: si)
        for k in 0..<stages.count {
            let g = stages.lowerBound + k
            var bestG = -1, bestC = -1
            var bestDone = Double.infinity
            var i = Int(setup.stageChoiceStart[g])
            let end = Int(setup.stageChoiceStart[g + 1])
            while i < end && bestC < 0 {
                if setup.hot[i].acceptable {
                    let m = Int(setup.hot[i].model)
                    for h in 0..<plan.groupCount where residency.resident(m, on: h) {
                        let slot = Int(setup.hot[i].slot)
                        let kx = slot >= 0 ? CacheState.examples(residency.caches[h].context(slot: slot, at: t), max: setup.hot[i].kMax) : 0
                        let p = predictStage(choice: i, stage: g, group: h, model: m, examples: kx,
                                             earliest: max(done, exec.readyAt[exec.instance(h, m)]), at: t)
                        if p.finish < bestDone { bestDone = p.finish; bestG = h; bestC = i; if p.ttft > 0 { planTTFT = p.ttft; planTPOT = p.tpot } }
                    }
                }
                i += 1
            }
            if bestC >= 0 {
                planGroup[k] = bestG; planChoice[k] = bestC; planMissing[k] = false
            } else {
                hit = false
                let c = Int(plan.stageLoad[g])
                guard c >= 0 else { return nil }
                let m = Int(setup.hot[c].model)
                // The same model already planned for an earlier stage of this request.
                var j = 0
                while j < k && Int(setup.hot[planChoice[j]].model) != m { j += 1 }
                if j < k {
                    planGroup[k] = planGroup[j]; planChoice[k] = c; planMissing[k] = false
                    let p = predictStage(choice: c, stage: g, group: planGroup[j], model: m, examples: 0, earliest: max(done, t), at: t, queued: false)
                    bestDone = p.finish
                    if p.ttft > 0 { planTTFT = p.ttft; planTPOT = p.tpot }
                } else {
                    var h = residency.place(m, plan: plan, backlog: exec.backlog)
                    var fk = wholeFraction
                    if h < 0 && plan.partial, let p = placePartial(m) { h = p.group; fk = p.fraction }
                    guard h >= 0 else { return nil }
                    planGroup[k] = h; planChoice[k] = c; planMissing[k] = true
                    let p = predictStage(choice: c, stage: g, group: h, model: m, examples: 0,
                                         earliest: max(done, loadReady(m, on: h, fraction: fk, at: t)), at: t)
                    bestDone = p.finish
                    if p.ttft > 0 { planTTFT = p.ttft; planTPOT = p.tpot }
                    if fk < wholeFraction { bestDone += passes(choice: c, stage: g) * plan.streamSeconds(model: m, group: h, fraction: fk) }
                }
            }
            done = bestDone
        }
        return (done, hit)
    }

    /// Commits the plan: pins every chosen instance, starts the loads, queues the first stage.
    mutating func admit(_ si: Int, at t: Double, measured: Bool, hit: Bool) {
        let n = setup.stages(of: si).count
        for k in 0..<n {
            let h = planGroup[k], m = Int(setup.hot[planChoice[k]].model)
            exec.pending[exec.instance(h, m)] += 1
            residency.setPinned(m, on: h, true)
        }
        for k in 0..<n where planMissing[k] {
            let h = planGroup[k], m = Int(setup.hot[planChoice[k]].model)
            if !residency.resident(m, on: h) && !startLoad(m, on: h, at: t) {
                // The pipeline's models cannot be resident together: release and offload.
                for j in 0..<n {
                    let hj = planGroup[j], mj = Int(setup.hot[planChoice[j]].model)
                    exec.pending[exec.instance(hj, mj)] -= 1
                    refreshPin(group: hj, model: mj, at: t)
                }
                offload(si, at: t, measured: measured)
                return
            }
        }
        let r = requests.allocate(service: si, arrival: t, measured: measured)
        requests.hit[r] = hit
        requests.accuracyCost[r] = setup.svc[si].zeroAccuracyCost
        let base = r * requests.maxStages
        for k in 0..<n {
            requests.stageGroup[base + k] = Int32(planGroup[k])
            requests.stageChoice[base + k] = Int32(planChoice[k])
        }
        let h = planGroup[0], c = planChoice[0], m0 = Int(setup.hot[c].model)
        if isContinuous(m0) {
            enqueueLanguage(r, group: h, model: m0, choice: c, at: t)
        } else {
            let e = stageEstimate(choice: c, stage: Int(setup.svc[si].stageStart), group: h, examples: 0)
            requests.estimate[r] = e
            exec.backlog[h] += e
            exec.enqueue(r, instance: exec.instance(h, m0), requests: &requests)
        }
        kick(group: h, at: t)
    }

    /// A replica of m where it fits in free memory or beside idle instances, unless one is loading.
    mutating func startReplica(_ m: Int, at t: Double) {
        for j in residency.loadingModel.indices where Int(residency.loadingModel[j]) == m { return }
        let h = residency.place(m, plan: plan, backlog: exec.backlog)
        if h >= 0 { _ = startLoad(m, on: h, at: t) }
    }

    mutating func offload(_ si: Int, at t: Double, measured: Bool) {
        guard measured else { return }
        let s = setup.svc[si]
        metrics.services[si].offloaded &+= 1
        metrics.record(latency: s.cloudLatencyS, accuracy: s.scored ? s.referenceAccuracy : 0, service: si, tier: 2, tiers: hasDevice)
        metrics.recordPostShift(arrival: t, latency: s.cloudLatencyS)
        metrics.cloudUSD += s.cloudUSD
        if s.language { metrics.recordTokens(service: si, ttft: s.cloudTTFTS, tpot: s.cloudTPOTS) }
        if cloudMeetsSLO(s) { metrics.services[si].good &+= 1 }
        // Cloud-served latency is part of the offloading term (MODEL.md §7: the cloud path).
        metrics.offloadingS += s.cloudLatencyS
        if s.scored { metrics.scored(si, accuracy: s.referenceAccuracy, cost: 0, tier: 2, tiers: hasDevice) }
    }

    // MARK: - Mobile tier (pfmplan-model(7), MOBILE TIER)

    mutating func staysOnDevice(_ si: Int, at t: Double) -> Bool {
        let s = setup.svc[si]
        guard setup.config.admission == .sloAware && setup.deviceSeconds[si] > s.sloS else { return true }
        if s.cloudLatencyS <= s.sloS { return false }
        if Policy.offloadsEverything || !plan.edgeFeasible[si] { return true }
        guard let done = planStages(si, at: t) else { return true }
        return s.uplinkS + (done.completion - t) + s.downlinkS > s.sloS
    }

    mutating func runOnDevice(_ si: Int, at t: Double, measured: Bool) {
        guard measured else { return }
        let s = setup.svc[si]
        let l = setup.deviceSeconds[si]
        metrics.recordPostShift(arrival: t, latency: l)
        metrics.services[si].onDevice += 1
        metrics.record(latency: l, accuracy: s.scored ? setup.deviceAccuracy[si] : 0, service: si, tier: 0, tiers: hasDevice)
        metrics.inferenceS += l
        metrics.deviceJoules += setup.deviceJoules[si]
        if s.scored {
            let acc = setup.deviceAccuracy[si]
            metrics.scored(si, accuracy: acc, cost: max(0, s.referenceAccuracy - acc) / 100, tier: 0, tiers: hasDevice)
        }
    }
}
