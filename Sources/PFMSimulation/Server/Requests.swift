/// Requests in flight at the edge, in flat arrays indexed by a request id that is reused once
/// the request completes (a free list), so that the steady state allocates nothing. Each request
/// keeps, per stage of its service, the group and the choice admission picked for it.
struct RequestPool {
    var service: [Int32] = []
    var arrival: [Double] = []
    var measured: [Bool] = []
    /// Offset of the current stage within the service's stages.
    var stagePos: [Int32] = []
    /// Next request in the same instance queue or batch (-1: none).
    var next: [Int32] = []
    /// Estimated seconds of the current stage at batch 1 (what it adds to its group's backlog).
    var estimate: [Double] = []
    /// Every stage's model was resident when the request was admitted.
    var hit: [Bool] = []
    /// The last scored stage's accuracy and accuracy cost.
    var accuracy: [Double] = []
    var accuracyCost: [Double] = []
    /// A language stage's first token (−1: none yet) and its time per output token.
    var firstToken: [Double] = []
    var tpot: [Double] = []
    /// Per (request, stage offset): the group and the absolute choice index, request-major.
    var stageGroup: [Int32] = []
    var stageChoice: [Int32] = []
    let maxStages: Int
    var free: [Int32] = []

    init(maxStages: Int, capacity: Int = 4096) {
        self.maxStages = max(1, maxStages)
        grow(to: capacity)
    }

    mutating func grow(to n: Int) {
        let old = service.count
        guard n > old else { return }
        service += repeatElement(0, count: n - old)
        arrival += repeatElement(0, count: n - old)
        measured += repeatElement(false, count: n - old)
        stagePos += repeatElement(0, count: n - old)
        next += repeatElement(-1, count: n - old)
        estimate += repeatElement(0, count: n - old)
        hit += repeatElement(false, count: n - old)
        accuracy += repeatElement(0, count: n - old)
        accuracyCost += repeatElement(0, count: n - old)
        firstToken += repeatElement(-1, count: n - old)
        tpot += repeatElement(0, count: n - old)
        stageGroup += repeatElement(-1, count: (n - old) * maxStages)
        stageChoice += repeatElement(-1, count: (n - old) * maxStages)
        free.reserveCapacity(n)
        for r in (old..<n).reversed() { free.append(Int32(r)) }
    }

    /// A fresh request id (the pool doubles when full: amortised, never in the steady state).
    mutating func allocate(service si: Int, arrival t: Double, measured m: Bool) -> Int {
        if free.isEmpty { grow(to: service.count * 2) }
        let r = Int(free.removeLast())
        service[r] = Int32(si); arrival[r] = t; measured[r] = m; stagePos[r] = 0; next[r] = -1
        estimate[r] = 0; hit[r] = false; accuracy[r] = 0; accuracyCost[r] = 0
        firstToken[r] = -1; tpot[r] = 0
        return r
    }

    mutating func release(_ r: Int) { free.append(Int32(r)) }

    @inline(__always) func group(_ r: Int, stage k: Int) -> Int { Int(stageGroup[r * maxStages + k]) }
    @inline(__always) func choice(_ r: Int, stage k: Int) -> Int { Int(stageChoice[r * maxStages + k]) }
}
