import PFMCatalog

/// The v2 simulator (MODEL.md §2–§8): an event loop over the next arrival, the next pass
/// completion of each GPU group and the next load completion, driving the components
/// `Executors` (passes, round robin, batching), `Residency` (per-group caches, placement, loads
/// and evictions), the admission in `ServerEngine+Admission.swift` and `ServerMetrics`.
/// Generic over the eviction policy, so every policy call is static.
///
/// Language stages run continuous batching (`llm_batching: continuous`, ServerEngine+Continuous:
/// a pass is one iteration of the instance's executor) or v1's static batches (`static`: a batch
/// of one service's requests whose prefill and decode iterations are passes of their own, so other
/// instances on the group interleave between them).
///
/// Helpers that only read are `mutating` too: the struct holds the compiled set-up and plan
/// inline, and a non-mutating method called from a mutating one copied all of it per call (a
/// third of the paper mix's run time was memmove, found with `perf record`).
public struct ServerEngine<Policy: EvictionPolicy> {
    let setup: CompiledSetup
    let plan: ServerPlan
    let run: RunConfig
    var exec: Executors
    var residency: GroupResidency<Policy>
    var requests: RequestPool
    var metrics: ServerMetrics
    var caching: ActiveCaching
    var partialCounts = PartialCounts()
    let hasDevice: Bool
    var measuring = false
    var lastEvent = 0.0
    /// Per stage offset of the request being admitted: group, choice, whether it must be loaded.
    var planGroup: [Int]
    var planChoice: [Int]
    var planMissing: [Bool]
    /// Continuous batching's executors, and the next arrival (the closed-form runs stop before it).
    var lang: LanguageExecutors
    var arrivalHorizon = Double.infinity
    /// The admitted request's predicted TTFT (from arrival, before the uplink) and TPOT, from
    /// `planStages` (0 for a service without a language stage).
    var planTTFT = 0.0
    var planTPOT = 0.0
    /// random-cache's coin (a seeded stream of its own) and its chance of the edge.
    var edgeCoin: SplitMix64
    let edgeProbability: Double

    public init(setup: CompiledSetup, plan: ServerPlan, policy: Policy, run: RunConfig) {
        self.setup = setup
        self.plan = plan
        self.run = run
        let groups = plan.groupCount
        exec = Executors(groups: groups, models: setup.modelCount)
        residency = GroupResidency(setup: setup, groups: groups, policy: policy)
        let maxStages = (0..<setup.svc.count).map { setup.stages(of: $0).count }.max() ?? 1
        requests = RequestPool(maxStages: maxStages)
        hasDevice = setup.device != nil
        metrics = ServerMetrics(services: setup.svc.count, models: setup.modelCount, groups: groups, tiers: hasDevice, batchMeans: run.batchMeans)
        caching = ActiveCaching(setup: setup, plan: plan, run: run, offloadsEverything: Policy.offloadsEverything)
        if let spec = setup.settings.caching {
            metrics.shiftTimes = setup.workload.shifts.map(\.atS).sorted()
            metrics.postShiftWindow = spec.postShiftWindowS
        }
        planGroup = Array(repeating: -1, count: maxStages)
        planChoice = Array(repeating: -1, count: maxStages)
        planMissing = Array(repeating: false, count: maxStages)
        lang = LanguageExecutors(groups: groups, models: setup.modelCount, enabled: plan.continuous)
        edgeCoin = SplitMix64(seed: SplitMix64.derive(run.seed, RandomCache.name))
        edgeProbability = setup.settings.caching?.randomCacheProbability ?? CachingSpec.defaults.randomCacheProbability
    }

    /// The engine of a compiled option, on its own plan.
    public init(setup: CompiledSetup, policy: Policy, run: RunConfig) {
        self.init(setup: setup, plan: setup.serverPlan, policy: policy, run: run)
    }

    // MARK: - The event loop

    public mutating func simulate<Source: ArrivalSource>(_ source: inout Source) -> SimulationResult {
        for g in 0..<plan.groupCount { residency.policies[g].start(&residency.caches[g]) }
        var next = source.next()
        var measuredArrivals = 0
        let limit = run.requests ?? Int.max
        while let a = next {
            arrivalHorizon = a.time
            advance(to: a.time, decisions: true)
            startMeasuringIfDue(a.time)
            for g in 0..<plan.groupCount { residency.policies[g].advance(to: a.time) }
            let measured = a.time >= run.warmupS
            if measured { measuredArrivals += 1 }
            // The next arrival is drawn first: passes this one starts may run up to it in closed form.
            next = measuredArrivals >= limit ? nil : source.next()
            arrivalHorizon = next?.time ?? .infinity
            arrive(Int(a.service), at: a.time, measured: measured)
            lastEvent = max(lastEvent, a.time)
        }
        arrivalHorizon = .infinity
        advance(to: .infinity, decisions: false)
        return result()
    }

    /// Runs the server's own events up to `tA` (the next arrival), in time order: pass
    /// completions, load and top-up completions at or before it, and active caching's decisions
    /// strictly before it (none once the arrivals have ended).
    mutating func advance(to tA: Double, decisions: Bool) {
        while true {
            var gP = -1, tP = Double.infinity
            for g in 0..<plan.groupCount where exec.running[g] >= 0 && exec.passEnd[g] < tP { gP = g; tP = exec.passEnd[g] }
            var jL = -1, tL = Double.infinity
            for j in residency.loadingGroup.indices {
                let i = exec.instance(Int(residency.loadingGroup[j]), Int(residency.loadingModel[j]))
                if exec.readyAt[i] < tL { jL = j; tL = exec.readyAt[i] }
            }
            var gT = -1, tT = Double.infinity
            if plan.partial { for g in 0..<plan.groupCount where residency.topUpEnd[g] < tT { gT = g; tT = residency.topUpEnd[g] } }
            // Events in time order; at equal times a pass, then a load, then a top-up, then a
            // decision (which so sees what finished at its instant), all before the arrival.
            let tD = decisions && caching.enabled ? caching.nextDecision : .infinity
            if tD < tA && tD < tP && tD < tL && tD < tT { decide(at: tD); continue }
            if gP >= 0 && tP <= tL && tP <= tT && tP <= tA { finishPass(group: gP, at: tP); continue }
            if jL >= 0 && tL <= tT && tL <= tA { finishLoad(jL, at: tL); continue }
            if gT >= 0 && tT <= tA { finishTopUp(group: gT, at: tT); continue }
            return
        }
    }

    @inline(__always)
    mutating func startMeasuringIfDue(_ t: Double) {
        if !measuring && t >= run.warmupS {
            measuring = true
            metrics.residentAtStart = residency.caches.reduce(0) { $0 + $1.residentCount }
        }
    }

    // MARK: - Passes (MODEL.md §3)

    /// Starts the next pass on group g at t if it is idle and an instance has work.
    mutating func kick(group g: Int, at t: Double) {
        guard exec.running[g] < 0 else { return }
        let m = exec.pick(group: g, at: t)
        guard m >= 0 else {
            topUpIfIdle(group: g, at: t)
            return
        }
        startPass(group: g, model: m, at: t)
    }

    mutating func startPass(group g: Int, model m: Int, at t: Double) {
        let i = exec.instance(g, m)
        if isContinuous(m) {
            let x = startIteration(group: g, model: m, instance: i, at: t)
            exec.running[g] = Int32(m)
            exec.cursor[g] = Int32(m)
            exec.passEnd[g] = t + x.seconds
            if t >= run.warmupS {
                metrics.groups[g].busyS += x.seconds
                metrics.groups[g].passes += x.iterations
                metrics.groups[g].items += x.running * x.iterations
            }
            return
        }
        if exec.passesLeft[i] == 0 { formBatch(group: g, model: m, instance: i, at: t) }
        let stream = streamSeconds(m, on: g)
        let d = passSeconds(group: g, model: m, instance: i) + stream
        exec.backlog[g] -= exec.batchShare[i]
        exec.running[g] = Int32(m)
        exec.cursor[g] = Int32(m)
        exec.passEnd[g] = t + d
        if t >= run.warmupS {
            metrics.groups[g].busyS += d
            metrics.groups[g].passes += 1
            metrics.groups[g].items += Int(exec.batchSize[i])
            partialCounts.streamingS += stream
        }
    }

    /// Takes the instance's next batch: the oldest waiting request and up to max_batch − 1 more
    /// that can share its passes (the same stage for a language model, whose static batch shares
    /// prompt and output lengths; the same number of repeats otherwise), in arrival order. Every
    /// request of the batch sees the same context, then each becomes an example.
    mutating func formBatch(group g: Int, model m: Int, instance i: Int, at t: Double) {
        let head = Int(exec.queueHead[i])
        let hk = Int(requests.stagePos[head])
        let stage = Int(setup.svc[Int(requests.service[head])].stageStart) + hk
        let language = setup.choices[requests.choice(head, stage: hk)].isLanguage
        let repeats = setup.stageRepeat[stage]
        var prev = -1, r = head, b = 0, tail = -1
        var prompt = 0.0, flops = 0.0, longest = 0.0
        exec.batchHead[i] = -1
        while r >= 0 && b < setup.config.maxBatch {
            let nextR = Int(requests.next[r])
            let k = Int(requests.stagePos[r])
            let st = Int(setup.svc[Int(requests.service[r])].stageStart) + k
            if language ? st == stage : setup.stageRepeat[st] == repeats {
                // Unlink r from the queue and append it to the batch.
                if prev >= 0 { requests.next[prev] = Int32(nextR) } else { exec.queueHead[i] = Int32(nextR) }
                if exec.queueTail[i] == Int32(r) { exec.queueTail[i] = Int32(prev) }
                exec.queued[i] -= 1
                exec.backlog[g] -= requests.estimate[r]
                longest = max(longest, requests.estimate[r])
                requests.next[r] = -1
                if tail >= 0 { requests.next[tail] = Int32(r) } else { exec.batchHead[i] = Int32(r) }
                tail = r
                let ci = requests.choice(r, stage: k)
                let slot = Int(setup.hot[ci].slot)
                let examples = slot >= 0 ? CacheState.examples(residency.caches[g].context(slot: slot, at: t), max: setup.hot[ci].kMax) : 0
                let s = setup.svc[Int(requests.service[r])]
                prompt += s.tokensIn + Double(examples) * setup.choices[ci].tokensPerExample
                flops += setup.choices[ci].gflops * 1e9
                if setup.hot[ci].scored {
                    requests.accuracy[r] = setup.accuracy(choice: ci, examples: examples)
                    requests.accuracyCost[r] = setup.accuracyCost(choice: ci, examples: examples)
                }
                b += 1
            } else {
                prev = r
            }
            r = nextR
        }
        if exec.queued[i] == 0 { exec.queueHead[i] = -1; exec.queueTail[i] = -1 }
        // The served requests become demonstrations.
        var x = Int(exec.batchHead[i])
        while x >= 0 {
            let ci = requests.choice(x, stage: Int(requests.stagePos[x]))
            let slot = Int(setup.hot[ci].slot)
            if slot >= 0 { residency.caches[g].addExamples(slot: slot, count: 1, at: t) }
            x = Int(requests.next[x])
        }
        residency.caches[g].model[m].lastUse = t
        residency.caches[g].model[m].uses &+= b
        residency.policies[g].didUse(m, &residency.caches[g], now: t)
        if t >= run.warmupS { metrics.modelEdgeRequests[m] &+= b }
        let ci = requests.choice(head, stage: hk)
        exec.batchSize[i] = Int32(b)
        exec.batchPrompt[i] = prompt
        exec.batchFlops[i] = flops
        exec.passesDone[i] = 0
        let measured = setup.choices[ci].measuredS > 0
        let passes = language && !measured ? Int(repeats) * (1 + Int(setup.svc[Int(requests.service[head])].tokensOut)) : Int(repeats)
        exec.passesLeft[i] = Int32(passes)
        exec.updateWork(i)
        // The batch stays in the group's backlog until its passes have run, a share per pass, so
        // that admission sees the rest of a many-pass batch, not only its running pass.
        exec.batchShare[i] = longest / Double(passes)
        exec.backlog[g] += longest
    }

    /// The duration of the instance's next pass (roofline v2, MODEL.md §4).
    mutating func passSeconds(group g: Int, model m: Int, instance i: Int) -> Double {
        let head = Int(exec.batchHead[i])
        let ci = requests.choice(head, stage: Int(requests.stagePos[head]))
        let c = setup.choices[ci]
        let b = Double(exec.batchSize[i])
        if c.measuredS > 0 { return c.measuredS * b }
        let w = setup.weightBytes[m]
        if c.isLanguage {
            let perToken = c.gflops * 1e9
            // Pass j of a repeat: 0 the prefill, then one decode iteration per output token.
            let perRepeat = 1 + Int32(setup.svc[Int(requests.service[head])].tokensOut)
            let done = Double(exec.passesDone[i] % perRepeat)
            if done == 0 {
                return plan.prefillSeconds(model: m, group: g, promptTokens: exec.batchPrompt[i], flopsPerToken: perToken,
                                           weightBytes: w, kvPerToken: setup.kvPerToken[m])
            }
            return plan.decodeSeconds(model: m, group: g, batch: b, contextTokens: exec.batchPrompt[i] + b * done,
                                      flopsPerToken: perToken, weightBytes: w, kvPerToken: setup.kvPerToken[m])
        }
        return plan.itemPassSeconds(model: m, group: g, items: b, flops: exec.batchFlops[i], weightBytes: w)
    }

    mutating func finishPass(group g: Int, at t: Double) {
        startMeasuringIfDue(t)
        let m = Int(exec.running[g])
        let i = exec.instance(g, m)
        exec.running[g] = -1
        exec.passEnd[g] = .infinity
        lastEvent = max(lastEvent, t)
        if isContinuous(m) {
            finishIteration(group: g, model: m, instance: i, at: t)
            refreshPin(group: g, model: m, at: t)
            kick(group: g, at: t)
            return
        }
        exec.passesLeft[i] -= 1
        exec.passesDone[i] += 1
        exec.updateWork(i)
        markFirstTokens(instance: i, at: t)
        if exec.passesLeft[i] == 0 {
            var r = Int(exec.batchHead[i])
            exec.batchHead[i] = -1
            exec.batchSize[i] = 0
            while r >= 0 {
                let nextR = Int(requests.next[r])
                exec.pending[i] -= 1
                advance(r, at: t)
                r = nextR
            }
            refreshPin(group: g, model: m, at: t)
        }
        kick(group: g, at: t)
    }

    /// A static language batch's first tokens come at the end of its first prefill pass; its TPOT
    /// is the rest of its passes over O − 1 tokens when the batch ends (a measured stage, one pass:
    /// first token at its end, TPOT 0).
    mutating func markFirstTokens(instance i: Int, at t: Double) {
        let last = exec.passesLeft[i] == 0
        guard exec.passesDone[i] == 1 || last else { return }
        var r = Int(exec.batchHead[i])
        guard r >= 0 else { return }
        let ci = requests.choice(r, stage: Int(requests.stagePos[r]))
        guard setup.choices[ci].isLanguage else { return }
        let out = setup.svc[Int(requests.service[r])].tokensOut
        while r >= 0 {
            if requests.firstToken[r] < 0 || exec.passesDone[i] == 1 { requests.firstToken[r] = t }
            if last { requests.tpot[r] = out > 1 && setup.choices[ci].measuredS <= 0 ? (t - requests.firstToken[r]) / (out - 1) : 0 }
            r = Int(requests.next[r])
        }
    }

    /// A request's stage finished at t: on to its next stage's instance, or done.
    mutating func advance(_ r: Int, at t: Double) {
        let si = Int(requests.service[r])
        let k = Int(requests.stagePos[r]) + 1
        if k < setup.stages(of: si).count {
            requests.stagePos[r] = Int32(k)
            let h = requests.group(r, stage: k)
            let ci = requests.choice(r, stage: k)
            let m = Int(setup.hot[ci].model)
            if isContinuous(m) {
                enqueueLanguage(r, group: h, model: m, choice: ci, at: t)
            } else {
                let e = stageEstimate(choice: ci, stage: Int(setup.svc[si].stageStart) + k, group: h, examples: 0)
                requests.estimate[r] = e
                exec.backlog[h] += e
                exec.enqueue(r, instance: exec.instance(h, m), requests: &requests)
            }
            kick(group: h, at: t)
            return
        }
        complete(r, at: t)
    }

    mutating func complete(_ r: Int, at t: Double) {
        defer { requests.release(r) }
        guard requests.measured[r] else { return }
        let si = Int(requests.service[r])
        let s = setup.svc[si]
        let l = s.uplinkS + (t - requests.arrival[r]) + s.downlinkS
        metrics.services[si].edge &+= 1
        metrics.record(latency: l, accuracy: s.scored ? requests.accuracy[r] : 0, service: si, tier: 1, tiers: hasDevice)
        metrics.recordPostShift(arrival: requests.arrival[r], latency: l)
        if requests.hit[r] { metrics.hits &+= 1 }
        var good = l <= s.sloS
        if s.language && requests.firstToken[r] >= 0 {
            let ttft = s.uplinkS + requests.firstToken[r] - requests.arrival[r], tpot = requests.tpot[r]
            metrics.recordTokens(service: si, ttft: ttft, tpot: tpot)
            good = good && ttft <= s.ttftSloS && tpot <= s.tpotSloS
        }
        if good { metrics.services[si].good &+= 1 }
        metrics.inferenceS += t - requests.arrival[r]
        metrics.offloadingS += s.uplinkS + s.downlinkS
        if s.scored {
            let cost = requests.accuracyCost[r]
            metrics.scored(si, accuracy: requests.accuracy[r], cost: cost, tier: 1, tiers: hasDevice)
            metrics.edgeAccuracyCostSum += cost
        }
    }

    // MARK: - Loads (MODEL.md §6)

    mutating func finishLoad(_ j: Int, at t: Double) {
        startMeasuringIfDue(t)
        let g = Int(residency.loadingGroup[j]), m = Int(residency.loadingModel[j])
        residency.loadingGroup.remove(at: j)
        residency.loadingModel.remove(at: j)
        exec.readyAt[exec.instance(g, m)] = 0
        lastEvent = max(lastEvent, t)
        refreshPin(group: g, model: m, at: t)
        kick(group: g, at: t)
    }

    /// An instance with work or a load in progress is never a victim.
    @inline(__always)
    mutating func refreshPin(group g: Int, model m: Int, at t: Double) {
        let i = exec.instance(g, m)
        residency.setPinned(m, on: g, exec.pending[i] > 0 || exec.readyAt[i] > t || residency.topUpModel[g] == Int32(m))
    }

    /// When a load of m onto g started now would finish (after the loads already on g's links).
    @inline(__always)
    mutating func loadReady(_ m: Int, on g: Int, fraction k: Int, at t: Double) -> Double {
        max(t, residency.linksFreeAt[g]) + plan.loadSeconds(model: m, group: g, fraction: k)
    }

    /// Starts loading m onto g at t, evicting idle instances in the policy's order; false if they
    /// cannot free enough. Under partial residency the load may take a fraction of the layers.
    mutating func startLoad(_ m: Int, on g: Int, at t: Double) -> Bool {
        let counting = t >= run.warmupS
        var k = wholeFraction
        if plan.partial {
            k = partialFraction(m, on: g, at: t)
            if k < 0 { return false }
        } else {
            let bytes = plan.bytes(model: m, group: g)
            reclaimLentMemory(on: g, need: bytes, at: t)
            while residency.usedBytes[g] + bytes > plan.groupUsableBytes[g] * (1 + 1e-12) {
                let v = residency.evictOne(on: g, at: t)
                if v < 0 { return false }
                countEviction(v, on: g, counting: counting)
            }
        }
        let bytes = plan.bytes(model: m, group: g, fraction: k)
        var replica = false
        for h in 0..<plan.groupCount where h != g && residency.resident(m, on: h) { replica = true }
        residency.insert(m, on: g, bytes: bytes, fraction: k, at: t)
        attachLanguage(m, on: g, at: t)
        precondition(residency.usedBytes[g] <= plan.groupUsableBytes[g] * (1 + 1e-12), "GPU memory over capacity")
        let l = plan.loadSeconds(model: m, group: g, fraction: k)
        if counting && k < wholeFraction { partialCounts.partialLoads += 1 }
        let ready = max(t, residency.linksFreeAt[g]) + l
        residency.linksFreeAt[g] = ready
        exec.readyAt[exec.instance(g, m)] = ready
        residency.setPinned(m, on: g, true)
        if counting {
            metrics.loads += 1; metrics.modelLoads[m] += 1; metrics.groups[g].loads += 1; metrics.switchS += l
            if replica { metrics.groups[g].replicas += 1 }
        }
        return true
    }

    // MARK: - Estimates

    /// Seconds of one stage for one request on group g with k examples (admission's estimate).
    mutating func stageEstimate(choice ci: Int, stage st: Int, group g: Int, examples k: Int) -> Double {
        let c = setup.choices[ci]
        let m = Int(c.model)
        let repeats = setup.stageRepeat[st]
        let stream = passes(choice: ci, stage: st) * streamSeconds(m, on: g)
        if c.measuredS > 0 { return c.measuredS * repeats + stream }
        let s = setup.svc[Int(setup.hot[ci].service)]
        let w = setup.weightBytes[m]
        if c.isLanguage {
            let p = s.tokensIn + Double(k) * c.tokensPerExample
            let perToken = c.gflops * 1e9
            let prefill = plan.prefillSeconds(model: m, group: g, promptTokens: p, flopsPerToken: perToken, weightBytes: w, kvPerToken: setup.kvPerToken[m])
            let decode = plan.decodeSeconds(model: m, group: g, batch: 1, contextTokens: p + s.tokensOut / 2, flopsPerToken: perToken,
                                            weightBytes: w, kvPerToken: setup.kvPerToken[m])
            return repeats * (prefill + s.tokensOut * decode) + stream
        }
        return repeats * plan.itemPassSeconds(model: m, group: g, items: 1, flops: c.gflops * 1e9, weightBytes: w) + stream
    }

    /// Passes one request's stage makes: a language stage's prefill and decode iterations, else its repeats.
    @inline(__always)
    mutating func passes(choice ci: Int, stage st: Int) -> Double {
        let c = setup.choices[ci]
        if c.isLanguage && c.measuredS <= 0 { return setup.stageRepeat[st] * (1 + setup.svc[Int(setup.hot[ci].service)].tokensOut) }
        return setup.stageRepeat[st]
    }

    /// Seconds before work queued now on group g would start: the running pass's rest and the backlog.
    @inline(__always)
    mutating func wait(on g: Int, at t: Double) -> Double {
        (exec.running[g] >= 0 ? max(0, exec.passEnd[g] - t) : 0) + max(0, exec.backlog[g])
    }
}
