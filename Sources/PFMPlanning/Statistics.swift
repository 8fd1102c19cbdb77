/// A mean with a two-sided 95% confidence interval (Student's t over independent replications).
public struct Estimate: Codable, Sendable, Equatable {
    public var mean: Double
    public var low: Double
    public var high: Double

    public init(mean: Double, low: Double, high: Double) { self.mean = mean; self.low = low; self.high = high }

    /// Two-sided 97.5% quantiles of Student's t for 1…30 degrees of freedom.
    static let t975: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]

    public init(_ xs: [Double]) {
        let n = Double(xs.count)
        guard xs.count > 0 else { self.init(mean: 0, low: 0, high: 0); return }
        let mean = xs.reduce(0, +) / n
        guard xs.count > 1 else { self.init(mean: mean, low: mean, high: mean); return }
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let t = xs.count - 1 <= Self.t975.count ? Self.t975[xs.count - 2] : 1.960
        let half = t * (variance / n).squareRoot()
        self.init(mean: mean, low: mean - half, high: mean + half)
    }
}
