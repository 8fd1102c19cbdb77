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
    }

    /// The next instance of group g to run at t, round robin after the one that ran last, among
    /// `residents` (the group's resident models); -1 if none has work.
    func pick(group g: Int, residents: [Int32], at t: Double) -> Int {
        let after = Int(cursor[g])
        var best = -1, wrap = -1
        // Index loops: a for-in over an array allocates per element in debug builds.
        for j in 0..<residents.count {
            let m = Int(residents[j])
            guard hasWork(instance(g, m), at: t) else { continue }
            if m > after { if best < 0 || m < best { best = m } } else if wrap < 0 || m < wrap { wrap = m }
        }
        return best >= 0 ? best : wrap
    }
}
