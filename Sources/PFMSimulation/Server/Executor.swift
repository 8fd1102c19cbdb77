/// The groups' executors (MODEL.md §3): each group runs one pass at a time; the instances
/// resident on it take turns, one pass each, round robin among those with work. An instance is
/// (group, model): a FIFO of waiting requests and the batch it is running, which stays together
/// for all its passes (a diffusion stage's steps, a static language batch's prefill and decode
/// iterations), so other instances interleave between them.
struct Executors {
    let models: Int
    // Per group
    /// The model whose pass is running, -1 when idle.
    var running: [Int32]
    var passEnd: [Double]
    /// The model that ran last: the round robin continues after it.
    var cursor: [Int32]
    /// Estimated seconds of the requests waiting on the group (admission's view of its queue).
    var backlog: [Double]

    // Per instance (group × models + model)
    var queueHead: [Int32]
    var queueTail: [Int32]
    var queued: [Int32]
    var batchHead: [Int32]
    var batchSize: [Int32]
    var passesLeft: [Int32]
    var passesDone: [Int32]
    /// Prompt tokens of a static language batch, in all.
    var batchPrompt: [Double]
    /// Work of a non-language batch: FLOPs of one pass, in all.
    var batchFlops: [Double]
    /// The batch's estimated seconds per pass, taken off the group's backlog as each pass starts.
    var batchShare: [Double]
    /// Requests assigned to the instance whose stage there has not finished (queued, running, or
    /// still in an earlier stage elsewhere): an instance with any is never a victim.
    var pending: [Int32]
    /// When the instance's load finishes (0: loaded, or not resident).
    var readyAt: [Double]
    /// Per group, a bit per model: the instance has a batch in progress or requests waiting
    /// (`updateWork` keeps it), so `pick` finds the next instance with work without visiting
    /// every resident one.
    var workBits: [UInt64]
    let wordsPerGroup: Int

    init(groups: Int, models: Int) {
        self.models = models
        running = Array(repeating: -1, count: groups)
        passEnd = Array(repeating: .infinity, count: groups)
        cursor = Array(repeating: -1, count: groups)
        backlog = Array(repeating: 0, count: groups)
        let n = groups * models
        queueHead = Array(repeating: -1, count: n)
        queueTail = Array(repeating: -1, count: n)
        queued = Array(repeating: 0, count: n)
        batchHead = Array(repeating: -1, count: n)
        batchSize = Array(repeating: 0, count: n)
        passesLeft = Array(repeating: 0, count: n)
        passesDone = Array(repeating: 0, count: n)
        batchPrompt = Array(repeating: 0, count: n)
        batchFlops = Array(repeating: 0, count: n)
        batchShare = Array(repeating: 0, count: n)
        pending = Array(repeating: 0, count: n)
        readyAt = Array(repeating: 0, count: n)
        wordsPerGroup = (models + 63) / 64
        workBits = Array(repeating: 0, count: groups * wordsPerGroup)
    }

    /// Sets instance i's work bit from its queue and batch.
    @inline(__always)
    mutating func updateWork(_ i: Int) {
        let g = i / models, m = i - g * models
        let w = g * wordsPerGroup + (m >> 6), bit = UInt64(1) << UInt64(m & 63)
        if passesLeft[i] > 0 || queued[i] > 0 { workBits[w] |= bit } else { workBits[w] &= ~bit }
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
    /// none. Only resident instances have work. - Complexity: O(models / 64) words, plus the
    /// instances with work still loading
    func pick(group g: Int, at t: Double) -> Int {
        let after = Int(cursor[g])
        let base = g * wordsPerGroup
        // Two scans: models above the cursor, then from 0 (the wrap) up to it.
        var first = max(0, after + 1)
        for pass in 0..<2 {
            let limit = pass == 0 ? models : min(models, after + 1)
            var m = first
            while m < limit {
                var word = workBits[base + (m >> 6)] & (~UInt64(0) << UInt64(m & 63))
                while word != 0 {
                    let found = (m & ~63) + word.trailingZeroBitCount
                    if found >= limit { break }
                    if readyAt[g * models + found] <= t { return found }
                    word &= word - 1
                }
                m = (m & ~63) + 64
            }
            first = 0
        }
        return -1
    }
}
