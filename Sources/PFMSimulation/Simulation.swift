import PFMCatalog

/// Runs a named policy (`PolicyName.dispatch` is the one place that maps names to policy types).
public enum Simulation {
    public static func run(_ policy: PolicyName, setup: CompiledSetup, run: RunConfig) throws(SetupError) -> SimulationResult {
        struct Generated: PolicyRunner {
            let setup: CompiledSetup
            let run: RunConfig
            mutating func run<P: EvictionPolicy>(_ policy: P) -> Result<SimulationResult, SetupError> {
                Result { () throws(SetupError) in try Simulation.simulate(policy, setup, run) }
            }
        }
        var runner = Generated(setup: setup, run: run)
        return try policy.dispatch(seed: run.seed, &runner).get()
    }

    /// Generated arrivals for the setup's workload.
    public static func arrivals(_ setup: CompiledSetup, _ run: RunConfig) throws(SetupError) -> PoissonArrivals {
        guard run.durationS != nil || run.requests != nil else {
            throw SetupError("the run has no end", hint: "give --duration or --requests, or set duration_s/requests in the workload")
        }
        return try PoissonArrivals(workload: setup.workload, serviceIds: setup.serviceIds, seed: run.seed,
                                   loadScale: run.loadScale, endTime: run.durationS.map { run.warmupS + $0 })
    }

    public static func simulate<P: EvictionPolicy>(_ policy: P, _ setup: CompiledSetup, _ run: RunConfig) throws(SetupError) -> SimulationResult {
        var source = try arrivals(setup, run)
        return simulate(policy, setup, run, source: &source)
    }

    /// Runs any arrival source. Offline policies (Belady) first collect the whole sequence, up to
    /// the run's measured-request limit; the others stream it.
    public static func simulate<P: EvictionPolicy, S: ArrivalSource>(_ policy: P, _ setup: CompiledSetup, _ run: RunConfig,
                                                                     source: inout S) -> SimulationResult {
        if P.needsFuture {
            var list: [Arrival] = []
            var measured = 0
            while let a = source.next() {
                list.append(a)
                if a.time >= run.warmupS { measured += 1 }
                if measured >= run.requests ?? Int.max { break }
            }
            return simulate(policy, setup, run, arrivals: list)
        }
        var engine = ServerEngine(setup: setup, plan: setup.serverPlan, policy: policy, run: run)
        return engine.simulate(&source)
    }

    /// Runs a fixed arrival list (tests, traces, Belady).
    public static func simulate<P: EvictionPolicy>(_ policy: P, _ setup: CompiledSetup, _ run: RunConfig, arrivals: [Arrival]) -> SimulationResult {
        var p = policy
        if P.needsFuture { p.prepare(arrivals: arrivals, setup: setup) }
        var source = ArrivalList(arrivals)
        var engine = ServerEngine(setup: setup, plan: setup.serverPlan, policy: p, run: run)
        return engine.simulate(&source)
    }
}
