import PFMCatalog
import PFMSimulation

/// Recommending from a finished sweep's results (`size --from`): which of them to use, and the
/// sweep they describe. Axes the user gives select among the results; nil keeps all of them.
public struct ResultsSelection: Sendable, Equatable {
    public var workloads: [String]?
    public var accelerators: [String]?
    public var counts: [Int]?
    public var precisions: [String]?
    public var policies: [PolicyName]?
    public var maxBatch: [Int]?
    public var caching: [CachingMode]?
    public var residency: [Residency]?
    /// Language batching; nil inside means "the runtime profile's".
    public var llmBatching: [LLMBatching?]?
    /// Device ids; nil inside means "no device tier".
    public var devices: [String?]?
    public var loadScales: [Double]?

    public init() {}

    public func apply(_ es: [Evaluation]) -> [Evaluation] {
        es.filter { e in
            let c = e.candidate
            func ok<T: Equatable>(_ axis: [T]?, _ v: T) -> Bool { axis.map { $0.contains(v) } ?? true }
            return ok(workloads, e.workload) && ok(accelerators, c.accelerator) && ok(counts, c.count) && ok(precisions, c.precision)
                && ok(policies, c.policy) && ok(maxBatch, c.maxBatch) && ok(caching, c.caching ?? .passive)
                && ok(residency, c.residency ?? .binary) && ok(devices, c.device) && ok(loadScales, e.loadScale)
                && ok(llmBatching, c.llmBatching)
        }
    }
}

extension SweepSpec {
    /// This spec, with the workloads, load scales, replications and axes the results cover: what
    /// a recommendation from them describes (not the flags' defaults).
    public func describing(_ es: [Evaluation]) -> SweepSpec {
        var s = self
        func unique<T: Hashable>(_ xs: [T]) -> [T] { var seen = Set<T>(); return xs.filter { seen.insert($0).inserted } }
        s.workloads = unique(es.map(\.workload))
        s.loadScales = unique(es.map(\.loadScale)).sorted()
        s.replications = es.map(\.seeds.count).max() ?? s.replications
        s.accelerators = unique(es.map(\.candidate.accelerator))
        s.counts = unique(es.map(\.candidate.count)).sorted()
        s.precisions = unique(es.map(\.candidate.precision))
        s.policies = unique(es.map(\.candidate.policy))
        s.maxBatch = unique(es.map(\.candidate.maxBatch)).sorted()
        s.trace = nil
        return s
    }
}
