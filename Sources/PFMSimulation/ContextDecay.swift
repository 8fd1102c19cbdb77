import PFMCatalog

/// The age utility of in-context examples (MODEL.md section 4), as plain numbers.
struct ContextDecay: Sendable {
    enum Kind: Sendable { case exponential, linear, window }
    let kind: Kind
    /// 1/half-life for exponential, drain per second for linear, window length for window.
    let parameter: Double

    init(_ u: ContextUtility) {
        switch u {
        case .exponential(let h): kind = .exponential; parameter = 1 / h
        case .linear(let d): kind = .linear; parameter = d
        case .window(let w): kind = .window; parameter = w
        }
    }

    /// κ decayed from t0 to t. For `window`, κ is kept exact by the engine's example ring, so this
    /// returns the stored count.
    @inline(__always)
    func decay(_ kappa: Double, from t0: Double, to t: Double) -> Double {
        if kappa == 0 { return 0 }
        switch kind {
        case .exponential: return kappa * _exp2(-(t - t0) * parameter)
        case .linear: return max(0, kappa - parameter * (t - t0))
        case .window: return kappa
        }
    }
}

@inline(__always) func _log2(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.log2(x)
    #else
    return Darwin.log2(x)
    #endif
}

@inline(__always) func _exp2(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.exp2(x)
    #else
    return Darwin.exp2(x)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
