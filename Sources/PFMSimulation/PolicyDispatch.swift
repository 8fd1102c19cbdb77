/// Something to do with a policy whose type is known only at run time: the one place that maps
/// policy names to policy types calls `run` with the concrete, generic policy, so every engine
/// loop stays specialised (no existential in the hot path).
public protocol PolicyRunner {
    associatedtype Output
    mutating func run<P: EvictionPolicy>(_ policy: P) -> Output
}

extension PolicyName {
    /// Calls `runner.run` with this policy's type. `seed` seeds the random policies.
    public func dispatch<R: PolicyRunner>(seed: UInt64, _ runner: inout R) -> R.Output {
        switch self {
        case .lc: return runner.run(LeastContext())
        case .lfu: return runner.run(LeastFrequentlyUsed())
        case .lru: return runner.run(LeastRecentlyUsed())
        case .fifo: return runner.run(FirstInFirstOut())
        case .random: return runner.run(RandomEviction(seed: seed))
        case .randomCache: return runner.run(RandomCache(seed: seed))
        case .cloud: return runner.run(CloudOnly())
        case .belady: return runner.run(Belady())
        }
    }
}
