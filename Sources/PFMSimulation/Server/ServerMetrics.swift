import PFMCatalog

/// What the v2 engine counts in the measured window (MODEL.md §8): per service, per model, per
/// group, and the paper's system-cost terms. Plain counters and fixed-size histograms.
struct ServerMetrics {
    struct ServiceCounts {
        var requests = 0
        var edge = 0
        var offloaded = 0
        var onDevice = 0
        var accuracySum = 0.0
        var accuracyCostSum = 0.0
        /// Requests that met every SLO of the service (goodput).
        var good = 0
    }
    struct GroupCounts {
        var busyS = 0.0
        var passes = 0
        var items = 0
        var loads = 0
        var evictions = 0
        var replicas = 0
    }
    var services: [ServiceCounts]
    var groups: [GroupCounts]
    var modelLoads: [Int]
    var modelEvictions: [Int]
    var modelEdgeRequests: [Int]
    var latency = HistogramSet(count: 1)
    var serviceLatency: HistogramSet
    /// Per service: time to first token and time per output token (language services).
    var serviceTTFT: HistogramSet
    var serviceTPOT: HistogramSet
    /// Latency per tier (mobile tier only): 0 device, 1 edge, 2 cloud.
    var tierLatency: HistogramSet
    var tierAccuracy = [0.0, 0.0, 0.0]
    var tierScored = [0, 0, 0]
    var deviceJoules = 0.0
    var hits = 0
    var edgeAccuracyCostSum = 0.0
    var cloudUSD = 0.0
    var inferenceS = 0.0
    var offloadingS = 0.0
    var switchS = 0.0
    var loads = 0
    var evictions = 0
    var residentAtStart = 0
    /// Popularity shifts and the window after each whose latencies are kept apart (catalogs with
    /// a caching section; empty otherwise).
    var shiftTimes: [Double] = []
    var postShiftWindow = 0.0
    var postShift = HistogramSet(count: 1)
    /// Within-run batches for the planner's intervals (BatchMeans.swift; off unless the run asks).
    let batches: BatchMeans

    init(services ns: Int, models nm: Int, groups ng: Int, tiers: Bool, batchMeans: Bool) {
        batches = BatchMeans(services: ns, enabled: batchMeans)
        services = Array(repeating: ServiceCounts(), count: ns)
        groups = Array(repeating: GroupCounts(), count: ng)
        modelLoads = Array(repeating: 0, count: nm)
        modelEvictions = Array(repeating: 0, count: nm)
        modelEdgeRequests = Array(repeating: 0, count: nm)
        let bits = ns <= 64 ? LatencyHistogram.subBucketBits : ns <= 1024 ? 6 : 3
        serviceLatency = HistogramSet(count: ns, bits: bits)
        serviceTTFT = HistogramSet(count: ns, bits: bits)
        serviceTPOT = HistogramSet(count: ns, bits: bits)
        tierLatency = HistogramSet(count: tiers ? 3 : 1)
    }

    @inline(__always)
    mutating func record(latency l: Double, accuracy a: Double, service si: Int, tier: Int, tiers: Bool) {
        batches.record(l, accuracy: a, service: si)
        latency.record(seconds: l, in: 0)
        serviceLatency.record(seconds: l, in: si)
        if tiers { tierLatency.record(seconds: l, in: tier) }
    }

    @inline(__always)
    mutating func recordTokens(service si: Int, ttft: Double, tpot: Double) {
        serviceTTFT.record(seconds: ttft, in: si)
        serviceTPOT.record(seconds: tpot, in: si)
    }

    @inline(__always)
    mutating func recordPostShift(arrival: Double, latency l: Double) {
        guard !shiftTimes.isEmpty else { return }
        for j in 0..<shiftTimes.count where arrival >= shiftTimes[j] && arrival < shiftTimes[j] + postShiftWindow {
            postShift.record(seconds: l, in: 0)
            return
        }
    }

    @inline(__always)
    mutating func scored(_ si: Int, accuracy a: Double, cost: Double, tier: Int, tiers: Bool) {
        services[si].accuracySum += a
        services[si].accuracyCostSum += cost
        if tiers { tierAccuracy[tier] += a; tierScored[tier] += 1 }
    }
}

/// Per GPU group, after a v2 run (MODEL.md §8): how busy it was, how it batched, what it loaded.
public struct GroupMetrics: Codable, Sendable, Equatable {
    public var gpus: Int
    public var busyFraction: Double
    /// Mean requests per pass.
    public var meanBatch: Double
    public var passes: Int
    public var loads: Int
    public var evictions: Int
    /// Loads of a model already resident on another group.
    public var replicas: Int
    public var peakMemoryGiB: Double
    public var usableMemoryGiB: Double
    /// Model ids resident at the end, in id order.
    public var residentAtEnd: [String]
    /// Continuous batching (language instances on the group): mean running sequences, KV blocks
    /// in use over the KV pool (time-weighted), preemptions, and iterations jumped in closed form.
    public var meanRunning: Double? = nil
    public var kvUtilisation: Double? = nil
    public var preemptions: Int? = nil
    public var closedFormIterations: Int? = nil
}

extension MoneyModel {
    /// Edge USD/h of the v2 server (MODEL.md §9): GPUs and host depreciated over their lifetimes,
    /// and energy from the host's power plus each GPU's idle power and its group's busy share of
    /// the busy-minus-idle power. Without a host the server section's flat host figures stand in.
    public static func edge(accelerator a: AcceleratorSpec, groupGPUs: [Int], groupBusy: [Double], host: HostSpec?,
                            settings s: Catalog.Settings) -> (capex: Double, energy: Double, watts: Double) {
        let n = Double(groupGPUs.reduce(0, +))
        let hostUSD = host.map { hourly($0.pricing) } ?? hourly(s.server.hostPricing)
        let hostW = host?.powerW ?? s.server.hostPowerW
        let capex = n * hourly(a.pricing) + hostUSD
        var gpuW = 0.0
        for (t, busy) in zip(groupGPUs, groupBusy) { gpuW += Double(t) * (a.powerIdleW + busy * (a.powerBusyW - a.powerIdleW)) }
        let watts = (gpuW + hostW) * s.site.pue
        return (capex, watts * s.site.usdPerKWh / 1000, watts)
    }
}
