import PFMCatalog

/// Active caching on the v2 server (pfmplan-model(7), ACTIVE CACHING): the demand estimate per
/// model and when the next decision is due. The decisions themselves (which model to preload onto
/// which group, displacing which idle instances) are in `ServerEngine+ActiveCaching.swift`; this
/// type holds only their state, so passive caching carries one disabled value and nothing else.
struct ActiveCaching {
    let enabled: Bool
    /// Seconds between decision ticks.
    let interval: Double
    var nextTick: Double
    /// A decision chained to the end of the last preload (the next one may follow at once).
    var chained = Double.infinity
    /// EWMA demand per model: a decayed arrival count and when it was last brought up to date.
    let useProfile: Bool
    let halfLife: Double
    var demandCount: [Double]
    var demandTime: [Double]
    /// Known demand (profile): per popularity segment, the rate of each model (segment-major).
    let profileStart: [Double]
    let profileRate: [Double]
    let models: Int
    let profile: RateProfile
    /// Models some stage loads on a miss: the only ones worth preloading.
    let preloadable: [Bool]
    /// Scratch per model during a decision: tried as a candidate or chosen as a victim.
    var marked: [Bool]
    var preloads = 0
    var preloadS = 0.0
    var modelPreloads: [Int]

    var nextDecision: Double { min(nextTick, chained) }

    init(setup: CompiledSetup, plan: ServerPlan, run: RunConfig, offloadsEverything: Bool) {
        let nm = setup.modelCount
        let spec = setup.settings.caching
        enabled = setup.config.caching == .active && !offloadsEverything && spec != nil
        interval = spec?.intervalS ?? .infinity
        nextTick = enabled ? interval : .infinity
        useProfile = spec?.demand == .profile
        halfLife = spec?.halfLifeS ?? 1
        models = nm
        profile = setup.workload.profile
        demandCount = Array(repeating: 0, count: enabled ? nm : 0)
        demandTime = Array(repeating: 0, count: enabled ? nm : 0)
        marked = Array(repeating: false, count: nm)
        modelPreloads = Array(repeating: 0, count: nm)
        var preloadable = [Bool](repeating: false, count: nm)
        for c in plan.stageLoad where c >= 0 { preloadable[Int(setup.hot[Int(c)].model)] = true }
        self.preloadable = preloadable
        var starts: [Double] = [], rates: [Double] = []
        if enabled && useProfile {
            let w = setup.workload
            var index: [String: Int] = [:]
            for (i, id) in setup.serviceIds.enumerated() { index[id] = i }
            for (start, mix) in [(0.0, w.mix)] + w.shifts.map({ ($0.atS, $0.mix) }).sorted(by: { $0.0 < $1.0 }) {
                var r = [Double](repeating: 0, count: nm)
                for e in mix {
                    guard let si = index[e.service] else { continue }
                    let rate = (e.ratePerS ?? (e.share ?? 0) * (w.totalRatePerS ?? 0)) * run.loadScale
                    for g in setup.stages(of: si) where plan.stageLoad[g] >= 0 {
                        r[Int(setup.hot[Int(plan.stageLoad[g])].model)] += rate
                    }
                }
                starts.append(start)
                rates += r
            }
        }
        profileStart = starts
        profileRate = rates
    }

    /// A request for service `si` arrived: its load-choice models' EWMA counts go up by one.
    mutating func observe(service si: Int, at t: Double, setup: CompiledSetup, plan: ServerPlan) {
        for g in setup.stages(of: si) where plan.stageLoad[g] >= 0 {
            let m = Int(setup.hot[Int(plan.stageLoad[g])].model)
            demandCount[m] = demandCount[m] * _exp2(-(t - demandTime[m]) / halfLife) + 1
            demandTime[m] = t
        }
    }

    /// Predicted requests per second for model m at t: the EWMA (a decayed count c has mean
    /// λ·h/ln 2 under a constant rate λ), or the workload's own rate one interval ahead.
    func predictedRate(_ m: Int, at t: Double, lookAhead: Bool = true) -> Double {
        if useProfile {
            let ahead = lookAhead ? t + interval : t
            var seg = profileStart.count - 1
            while seg > 0 && profileStart[seg] > ahead { seg -= 1 }
            return profileRate[seg * models + m] * profile.multiplier(at: ahead)
        }
        let c = demandCount[m] * _exp2(-(t - demandTime[m]) / halfLife)
        return c * 0.6931471805599453 / halfLife
    }

    /// A resident model's rate as a victim: with a known profile, the larger of its rate now and
    /// one interval ahead, so that a model still in demand is not displaced before its shift.
    func keepRate(_ m: Int, at t: Double) -> Double {
        guard useProfile else { return predictedRate(m, at: t) }
        return max(predictedRate(m, at: t, lookAhead: false), predictedRate(m, at: t))
    }
}
