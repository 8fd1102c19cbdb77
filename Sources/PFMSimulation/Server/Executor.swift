/// The groups' executors (MODEL.md §3): each group runs one pass at a time; the instances
/// resident on it take turns, one pass each, round robin among those with work. An instance is
/// (group, model): a FIFO of waiting requests and the batch it is running, which stays together
/// for all its passes (a diffusion stage's steps, a static language batch's prefill and decode
/// iterations), so other instances interleave between them.
///
/// The per-group and per-instance state is in `FixedArray`s: a write is a store, without Array's
/// copy-on-write check (a runtime call), and the engine owns its `Executors` and never copies it.
struct Executors {
    let models: Int
    // Per group
    /// The model whose pass is running, -1 when idle.
    var running: FixedArray<Int32>
    var passEnd: FixedArray<Double>
    /// The model that ran last: the round robin continues after it.
    var cursor: FixedArray<Int32>
    /// Estimated seconds of the requests waiting on the group (admission's view of its queue).
    var backlog: FixedArray<Double>

    // Per instance (group × models + model)
    var queueHead: FixedArray<Int32>
    var queueTail: FixedArray<Int32>
    var queued: FixedArray<Int32>
    var batchHead: FixedArray<Int32>
    var batchSize: FixedArray<Int32>
    var passesLeft: FixedArray<Int32>
    var passesDone: FixedArray<Int32>
    /// Prompt tokens of a static language batch, in all.
    var batchPrompt: FixedArray<Double>
    /// Work of a non-language batch: FLOPs of one pass, in all.
    var batchFlops: FixedArray<Double>
    /// The batch's estimated seconds per pass, taken off the group's backlog as each pass starts.
    var batchShare: FixedArray<Double>
    /// Requests assigned to the instance whose stage there has not finished (queued, running, or
    /// still in an earlier stage elsewhere): an instance with any is never a victim.
    var pending: FixedArray<Int32>
    /// When the instance's load finishes (0: loaded, or not resident).
    var readyAt: FixedArray<Double>
    /// Per group, a bit per model: the instance has a batch in progress or requests waiting
    /// (`updateWork` keeps it), so `pick` finds the next instance with work without visiting
    /// every resident one.
    var workBits: FixedArray<UInt64>
    let wordsPerGroup: Int
    /// Per group, a bit per word of `workBits`: the word is not zero. With 10,000 models a scan
    /// reads 3 summary words instead of 157.
    var workWords: FixedArray<UInt64>
    let summaryWordsPerGroup: Int

    init(groups: Int, models: Int) {
        self.models = models
        running = .init(repeating: -1, count: groups)
        passEnd = .init(repeating: .infinity, count: groups)
        cursor = .init(repeating: -1, count: groups)
        backlog = .init(repeating: 0, count: groups)
        let n = groups * models
        queueHead = .init(repeating: -1, count: n)
        queueTail = .init(repeating: -1, count: n)
        queued = .init(repeating: 0, count: n)
        batchHead = .init(repeating: -1, count: n)
        batchSize = .init(repeating: 0, count: n)
        passesLeft = .init(repeating: 0, count: n)
        passesDone = .init(repeating: 0, count: n)
        batchPrompt = .init(repeating: 0, count: n)
        batchFlops = .init(repeating: 0, count: n)
        batchShare = .init(repeating: 0, count: n)
        pending = .init(repeating: 0, count: n)
        readyAt = .init(repeating: 0, count: n)
        wordsPerGroup = (models + 63) / 64
        workBits = .init(repeating: 0, count: groups * wordsPerGroup)
        summaryWordsPerGroup = (wordsPerGroup + 63) / 64
        workWords = .init(repeating: 0, count: groups * summaryWordsPerGroup)
    }

    /// Sets instance i's work bit from its queue and batch.
    @inline(__always)
    mutating func updateWork(_ i: Int) {
        let g = i / models, m = i - g * models
        let w = g * wordsPerGroup + (m >> 6), bit = UInt64(1) << UInt64(m & 63)
        if passesLeft[i] > 0 || queued[i] > 0 { workBits[w] |= bit } else { workBits[w] &= ~bit }
        let sw = g * summaryWordsPerGroup + (m >> 12), sbit = UInt64(1) << UInt64((m >> 6) & 63)
        if workBits[w] != 0 { workWords[sw] |= sbit } else { workWords[sw] &= ~sbit }
    }

    /// The lowest model in `lo..<hi` of group g with its work bit set, or -1.
    @inline(__always)
    func firstWork(group g: Int, from lo: Int, below hi: Int) -> Int {
        guard lo < hi else { return -1 }
        let base = g * wordsPerGroup
        var w = lo >> 6
        var word = workBits[base + w] & (~UInt64(0) << UInt64(lo & 63))
        while word == 0 {
            // The next non-zero word after w, from the summary bits.
            let next = w + 1
            guard next < wordsPerGroup, next << 6 < hi else { return -1 }
            let sbase = g * summaryWordsPerGroup
            var sw = next >> 6
            var summary = workWords[sbase + sw] & (~UInt64(0) << UInt64(next & 63))
            while summary == 0 {
                sw += 1
                guard sw < summaryWordsPerGroup else { return -1 }
                summary = workWords[sbase + sw]
            }
            w = (sw << 6) + summary.trailingZeroBitCount
            word = workBits[base + w]
        }
        let found = (w << 6) + word.trailingZeroBitCount
        return found < hi ? found : -1
    }

    @inline(__always) func instance(_ g: Int, _ m: Int) -> Int { g * models + m }

    /// The instance has a pass it could run at `t`: loaded, and a batch in progress or requests waiting.
    @inline(__always)
    func hasWork(_ i: Int, at t: Double) -> Bool {
        readyAt[i] <= t && (passesLeft[i] > 0 || queued[i] > 0)
    }

    mutating func enqueue(_ r: Int, instance i: Int, requests: inout RequestPool) {
        requests.next[r] = -1
        if queueTail[i] >= 0 { requests.next[Int(queueTail[i])] = Int32(r) } else { queueHead[i] = Int32(r) }
        queueTail[i] = Int32(r)
        queued[i] += 1
        updateWork(i)
    }

    /// The next instance of group g to run at t, round robin after the one that ran last: the
    /// lowest model above the cursor with work and loaded, else the lowest at or below it; -1 if
    /// none. Only resident instances have work. - Complexity: O(models / 4096) summary words and
    /// the words with work, plus the instances with work still loading
    func pick(group g: Int, at t: Double) -> Int {
        let after = Int(cursor[g])
        // Two scans: models above the cursor, then from 0 (the wrap) up to it.
        var (lo, hi) = (max(0, after + 1), models)
        for _ in 0..<2 {
            var m = firstWork(group: g, from: lo, below: hi)
            while m >= 0 {
                if readyAt[g * models + m] <= t { return m }
                m = firstWork(group: g, from: m + 1, below: hi)
            }
            (lo, hi) = (0, min(models, after + 1))
        }
        return -1
    }
}
