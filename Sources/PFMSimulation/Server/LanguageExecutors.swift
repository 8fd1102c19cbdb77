/// The language instances' continuous-batching executors (MODEL.md §3.2): per resident instance
/// (group × models + model) one `ContinuousBatcher`, taken at its load from the group's spares
/// (an evicted instance's) or created when there is none, so that loads in the steady state
/// allocate nothing; the blocks each instance has
/// borrowed from its group's free memory; and per group the events of the iteration in flight and
/// the counters of the measured window (MODEL.md §8).
struct LanguageExecutors {
    struct GroupCounts {
        var runningSeqS = 0.0
        var kvUsedByteS = 0.0
        var kvPoolByteS = 0.0
        var preemptions = 0
        var iterations = 0
        var closedFormIterations = 0
    }

    var batcher: [ContinuousBatcher?]
    /// Per group: executors of evicted instances, kept for the next load (so the number created
    /// is the most language instances ever resident on the group at once).
    var spare: [[ContinuousBatcher]]
    /// Per instance: blocks borrowed beyond the `kvMinBlocks` its resident bytes always hold.
    var lent: [Int]
    /// Per group: bytes its instances have borrowed (counted in `usedBytes`, so placement sees them
    /// as used); lets a load skip the reclaim scan when nothing is lent.
    var lentBytes: [Double]
    /// Per group: first tokens and completions of the iteration in flight, applied at its end.
    var events: [LLMEvents]
    var counts: [GroupCounts]

    init(groups: Int, models: Int, enabled: Bool) {
        batcher = Array(repeating: nil, count: enabled ? groups * models : 0)
        lent = Array(repeating: 0, count: enabled ? groups * models : 0)
        lentBytes = Array(repeating: 0, count: groups)
        spare = (0..<groups).map { _ in
            var a: [ContinuousBatcher] = []
            a.reserveCapacity(enabled ? min(models, 64) : 0)
            return a
        }
        events = (0..<(enabled ? groups : 0)).map { _ in LLMEvents(capacity: 512) }
        counts = Array(repeating: GroupCounts(), count: groups)
    }

    /// The instance's executor with an empty pool of `blocks`, reusing the one it had.
    mutating func attach(instance i: Int, plan: ServerPlan, model m: Int, group g: Int, blocks: Int, at t: Double) {
        let roof = plan.languageRoofline[m * plan.sizes.count + plan.groupSize[g]]
        if let b = batcher[i] {
            b.reset(kvBlocks: blocks, at: t)
        } else if let b = spare[g].popLast() {
            b.reassign(shape: plan.languageShape[m], roofline: roof, tasks: plan.tasksOfModel[m], kvBlocks: blocks, at: t)
            batcher[i] = b
        } else {
            guard let s = plan.scheduler else { preconditionFailure("a continuous instance on a plan without a scheduler") }
            let config = BatcherConfig(maxNumSeqs: s.maxNumSeqs, maxNumBatchedTokens: s.maxNumBatchedTokens, kvBlockTokens: s.kvBlockTokens,
                                       chunkedPrefill: s.chunkedPrefill, prefixCaching: s.prefixCaching, kvBlocks: max(blocks, 1),
                                       tasks: plan.tasksOfModel[m])
            batcher[i] = ContinuousBatcher(config: config, shape: plan.languageShape[m], roofline: roof)
        }
        lent[i] = 0
    }

    /// An evicted instance's executor goes back to its group's spares.
    mutating func detach(instance i: Int, group g: Int) {
        guard let b = batcher[i] else { return }
        spare[g].append(b)
        batcher[i] = nil
        lent[i] = 0
    }

    /// Adds the stats the batcher gained over `before` to group g's measured counters.
    mutating func count(group g: Int, before: BatcherStats, after: BatcherStats, blockBytes bb: Double) {
        counts[g].runningSeqS += after.runningSeqSeconds - before.runningSeqSeconds
        counts[g].kvUsedByteS += (after.kvBlockSeconds - before.kvBlockSeconds) * bb
        counts[g].kvPoolByteS += (after.poolBlockSeconds - before.poolBlockSeconds) * bb
        counts[g].preemptions += after.preemptions - before.preemptions
        counts[g].iterations += after.iterations - before.iterations
        counts[g].closedFormIterations += after.closedFormIterations - before.closedFormIterations
    }
}
