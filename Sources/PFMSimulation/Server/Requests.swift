/// Requests in flight at the edge, in flat arrays indexed by a request id that is reused once
/// the request completes (a free list), so that the steady state allocates nothing. Each request
/// keeps, per stage of its service, the group and the choice admission picked for it. The arrays
/// are `FixedArray`s (written in place, no copy-on-write check); the pool doubles them when full.
struct RequestPool {
    var service = FixedArray<Int32>(repeating: 0, count: 0)
    var arrival = FixedArray<Double>(repeating: 0, count: 0)
    var measured = FixedArray<Bool>(repeating: false, count: 0)
    /// Offset of the current stage within the service's stages.
    var stagePos = FixedArray<Int32>(repeating: 0, count: 0)
    /// Next request in the same instance queue or batch (-1: none).
    var next = FixedArray<Int32>(repeating: -1, count: 0)
    /// Estimated seconds of the current stage at batch 1 (what it adds to its group's backlog).
    var estimate = FixedArray<Double>(repeating: 0, count: 0)
    /// Every stage's model was resident when the request was admitted.
    var hit = FixedArray<Bool>(repeating: false, count: 0)
    /// The last scored stage's accuracy and accuracy cost.
    var accuracy = FixedArray<Double>(repeating: 0, count: 0)
    var accuracyCost = FixedArray<Double>(repeating: 0, count: 0)
    /// A language stage's first token (−1: none yet) and its time per output token.
    var firstToken = FixedArray<Double>(repeating: -1, count: 0)
    var tpot = FixedArray<Double>(repeating: 0, count: 0)
    /// Per (request, stage offset): the group and the absolute choice index, request-major.
    var stageGroup = FixedArray<Int32>(repeating: -1, count: 0)
    var stageChoice = FixedArray<Int32>(repeating: -1, count: 0)
    let maxStages: Int
    /// Free ids: `free[0..<freeCount]`, the next one on top.
    var free = FixedArray<Int32>(repeating: 0, count: 0)
    var freeCount = 0

    init(maxStages: Int, capacity: Int = 4096) {
        self.maxStages = max(1, maxStages)
        grow(to: capacity)
    }

    mutating func grow(to n: Int) {
        let old = service.count
        guard n > old else { return }
        service = FixedArray(service, count: n, repeating: 0)
        arrival = FixedArray(arrival, count: n, repeating: 0)
        measured = FixedArray(measured, count: n, repeating: false)
        stagePos = FixedArray(stagePos, count: n, repeating: 0)
        next = FixedArray(next, count: n, repeating: -1)
        estimate = FixedArray(estimate, count: n, repeating: 0)
        hit = FixedArray(hit, count: n, repeating: false)
        accuracy = FixedArray(accuracy, count: n, repeating: 0)
        accuracyCost = FixedArray(accuracyCost, count: n, repeating: 0)
        firstToken = FixedArray(firstToken, count: n, repeating: -1)
        tpot = FixedArray(tpot, count: n, repeating: 0)
        stageGroup = FixedArray(stageGroup, count: n * maxStages, repeating: -1)
        stageChoice = FixedArray(stageChoice, count: n * maxStages, repeating: -1)
        // Every id in use is below old, so the free list holds only the new ids, highest first.
        free = FixedArray(free, count: n, repeating: 0)
        for r in (old..<n).reversed() { free[freeCount] = Int32(r); freeCount += 1 }
    }

    /// A fresh request id (the pool doubles when full: amortised, never in the steady state).
    mutating func allocate(service si: Int, arrival t: Double, measured m: Bool) -> Int {
        if freeCount == 0 { grow(to: service.count * 2) }
        freeCount -= 1
        let r = Int(free[freeCount])
        service[r] = Int32(si); arrival[r] = t; measured[r] = m; stagePos[r] = 0; next[r] = -1
        estimate[r] = 0; hit[r] = false; accuracy[r] = 0; accuracyCost[r] = 0
        firstToken[r] = -1; tpot[r] = 0
        return r
    }

    mutating func release(_ r: Int) { free[freeCount] = Int32(r); freeCount += 1 }

    @inline(__always) func group(_ r: Int, stage k: Int) -> Int { Int(stageGroup[r * maxStages + k]) }
    @inline(__always) func choice(_ r: Int, stage k: Int) -> Int { Int(stageChoice[r * maxStages + k]) }
}
