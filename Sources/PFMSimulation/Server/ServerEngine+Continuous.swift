import PFMCatalog

/// Continuous batching in the server (MODEL.md §3.2): a language instance's turn is one
/// iteration of its `ContinuousBatcher`; when it is the only instance of its group with work, the
/// pure-decode iterations before the next event run in closed form first. First tokens and
/// completions take effect at the pass's end; a completed request becomes an example of its
/// (model, task) context. Each instance keeps KV blocks for its longest request and borrows the
/// group's free memory while sequences wait; loads take borrowed free blocks back before they
/// evict anything.
extension ServerEngine {
    @inline(__always)
    mutating func isContinuous(_ m: Int) -> Bool { plan.continuous && plan.continuousModel[m] }

    // MARK: - Memory

    /// Takes borrowed free blocks back from g's language instances until `need` bytes are free
    /// beyond what is used, or none is left to take.
    mutating func reclaimLentMemory(on g: Int, need: Double, at t: Double) {
        guard plan.continuous, lang.lentBytes[g] > 0 else { return }
        let list = residency.caches[g].residentList
        for j in 0..<list.count {
            if residency.usedBytes[g] + need <= plan.groupUsableBytes[g] * (1 + 1e-12) { return }
            let m = Int(list[j]), i = exec.instance(g, m)
            guard isContinuous(m), lang.lent[i] > 0, let b = lang.batcher[i] else { continue }
            let bb = plan.kvBlockBytes[m]
            let short = residency.usedBytes[g] + need - plan.groupUsableBytes[g]
            let want = min(lang.lent[i], Int((short / bb).rounded(.up)))
            let k = b.releaseFreeBlocks(want, floor: plan.kvMinBlocks[m], at: t)
            giveBack(k, instance: i, model: m, group: g)
        }
    }

    mutating func giveBack(_ k: Int, instance i: Int, model m: Int, group g: Int) {
        guard k > 0 else { return }
        let bytes = Double(k) * plan.kvBlockBytes[m]
        lang.lent[i] -= k
        lang.lentBytes[g] -= bytes
        residency.caches[g].model[m].residentNow -= bytes
        residency.usedBytes[g] -= bytes
    }

    /// Lends instance i free memory of its group while sequences wait, up to kvMaxBlocks.
    mutating func growPool(instance i: Int, model m: Int, group g: Int, batcher b: ContinuousBatcher, at t: Double) {
        guard b.waitingCount > 0 else { return }
        let bb = plan.kvBlockBytes[m]
        let room = plan.kvMaxBlocks[m] - plan.kvMinBlocks[m] - lang.lent[i]
        let free = plan.groupUsableBytes[g] - residency.usedBytes[g]
        guard room > 0, bb > 0, free >= bb else { return }
        let k = min(room, Int(min(free / bb, 1e12)))
        guard k > 0, b.setPoolBlocks(b.config.kvBlocks + k, at: t) else { return }
        let bytes = Double(k) * bb
        lang.lent[i] += k
        lang.lentBytes[g] += bytes
        residency.caches[g].model[m].residentNow += bytes
        residency.usedBytes[g] += bytes
        residency.peakBytes[g] = max(residency.peakBytes[g], residency.usedBytes[g])
    }

    /// A continuous instance was evicted from g: its borrowed bytes (already out of `usedBytes`
    /// with its resident bytes) leave the group's lent total; its prefixes go with its context.
    mutating func detachLanguage(_ m: Int, from g: Int) {
        guard isContinuous(m) else { return }
        let i = exec.instance(g, m)
        lang.lentBytes[g] -= Double(lang.lent[i]) * plan.kvBlockBytes[m]
        lang.detach(instance: i, group: g)
        exec.passesLeft[i] = 0
        exec.updateWork(i)
    }

    /// A continuous instance of m became resident on g (a load or a preload started).
    mutating func attachLanguage(_ m: Int, on g: Int, at t: Double) {
        guard isContinuous(m) else { return }
        lang.attach(instance: exec.instance(g, m), plan: plan, model: m, group: g, blocks: plan.kvMinBlocks[m], at: t)
    }

    // MARK: - Requests

    /// Queues request r's current stage (choice ci) on instance (g, m): its context is the
    /// examples the (model, task) pair holds now.
    mutating func enqueueLanguage(_ r: Int, group g: Int, model m: Int, choice ci: Int, at t: Double) {
        let i = exec.instance(g, m)
        guard let b = lang.batcher[i] else { preconditionFailure("a continuous request on an instance without an executor") }
        let slot = Int(setup.hot[ci].slot)
        let examples = slot >= 0 ? CacheState.examples(residency.caches[g].context(slot: slot, at: t), max: setup.hot[ci].kMax) : 0
        let s = setup.svc[Int(requests.service[r])]
        if setup.hot[ci].scored {
            requests.accuracy[r] = setup.accuracy(choice: ci, examples: examples)
            requests.accuracyCost[r] = setup.accuracyCost(choice: ci, examples: examples)
        }
        let context = Int((Double(examples) * setup.choices[ci].tokensPerExample).rounded(.up))
        let task = slot >= 0 ? Int(plan.taskOfSlot[slot]) : 0
        let ok = b.enqueue(request: Int32(r), task: task, promptTokens: max(1, Int(s.tokensIn)), contextTokens: context,
                           outputTokens: max(1, Int(s.tokensOut)), arrival: t)
        precondition(ok, "a request larger than its instance's reserved KV")
        residency.caches[g].model[m].lastUse = t
        residency.caches[g].model[m].uses &+= 1
        residency.policies[g].didUse(m, &residency.caches[g], now: t)
        if t >= run.warmupS { metrics.modelEdgeRequests[m] &+= 1 }
        exec.passesLeft[i] = 1
        exec.updateWork(i)
    }

    // MARK: - Iterations

    /// Whether no other instance of g than m has work at t (its decode runs may then be jumped).
    mutating func aloneWithWork(group g: Int, model m: Int, at t: Double) -> Bool {
        // The group's work bits (Executors.updateWork), less m's own, loaded by t.
        var other = exec.firstWork(group: g, from: 0, below: exec.models)
        while other >= 0 {
            if other != m && exec.readyAt[exec.instance(g, other)] <= t { return false }
            other = exec.firstWork(group: g, from: other + 1, below: exec.models)
        }
        return true
    }

    /// The next event that could change what group g runs: an arrival, another group's pass
    /// end that moves a request on to g, a load, a top-up or an active-caching decision.
    mutating func horizon(excluding g: Int) -> Double {
        var h = arrivalHorizon
        for x in 0..<plan.groupCount where x != g && exec.running[x] >= 0 && exec.passEnd[x] < h && passFeeds(x, g) {
            h = exec.passEnd[x]
        }
        for j in residency.loadingGroup.indices {
            h = min(h, exec.readyAt[exec.instance(Int(residency.loadingGroup[j]), Int(residency.loadingModel[j]))])
        }
        if plan.partial { for x in 0..<plan.groupCount { h = min(h, residency.topUpEnd[x]) } }
        if caching.enabled { h = min(h, caching.nextDecision) }
        return h
    }

    /// Whether group x's running pass, when it ends, moves a request's next stage onto group g:
    /// a continuous iteration's completions, or the last pass of a batch. No other effect of a
    /// pass end reaches another group (evictions and loads come with arrivals and decisions).
    mutating func passFeeds(_ x: Int, _ g: Int) -> Bool {
        let m = Int(exec.running[x])
        if isContinuous(m) {
            let done = lang.events[x].completions.count
            for j in 0..<done where nextGroup(Int(lang.events[x].completions[j].request)) == g { return true }
            return false
        }
        let i = exec.instance(x, m)
        guard exec.passesLeft[i] == 1 else { return false }
        var r = Int(exec.batchHead[i])
        while r >= 0 {
            if nextGroup(r) == g { return true }
            r = Int(requests.next[r])
        }
        return false
    }

    /// The group of request r's next stage, or -1 after its last.
    @inline(__always)
    mutating func nextGroup(_ r: Int) -> Int {
        let k = Int(requests.stagePos[r]) + 1
        return k < setup.stages(of: Int(requests.service[r])).count ? requests.group(r, stage: k) : -1
    }

    /// Runs instance (g, m)'s turn from t and returns its duration: the closed-form decode run
    /// when alone, then one iteration.
    mutating func startIteration(group g: Int, model m: Int, instance i: Int, at t: Double) -> (seconds: Double, iterations: Int, running: Int) {
        guard let b = lang.batcher[i] else { preconditionFailure("a continuous pass on an instance without an executor") }
        growPool(instance: i, model: m, group: g, batcher: b, at: t)
        let before = b.stats
        lang.events[g].removeAll()
        // A jumped run is the whole turn: it may end after the next event (an arrival the next
        // iteration must see), so no iteration is added to it.
        var end = aloneWithWork(group: g, model: m, at: t) ? b.advanceDecodeOnly(now: t, until: horizon(excluding: g)) : t
        if end == t { end = b.runIteration(now: t, events: &lang.events[g]) }
        let after = b.stats
        if t >= run.warmupS { lang.count(group: g, before: before, after: after, blockBytes: plan.kvBlockBytes[m]) }
        return (end - t, after.iterations - before.iterations, b.runningCount)
    }

    /// Applies the iteration's events at its end t: first tokens, then completions (each an
    /// example of its context, then on to the request's next stage).
    mutating func finishIteration(group g: Int, model m: Int, instance i: Int, at t: Double) {
        let firsts = lang.events[g].firstTokens.count
        for j in 0..<firsts {
            let e = lang.events[g].firstTokens[j]
            requests.firstToken[Int(e.request)] = e.time
        }
        let done = lang.events[g].completions.count
        for j in 0..<done {
            let c = lang.events[g].completions[j]
            let r = Int(c.request)
            requests.firstToken[r] = c.firstToken
            requests.tpot[r] = c.outputTokens > 1 ? (c.completion - c.firstToken) / Double(c.outputTokens - 1) : 0
            let ci = requests.choice(r, stage: Int(requests.stagePos[r]))
            let slot = Int(setup.hot[ci].slot)
            if slot >= 0 { residency.caches[g].addExamples(slot: slot, count: 1, at: t) }
            exec.pending[i] -= 1
            advance(r, at: t)
        }
        lang.events[g].removeAll()
        exec.passesLeft[i] = (lang.batcher[i]?.hasWork ?? false) ? 1 : 0
        exec.updateWork(i)
    }

    // MARK: - Predictions (MODEL.md §7)

    /// The predicted TTFT (from the instance's next iteration) and TPOT of a request of choice ci
    /// with `examples` in context on (g, m), from the executor's real state; an instance not yet
    /// resident is predicted idle.
    mutating func predictLanguage(choice ci: Int, group g: Int, model m: Int, examples: Int) -> (ttft: Double, tpot: Double) {
        let s = setup.svc[Int(setup.hot[ci].service)]
        let context = Int((Double(examples) * setup.choices[ci].tokensPerExample).rounded(.up))
        let own = Int(s.tokensIn)
        let slot = Int(setup.hot[ci].slot)
        let decodeContext = context + own + Int(s.tokensOut) / 2
        if residency.resident(m, on: g), let b = lang.batcher[exec.instance(g, m)] {
            let cached = slot >= 0 && b.config.prefixCaching ? min(context, b.prefix(task: Int(plan.taskOfSlot[slot]))) : 0
            let wait = b.predictQueueWait(blocks: b.blocksFor(contextTokens: context, promptTokens: own, outputTokens: Int(s.tokensOut)))
            return (wait + b.predictTTFT(prefillTokens: own + context - cached), b.predictTPOT(context: decodeContext))
        }
        let shape = plan.languageShape[m], roof = plan.languageRoofline[m * plan.sizes.count + plan.groupSize[g]]
        let budget = plan.scheduler?.maxNumBatchedTokens ?? Int.max
        var left = own + context, ttft = 0.0, done = 0
        while left > 0 {
            let n = min(left, budget)
            let c = Double(done), x = Double(n)
            ttft += LanguageIteration.seconds(shape, roof, tokens: x, attention: c * x + x * (x + 1) / 2, kvRead: c)
            done += n; left -= n
        }
        let c = Double(decodeContext)
        return (ttft, LanguageIteration.seconds(shape, roof, tokens: 1, attention: c + 1, kvRead: c))
    }
}
