/// A language request for a single instance: when it arrives, its task, and its tokens.
public struct LLMArrival: Sendable, Hashable {
    public var time: Double
    public var task: Int
    /// The request's own prompt tokens (tokens_in).
    public var promptTokens: Int
    /// In-context tokens it wants in front of its prompt (K_used × tokens_per_example).
    public var contextTokens: Int
    public var outputTokens: Int
    public init(time: Double, task: Int = 0, promptTokens: Int, contextTokens: Int = 0, outputTokens: Int) {
        self.time = time; self.task = task; self.promptTokens = promptTokens; self.contextTokens = contextTokens
        self.outputTokens = outputTokens
    }
}

/// What a single-instance run gives: per request (in arrival order) its times, and the
/// executor's counters.
public struct LLMRunResult: Sendable {
    /// Per arrival: first token and completion instants (NaN: never queued, it does not fit).
    public var firstToken: [Double]
    public var completion: [Double]
    public var preemptions: [Int32]
    public var runningSeconds: [Double]
    public var stats: BatcherStats
    /// Requests refused at enqueue because they can never fit the pool.
    public var refused: Int
    /// The instant the last request completed.
    public var end: Double

    public func ttft(_ i: Int, _ a: [LLMArrival]) -> Double { firstToken[i] - a[i].time }
    public func e2e(_ i: Int, _ a: [LLMArrival]) -> Double { completion[i] - a[i].time }
    /// (completion − first token) / (O − 1); 0 for a one-token output.
    public func tpot(_ i: Int, _ a: [LLMArrival]) -> Double {
        a[i].outputTokens > 1 ? (completion[i] - firstToken[i]) / Double(a[i].outputTokens - 1) : 0
    }
}

/// One language instance alone on its group, fed a list of arrivals: the event loop the server
/// runs, reduced to one executor. It backs `pfmplan estimate --rate` and the executor's tests.
/// With `fastPath` it jumps over pure-decode runs in closed form between arrivals.
public enum SingleInstanceLLMSimulation {
    public static func run(shape: LanguageShape, roofline: GroupRoofline, config: BatcherConfig, arrivals: [LLMArrival],
                           fastPath: Bool = true) -> LLMRunResult {
        let batcher = ContinuousBatcher(config: config, shape: shape, roofline: roofline)
        let n = arrivals.count
        var result = LLMRunResult(firstToken: Array(repeating: .nan, count: n), completion: Array(repeating: .nan, count: n),
                                  preemptions: Array(repeating: 0, count: n), runningSeconds: Array(repeating: 0, count: n),
                                  stats: BatcherStats(), refused: 0, end: 0)
        var events = LLMEvents(capacity: config.maxNumSeqs)
        var next = 0
        var t = 0.0
        func admitArrivals(upTo time: Double) {
            while next < n && arrivals[next].time <= time {
                let a = arrivals[next]
                if !batcher.enqueue(request: Int32(next), task: a.task, promptTokens: a.promptTokens, contextTokens: a.contextTokens,
                                    outputTokens: a.outputTokens, arrival: a.time) {
                    result.refused += 1
                }
                next += 1
            }
        }
        while true {
            admitArrivals(upTo: t)
            if !batcher.hasWork {
                guard next < n else { break }
                t = max(t, arrivals[next].time)
                continue
            }
            if fastPath {
                t = batcher.advanceDecodeOnly(now: t, until: next < n ? arrivals[next].time : .infinity)
                admitArrivals(upTo: t)
            }
            events.removeAll()
            t = batcher.runIteration(now: t, events: &events)
            for j in 0..<events.completions.count {
                let c = events.completions[j], r = Int(c.request)
                result.firstToken[r] = c.firstToken
                result.completion[r] = c.completion
                result.preemptions[r] = c.preemptions
                result.runningSeconds[r] = c.runningSeconds
                result.end = max(result.end, c.completion)
            }
        }
        result.stats = batcher.stats
        return result
    }
}
