@testable import PFMSimulation

/// A plain iteration-by-iteration continuous-batching scheduler (MODEL.md §3.2), written to be
/// obviously right rather than fast: every sequence is a struct in one array, every iteration
/// visits every running sequence, lists are arrays searched and shifted. `ContinuousBatcher`
/// (aggregates, a completion heap, block-phase counts, closed-form decode runs) must give the
/// same times and counts.
final class ReferenceBatcher {
    struct Seq {
        var request: Int32, task: Int, own: Int, context: Int, target: Int
        var arrival: Double
        var generated = 0, preemptions = 0
        var firstToken = -1.0, runningSeconds = 0.0, completion = -1.0
        // While running:
        var decoding = false, prefillLen = 0, prefilled = 0, ctxBase = 0, ext = 0, transferred = 0
        /// Own KV tokens and context tokens in all (with the prefix) of a decoding sequence.
        var kv = 0, cached = 0
        var admittedAt = 0.0, chunk = 0, reserved = false
    }

    let config: BatcherConfig, shape: LanguageShape, roofline: GroupRoofline
    var seqs: [Seq] = []
    var waiting: [Int] = []
    /// Admission order.
    var running: [Int] = []
    var prefix: [Int]
    /// Per task: running sequences, and the admission number that used the prefix last.
    var users: [Int], lastUse: [Int]
    var admissions = 0
    var free: Int
    var prefixReclaims = 0
    var iterations = 0, preemptions = 0, prefillTokens = 0, decodeTokens = 0, prefillsCompleted = 0

    init(config: BatcherConfig, shape: LanguageShape, roofline: GroupRoofline) {
        self.config = config; self.shape = shape; self.roofline = roofline
        prefix = Array(repeating: 0, count: max(1, config.tasks))
        users = Array(repeating: 0, count: max(1, config.tasks))
        lastUse = Array(repeating: -1, count: max(1, config.tasks))
        free = config.kvBlocks
    }

    func blocks(_ t: Int) -> Int { (t + config.kvBlockTokens - 1) / config.kvBlockTokens }

    func enqueue(_ a: LLMArrival, request: Int32) -> Bool {
        let need = config.prefixCaching ? blocks(a.promptTokens + a.outputTokens) + blocks(a.contextTokens)
                                        : blocks(a.contextTokens + a.promptTokens + a.outputTokens)
        guard need <= config.kvBlocks else { return false }
        seqs.append(Seq(request: request, task: a.task, own: a.promptTokens, context: a.contextTokens, target: a.outputTokens, arrival: a.time))
        waiting.append(seqs.count - 1)
        return true
    }

    func plan(_ s: Seq) -> (len: Int, base: Int, ext: Int) {
        let base = config.prefixCaching ? min(prefix[s.task], s.context) : 0
        return (s.context - base + s.own + s.generated, base, s.context - base)
    }

    func headChunk(budget: Int, tokensSoFar: Int) -> Int? {
        guard let h = waiting.first, running.count < config.maxNumSeqs, budget > 0 else { return nil }
        let len = plan(seqs[h]).len
        let chunk: Int
        if config.chunkedPrefill { chunk = min(len, budget) } else {
            guard len <= budget || tokensSoFar == 0 else { return nil }
            chunk = len
        }
        let p = plan(seqs[h])
        var reclaimable = 0
        for t in prefix.indices where users[t] == 0 && !(t == seqs[h].task && p.base > 0) { reclaimable += blocks(prefix[t]) }
        return blocks(chunk) <= free + reclaimable ? chunk : nil
    }

    var hasWork: Bool { !running.isEmpty || !waiting.isEmpty }

    func freePrefix(_ t: Int) {
        free += blocks(prefix[t])
        prefix[t] = 0
    }

    /// Unused prefixes, least recently used first, until `needed` blocks are free.
    func reclaim(_ needed: Int, sparing: Int) {
        while free < needed {
            let unused = prefix.indices.filter { $0 != sparing && users[$0] == 0 && prefix[$0] > 0 }
            guard let t = unused.min(by: { (lastUse[$0], $0) < (lastUse[$1], $1) }) else { return }
            freePrefix(t)
            prefixReclaims += 1
        }
    }

    @discardableResult
    func preemptNewest(now: Double) -> Int {
        let v = running.removeLast()
        if seqs[v].decoding {
            free += blocks(seqs[v].kv) + (seqs[v].reserved ? 1 : 0)
        } else {
            free += blocks(seqs[v].prefilled - seqs[v].transferred)
        }
        seqs[v].decoding = false; seqs[v].reserved = false
        seqs[v].runningSeconds += now - seqs[v].admittedAt
        seqs[v].preemptions += 1
        users[seqs[v].task] -= 1
        preemptions += 1
        waiting.insert(v, at: 0)
        if running.isEmpty { for t in prefix.indices where prefix[t] > 0 { freePrefix(t); prefixReclaims += 1 } }
        return v
    }

    func runIteration(now: Double) -> Double {
        let b = config.kvBlockTokens
        func decoders() -> [Int] { running.filter { seqs[$0].decoding } }
        // 1. decode writes
        let need = decoders().filter({ seqs[$0].kv % b == 0 }).count
        if need > free { reclaim(need, sparing: -1) }
        while decoders().filter({ seqs[$0].kv % b == 0 }).count > free { preemptNewest(now: now) }
        for s in decoders() where seqs[s].kv % b == 0 { seqs[s].reserved = true; free -= 1 }
        // 2. chunks of sequences in prefill, admission order
        var scheduled: [Int] = []
        var prefillTokens = 0
        var k = 0
        outer: while k < running.count {
            let s = running[k]
            k += 1
            if seqs[s].decoding { continue }
            let budget = config.maxNumBatchedTokens - decoders().count - prefillTokens
            if budget <= 0 { break }
            let chunk = min(seqs[s].prefillLen - seqs[s].prefilled, budget)
            let extra = blocks(seqs[s].prefilled + chunk) - blocks(seqs[s].prefilled)
            if extra > free { reclaim(extra, sparing: -1) }
            while extra > free { if preemptNewest(now: now) == s { break outer } }
            free -= extra
            seqs[s].chunk = chunk
            scheduled.append(s)
            prefillTokens += chunk
        }
        // 3. admissions; with nothing running every prefix yields to the head
        if running.isEmpty && !waiting.isEmpty && headChunk(budget: config.maxNumBatchedTokens, tokensSoFar: 0) == nil {
            for t in prefix.indices where prefix[t] > 0 { freePrefix(t); prefixReclaims += 1 }
        }
        while let chunk = headChunk(budget: config.maxNumBatchedTokens - decoders().count - prefillTokens,
                                    tokensSoFar: prefillTokens + decoders().count) {
            let s = waiting.removeFirst()
            let p = plan(seqs[s])
            if blocks(chunk) > free { reclaim(blocks(chunk), sparing: p.base > 0 ? seqs[s].task : -1) }
            users[seqs[s].task] += 1
            lastUse[seqs[s].task] = admissions
            admissions += 1
            seqs[s].prefillLen = p.len; seqs[s].prefilled = 0; seqs[s].ctxBase = p.base; seqs[s].ext = p.ext; seqs[s].transferred = 0
            seqs[s].admittedAt = now; seqs[s].chunk = chunk; seqs[s].decoding = false
            running.append(s)
            free -= blocks(chunk)
            scheduled.append(s)
            prefillTokens += chunk
        }
        let dec = decoders()
        var cached = 0
        for s in dec { cached += seqs[s].cached }
        var attention = Double(cached + dec.count), kvRead = Double(cached)
        for s in scheduled {
            let c = Double(seqs[s].ctxBase + seqs[s].prefilled), n = Double(seqs[s].chunk)
            attention += (c + (n + 1) / 2) * n
            kvRead += c
        }
        let tokens = dec.count + prefillTokens
        guard tokens > 0 else { return now }
        let end = now + LanguageIteration.seconds(shape, roofline, tokens: Double(tokens), attention: attention, kvRead: kvRead)
        iterations += 1
        self.prefillTokens += prefillTokens
        decodeTokens += dec.count
        for s in dec {
            seqs[s].reserved = false
            seqs[s].generated += 1; seqs[s].kv += 1; seqs[s].cached += 1
            if seqs[s].generated >= seqs[s].target {
                free += blocks(seqs[s].kv)
                complete(s, at: end)
            }
        }
        for s in scheduled {
            seqs[s].prefilled += seqs[s].chunk
            guard seqs[s].prefilled == seqs[s].prefillLen else { continue }
            prefillsCompleted += 1
            seqs[s].generated += 1
            if seqs[s].firstToken < 0 { seqs[s].firstToken = end }
            if config.prefixCaching && seqs[s].ext > 0 {
                let target = seqs[s].ctxBase + seqs[s].ext
                let released = blocks(seqs[s].prefilled) - blocks(seqs[s].prefilled - seqs[s].ext)
                let grow = prefix[seqs[s].task] >= target ? 0 : blocks(target) - blocks(prefix[seqs[s].task])
                if grow <= released + free {
                    free += released - grow
                    prefix[seqs[s].task] = max(prefix[seqs[s].task], target)
                    seqs[s].transferred = seqs[s].ext
                }
            }
            if seqs[s].generated >= seqs[s].target {
                free += blocks(seqs[s].prefilled - seqs[s].transferred)
                complete(s, at: end)
                continue
            }
            seqs[s].decoding = true
            seqs[s].kv = seqs[s].prefillLen - seqs[s].transferred
            seqs[s].cached = seqs[s].ctxBase + seqs[s].prefillLen
        }
        return end
    }

    func complete(_ s: Int, at end: Double) {
        running.removeAll { $0 == s }
        users[seqs[s].task] -= 1
        seqs[s].decoding = false
        seqs[s].runningSeconds += end - seqs[s].admittedAt
        seqs[s].completion = end
    }

    /// The same driver as `SingleInstanceLLMSimulation`, one iteration at a time.
    static func run(shape: LanguageShape, roofline: GroupRoofline, config: BatcherConfig, arrivals: [LLMArrival]) -> ReferenceBatcher {
        let r = ReferenceBatcher(config: config, shape: shape, roofline: roofline)
        var next = 0, t = 0.0
        while true {
            while next < arrivals.count && arrivals[next].time <= t { _ = r.enqueue(arrivals[next], request: Int32(next)); next += 1 }
            if !r.hasWork {
                guard next < arrivals.count else { break }
                t = max(t, arrivals[next].time)
                continue
            }
            t = r.runIteration(now: t)
        }
        return r
    }

    /// Sequence of request i (arrival order; nil when refused).
    func seq(request i: Int) -> Seq? { seqs.first { $0.request == Int32(i) } }
}
