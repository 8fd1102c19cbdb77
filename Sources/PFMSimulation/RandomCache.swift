/// Random caching decisions (`random-cache`): each request, hit or miss, goes to the edge with the
/// catalog's `caching.random_cache_probability` (a seeded coin, drawn before routing) and is
/// offloaded otherwise; a request sent to the edge loads its model if missing, evicting uniformly
/// random victims as `random` does. The paper never defines its "Random" baseline; its Table II
/// (9.8% edge execution with heavy switching) reads as random caching decisions, not only
/// random victims, so pfmplan offers both (pfmplan-model(7), VICTIM ORDER).
public struct RandomCache: EvictionPolicy {
    public static let name = "random-cache"
    public static var cachesAtRandom: Bool { true }
    var victims: RandomEviction
    public init(seed: UInt64) { victims = RandomEviction(seed: seed) }
    public mutating func victim(_ cache: inout CacheState, now: Double) -> Int { victims.victim(&cache, now: now) }
}
