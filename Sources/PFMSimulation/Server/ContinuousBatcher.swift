/// One language instance's continuous-batching scheduler (MODEL.md §3.2), as vLLM's: a waiting
/// FIFO and a running set of at most `max_num_seqs` sequences; each iteration every decoding
/// sequence makes one token, sequences still in prefill get their next chunk, then waiting
/// sequences are admitted in FIFO order while the set has room, the token budget lasts and KV
/// blocks remain for their first chunk. KV is held in blocks from a pool shared with the tasks'
/// cached prefixes; when a decode needs a block and none is free, the most recently admitted
/// sequence is preempted and returns to the head of the queue, to be prefilled again.
///
/// An iteration costs O(1) plus O(log n) per sequence that joins or leaves the decode set: the
/// decoding sequences are kept as aggregates (count, Σ context, a heap of completion steps,
/// counts by block phase), never visited one by one. `advanceDecodeOnly` jumps over a run of
/// pure-decode iterations in closed form. State lives in arrays sized once (lanes, heap) or grown
/// by doubling (the waiting ring): no allocation per request or per iteration.
///
/// A class: one instance's state must never be copied.
public final class ContinuousBatcher {
    public private(set) var config: BatcherConfig
    public private(set) var shape: LanguageShape
    public private(set) var roofline: GroupRoofline
    public private(set) var stats = BatcherStats()

    private var lanes: [Lane]
    private var freeLanes: [Int32]
    private var runHead: Int32 = -1, runTail: Int32 = -1
    private var preHead: Int32 = -1, preTail: Int32 = -1
    private var waiting: WaitingRing
    /// Decoding lanes by the decode step at which they complete.
    private var completions: IndexedHeap
    /// Decoding lanes by (own KV tokens − sJoin) mod block: at step S those in bucket (−S) mod block need a block.
    private var phase: [Int]
    private var decodeCount = 0
    /// Σ (lenJoin − sJoin) over decoding lanes: their cached context at step S is sumBase + decodeCount × S.
    private var sumBase: Int64 = 0
    /// Σ completion step over decoding lanes (their mean remaining steps, for admission's wait).
    private var sumDone: Int64 = 0
    /// Decode steps taken (iterations with at least one decoding sequence).
    private var step: Int64 = 0
    private var admitCounter: Int64 = 0
    private(set) public var freeBlocks: Int
    private var prefixTokens: [Int]
    /// Per task: running sequences of the task (its prefix is in use), and the admission that used it last.
    private var prefixUsers: [Int32]
    private var prefixLastUse: [Int64]
    /// Blocks of prefixes no running sequence uses: reclaimed, least recently used first, before
    /// any preemption or refusal (vLLM's evictable cached blocks).
    public private(set) var reclaimableBlocks = 0
    private var scheduled: [Int32]
    /// Tokens the waiting sequences would prefill without prefix hits, and those the running
    /// sequences still in prefill have left: admission's view of the work ahead of a newcomer.
    public private(set) var waitingPrefillTokens = 0
    public private(set) var runningPrefillTokensLeft = 0
    private var lastTime = 0.0

    /// - Precondition: `config.problem == nil`.
    public init(config: BatcherConfig, shape: LanguageShape, roofline: GroupRoofline) {
        precondition(config.problem == nil, config.problem ?? "")
        self.config = config
        self.shape = shape
        self.roofline = roofline
        let n = config.maxNumSeqs
        let empty = PendingSeq(request: -1, task: 0, own: 0, context: 0, target: 0, generated: 0, preemptions: 0,
                               arrival: 0, firstToken: -1, runningSeconds: 0)
        lanes = Array(repeating: Lane(seq: empty, prefillLen: 0, prefilled: 0, ctxBase: 0, ext: 0, transferred: 0, admitOrder: 0,
                                      admittedAt: 0, decoding: false, sJoin: 0, gJoin: 0, kvJoin: 0, lenJoin: 0, chunk: 0,
                                      prev: -1, next: -1, pprev: -1, pnext: -1), count: n)
        freeLanes = (0..<Int32(n)).reversed().map { $0 }
        waiting = WaitingRing(capacity: 2 * n)
        completions = IndexedHeap(capacity: n)
        phase = Array(repeating: 0, count: config.kvBlockTokens)
        freeBlocks = config.kvBlocks
        prefixTokens = Array(repeating: 0, count: max(config.tasks, 1))
        prefixUsers = Array(repeating: 0, count: max(config.tasks, 1))
        prefixLastUse = Array(repeating: -1, count: max(config.tasks, 1))
        scheduled = []
        scheduled.reserveCapacity(n)
    }

    // MARK: - State

    public var runningCount: Int { config.maxNumSeqs - freeLanes.count }
    public var waitingCount: Int { waiting.count }
    public var decodingCount: Int { decodeCount }
    public var usedBlocks: Int { config.kvBlocks - freeBlocks }

    /// A pass could run now: a sequence is running, or one waits (with nothing running, the head
    /// is always admitted: `enqueue` took only requests the pool can hold, and prefixes yield).
    public var hasWork: Bool { runningCount > 0 || !waiting.isEmpty }

    @inline(__always) private func blocks(_ tokens: Int) -> Int { (tokens + config.kvBlockTokens - 1) / config.kvBlockTokens }

    @inline(__always) private func mod(_ x: Int64) -> Int {
        let b = Int64(config.kvBlockTokens)
        return Int(((x % b) + b) % b)
    }

    // MARK: - Prefixes (MODEL.md §3.2, prefix caching)

    public func prefix(task: Int) -> Int { prefixTokens[task] }

    /// Sets task's cached prefix to `tokens` (shrinking frees blocks; growing takes them).
    /// Returns false, changing nothing, when the pool lacks the blocks.
    @discardableResult
    public func setPrefix(task: Int, tokens: Int) -> Bool {
        let delta = blocks(max(tokens, 0)) - blocks(prefixTokens[task])
        guard delta <= freeBlocks else { return false }
        freeBlocks -= delta
        if prefixUsers[task] == 0 { reclaimableBlocks += delta }
        prefixTokens[task] = max(tokens, 0)
        return true
    }

    /// Frees unused prefixes, least recently used first (ties: the lower task), until `needed`
    /// blocks are free or none is left; `sparing` (a task, or -1) keeps its own.
    private func reclaim(_ needed: Int, sparing: Int) {
        while freeBlocks < needed {
            var best = -1
            for t in 0..<prefixTokens.count where t != sparing && prefixUsers[t] == 0 && prefixTokens[t] > 0 {
                if best < 0 || prefixLastUse[t] < prefixLastUse[best] { best = t }
            }
            guard best >= 0 else { return }
            freePrefix(task: best)
            stats.prefixReclaims += 1
        }
    }

    private func freeAllPrefixesCounting() {
        for t in 0..<prefixTokens.count where prefixTokens[t] > 0 {
            freePrefix(task: t)
            stats.prefixReclaims += 1
        }
    }

    private func usePrefix(_ task: Int) {
        if prefixUsers[task] == 0 { reclaimableBlocks -= blocks(prefixTokens[task]) }
        prefixUsers[task] += 1
    }

    private func leavePrefix(_ task: Int) {
        prefixUsers[task] -= 1
        if prefixUsers[task] == 0 { reclaimableBlocks += blocks(prefixTokens[task]) }
    }

    /// Frees task's cached prefix: what an eviction of the (model, task) context does.
    public func freePrefix(task: Int) { setPrefix(task: task, tokens: 0) }

    /// Frees every task's prefix (the model's eviction).
    public func freeAllPrefixes() { for t in 0..<prefixTokens.count { freePrefix(task: t) } }

    /// Resizes the KV pool (the group's free memory changed: a load or an eviction beside this
    /// instance). Growing always works; shrinking only while the instance has no work and its
    /// prefixes fit the smaller pool. Returns whether the pool changed.
    @discardableResult
    public func setPoolBlocks(_ n: Int, at t: Double? = nil) -> Bool {
        guard n >= 1 else { return false }
        let delta = n - config.kvBlocks
        if delta < 0 && (hasWork || freeBlocks + delta < 0) { return false }
        if let t { integrate(to: t) }
        config.kvBlocks = n
        freeBlocks += delta
        return true
    }

    /// Gives back up to `n` free blocks, keeping at least `floor` in the pool (a load beside this
    /// instance needs memory it lent out); safe while it works: a later shortage preempts.
    /// Returns the blocks released.
    @discardableResult
    public func releaseFreeBlocks(_ n: Int, floor: Int, at t: Double) -> Int {
        let k = max(0, min(n, freeBlocks, config.kvBlocks - max(floor, 1)))
        guard k > 0 else { return 0 }
        integrate(to: t)
        config.kvBlocks -= k
        freeBlocks -= k
        return k
    }

    /// Makes an idle executor another model's (a pooled executor taken for a load): its shape,
    /// roofline and tasks change, its pool is `kvBlocks` and empty. Allocates only when the new
    /// model has more tasks than any before. - Precondition: no work.
    public func reassign(shape: LanguageShape, roofline: GroupRoofline, tasks: Int, kvBlocks n: Int, at t: Double) {
        reset(kvBlocks: n, at: t)
        self.shape = shape
        self.roofline = roofline
        let k = max(tasks, 1)
        if prefixTokens.count < k {
            prefixTokens = Array(repeating: 0, count: k)
            prefixUsers = Array(repeating: 0, count: k)
            prefixLastUse = Array(repeating: -1, count: k)
        }
        config.tasks = tasks
    }

    /// Empties the instance for reuse after its model's eviction: prefixes freed, the pool set to
    /// `kvBlocks`. - Precondition: no work (`hasWork` false); an instance with work is never evicted.
    public func reset(kvBlocks n: Int, at t: Double) {
        precondition(!hasWork, "resetting an instance with work")
        integrate(to: t)
        freeAllPrefixes()
        for j in 0..<prefixLastUse.count { prefixLastUse[j] = -1 }
        step = 0
        config.kvBlocks = max(n, 1)
        freeBlocks = config.kvBlocks
        reclaimableBlocks = 0
    }

    // MARK: - Arrivals

    /// Whether a request of these sizes can ever run on the instance: its own prompt and output,
    /// and its context (shared when prefix caching), fit the pool.
    public func fits(contextTokens k: Int, promptTokens p: Int, outputTokens o: Int) -> Bool {
        guard p >= 1, o >= 1, k >= 0 else { return false }
        let need = config.prefixCaching ? blocks(p + o) + blocks(k) : blocks(k + p + o)
        return need <= config.kvBlocks
    }

    /// Queues a request at the tail of the waiting FIFO. `promptTokens` are its own tokens,
    /// `contextTokens` the in-context examples it wants in front of them. Returns false, queueing
    /// nothing, when it can never fit (`fits`) or the task is out of range.
    /// - Complexity: O(1) amortised
    @discardableResult
    public func enqueue(request: Int32, task: Int, promptTokens: Int, contextTokens: Int, outputTokens: Int, arrival: Double) -> Bool {
        guard task >= 0, task < prefixTokens.count, fits(contextTokens: contextTokens, promptTokens: promptTokens, outputTokens: outputTokens),
              promptTokens <= Int(Int32.max), contextTokens <= Int(Int32.max), outputTokens <= Int(Int32.max) else { return false }
        waitingPrefillTokens += contextTokens + promptTokens
        waiting.pushBack(PendingSeq(request: request, task: Int32(task), own: Int32(promptTokens), context: Int32(contextTokens),
                                    target: Int32(outputTokens), generated: 0, preemptions: 0, arrival: arrival, firstToken: -1,
                                    runningSeconds: 0))
        return true
    }

    // MARK: - Lists

    private func appendRunning(_ l: Int32) {
        lanes[Int(l)].prev = runTail; lanes[Int(l)].next = -1
        if runTail >= 0 { lanes[Int(runTail)].next = l } else { runHead = l }
        runTail = l
    }

    private func unlinkRunning(_ l: Int32) {
        let p = lanes[Int(l)].prev, n = lanes[Int(l)].next
        if p >= 0 { lanes[Int(p)].next = n } else { runHead = n }
        if n >= 0 { lanes[Int(n)].prev = p } else { runTail = p }
    }

    private func appendPrefill(_ l: Int32) {
        lanes[Int(l)].pprev = preTail; lanes[Int(l)].pnext = -1
        if preTail >= 0 { lanes[Int(preTail)].pnext = l } else { preHead = l }
        preTail = l
    }

    private func unlinkPrefill(_ l: Int32) {
        let p = lanes[Int(l)].pprev, n = lanes[Int(l)].pnext
        if p >= 0 { lanes[Int(p)].pnext = n } else { preHead = n }
        if n >= 0 { lanes[Int(n)].pprev = p } else { preTail = p }
    }

    // MARK: - Decode set

    /// Own KV tokens of a decoding lane before the step `step`'s write.
    @inline(__always) private func kvNow(_ l: Int) -> Int { lanes[l].kvJoin + Int(step - lanes[l].sJoin) }

    private func joinDecode(_ l: Int32) {
        let i = Int(l)
        lanes[i].decoding = true
        lanes[i].sJoin = step
        lanes[i].gJoin = lanes[i].seq.generated
        lanes[i].kvJoin = lanes[i].prefillLen - lanes[i].transferred
        lanes[i].lenJoin = lanes[i].ctxBase + lanes[i].prefillLen
        phase[mod(Int64(lanes[i].kvJoin) - step)] += 1
        decodeCount += 1
        sumBase += Int64(lanes[i].lenJoin) - step
        let done = step + Int64(lanes[i].seq.target - lanes[i].seq.generated)
        sumDone += done
        completions.set(i, Double(done), Double(lanes[i].admitOrder))
    }

    /// Takes a lane out of the decode set, bringing its generated count up to date.
    private func leaveDecode(_ l: Int32) {
        let i = Int(l)
        phase[mod(Int64(lanes[i].kvJoin) - lanes[i].sJoin)] -= 1
        decodeCount -= 1
        sumBase -= Int64(lanes[i].lenJoin) - lanes[i].sJoin
        sumDone -= lanes[i].sJoin + Int64(lanes[i].seq.target - lanes[i].gJoin)
        completions.remove(i)
        lanes[i].seq.generated = lanes[i].gJoin + Int32(step - lanes[i].sJoin)
        lanes[i].decoding = false
    }

    /// Frees a lane's blocks and the lane itself (after it left the lists).
    private func release(_ l: Int32, at t: Double) {
        lanes[Int(l)].seq.runningSeconds += t - lanes[Int(l)].admittedAt
        leavePrefix(Int(lanes[Int(l)].seq.task))
        freeLanes.append(l)
    }

    /// Preempts the most recently admitted running sequence at `now` (vLLM's recompute): its
    /// blocks are freed, and it returns to the head of the waiting queue. Returns its lane and
    /// whether it was decoding and needed a block at this step (already reserved).
    @discardableResult
    private func preemptNewest(now: Double, reservedDecode: Bool) -> (lane: Int32, hadReservation: Bool) {
        let l = runTail, i = Int(l)
        var reservation = false
        if lanes[i].decoding {
            let kv = kvNow(i)
            reservation = reservedDecode && kv % config.kvBlockTokens == 0
            freeBlocks += blocks(kv) + (reservation ? 1 : 0)
            leaveDecode(l)
        } else {
            freeBlocks += blocks(lanes[i].prefilled - lanes[i].transferred)
            runningPrefillTokensLeft -= lanes[i].prefillLen - lanes[i].prefilled
            unlinkPrefill(l)
        }
        unlinkRunning(l)
        release(l, at: now)
        var s = lanes[i].seq
        s.preemptions += 1
        waitingPrefillTokens += Self.prefillUpperBound(s)
        waiting.pushFront(s)
        stats.preemptions += 1
        // A sequence that cannot grow even alone beside the prefixes takes the pool back from
        // them (all are unused now), or it would be preempted and recomputed for ever.
        if runningCount == 0 { freeAllPrefixesCounting() }
        return (l, reservation)
    }

    @inline(__always) static func prefillUpperBound(_ s: PendingSeq) -> Int { Int(s.context) + Int(s.own) + Int(s.generated) }

    // MARK: - Predictions (MODEL.md §7: SLO-aware admission reads the instance's real state)

    /// The time per output token a sequence with `context` tokens would see if it joined the
    /// decode set now: one decode iteration of the current set plus it (prefill chunks of others
    /// and later joins and leaves ignored). - Complexity: O(1)
    public func predictTPOT(context c: Int) -> Double {
        let d = Double(decodeCount + 1)
        let cached = Double(sumBase + Int64(decodeCount) * step + Int64(c))
        return LanguageIteration.seconds(shape, roofline, tokens: d, attention: cached + d, kvRead: cached)
    }

    /// When a newcomer that prefills `prefillTokens` would get its first token, in seconds from
    /// the start of the next iteration: the prefill work ahead of it (waiting and unfinished,
    /// without prefix hits) and its own, in iterations of the token budget left by the decode set,
    /// each carrying the decode tokens; each chunk is priced as if nothing of its sequence were
    /// cached yet. Ignores completions, max_num_seqs and the KV pool. Exact for a request alone on
    /// an idle instance that prefills in one pass.
    /// - Complexity: O(1)
    public func predictTTFT(prefillTokens p: Int) -> Double {
        let d = decodeCount
        let per = max(1, config.maxNumBatchedTokens - d)
        let total = waitingPrefillTokens + runningPrefillTokensLeft + p
        let k = max(1, (total + per - 1) / per)
        let cached = Double(sumBase + Int64(d) * step)
        var t = 0.0, left = total
        // Full iterations, then the last one with what remains.
        let full = max(0, k - 1), n = Double(min(per, total))
        if full > 0 {
            let one = LanguageIteration.seconds(shape, roofline, tokens: Double(d) + n, attention: cached + Double(d) + (n + 1) / 2 * n, kvRead: cached)
            t += Double(full) * one
            left -= full * per
        }
        let r = Double(left)
        t += LanguageIteration.seconds(shape, roofline, tokens: Double(d) + r, attention: cached + Double(d) + (r + 1) / 2 * r, kvRead: cached)
        return t
    }

    /// Seconds a newcomer needing `blocks` KV blocks would wait for room in the running set:
    /// beyond the free lanes (and the sequences the free and reclaimable blocks hold), the
    /// waiting sequences and it are admitted as running ones complete. Completions are taken as
    /// spread evenly over twice the decode set's mean remaining steps, each step at the decode
    /// set's current iteration time. 0 while there is room. - Complexity: O(1)
    public func predictQueueWait(blocks need: Int) -> Double {
        let d = decodeCount
        guard d > 0 else { return 0 }
        let room = min(config.maxNumSeqs - runningCount, (freeBlocks + reclaimableBlocks) / max(need, 1))
        let ahead = waiting.count + 1 - room
        guard ahead > 0 else { return 0 }
        let remaining = max(1, Double(sumDone) / Double(d) - Double(step))
        let steps = Double(ahead) * 2 * remaining / Double(d)
        let cached = Double(sumBase + Int64(d) * step)
        return steps * LanguageIteration.seconds(shape, roofline, tokens: Double(d), attention: cached + Double(d), kvRead: cached)
    }

    /// The blocks a sequence of these sizes holds at its end (its context shared when prefix caching).
    public func blocksFor(contextTokens k: Int, promptTokens p: Int, outputTokens o: Int) -> Int {
        config.prefixCaching ? blocks(p + o) : blocks(k + p + o)
    }

    // MARK: - Admission

    /// Prefill tokens the sequence needs if admitted now, with its cached-prefix share.
    @inline(__always)
    private func prefillPlan(_ s: PendingSeq) -> (len: Int, ctxBase: Int, ext: Int) {
        let k = Int(s.context)
        let base = config.prefixCaching ? min(prefixTokens[Int(s.task)], k) : 0
        let ext = k - base
        return (ext + Int(s.own) + Int(s.generated), base, ext)
    }

    /// Blocks the head could have: `free` plus the unused prefixes but its own when it uses it.
    private func available(free: Int, for s: PendingSeq, base: Int) -> Int {
        let t = Int(s.task)
        let own = base > 0 && prefixUsers[t] == 0 ? blocks(prefixTokens[t]) : 0
        return free + reclaimableBlocks - own
    }

    /// The first chunk of the queue's head if it can be admitted with `budget` tokens and `free`
    /// blocks left, unused prefixes counting as free (nil: it cannot). Without chunked prefill the
    /// whole prompt must fit the budget, except alone in an otherwise empty iteration.
    private func headChunk(budget: Int, free: Int, tokensSoFar: Int) -> Int? {
        guard !waiting.isEmpty, runningCount < config.maxNumSeqs, budget > 0 else { return nil }
        let plan = prefillPlan(waiting.first)
        let chunk: Int
        if config.chunkedPrefill {
            chunk = min(plan.len, budget)
        } else {
            guard plan.len <= budget || tokensSoFar == 0 else { return nil }
            chunk = plan.len
        }
        return blocks(chunk) <= available(free: free, for: waiting.first, base: plan.ctxBase) ? chunk : nil
    }

    private func headAdmissible(budget: Int, free: Int, tokensSoFar: Int) -> Bool {
        headChunk(budget: budget, free: free, tokensSoFar: tokensSoFar) != nil
    }

    // MARK: - One iteration

    private func integrate(to t: Double) {
        let dt = t - lastTime
        if dt > 0 {
            stats.runningSeqSeconds += Double(runningCount) * dt
            stats.kvBlockSeconds += Double(usedBlocks) * dt
            stats.poolBlockSeconds += Double(config.kvBlocks) * dt
        }
        lastTime = max(lastTime, t)
    }

    /// Runs one iteration starting at `now` (the instance's turn) and returns its end; first
    /// tokens and completions at that end are appended to `events`. Returns `now` when nothing
    /// can run. - Complexity: O(1) + O(log n) per sequence joining or leaving the decode set, plus
    /// the sequences in prefill (a few: the budget admits no more).
    @discardableResult
    public func runIteration(now: Double, events: inout LLMEvents) -> Double {
        integrate(to: now)
        // 1. Every decoding sequence makes one token: reserve the blocks the writes need,
        //    preempting the newest sequences while the pool falls short.
        var need = decodeCount > 0 ? phase[mod(-step)] : 0
        if need > freeBlocks { reclaim(need, sparing: -1) }
        while need > freeBlocks {
            preemptNewest(now: now, reservedDecode: false)
            need = decodeCount > 0 ? phase[mod(-step)] : 0
        }
        freeBlocks -= need
        var prefillTokens = 0
        var attention = 0.0, kvRead = 0.0
        scheduled.removeAll(keepingCapacity: true)

        // 2. Sequences in prefill get their next chunk, in admission order.
        var l = preHead
        prefill: while l >= 0 {
            // Decoders preempted on the way give their tokens back.
            let budget = config.maxNumBatchedTokens - decodeCount - prefillTokens
            guard budget > 0 else { break }
            let i = Int(l)
            let chunk = min(lanes[i].prefillLen - lanes[i].prefilled, budget)
            let extra = blocks(lanes[i].prefilled + chunk) - blocks(lanes[i].prefilled)
            if extra > freeBlocks { reclaim(extra, sparing: -1) }
            while extra > freeBlocks {
                let victim = preemptNewest(now: now, reservedDecode: true)
                if victim.lane == l { l = -1; continue prefill }
            }
            freeBlocks -= extra
            runningPrefillTokensLeft -= chunk
            lanes[i].chunk = chunk
            scheduled.append(l)
            prefillTokens += chunk
            l = lanes[i].pnext
        }

        // 3. Admit waiting sequences in FIFO order. With nothing running, every prefix yields to
        //    the head (it fits the empty pool: `enqueue` checked).
        if runningCount == 0, !waiting.isEmpty,
           headChunk(budget: config.maxNumBatchedTokens, free: freeBlocks, tokensSoFar: 0) == nil {
            freeAllPrefixesCounting()
        }
        while let chunk = headChunk(budget: config.maxNumBatchedTokens - decodeCount - prefillTokens, free: freeBlocks,
                                    tokensSoFar: prefillTokens + decodeCount) {
            let s = waiting.popFront()
            waitingPrefillTokens -= Self.prefillUpperBound(s)
            let plan = prefillPlan(s)
            runningPrefillTokensLeft += plan.len - chunk
            if blocks(chunk) > freeBlocks { reclaim(blocks(chunk), sparing: plan.ctxBase > 0 ? Int(s.task) : -1) }
            let lane = freeLanes.removeLast(), i = Int(lane)
            usePrefix(Int(s.task))
            prefixLastUse[Int(s.task)] = admitCounter
            if s.generated == 0 { stats.prefixHitTokens += plan.ctxBase }
            lanes[i].seq = s
            lanes[i].prefillLen = plan.len; lanes[i].prefilled = 0
            lanes[i].ctxBase = plan.ctxBase; lanes[i].ext = plan.ext; lanes[i].transferred = 0
            lanes[i].admitOrder = admitCounter; admitCounter += 1
            lanes[i].admittedAt = now
            lanes[i].decoding = false
            lanes[i].chunk = chunk
            appendRunning(lane)
            appendPrefill(lane)
            freeBlocks -= blocks(chunk)
            scheduled.append(lane)
            prefillTokens += chunk
        }

        // The pass: decode tokens read their context; chunks attend their cached tokens plus,
        // causally, half their own on average.
        let d = decodeCount
        let cached = Double(sumBase + Int64(d) * step)
        attention = cached + Double(d)
        kvRead = cached
        for j in 0..<scheduled.count {
            let i = Int(scheduled[j])
            let c = Double(lanes[i].ctxBase + lanes[i].prefilled), n = Double(lanes[i].chunk)
            attention += (c + (n + 1) / 2) * n
            kvRead += c
        }
        let tokens = d + prefillTokens
        guard tokens > 0 else { return now }
        let end = now + LanguageIteration.seconds(shape, roofline, tokens: Double(tokens), attention: attention, kvRead: kvRead)
        stats.iterations += 1
        stats.busySeconds += end - now
        stats.prefillTokens += prefillTokens
        stats.decodeTokens += d
        integrate(to: end)

        // Apply at the end: decode step, completions, finished prefills.
        if d > 0 {
            step += 1
            while let top = completions.first, Int64(lanes[top].sJoin) + Int64(lanes[top].seq.target - lanes[top].gJoin) <= step {
                let lane = Int32(top)
                freeBlocks += blocks(kvNow(top))
                leaveDecode(lane)
                unlinkRunning(lane)
                finish(lane, at: end, events: &events)
            }
        }
        for j in 0..<scheduled.count {
            let lane = scheduled[j], i = Int(lane)
            lanes[i].prefilled += lanes[i].chunk
            lanes[i].chunk = 0
            guard lanes[i].prefilled == lanes[i].prefillLen else { continue }
            unlinkPrefill(lane)
            stats.prefillsCompleted += 1
            lanes[i].seq.generated += 1
            if lanes[i].seq.firstToken < 0 {
                lanes[i].seq.firstToken = end
                events.firstTokens.append(LLMFirstToken(request: lanes[i].seq.request, time: end))
            }
            transferContext(i)
            if lanes[i].seq.generated >= lanes[i].seq.target {
                freeBlocks += blocks(lanes[i].prefilled - lanes[i].transferred)
                unlinkRunning(lane)
                finish(lane, at: end, events: &events)
                continue
            }
            joinDecode(lane)
        }
        return end
    }

    /// At prefill end the in-context tokens this sequence computed become the task's cached
    /// prefix (or are dropped as a duplicate when another sequence cached them first). The
    /// sequence keeps them when the pool cannot take the prefix's rounding.
    private func transferContext(_ i: Int) {
        guard config.prefixCaching, lanes[i].ext > 0 else { return }
        let task = Int(lanes[i].seq.task)
        let target = lanes[i].ctxBase + lanes[i].ext
        let own = lanes[i].prefilled
        let released = blocks(own) - blocks(own - lanes[i].ext)
        let grow = prefixTokens[task] >= target ? 0 : blocks(target) - blocks(prefixTokens[task])
        guard grow <= released + freeBlocks else { return }
        freeBlocks += released - grow
        prefixTokens[task] = max(prefixTokens[task], target)
        lanes[i].transferred = lanes[i].ext
    }

    private func finish(_ lane: Int32, at end: Double, events: inout LLMEvents) {
        release(lane, at: end)
        let s = lanes[Int(lane)].seq
        events.completions.append(LLMCompletion(request: s.request, arrival: s.arrival, firstToken: s.firstToken, completion: end,
                                                outputTokens: s.target, preemptions: s.preemptions, runningSeconds: s.runningSeconds))
    }

    // MARK: - Closed-form decode runs

    /// Jumps over the run of pure-decode iterations that would start before `until` (the next
    /// arrival, or another instance's turn), when only this instance of its group has work:
    /// nothing in prefill, the queue's head not admissible, and stopping before the iteration
    /// that completes a sequence or runs out of blocks (`runIteration` takes those). Returns the
    /// time reached (`now` when no iteration qualifies). Results equal `runIteration` called
    /// once per iteration, to rounding. - Complexity: O(kv_block_tokens + log iterations)
    @discardableResult
    public func advanceDecodeOnly(now: Double, until: Double) -> Double {
        guard now < until, decodeCount > 0, preHead < 0, let top = completions.first else { return now }
        let d = decodeCount
        // Iteration j of the run writes new blocks for phase[(−step − j) mod b] sequences.
        let b = config.kvBlockTokens
        let phase0 = mod(-step)
        @inline(__always) func before(_ p: Int) -> Int { p == 0 ? b - 1 : p - 1 }
        // The head stays blocked through the run: blocks only shrink and the set does not change.
        let firstNeed = phase[phase0]
        if firstNeed <= freeBlocks,
           headAdmissible(budget: config.maxNumBatchedTokens - d, free: freeBlocks - firstNeed, tokensSoFar: d) { return now }
        // Iterations before the one that completes the first sequence.
        let done = lanes[top].sJoin + Int64(lanes[top].seq.target - lanes[top].gJoin)
        var cap = Int(done - step) - 1
        // Iterations whose block needs the free pool covers: every decoder needs one per block.
        let full = freeBlocks / d
        var left = freeBlocks - full * d
        var rem = 0, p = phase0
        while rem < b {
            let r = phase[p]
            if r > left { break }
            left -= r
            rem += 1
            p = before(p)
        }
        if full < Int.max / b { cap = min(cap, full * b + rem) }
        guard cap > 0 else { return now }
        // Iterations whose start comes before `until`: the run's time is increasing in its length.
        let cached = Double(sumBase + Int64(d) * step)
        let horizon = until - now
        let run = LanguageIteration.DecodeRun(shape, roofline, batch: Double(d), cached: cached)
        func total(_ k: Int) -> Double { run.seconds(count: k) }
        var lo = 1, hi = cap   // iteration 0 starts at now < until
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            if total(mid - 1) < horizon { lo = mid } else { hi = mid - 1 }
        }
        let n = lo
        let elapsed = total(n)
        // Blocks the run's writes took.
        var used = (n / b) * d
        p = phase0
        for _ in 0..<(n % b) { used += phase[p]; p = before(p) }
        integrate(to: now)
        freeBlocks -= used
        // KV in use grows inside the run; ∫ used dt over it, iteration by iteration in closed form
        // would need the run's times: approximate it with the run's mean use (metrics only).
        stats.runningSeqSeconds += Double(runningCount) * elapsed
        stats.kvBlockSeconds += (Double(usedBlocks) - Double(used) / 2) * elapsed
        stats.poolBlockSeconds += Double(config.kvBlocks) * elapsed
        lastTime = now + elapsed
        step += Int64(n)
        stats.iterations += n
        stats.closedFormIterations += n
        stats.busySeconds += elapsed
        stats.decodeTokens += n * d
        return now + elapsed
    }
}
