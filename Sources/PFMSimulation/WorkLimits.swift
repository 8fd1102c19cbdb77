import PFMCatalog

/// Product limits on the work one command may ask for, checked from the inputs before anything
/// is allocated or simulated (pfmplan-model(7), LIMITS). Each message says which input asks for
/// too much and how to ask for less.
public enum WorkLimits {
    /// Expected arrivals in one replication (warm-up included): about a minute of simulation.
    public static let maxArrivalsPerRun = 100_000_000.0
    /// Expected arrivals over a whole sweep (units × replications).
    public static let maxArrivalsPerSweep = 10_000_000_000.0
    /// Active caching's decision instants in one replication ((warm-up + duration) / interval_s).
    public static let maxDecisionsPerRun = 100_000_000.0
    /// Units (option × workload × load scale) in one sweep.
    public static let maxUnits = 1_000_000
    /// Shards of one sweep (--shard I/N, --shard-count).
    public static let maxShards = 1_000_000

    /// The workload's largest total rate at load ×1 (over its mix and popularity shifts, times the
    /// largest step or diurnal multiplier), and its rate from the last change on (0: it stops).
    public static func rates(_ w: WorkloadSpec) -> (peak: Double, final: Double) {
        func total(_ mix: [MixEntry]) -> Double {
            mix.reduce(0) { $0 + max(0, $1.ratePerS ?? ($1.share ?? 0) * (w.totalRatePerS ?? 0)) }
        }
        let totals = [total(w.mix)] + w.shifts.sorted { $0.atS < $1.atS }.map { total($0.mix) }
        var peakMultiplier = 1.0, finalMultiplier = 1.0
        switch w.profile {
        case .constant: break
        case .step(let steps):
            peakMultiplier = max(1, steps.map(\.multiplier).max() ?? 1)
            finalMultiplier = steps.max { $0.atS < $1.atS }?.multiplier ?? 1
        case .diurnal(_, let amplitude, _):
            peakMultiplier = 1 + abs(amplitude)
            finalMultiplier = 1
        }
        return ((totals.max() ?? 0) * peakMultiplier, (totals.last ?? 0) * finalMultiplier)
    }

    /// Expected arrivals of one replication (an upper bound: the peak rate throughout).
    public static func expectedArrivals(_ w: WorkloadSpec, _ run: RunConfig) -> Double {
        let peak = rates(w).peak * run.loadScale
        if let d = run.durationS { return peak * (run.warmupS + d) }
        return Double(run.requests ?? 0) + peak * run.warmupS
    }

    /// Why this run would not end or would be too large, or nil.
    public static func problem(_ w: WorkloadSpec, _ run: RunConfig, caching: CachingSpec?, activeCaching: Bool) -> String? {
        let (peak, final) = rates(w)
        if run.durationS == nil, run.requests != nil, !(final * run.loadScale > 0) {
            return "workload '\(w.id)': its rate falls to 0 (its last popularity shift or step leaves no requests), so a run of "
                + "\(run.requests!) requests would never end; give the run a duration, or keep some rate after the last change"
        }
        let arrivals = expectedArrivals(w, run)
        if !arrivals.isFinite || arrivals > maxArrivalsPerRun {
            return "workload '\(w.id)' at load ×\(YAMLReader.show(run.loadScale)) would draw about \(YAMLReader.show(arrivals)) arrivals "
                + "in one replication (peak \(YAMLReader.show(peak * run.loadScale))/s); the limit is \(YAMLReader.show(maxArrivalsPerRun)): "
                + "shorten the run (duration, warm-up or requests) or lower the rate or load scale"
        }
        if activeCaching, let c = caching {
            let span = run.warmupS + (run.durationS ?? (Double(run.requests ?? 0) / max(final * run.loadScale, 1e-300)))
            let decisions = span / c.intervalS
            if !decisions.isFinite || decisions > maxDecisionsPerRun {
                return "active caching every \(YAMLReader.show(c.intervalS)) s (caching.interval_s) over about \(YAMLReader.show(span)) s "
                    + "would take \(YAMLReader.show(decisions)) decisions in one replication; the limit is \(YAMLReader.show(maxDecisionsPerRun)): "
                    + "raise caching.interval_s or shorten the run"
            }
        }
        return nil
    }
}
