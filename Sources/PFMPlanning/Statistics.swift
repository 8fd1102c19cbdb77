/// A mean with a two-sided 95% confidence interval (MODEL.md section 10).
///
/// Two sources: independent replications (Student's t over their values), or within-run batch
/// means pooled across replications (Student's t over every batch of every replication), which
/// gives a usable interval at any replication count, one included. Every quantity the planner
/// estimates is non-negative, so an interval never goes below 0.
public struct Estimate: Codable, Sendable, Equatable {
    public var mean: Double
    public var low: Double
    public var high: Double
    /// How many values the interval stands on (replications, or pooled batches). 1 means there
    /// is no interval: `low` and `high` equal the mean and claim nothing. nil: not recorded
    /// (results written before this field).
    public var samples: Int?

    public init(mean: Double, low: Double, high: Double, samples: Int? = nil) {
        self.mean = mean; self.low = low; self.high = high; self.samples = samples
    }

    /// No interval could be formed (one replication, too few requests for batches).
    public var hasInterval: Bool { (samples ?? 2) > 1 }

    /// Two-sided 97.5% quantiles of Student's t for 1…30 degrees of freedom.
    static let t975: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]

    /// Student's t multiplier for a 95% two-sided interval from n values (n ≥ 2).
    static func t(_ n: Int) -> Double { n - 1 <= t975.count ? t975[n - 2] : 1.960 }

    /// Over independent replications.
    public init(_ xs: [Double]) {
        let n = Double(xs.count)
        guard xs.count > 0 else { self.init(mean: 0, low: 0, high: 0, samples: 0); return }
        let mean = xs.reduce(0, +) / n
        guard xs.count > 1 else { self.init(mean: mean, low: mean, high: mean, samples: 1); return }
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = Self.t(xs.count) * (variance / n).squareRoot()
        self.init(mean: mean, low: max(0, mean - half), high: mean + half, samples: xs.count)
    }

    /// Within-run batch means pooled across replications: the point estimate is the mean of the
    /// replications' whole-run values `runs`; the half-width is t(K − 1) · s / √K over the K
    /// pooled batch values `batches` (every batch of every replication). With fewer than 2
    /// batches, the replications alone.
    public init(runs: [Double], batches: [Double]) {
        guard batches.count >= 2, !runs.isEmpty else { self.init(runs); return }
        let mean = runs.reduce(0, +) / Double(runs.count)
        let k = Double(batches.count)
        let bm = batches.reduce(0, +) / k
        let variance = batches.reduce(0) { $0 + ($1 - bm) * ($1 - bm) } / (k - 1)
        let half = Self.t(batches.count) * (variance / k).squareRoot()
        self.init(mean: mean, low: max(0, mean - half), high: mean + half, samples: batches.count)
    }
}
