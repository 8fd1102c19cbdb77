/// A continuous-batching instance's scheduler constants (MODEL.md §3.2): the runtime profile's
/// `max_num_seqs`, `max_num_batched_tokens`, `kv_block_tokens`, `chunked_prefill`,
/// `prefix_caching`, and the instance's KV pool in blocks.
public struct BatcherConfig: Sendable, Hashable {
    public var maxNumSeqs: Int
    public var maxNumBatchedTokens: Int
    public var kvBlockTokens: Int
    public var chunkedPrefill: Bool
    public var prefixCaching: Bool
    /// Blocks in the instance's KV pool (B), shared by its sequences and its tasks' prefixes.
    public var kvBlocks: Int
    /// Tasks (interned ids 0 ..< tasks) that may own a cached prefix on the instance.
    public var tasks: Int

    public init(maxNumSeqs: Int, maxNumBatchedTokens: Int, kvBlockTokens: Int, chunkedPrefill: Bool, prefixCaching: Bool,
                kvBlocks: Int, tasks: Int) {
        self.maxNumSeqs = maxNumSeqs; self.maxNumBatchedTokens = maxNumBatchedTokens; self.kvBlockTokens = kvBlockTokens
        self.chunkedPrefill = chunkedPrefill; self.prefixCaching = prefixCaching; self.kvBlocks = kvBlocks; self.tasks = tasks
    }

    /// What is wrong with the constants, nil when they are usable. The catalog validates the
    /// runtime's keys with positions; this guards callers that build a config by hand.
    public var problem: String? {
        if maxNumSeqs < 1 { return "max_num_seqs must be at least 1" }
        if maxNumBatchedTokens < maxNumSeqs { return "max_num_batched_tokens (\(maxNumBatchedTokens)) must be at least max_num_seqs (\(maxNumSeqs))" }
        if kvBlockTokens < 1 { return "kv_block_tokens must be at least 1" }
        if kvBlocks < 1 { return "the KV pool must hold at least one block" }
        if tasks < 0 { return "negative task count" }
        return nil
    }
}

/// A sequence's first token, at the end of the iteration that finished its first prefill.
public struct LLMFirstToken: Sendable, Hashable {
    public var request: Int32
    public var time: Double
}

/// A finished sequence. TTFT = firstToken − arrival; TPOT = (completion − firstToken) / (O − 1).
public struct LLMCompletion: Sendable, Hashable {
    public var request: Int32
    public var arrival: Double
    public var firstToken: Double
    public var completion: Double
    public var outputTokens: Int32
    /// Times the sequence was preempted (and its KV recomputed).
    public var preemptions: Int32
    /// Seconds it spent in the running set, over all its admissions.
    public var runningSeconds: Double
}

/// Where `runIteration` reports what happened: the caller owns it and clears it
/// (`removeAll(keepingCapacity:)`), so reporting allocates nothing in the steady state.
public struct LLMEvents: Sendable {
    public var firstTokens: [LLMFirstToken] = []
    public var completions: [LLMCompletion] = []
    public init(capacity: Int = 256) {
        firstTokens.reserveCapacity(capacity)
        completions.reserveCapacity(capacity)
    }
    public mutating func removeAll() {
        firstTokens.removeAll(keepingCapacity: true)
        completions.removeAll(keepingCapacity: true)
    }
}

/// Counters of one instance's executor since its creation (MODEL.md §8: mean running-set
/// size, KV utilisation, preemptions), and the tokens it processed (for conservation checks).
public struct BatcherStats: Sendable, Hashable {
    public var iterations: Int = 0
    /// Of those, iterations `advanceDecodeOnly` jumped over in closed form.
    public var closedFormIterations: Int = 0
    public var preemptions: Int = 0
    public var busySeconds: Double = 0
    /// ∫ running-set size dt, from the first call on.
    public var runningSeqSeconds: Double = 0
    /// ∫ KV blocks in use dt (sequences and prefixes).
    public var kvBlockSeconds: Double = 0
    /// ∫ KV pool blocks dt (the pool grows and shrinks with the memory it borrows).
    public var poolBlockSeconds: Double = 0
    public var prefillTokens: Int = 0
    public var decodeTokens: Int = 0
    /// Prefills that ran to their end (each makes one token: Σ O = decodeTokens + prefillsCompleted).
    public var prefillsCompleted: Int = 0
    /// Unused prefixes freed for want of blocks.
    public var prefixReclaims: Int = 0
    /// Prompt tokens not prefilled because a cached prefix held them.
    public var prefixHitTokens: Int = 0
}

/// A sequence that waits: new, or preempted and back at the head of the queue.
struct PendingSeq {
    var request: Int32
    var task: Int32
    /// The request's own prompt tokens, the in-context tokens it wants before them, its output target O.
    var own: Int32
    var context: Int32
    var target: Int32
    /// Tokens generated so far (> 0 after a preemption: recomputed with the prompt).
    var generated: Int32
    var preemptions: Int32
    var arrival: Double
    /// -1 until the first token.
    var firstToken: Double
    var runningSeconds: Double
}

/// A running sequence: one of `max_num_seqs` lanes.
struct Lane {
    var seq: PendingSeq
    /// Tokens this admission prefills: context not cached + own prompt + tokens generated before a preemption.
    var prefillLen: Int
    var prefilled: Int
    /// Cached prefix tokens the sequence attends before its own.
    var ctxBase: Int
    /// In-context tokens beyond the cached prefix, prefilled by this sequence.
    var ext: Int
    /// Of those, tokens whose KV moved to (or was already in) the task's prefix at prefill end.
    var transferred: Int
    var admitOrder: Int64
    var admittedAt: Double
    var decoding: Bool
    /// Decode bookkeeping, fixed when the sequence starts decoding at decode step sJoin with
    /// gJoin tokens generated, kvJoin tokens of its own KV and lenJoin tokens of context in all.
    var sJoin: Int64
    var gJoin: Int32
    var kvJoin: Int
    var lenJoin: Int
    /// Chunk scheduled in the current iteration.
    var chunk: Int
    /// Admission-ordered list of running lanes, and of lanes still in prefill (-1: none).
    var prev: Int32
    var next: Int32
    var pprev: Int32
    var pnext: Int32
}

/// A double-ended queue of waiting sequences on a power-of-two ring, indexed with a mask;
/// grows by doubling (amortised, never in the steady state).
struct WaitingRing {
    private var buf: [PendingSeq]
    private var head = 0
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int) {
        var c = 16
        while c < capacity { c <<= 1 }
        buf = Array(repeating: PendingSeq(request: -1, task: 0, own: 0, context: 0, target: 0, generated: 0, preemptions: 0,
                                          arrival: 0, firstToken: -1, runningSeconds: 0), count: c)
        mask = c - 1
    }

    var isEmpty: Bool { count == 0 }
    var first: PendingSeq { buf[head] }

    private mutating func growIfFull() {
        guard count == buf.count else { return }
        var next = Array(repeating: buf[0], count: buf.count * 2)
        for i in 0..<count { next[i] = buf[(head + i) & mask] }
        buf = next
        head = 0
        mask = buf.count - 1
    }

    mutating func pushBack(_ s: PendingSeq) {
        growIfFull()
        buf[(head + count) & mask] = s
        count += 1
    }

    mutating func pushFront(_ s: PendingSeq) {
        growIfFull()
        head = (head - 1) & mask
        buf[head] = s
        count += 1
    }

    mutating func popFront() -> PendingSeq {
        let s = buf[head]
        head = (head + 1) & mask
        count -= 1
        return s
    }
}
