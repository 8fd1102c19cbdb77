/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and fully determined by its seed, so the
/// same seed gives byte-identical results on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1]: never 0, so `-log(u)` is finite.
    @inline(__always)
    public mutating func unit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// Exponential with the given rate.
    @inline(__always)
    public mutating func exponential(rate: Double) -> Double {
        -_log(unit()) / rate
    }

    /// Uniform integer in 0..<n (n > 0), by Lemire's multiply-shift.
    @inline(__always)
    public mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Mixes a seed with a string key (FNV-1a then SplitMix), for per-candidate seeds that do not
    /// depend on evaluation order.
    public static func derive(_ seed: UInt64, _ key: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        var g = SplitMix64(seed: seed ^ h)
        return g.next()
    }
}

@inline(__always) func _log(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.log(x)
    #elseif canImport(Darwin)
    return Darwin.log(x)
    #else
    return Foundation.log(x)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif
