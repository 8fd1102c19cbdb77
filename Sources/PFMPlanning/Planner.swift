import Foundation
import PFMCatalog
import PFMSimulation

/// One point of the candidate grid: a server option and its runtime configuration.
public struct Candidate: Codable, Sendable, Hashable, Comparable {
    public var accelerator: String
    public var count: Int
    public var precision: String
    public var policy: PolicyName
    public var maxBatch: Int
    /// nil means passive / binary, the defaults: absent from JSON and keys then.
    public var caching: CachingMode?
    public var residency: Residency?
    /// The users' device profile for the mobile tier; nil: no device tier.
    public var device: String?
    /// How the GPUs are grouped (MODEL.md §2), e.g. `1x2`; nil: the default layout.
    public var layout: String?
    /// Language stages' batching (MODEL.md §3.2); nil: the runtime profile's.
    public var llmBatching: LLMBatching?

    public init(accelerator: String, count: Int, precision: String, policy: PolicyName, maxBatch: Int,
                caching: CachingMode = .passive, residency: Residency = .binary, device: String? = nil, layout: String? = nil,
                llmBatching: LLMBatching? = nil) {
        self.llmBatching = llmBatching
        self.accelerator = accelerator; self.count = count; self.precision = precision; self.policy = policy; self.maxBatch = maxBatch
        self.caching = caching == .passive ? nil : caching
        self.residency = residency == .binary ? nil : residency
        self.device = device
        self.layout = layout
    }

    /// Stable text key: names results and seeds.
    public var key: String {
        "\(accelerator)x\(count)" + (layout.map { "[\($0)]" } ?? "") + "@\(precision)/\(policy.rawValue)/b\(maxBatch)"
            + (caching.map { "/\($0.rawValue)" } ?? "") + (residency.map { "/\($0.rawValue)" } ?? "") + (device.map { "/device:\($0)" } ?? "")
            + (llmBatching.map { "/llm:\($0.rawValue)" } ?? "")
    }
    /// The cloud-only baseline: no edge server at all, whatever the accelerator it was listed with.
    public var isCloudOnly: Bool { policy == .cloud }
    /// GPUs at the edge: 0 for the cloud-only baseline.
    public var edgeGPUs: Int { isCloudOnly ? 0 : count }

    /// Short human label.
    public var label: String {
        if isCloudOnly { return "no edge server (cloud only)" + (device.map { " + \($0)" } ?? "") }
        return "\(accelerator) ×\(count)" + (layout.flatMap { $0 == "\(count)" || count == 1 ? nil : " \($0)" } ?? "") + " \(precision)" + (caching.map { " \($0.rawValue)" } ?? "") + (residency.map { " \($0.rawValue)" } ?? "")
            + (device.map { " + \($0)" } ?? "") + (llmBatching.map { " \($0.rawValue) LLM batching" } ?? "")
    }

    public static func < (a: Candidate, b: Candidate) -> Bool { a.key < b.key }
}

public struct SkippedCandidate: Codable, Sendable, Equatable {
    public var candidate: Candidate
    public var reason: SkipReason
}

/// A service's figures in one evaluation, over replications.
public struct ServiceEstimate: Codable, Sendable, Equatable {
    public var id: String
    public var p95S: Estimate
    public var sloP95S: Double
    public var meanAccuracy: Estimate?
    public var minAccuracy: Double
    public var edgeRatio: Double
    /// Language services: TTFT and TPOT p95 over the replications (no within-run batches: a
    /// replication-level interval), their SLOs when set, and goodput (requests per second that
    /// met every SLO of the service).
    public var ttftP95S: Estimate? = nil
    public var ttftSloP95S: Double? = nil
    public var tpotP95S: Estimate? = nil
    public var tpotSloP95S: Double? = nil
    public var goodputPerS: Estimate? = nil
}

/// Continuous batching's executor figures of an evaluation (MODEL.md §8), over replications:
/// the running sequences summed over the groups, KV blocks in use over the pools (mean of the
/// groups), and preemptions per run.
public struct ExecutorEstimate: Codable, Sendable, Equatable {
    public var meanRunning: Estimate
    public var kvUtilisation: Estimate
    public var preemptions: Estimate
}

/// A candidate on one workload at one load scale, over independent replications.
public struct Evaluation: Codable, Sendable, Equatable {
    public var schema = Evaluation.schemaName
    /// Version 2: violations and skip reasons are objects, estimates carry their sample count.
    public static let schemaName = "pfmplan.sweep/2"
    public var version: String
    public var catalogDigest: String
    public var specDigest: String
    public var index: Int
    public var key: String
    public var candidate: Candidate
    public var workload: String
    public var loadScale: Double
    public var seeds: [UInt64]
    public var requests: Int
    public var monthlyUSD: Estimate
    public var capexUSDMonth: Double
    public var energyUSDMonth: Double
    public var cloudUSDMonth: Estimate
    public var usdPer1kRequests: Estimate
    public var systemCost: Estimate
    public var p95S: Estimate
    public var meanAccuracy: Estimate?
    public var edgeRatio: Estimate
    public var loads: Estimate
    public var busyFraction: Estimate
    public var sloAttainment: Estimate
    public var services: [ServiceEstimate]
    /// Continuous batching's running set, KV use and preemptions; absent with static batches.
    public var llm: ExecutorEstimate? = nil
    public var feasible: Bool
    public var violations: [Violation]
    /// How far the worst constraint is off (value ÷ limit; ≤ 1 when met);
    /// `unmeasuredSeverity` for a unit that measured no request.
    public var severity: Double
    /// The severity of a unit that measured nothing: the largest finite Double, so it sorts after
    /// every measured miss and stays a JSON number.
    public static let unmeasuredSeverity = Double.greatestFiniteMagnitude
}

/// Runs a sweep and turns evaluations into a recommendation (MODEL.md section 8).
public struct Planner: Sendable {
    public static let version = "0.1.0"
    public let catalog: Catalog
    public let spec: SweepSpec

    public init(catalog: Catalog, spec: SweepSpec) {
        var c = catalog
        // Active caching and partial residency work on any catalog: without a `caching` section,
        // its documented defaults.
        if c.caching == nil && (spec.caching.contains(.active) || spec.residency.contains(.partial)) { c.caching = .defaults }
        for i in c.services.indices {
            let id = c.services[i].id
            if let v = spec.sloP95Ms[id] ?? spec.sloP95Ms["*"] { c.services[i].slo.p95Ms = v }
            if let v = spec.minAccuracy[id] ?? spec.minAccuracy["*"] { c.services[i].slo.minAccuracy = v }
        }
        self.catalog = c
        self.spec = spec
    }

    /// The units the spec's axes describe (saturating at Int.max), before any is built.
    public var gridUnits: Int {
        let workloads = spec.trace == nil ? spec.workloads.count : 1
        let sizes = [spec.accelerators.count, spec.counts.count, spec.precisions.count, spec.maxBatch.count, spec.policies.count,
                     spec.caching.count, spec.residency.count, spec.devices.count, workloads, spec.loadScales.count]
        return sizes.reduce(1) { a, b in
            let (p, over) = a.multipliedReportingOverflow(by: b)
            return over ? Int.max : p
        }
    }

    /// Why this sweep asks for more work than the product limits allow (WorkLimits), or nil:
    /// checked from the spec alone, before any unit is built or simulated. `units` overrides the
    /// grid's count (a command that builds its own list).
    public func workProblem(units: Int? = nil) -> String? {
        let n = units ?? gridUnits
        if n > WorkLimits.maxUnits {
            return "the sweep describes \(n == Int.max ? "more than \(Int.max)" : "\(n)") units (options × workloads × load scales); "
                + "the limit is \(WorkLimits.maxUnits): give fewer axis values, or split the sweep into several specs"
        }
        guard spec.trace == nil else { return nil }
        var total = 0.0
        let active = spec.caching.contains(.active)
        for id in spec.workloads {
            guard let w = catalog.workload(id) else { continue }
            for s in spec.loadScales {
                let run = runConfig(w, scale: s, seed: 0)
                if let p = WorkLimits.problem(w, run, caching: catalog.caching, activeCaching: active) { return p }
                total += WorkLimits.expectedArrivals(w, run)
            }
        }
        let perUnitSet = max(1, n / max(1, spec.workloads.count * spec.loadScales.count))
        let sweep = total * Double(perUnitSet) * Double(spec.replications)
        if sweep > WorkLimits.maxArrivalsPerSweep {
            return "the sweep would simulate about \(YAMLReader.show(sweep)) arrivals (units × replications); the limit is "
                + "\(YAMLReader.show(WorkLimits.maxArrivalsPerSweep)): shorten the runs, use fewer replications or axis values, or split the sweep"
        }
        return nil
    }

    /// The grid in canonical order, and the candidates that cannot work, with the reason.
    public func candidates() -> (run: [Candidate], skipped: [SkippedCandidate]) {
        var run: [Candidate] = [], skipped: [SkippedCandidate] = []
        // The cloud-only baseline is one option per device choice ("no edge server"): the server
        // axes do not change what it does, and listing it once per server made equal-cost ties.
        var cloudDevices = Set<String>()
        let server = catalog.settings.server
        let usedModels = Set(spec.workloads.compactMap(catalog.workload).flatMap { w in
            (w.mix + w.shifts.flatMap(\.mix)).compactMap { catalog.service($0.service) }.flatMap { $0.stages.flatMap(\.models) }
        }).compactMap(catalog.model)
        for a in spec.accelerators.compactMap(catalog.accelerator) {
            for n in spec.counts {
                for p in spec.precisions.compactMap(catalog.precision) {
                    for b in spec.maxBatch {
                        for pol in spec.policies { for cm in spec.caching { for rm in spec.residency { for dev in spec.devices {
                          for layout in spec.layouts(for: n) { for lb in spec.llmBatching {
                            let c = Candidate(accelerator: a.id, count: n, precision: p.id, policy: pol, maxBatch: b, caching: cm, residency: rm,
                                              device: dev, layout: layout?.description, llmBatching: lb)
                            if pol == .cloud {
                                if cloudDevices.insert(dev ?? "").inserted { run.append(c) }
                                continue
                            }
                            if !a.supports(p.id) {
                                skipped.append(SkippedCandidate(candidate: c, reason: .unsupportedPrecision(accelerator: a.id, precision: p.id)))
                                continue
                            }
                            if layout != nil {
                                do throws(SetupError) { _ = try ServerPlan.cheapestHost(catalog, accelerator: a, form: a.formFactor ?? .pcie, count: n) } catch {
                                    skipped.append(SkippedCandidate(candidate: c, reason: .noHost(accelerator: a.id, count: n, formFactor: (a.formFactor ?? .pcie).rawValue)))
                                    continue
                                }
                            }
                            // On the v2 server the largest group holds the largest instance (MODEL.md §2).
                            let usable = MemoryModel.usableBytes(a, count: layout?.groups.max() ?? n, server: server)
                            let minFraction = rm == .partial ? (catalog.caching?.partialFractions.first ?? 1) : 1
                            let fitting = usedModels.filter { MemoryModel.residentBytes($0, p, batch: b, server: server, fraction: minFraction) <= usable }
                            if fitting.isEmpty && pol != .cloud {
                                let smallest = usedModels.map { MemoryModel.residentBytes($0, p, batch: b, server: server) }.min() ?? 0
                                skipped.append(SkippedCandidate(candidate: c, reason: .noModelFits(
                                    smallestGiB: smallest / MemoryModel.bytesPerGiB, usableGiB: usable / MemoryModel.bytesPerGiB)))
                                continue
                            }
                            run.append(c)
                          } }
                        } } } }
                    }
                }
            }
        }
        return (run, skipped)
    }

    /// Work units: candidate × workload × load scale, in canonical order.
    public struct Unit: Sendable, Hashable {
        public var index: Int
        public var candidate: Candidate
        public var workload: String
        public var loadScale: Double
    }

    public func units(_ candidates: [Candidate]) -> [Unit] {
        var out: [Unit] = []
        let workloads = spec.trace.map { ["trace:" + (($0 as NSString).lastPathComponent)] } ?? spec.workloads
        for c in candidates { for w in workloads { for s in spec.loadScales {
            out.append(Unit(index: out.count, candidate: c, workload: w, loadScale: s))
        } } }
        return out
    }

    public func runConfig(_ w: WorkloadSpec, scale: Double, seed: UInt64) -> RunConfig {
        var r = RunConfig.from(w)
        if let d = spec.durationS { r.durationS = d; r.requests = nil }
        if let n = spec.requests { r.requests = n; if spec.durationS == nil { r.durationS = nil } }
        if let wu = spec.warmupS { r.warmupS = wu }
        r.seed = seed
        r.loadScale = scale
        r.batchMeans = true
        return r
    }

    /// Simulates one unit over the spec's replications, on up to `jobs` threads (the sweep runs
    /// units in parallel and gives 1; the headroom bisection, one unit at a time, gives its jobs).
    /// The replications' seeds and order do not depend on `jobs`, so neither does the result.
    public func evaluate(_ u: Unit, jobs: Int = 1) throws(SetupError) -> Evaluation {
        // With a trace, the workload only supplies the template (services come from the catalog).
        let template = spec.trace == nil ? catalog.workload(u.workload) : (catalog.workload(spec.workloads.first ?? "") ?? catalog.workloads.first)
        guard let w = template else { throw SetupError("unknown workload '\(u.workload)'") }
        let c = u.candidate
        let config = ServerConfig(
            accelerator: c.accelerator, count: c.count, precision: c.precision, maxBatch: c.maxBatch,
            admission: spec.admission ?? catalog.settings.server.admission,
            caching: c.caching ?? .passive, residency: c.residency ?? .binary, device: c.device,
            layout: c.layout.flatMap { try? Layout.parse($0, count: c.count).get() }, llmBatching: c.llmBatching)
        if let trace = spec.trace { return try evaluateTrace(u, path: trace, template: w, config: config) }
        let setup = try CompiledSetup(catalog: catalog, workload: w, config: config)
        // Common random numbers: every option sees the same arrivals for a given workload and
        // replication, so differences between options are not sampling noise; and every load
        // scale replays those arrivals compressed in time (MODEL.md section 10), so feasibility
        // changes with the scale only through load. The seed depends only on the spec, never on
        // evaluation order or thread count.
        let seeds = (0..<spec.replications).map { Self.seed(base: spec.seed, workload: u.workload, replication: $0) }
        let runs = seeds.map { runConfig(w, scale: u.loadScale, seed: $0) }
        let results = try ParallelMap.run(runs.count, jobs: jobs) { i throws(SetupError) in
            try Simulation.run(c.policy, setup: setup, run: runs[i])
        }
        return summarize(u, results: results, seeds: seeds)
    }

    /// A unit replayed from a trace: load scale s replays it s times faster. Replications differ
    /// only where a policy draws random numbers (random eviction).
    func evaluateTrace(_ u: Unit, path: String, template: WorkloadSpec, config: ServerConfig) throws(SetupError) -> Evaluation {
        let setup = try TraceReplay.setup(catalog: catalog, workload: template, config: config, name: u.workload)
        var results: [SimulationResult] = []
        var seeds: [UInt64] = []
        for rep in 0..<spec.replications {
            let seed = Self.seed(base: spec.seed, workload: u.workload, replication: rep)
            seeds.append(seed)
            var run = RunConfig(durationS: nil, requests: spec.requests, warmupS: spec.warmupS ?? 0, seed: seed, loadScale: u.loadScale)
            run.batchMeans = true
            do {
                results.append(try TraceReplay.run(u.candidate.policy, setup: setup, run: run, path: path, skipBadLines: 0, warn: { _ in }))
            } catch {
                throw SetupError(error.description)
            }
        }
        return summarize(u, results: results, seeds: seeds)
    }

    /// A replication's seed, kept below 2^53 so JSON tools read it exactly. It does not depend on
    /// the load scale: scales share their random numbers (common random numbers).
    public static func seed(base: UInt64, workload: String, replication: Int) -> UInt64 {
        SplitMix64.derive(base, "\(workload)|\(replication)") & ((1 << 53) - 1)
    }

    func summarize(_ u: Unit, results rs: [SimulationResult], seeds: [UInt64]) -> Evaluation {
        func est(_ f: (SimulationResult) -> Double) -> Estimate { Estimate(rs.map(f)) }
        var services: [ServiceEstimate] = []
        var violations: [Violation] = []
        var severity = 0.0
        // Intervals from within-run batch means pooled across replications (MODEL.md section 10).
        let serviceBatches = rs.map { $0.batches?.services }
        for (i, s) in rs[0].services.enumerated() {
            let batches = serviceBatches.allSatisfy { $0 != nil } ? serviceBatches.flatMap { $0![i].p95S } : []
            let p95 = Estimate(runs: rs.map { $0.services[i].latency.p95 }, batches: batches)
            let accs = rs.compactMap { $0.services[i].meanAccuracy }
            let accBatches = serviceBatches.allSatisfy { $0 != nil } ? serviceBatches.flatMap { $0![i].meanAccuracy } : []
            let acc: Estimate? = accs.count == rs.count ? Estimate(runs: accs, batches: accBatches) : nil
            let edge = rs.reduce(0.0) { $0 + Double($1.services[i].edge) / Double(max(1, $1.services[i].requests)) } / Double(rs.count)
            var se = ServiceEstimate(id: s.id, p95S: p95, sloP95S: s.sloP95S, meanAccuracy: acc, minAccuracy: s.minAccuracy, edgeRatio: edge)
            let requests = rs.reduce(0) { $0 + $1.services[i].requests }
            // TTFT and TPOT SLOs (MODEL.md §8), judged at the upper end of the interval as p95 is.
            let tokenSLOs: [(Violation.Kind, Double?, (ServiceMetrics) -> LatencySummary?)] = [
                (.ttft, s.ttftSloP95S, { $0.ttft }), (.tpot, s.tpotSloP95S, { $0.tpot }),
            ]
            if rs.allSatisfy({ $0.services[i].goodputPerS != nil }) { se.goodputPerS = Estimate(rs.map { $0.services[i].goodputPerS ?? 0 }) }
            for (kind, slo, get) in tokenSLOs {
                guard rs.allSatisfy({ get($0.services[i]) != nil }) else { continue }
                let e = Estimate(rs.map { get($0.services[i])?.p95 ?? 0 })
                if kind == .ttft { se.ttftP95S = e; se.ttftSloP95S = slo } else { se.tpotP95S = e; se.tpotSloP95S = slo }
                guard let slo, requests > 0 else { continue }
                severity = max(severity, e.high / slo)
                if e.high > slo { violations.append(Violation(kind: kind, service: s.id, value: e.high, mean: e.mean, limit: slo)) }
            }
            services.append(se)
            guard requests > 0 else { continue }
            severity = max(severity, p95.high / s.sloP95S)
            if p95.high > s.sloP95S {
                violations.append(Violation(kind: .p95, service: s.id, value: p95.high, mean: p95.mean, limit: s.sloP95S))
            }
            if let acc, s.minAccuracy > 0 {
                severity = max(severity, s.minAccuracy / max(acc.low, 1e-9))
                if acc.low < s.minAccuracy {
                    violations.append(Violation(kind: .accuracy, service: s.id, value: acc.low, mean: acc.mean, limit: s.minAccuracy))
                }
            }
        }
        if rs.allSatisfy({ $0.requests == 0 }) {
            violations.append(Violation(kind: .noRequests, value: 0, mean: 0, limit: 1))
            // Nothing measured is worse than any measured miss; a finite number, so that JSON
            // holds a number (results files never carry "inf").
            severity = Evaluation.unmeasuredSeverity
        }
        // The cloud-only baseline has no edge server: no capex, no edge energy.
        let cloudOnly = u.candidate.isCloudOnly
        let monthly = est { cloudOnly ? $0.money.cloudUSDPerMonth : $0.money.totalUSDPerMonth }
        if let budget = spec.budgetUSDMonth {
            severity = max(severity, monthly.mean / budget)
            if monthly.mean > budget { violations.append(Violation(kind: .budget, value: monthly.mean, mean: monthly.mean, limit: budget)) }
        }
        let accs = rs.compactMap(\.meanAccuracy)
        return Evaluation(
            version: Self.version, catalogDigest: catalog.digest, specDigest: spec.digest, index: u.index, key: u.candidate.key,
            candidate: u.candidate, workload: u.workload, loadScale: u.loadScale, seeds: seeds,
            requests: rs.reduce(0) { $0 + $1.requests }, monthlyUSD: monthly,
            capexUSDMonth: cloudOnly ? 0 : rs[0].money.capexUSDPerMonth, energyUSDMonth: cloudOnly ? 0 : est { $0.money.energyUSDPerMonth }.mean,
            cloudUSDMonth: est { $0.money.cloudUSDPerMonth }, usdPer1kRequests: est { $0.money.usdPer1kRequests },
            systemCost: est { $0.cost.systemCost },
            p95S: Estimate(runs: rs.map(\.latency.p95), batches: rs.allSatisfy { $0.batches != nil } ? rs.flatMap { $0.batches!.all.p95S } : []),
            meanAccuracy: accs.count == rs.count ? Estimate(accs) : nil, edgeRatio: est(\.edgeRatio), loads: est { Double($0.loads) },
            busyFraction: est(\.busyFraction), sloAttainment: est(\.sloAttainment), services: services,
            llm: Self.languageEstimate(rs), feasible: violations.isEmpty, violations: violations, severity: severity)
    }

    /// The runs' continuous-batching figures, when every run has them.
    static func languageEstimate(_ rs: [SimulationResult]) -> ExecutorEstimate? {
        let groups = rs.map { ($0.groups ?? []).filter { $0.meanRunning != nil } }
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else { return nil }
        return ExecutorEstimate(
            meanRunning: Estimate(groups.map { $0.reduce(0.0) { $0 + ($1.meanRunning ?? 0) } }),
            kvUtilisation: Estimate(groups.map { $0.reduce(0.0) { $0 + ($1.kvUtilisation ?? 0) } / Double($0.count) }),
            preemptions: Estimate(groups.map { Double($0.reduce(0) { $0 + ($1.preemptions ?? 0) }) }))
    }

    // MARK: - Parallel sweep

    /// Evaluates every unit on `jobs` parallel tasks. `emit` receives evaluations in canonical
    /// (index) order as soon as all earlier ones are done, so output is identical for any `jobs`.
    public func sweep(_ units: [Unit], jobs: Int, isCancelled: @escaping @Sendable () -> Bool = { false },
                      progress: @escaping @Sendable (Int) -> Void = { _ in },
                      emit: (Evaluation) throws -> Void) async throws -> [Evaluation] {
        var done: [Int: Evaluation] = [:]
        var out: [Evaluation] = []
        var nextToEmit = 0
        var failure: SetupError?
        let planner = self
        try await withThrowingTaskGroup(of: (Int, Result<Evaluation, SetupError>).self) { group in
            var next = 0
            func add() {
                guard next < units.count, !isCancelled() else { return }
                let u = units[next]
                next += 1
                group.addTask { (u.index, Result { () throws(SetupError) in try planner.evaluate(u) }) }
            }
            for _ in 0..<max(1, jobs) { add() }
            var finished = 0
            while let (i, r) = try await group.next() {
                switch r {
                case .success(let e): done[i] = e
                case .failure(let e): failure = failure ?? e
                }
                finished += 1
                progress(finished)
                while let e = done.removeValue(forKey: units[nextToEmit].index) {
                    try emit(e)
                    out.append(e)
                    nextToEmit += 1
                    if nextToEmit == units.count { break }
                }
                if failure == nil { add() }
            }
        }
        if let failure { throw failure }
        return out
    }

    // MARK: - Recommendation

    /// A candidate across all its workloads and scales: feasible only if every one is.
    public struct CandidateSummary: Codable, Sendable, Equatable {
        public var candidate: Candidate
        public var feasible: Bool
        /// The objective: the worst (largest) monthly USD, or system cost, over the units.
        public var objective: Double
        public var monthlyUSD: Double
        public var p95S: Double
        public var meanAccuracy: Double?
        public var violations: [Violation]
        public var severity: Double
        public var evaluations: [Evaluation]
        /// Infeasible, and every violation is one of interval width (the means meet the limits).
        public var infeasibleOnlyThroughIntervals: Bool { !feasible && !violations.isEmpty && violations.allSatisfy(\.onlyThroughInterval) }
    }

    public struct Recommendation: Codable, Sendable {
        public var schema = "pfmplan.size/2"
        public var objective: SweepSpec.Objective
        public var pick: CandidateSummary?
        public var runnersUp: [CandidateSummary]
        /// Cheaper candidates than the pick, each with the constraint that ruled it out.
        public var rejectedCheaper: [CandidateSummary]
        /// When nothing is feasible: the candidates closest to feasibility.
        public var nearestMisses: [CandidateSummary]
        public var skipped: [SkippedCandidate]
        /// Non-dominated candidates on (monthly USD, p95, accuracy).
        public var pareto: [CandidateSummary]
        public var headroom: Headroom?
        public var edgeHeadroom: Headroom?
        public var evaluated: Int
    }

    public func summaries(_ evaluations: [Evaluation]) -> [CandidateSummary] {
        var byKey: [String: [Evaluation]] = [:]
        var order: [String] = []
        for e in evaluations {
            if byKey[e.key] == nil { order.append(e.key) }
            byKey[e.key, default: []].append(e)
        }
        return order.map { k in
            let es = byKey[k]!
            let monthly = es.map(\.monthlyUSD.mean).max() ?? 0
            let objective = spec.objective == .usd ? monthly : (es.map(\.systemCost.mean).max() ?? 0)
            let accs = es.compactMap(\.meanAccuracy?.mean)
            return CandidateSummary(candidate: es[0].candidate, feasible: es.allSatisfy(\.feasible), objective: objective,
                                    monthlyUSD: monthly, p95S: es.map(\.p95S.mean).max() ?? 0,
                                    meanAccuracy: accs.isEmpty ? nil : accs.min(),
                                    violations: es.flatMap { e in e.violations.map { v in
                                        var v = v
                                        if es.count > 1 { v.workload = e.workload; v.loadScale = e.loadScale }
                                        return v
                                    } },
                                    severity: es.map(\.severity).max() ?? 0, evaluations: es)
        }
    }

    /// The recommendation order: the objective, then, between equally good options, the simpler
    /// and cheaper one (MODEL.md section 10): fewer edge GPUs (none for the cloud-only
    /// baseline), then cheaper hardware, then the option key (so the order is total).
    static func better(_ a: CandidateSummary, _ b: CandidateSummary) -> Bool {
        func capex(_ c: CandidateSummary) -> Double { c.evaluations.map(\.capexUSDMonth).max() ?? 0 }
        if a.objective != b.objective { return a.objective < b.objective }
        if a.candidate.edgeGPUs != b.candidate.edgeGPUs { return a.candidate.edgeGPUs < b.candidate.edgeGPUs }
        if capex(a) != capex(b) { return capex(a) < capex(b) }
        return a.candidate < b.candidate
    }

    public func recommend(_ evaluations: [Evaluation], skipped: [SkippedCandidate], runnersUp: Int = 3) -> Recommendation {
        let all = summaries(evaluations).sorted(by: Self.better)
        let feasible = all.filter(\.feasible)
        let pick = feasible.first
        let rejected = pick.map { p in all.filter { !$0.feasible && $0.objective < p.objective } } ?? []
        let misses = pick == nil ? Array(all.sorted { ($0.severity, $0.objective, $0.candidate) < ($1.severity, $1.objective, $1.candidate) }.prefix(5)) : []
        return Recommendation(objective: spec.objective, pick: pick, runnersUp: Array(feasible.dropFirst().prefix(runnersUp)),
                              rejectedCheaper: rejected, nearestMisses: misses, skipped: skipped, pareto: Self.pareto(all),
                              headroom: nil, edgeHeadroom: nil, evaluated: all.count)
    }

    /// Candidates no other candidate beats on all of cost (lower), p95 (lower) and accuracy (higher).
    static func pareto(_ xs: [CandidateSummary]) -> [CandidateSummary] {
        xs.filter { a in
            !xs.contains { b in
                let bAcc = b.meanAccuracy ?? 0, aAcc = a.meanAccuracy ?? 0
                let noWorse = b.monthlyUSD <= a.monthlyUSD && b.p95S <= a.p95S && bAcc >= aAcc
                let better = b.monthlyUSD < a.monthlyUSD || b.p95S < a.p95S || bAcc > aAcc
                return noWorse && better
            }
        }.sorted { $0.monthlyUSD < $1.monthlyUSD }
    }

    /// Where a bisection on the load multiplier ended: `feasible` is the largest multiplier found
    /// to meet every constraint, `infeasible` the smallest found to break one (nil when the search
    /// reached its cap, `limit`, still feasible). With common random numbers across load scales,
    /// the answer lies in the bracket; it is reported as the bracket, not one exact-looking number.
    public struct Headroom: Codable, Sendable, Equatable {
        public var feasible: Double
        public var infeasible: Double?
        public var limit: Double
        public init(feasible: Double, infeasible: Double?, limit: Double) {
            self.feasible = feasible; self.infeasible = infeasible; self.limit = limit
        }
        /// The search stopped at its cap without finding an infeasible load.
        public var capped: Bool { infeasible == nil }
    }

    /// The largest load multiplier at which the candidate still meets every SLO, by bisection
    /// (to within 2%), capped at `limit`.
    /// `step` hears each multiplier tried and its verdict (for progress).
    public func headroom(_ c: Candidate, limit: Double = 64, jobs: Int = 1, step: (Double, Bool) -> Void = { _, _ in }) throws(SetupError) -> Headroom {
        try bisect(c, limit: limit, jobs: jobs, step: step) { _ in true }
    }

    /// The largest load multiplier at which the candidate meets every SLO *and* still serves at
    /// the edge within `points` of its edge execution ratio at load ×1: beyond it, growth spills
    /// to the cloud (with SLO-aware admission the cloud absorbs overflow, so SLO headroom alone
    /// can be unbounded).
    public func edgeHeadroom(_ c: Candidate, baseline: Double, points: Double = 0.10, limit: Double = 64, jobs: Int = 1,
                             step: (Double, Bool) -> Void = { _, _ in }) throws(SetupError) -> Headroom {
        try bisect(c, limit: limit, jobs: jobs, step: step) { $0.edgeRatio.mean >= baseline - points }
    }

    /// Bisects on the multiplier m of every load scale of the spec. Each evaluation replays the
    /// same arrivals compressed by m (common random numbers), so feasibility changes with m only
    /// through load and the bracket is repeatable.
    /// Each evaluation runs its replications on up to `jobs` threads.
    func bisect(_ c: Candidate, limit: Double, jobs: Int, step: (Double, Bool) -> Void = { _, _ in }, also: (Evaluation) -> Bool) throws(SetupError) -> Headroom {
        func check(_ m: Double) throws(SetupError) -> Bool {
            for w in spec.workloads { for s in spec.loadScales {
                let e = try evaluate(Unit(index: 0, candidate: c, workload: w, loadScale: s * m), jobs: jobs)
                // A non-finite figure would read as "feasible" (NaN compares false): an error instead.
                if let why = ResultsCheck.problem(e) {
                    throw SetupError("\(c.label) on \(w) at load ×\(s * m) gave an invalid result: \(why)",
                                     hint: "check the catalog's figures for \(c.accelerator), \(c.precision) and workload \(w)")
                }
                if !e.feasible || !also(e) { return false }
            } }
            return true
        }
        func ok(_ m: Double) throws(SetupError) -> Bool {
            let r = try check(m)
            step(m, r)
            return r
        }
        var lo = 1.0, hi = 2.0
        while try ok(hi) {
            lo = hi
            if hi >= limit { return Headroom(feasible: limit, infeasible: nil, limit: limit) }
            hi = min(limit, hi * 2)
        }
        while hi / lo > 1.02 {
            let mid = (lo * hi).squareRoot()
            if try ok(mid) { lo = mid } else { hi = mid }
        }
        return Headroom(feasible: lo, infeasible: hi, limit: limit)
    }
}
