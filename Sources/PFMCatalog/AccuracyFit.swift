import Foundation

/// The paper's Fig. 4 accuracy curve, fitted to Table I (MODEL.md section 4):
///
///     a(K) = a0 + (a1 − a0) · log2(1 + K^α)
///     α    = ln(2^((a_few − a0)/(a1 − a0)) − 1) / ln(K_few)
///
/// so that a(0) = a0, a(1) = a1 and a(K_few) = a_few.
public struct AccuracyCurve: Sendable, Hashable {
    public var a0: Double
    public var a1: Double
    public var alpha: Double

    /// A flat curve for models without in-context learning.
    public init(constant: Double) {
        a0 = constant; a1 = constant; alpha = 1
    }

    public init(a0: Double, a1: Double, alpha: Double) {
        self.a0 = a0; self.a1 = a1; self.alpha = alpha
    }

    public enum FitError: Error, Equatable, CustomStringConvertible {
        case flatOneShot
        case noSolution(ratio: Double)
        case badK

        public var description: String {
            switch self {
            case .flatOneShot:
                return "one-shot score equals zero-shot score, so the curve's slope is zero and α cannot be fitted"
            case .noSolution(let r):
                return "2^((few − zero)/(one − zero)) − 1 = \(String(format: "%.4g", r)) ≤ 0, so no α reaches the few-shot score"
            case .badK:
                return "few_shot_k must be at least 2 to fit α"
            }
        }
    }

    /// Fits α from the three Table I points, or uses the explicit α.
    public static func fit(_ s: TaskScores) -> Result<AccuracyCurve, FitError> {
        guard let a1 = s.oneShot else { return .success(AccuracyCurve(constant: s.zeroShot)) }
        if let alpha = s.alpha { return .success(AccuracyCurve(a0: s.zeroShot, a1: a1, alpha: alpha)) }
        guard let few = s.fewShot, let k = s.fewShotK else {
            return .success(AccuracyCurve(a0: s.zeroShot, a1: a1, alpha: 1))
        }
        guard k >= 2 else { return .failure(.badK) }
        guard a1 != s.zeroShot else { return .failure(.flatOneShot) }
        let ratio = pow(2, (few - s.zeroShot) / (a1 - s.zeroShot)) - 1
        guard ratio > 0 else { return .failure(.noSolution(ratio: ratio)) }
        return .success(AccuracyCurve(a0: s.zeroShot, a1: a1, alpha: log(ratio) / log(Double(k))))
    }

    /// Accuracy (points) with K examples in context, before any precision penalty.
    @inline(__always)
    public func accuracy(examples k: Int) -> Double {
        if k <= 0 { return a0 }
        return a0 + (a1 - a0) * log2(1 + pow(Double(k), alpha))
    }
}
