/// The planner's verdicts as values: PFMReporting renders them (STYLE.md, seams).

/// One constraint an evaluation breaks.
public struct Violation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A service's p95 latency above its SLO (at the upper end of its interval).
        case p95
        /// A language service's p95 time to first token / time per output token above its SLO.
        case ttft
        case tpot
        /// A service's mean accuracy below its floor (at the lower end of its interval).
        case accuracy
        /// The expected monthly cost above the budget.
        case budget
        /// No request was measured: the run was too short.
        case noRequests = "no-requests"
    }
    public var kind: Kind
    public var service: String?
    /// The value held against the limit: p95's upper end, accuracy's lower end, the monthly cost.
    public var value: Double
    /// The point estimate.
    public var mean: Double
    public var limit: Double
    /// The unit it happened on, when a candidate covers several workloads or load scales.
    public var workload: String?
    public var loadScale: Double?

    public init(kind: Kind, service: String? = nil, value: Double, mean: Double, limit: Double) {
        self.kind = kind; self.service = service; self.value = value; self.mean = mean; self.limit = limit
    }

    /// The point estimate meets the limit: only the interval's width breaks it, so more
    /// replications or longer runs may make the option feasible.
    public var onlyThroughInterval: Bool {
        switch kind {
        case .p95, .ttft, .tpot: return mean <= limit
        case .accuracy: return mean >= limit
        case .budget, .noRequests: return false
        }
    }
}

/// Why a candidate was not simulated.
public enum SkipReason: Codable, Sendable, Equatable {
    case unsupportedPrecision(accelerator: String, precision: String)
    case noModelFits(smallestGiB: Double, usableGiB: Double)
    /// The v2 server: no host of the accelerator's form factor holds this many GPUs.
    case noHost(accelerator: String, count: Int, formFactor: String)
}
