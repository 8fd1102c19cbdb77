import PFMCatalog

/// Latency percentiles in seconds, from a histogram with 0.1% relative error.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var mean: Double
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double

    init(mean: Double, p50: Double, p95: Double, p99: Double, max: Double) {
        self.mean = mean; self.p50 = p50; self.p95 = p95; self.p99 = p99; self.max = max
    }

    init(_ h: LatencyHistogram) {
        (p50, p95, p99) = h.quantiles(0.50, 0.95, 0.99)
        mean = h.meanSeconds; max = h.maxSeconds
    }
}

public struct ServiceMetrics: Codable, Sendable, Equatable {
    public var id: String
    public var requests: Int
    public var edge: Int
    public var offloaded: Int
    public var latency: LatencySummary
    public var sloP95S: Double
    /// Share of requests that finished within the p95 target.
    public var sloAttainment: Double
    public var meetsP95: Bool
    public var minAccuracy: Double
    /// Mean accuracy (points) over requests, edge and cloud; nil for unscored services.
    public var meanAccuracy: Double?
    public var meanAccuracyCost: Double
    /// Requests served on the user's device (mobile tier only; absent otherwise).
    public var device: Int? = nil
    /// Language services (MODEL.md §8): time to first token (uplink included) and time per output
    /// token over every request, edge and cloud; their SLOs when set; and goodput, the requests per
    /// second that met every SLO of the service. Absent for other services.
    public var ttft: LatencySummary? = nil
    public var tpot: LatencySummary? = nil
    public var ttftSloP95S: Double? = nil
    public var tpotSloP95S: Double? = nil
    public var goodputPerS: Double? = nil
}

/// One tier's share of the requests (mobile tier only).
public struct TierMetrics: Codable, Sendable, Equatable {
    public var requests: Int
    public var share: Double
    public var latency: LatencySummary
    /// Mean accuracy over the tier's scored requests; nil when it served none.
    public var meanAccuracy: Double?
}

/// The device → edge → cloud split (pfmplan-model(7), MOBILE TIER). Device energy is the users'
/// (their batteries, at the device's usd_per_kwh), reported apart from the server's and not in `money`.
public struct MobileTierMetrics: Codable, Sendable, Equatable {
    public var device: String
    public var devicePrecision: String
    public var onDevice: TierMetrics
    public var edge: TierMetrics
    public var cloud: TierMetrics
    public var deviceEnergyKWh: Double
    public var deviceEnergyUSDPerMonth: Double
    public var deviceJoulesPerRequest: Double
    /// The same figure as the result's `energyKWh`: the edge server at the wall.
    public var serverEnergyKWh: Double
}

public struct ModelMetrics: Codable, Sendable, Equatable {
    public var id: String
    public var loads: Int
    public var evictions: Int
    public var edgeRequests: Int
    public var residentAtEnd: Bool
    public var residentGiB: Double
    /// Loads ahead of demand (active caching only; absent otherwise).
    public var preloads: Int? = nil
    /// The fraction of its layers resident at the end, 0 when not resident (partial residency only).
    public var residentFractionAtEnd: Double? = nil
}

/// The rows of the paper's Table II, per request, and the system cost per second (MODEL.md section 6).
public struct SystemCost: Codable, Sendable, Equatable {
    public var systemCost: Double
    public var switchingCost: Double
    public var totalAccuracyCost: Double
    /// Mean accuracy cost over requests served at the edge.
    public var averageAccuracyCost: Double
    public var inferenceLatency: Double
    public var offloadingLatency: Double
    public var cloudCost: Double
    public var edgeExecutionRatio: Double
    public var systemCostPerSecond: Double
}

public struct MoneyMetrics: Codable, Sendable, Equatable {
    public var edgeUSDPerHour: Double
    public var capexUSDPerMonth: Double
    public var energyUSDPerMonth: Double
    public var cloudUSDPerMonth: Double
    public var totalUSDPerMonth: Double
    public var usdPer1kRequests: Double
}

/// Everything one simulation run measured. Plain values, sorted keys when encoded.
public struct SimulationResult: Codable, Sendable, Equatable {
    public var policy: String
    public var accelerator: String
    public var count: Int
    public var precision: String
    public var maxBatch: Int
    public var admission: String
    public var workload: String
    public var seed: UInt64
    public var loadScale: Double
    public var measuredSeconds: Double
    public var requests: Int
    public var edge: Int
    public var offloaded: Int
    public var edgeRatio: Double
    public var hitRatio: Double
    public var loads: Int
    public var evictions: Int
    public var residentAtStart: Int
    public var residentAtEnd: Int
    public var latency: LatencySummary
    public var sloAttainment: Double
    public var meanAccuracy: Double?
    public var meanAccuracyCost: Double
    public var busyFraction: Double
    public var peakMemoryGiB: Double
    public var usableMemoryGiB: Double
    public var energyKWh: Double
    public var money: MoneyMetrics
    public var cost: SystemCost
    public var services: [ServiceMetrics]
    public var models: [ModelMetrics]
    /// "active" under active caching; absent (passive) otherwise.
    public var caching: String? = nil
    /// Loads ahead of demand and the engine seconds they took (active caching only). They are
    /// switches: counted in the switching cost, engine busy time and energy, not in `loads`.
    public var preloads: Int? = nil
    public var preloadSeconds: Double? = nil
    /// Latency of requests arriving within the catalog's post_shift_window_s after a popularity
    /// shift (workloads with shifts only).
    public var postShiftLatency: LatencySummary? = nil
    /// "partial" under partial residency; absent (binary) otherwise.
    public var residency: String? = nil
    /// Partial residency only: demand loads of less than a whole model (also counted in `loads`);
    /// progressive top-ups in idle time and their engine seconds (switching seconds, not switches);
    /// and the engine seconds spent streaming non-resident layers (part of edge service time).
    public var partialLoads: Int? = nil
    public var topUps: Int? = nil
    public var topUpSeconds: Double? = nil
    public var streamingSeconds: Double? = nil
    /// The device profile and the per-tier split (mobile tier only; absent otherwise).
    public var device: String? = nil
    public var mobile: MobileTierMetrics? = nil
    /// The v2 server (MODEL.md §2): the layout, runtime, host and loading source, and per GPU
    /// group what it did (absent from v1 results).
    public var layout: String? = nil
    public var runtime: String? = nil
    /// Language stages' batching: `continuous` or `static` (v2 server only).
    public var llmBatching: String? = nil
    public var host: String? = nil
    public var loading: String? = nil
    public var groups: [GroupMetrics]? = nil
    /// Within-run batch statistics, when the run asked for them (`RunConfig.batchMeans`: the planner).
    public var batches: BatchSummary? = nil

    /// Every service meets its p95 target and accuracy floor.
    public var meetsSLOs: Bool { services.allSatisfy { $0.meetsP95 && ($0.meanAccuracy ?? 100) >= $0.minAccuracy } }
}

/// Prices and energy (MODEL.md section 7).
public enum MoneyModel {
    public static let hoursPerMonth = 730.0

    public static func hourly(_ p: Pricing) -> Double {
        switch p {
        case let .purchase(usd, years): return usd / (years * 8760)
        case let .hourly(usd): return usd
        }
    }

    /// Edge USD/h split into (capex, energy), and the wall power in W.
    public static func edge(accelerator a: AcceleratorSpec, count: Int, busyFraction: Double, settings s: Catalog.Settings)
        -> (capex: Double, energy: Double, watts: Double)
    {
        let n = Double(count)
        let capex = n * hourly(a.pricing) + hourly(s.server.hostPricing)
        let gpuW = (a.powerIdleW + busyFraction * (a.powerBusyW - a.powerIdleW)) * n
        let watts = (gpuW + s.server.hostPowerW) * s.site.pue
        return (capex, watts * s.site.usdPerKWh / 1000, watts)
    }
}
