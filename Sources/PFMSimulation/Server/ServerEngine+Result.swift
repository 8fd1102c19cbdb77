import PFMCatalog

extension ServerEngine {
    /// The run's metrics as a `SimulationResult` (the v1 fields, plus the v2 server's groups).
    func result() -> SimulationResult {
        let settings = setup.settings
        let endTime = max(lastEvent, run.durationS.map { run.warmupS + $0 } ?? 0)
        let window = max(endTime - run.warmupS, 1e-9)
        let c = metrics.services
        let totalRequests = c.reduce(0) { $0 + $1.requests }
        let totalEdge = c.reduce(0) { $0 + $1.edge }
        let totalOffloaded = c.reduce(0) { $0 + $1.offloaded }
        let groupBusy = metrics.groups.map { min(1, $0.busyS / window) }
        let gpus = Double(setup.config.count)
        let busy = zip(plan.groupGPUs, groupBusy).reduce(0.0) { $0 + Double($1.0) * $1.1 } / gpus
        let (capexH, energyH, watts) = MoneyModel.edge(accelerator: setup.accelerator, groupGPUs: plan.groupGPUs, groupBusy: groupBusy,
                                                       host: plan.host, settings: settings)
        let hours = MoneyModel.hoursPerMonth
        let cloudPerMonth = metrics.cloudUSD / window * 3600 * hours
        let edgeMonth = (capexH + energyH) * hours
        let requestsPerMonth = Double(totalRequests) / window * 3600 * hours
        let money = MoneyMetrics(
            edgeUSDPerHour: capexH + energyH, capexUSDPerMonth: capexH * hours, energyUSDPerMonth: energyH * hours,
            cloudUSDPerMonth: cloudPerMonth, totalUSDPerMonth: edgeMonth + cloudPerMonth,
            usdPer1kRequests: requestsPerMonth > 0 ? (edgeMonth + cloudPerMonth) / requestsPerMonth * 1000 : 0)

        let n = Double(max(totalRequests, 1))
        let w = settings.objective
        let accCostTotal = c.reduce(0.0) { $0 + $1.accuracyCostSum }
        // Preloads are switches too (0 under passive caching).
        let switching = w.switching * (w.switchCost * Double(metrics.loads + caching.preloads) + w.switchCostPerS * (metrics.switchS + caching.preloadS))
        let sum = switching + w.accuracy * accCostTotal + w.inference * metrics.inferenceS + w.offloading * metrics.offloadingS + w.cloud * metrics.cloudUSD
        let cost = SystemCost(
            systemCost: sum / n, switchingCost: switching / n, totalAccuracyCost: accCostTotal / n,
            averageAccuracyCost: totalEdge > 0 ? metrics.edgeAccuracyCostSum / Double(totalEdge) : 0,
            inferenceLatency: metrics.inferenceS / n, offloadingLatency: metrics.offloadingS / n, cloudCost: metrics.cloudUSD / n,
            edgeExecutionRatio: Double(totalEdge) / n, systemCostPerSecond: sum / window)

        var services: [ServiceMetrics] = []
        var accTotal = 0.0, accCount = 0, attained = 0.0
        for i in setup.svc.indices {
            let s = setup.svc[i]
            let (summary, att) = metrics.serviceLatency.summary(i, atOrBelow: s.sloS)
            let r = c[i].requests
            if s.scored { accTotal += c[i].accuracySum; accCount += r }
            attained += att * Double(r)
            var m = ServiceMetrics(
                id: setup.serviceIds[i], requests: r, edge: c[i].edge, offloaded: c[i].offloaded, latency: summary,
                sloP95S: s.sloS, sloAttainment: att, meetsP95: r == 0 || summary.p95 <= s.sloS, minAccuracy: setup.services[i].minAccuracy,
                meanAccuracy: s.scored && r > 0 ? c[i].accuracySum / Double(r) : nil, meanAccuracyCost: r > 0 ? c[i].accuracyCostSum / Double(r) : 0)
            if hasDevice { m.device = c[i].onDevice }
            if s.language {
                let tt = metrics.serviceTTFT.summary(i, atOrBelow: s.ttftSloS.isFinite ? s.ttftSloS : 0).0
                let tp = metrics.serviceTPOT.summary(i, atOrBelow: s.tpotSloS.isFinite ? s.tpotSloS : 0).0
                m.ttft = tt
                m.tpot = tp
                if s.ttftSloS.isFinite { m.ttftSloP95S = s.ttftSloS }
                if s.tpotSloS.isFinite { m.tpotSloP95S = s.tpotSloS }
                m.goodputPerS = Double(c[i].good) / window
                // Attainment counts every SLO of the service, and so does the p95 check.
                if s.ttftSloS.isFinite || s.tpotSloS.isFinite {
                    m.sloAttainment = r > 0 ? Double(c[i].good) / Double(r) : 1
                    m.meetsP95 = m.meetsP95 && (r == 0 || (tt.p95 <= s.ttftSloS && tp.p95 <= s.tpotSloS))
                }
            }
            services.append(m)
        }
        let gib = MemoryModel.bytesPerGiB
        let models = (0..<setup.modelCount).map { m in
            let resident = (0..<plan.groupCount).contains { residency.resident(m, on: $0) }
            let bytes = (0..<plan.groupCount).first { residency.resident(m, on: $0) }.map { plan.bytes(model: m, group: $0) }
                ?? plan.instanceBytes[m * plan.sizes.count]
            var x = ModelMetrics(id: setup.modelIds[m], loads: metrics.modelLoads[m], evictions: metrics.modelEvictions[m],
                                 edgeRequests: metrics.modelEdgeRequests[m], residentAtEnd: resident, residentGiB: bytes / gib)
            if caching.enabled { x.preloads = caching.modelPreloads[m] }
            if plan.partial && !Policy.offloadsEverything {
                let g = (0..<plan.groupCount).first { residency.resident(m, on: $0) }
                x.residentFractionAtEnd = g.map { plan.fractions[residency.caches[$0].model[m].fractionIndex] } ?? 0
            }
            return x
        }
        // Model indices in id order, sorted once: each group's resident list is then taken in
        // that order, so building it costs the same allocations whichever models are resident
        // (sorting the ids of the resident ones made a run's allocations depend on its end state).
        let byId = (0..<setup.modelCount).sorted { setup.modelIds[$0] < setup.modelIds[$1] }
        func residentIds(_ g: Int) -> [String] {
            var out: [String] = []
            out.reserveCapacity(setup.modelCount)
            for m in byId where residency.resident(m, on: g) { out.append(setup.modelIds[m]) }
            return out
        }
        let groups = (0..<plan.groupCount).map { g in
            let x = metrics.groups[g]
            var gm = GroupMetrics(gpus: plan.groupGPUs[g], busyFraction: groupBusy[g], meanBatch: x.passes > 0 ? Double(x.items) / Double(x.passes) : 0,
                                  passes: x.passes, loads: x.loads, evictions: x.evictions, replicas: x.replicas,
                                  peakMemoryGiB: residency.peakBytes[g] / gib, usableMemoryGiB: plan.groupUsableBytes[g] / gib,
                                  residentAtEnd: residentIds(g))
            let l = lang.counts[g]
            if plan.continuous && l.iterations > 0 {
                gm.meanRunning = l.runningSeqS / window
                gm.kvUtilisation = l.kvPoolByteS > 0 ? l.kvUsedByteS / l.kvPoolByteS : 0
                gm.preemptions = l.preemptions
                gm.closedFormIterations = l.closedFormIterations
            }
            return gm
        }
        let residentNow = residency.caches.reduce(0) { $0 + $1.residentCount }
        var r = SimulationResult(
            policy: Policy.name, accelerator: setup.config.accelerator, count: setup.config.count, precision: setup.config.precision,
            maxBatch: setup.config.maxBatch, admission: setup.config.admission.rawValue, workload: setup.workload.id, seed: run.seed,
            loadScale: run.loadScale, measuredSeconds: window, requests: totalRequests, edge: totalEdge, offloaded: totalOffloaded,
            edgeRatio: Double(totalEdge) / n, hitRatio: totalEdge > 0 ? Double(metrics.hits) / Double(totalEdge) : 0,
            loads: metrics.loads, evictions: metrics.evictions, residentAtStart: measuring ? metrics.residentAtStart : residentNow,
            residentAtEnd: residentNow, latency: LatencySummary(metrics.latency.histogram(0)),
            sloAttainment: totalRequests > 0 ? attained / Double(totalRequests) : 1,
            meanAccuracy: accCount > 0 ? accTotal / Double(accCount) : nil, meanAccuracyCost: accCostTotal / n,
            busyFraction: busy, peakMemoryGiB: residency.peakBytes.reduce(0, +) / gib,
            usableMemoryGiB: plan.groupUsableBytes.reduce(0, +) / gib,
            energyKWh: watts * window / 3_600_000, money: money, cost: cost, services: services, models: models)
        r.layout = plan.layout.description
        r.runtime = plan.runtime.id
        r.llmBatching = plan.continuous ? LLMBatching.continuous.rawValue : LLMBatching.static.rawValue
        r.host = plan.host?.id
        r.loading = plan.loading.rawValue
        r.groups = groups
        r.batches = metrics.batches.summary()
        if caching.enabled {
            r.caching = CachingMode.active.rawValue
            r.preloads = caching.preloads
            r.preloadSeconds = caching.preloadS
        }
        if plan.partial && !Policy.offloadsEverything {
            r.residency = Residency.partial.rawValue
            r.partialLoads = partialCounts.partialLoads
            r.topUps = partialCounts.topUps
            r.topUpSeconds = partialCounts.topUpS
            r.streamingSeconds = partialCounts.streamingS
        }
        if !metrics.shiftTimes.isEmpty { r.postShiftLatency = LatencySummary(metrics.postShift.histogram(0)) }
        if hasDevice, let dev = setup.device {
            let tierCounts = [c.reduce(0) { $0 + $1.onDevice }, totalEdge, totalOffloaded]
            let tiers = (0..<3).map { k in
                TierMetrics(requests: tierCounts[k], share: Double(tierCounts[k]) / n, latency: LatencySummary(metrics.tierLatency.histogram(k)),
                            meanAccuracy: metrics.tierScored[k] > 0 ? metrics.tierAccuracy[k] / Double(metrics.tierScored[k]) : nil)
            }
            let kWh = metrics.deviceJoules / 3_600_000
            r.device = dev.id
            r.mobile = MobileTierMetrics(
                device: dev.id, devicePrecision: dev.precision, onDevice: tiers[0], edge: tiers[1], cloud: tiers[2],
                deviceEnergyKWh: kWh, deviceEnergyUSDPerMonth: kWh * dev.usdPerKWh / window * 3600 * hours,
                deviceJoulesPerRequest: tierCounts[0] > 0 ? metrics.deviceJoules / Double(tierCounts[0]) : 0,
                serverEnergyKWh: r.energyKWh)
        }
        return r
    }
}

/// Runs the v2 server with an explicit plan (tests); the commands go through `Simulation`.
public enum ServerSimulation {
    public static func run(_ policy: PolicyName, setup: CompiledSetup, plan: ServerPlan, run: RunConfig, arrivals: [Arrival]) -> SimulationResult {
        struct Runner: PolicyRunner {
            let setup: CompiledSetup, plan: ServerPlan, run: RunConfig, arrivals: [Arrival]
            mutating func run<P: EvictionPolicy>(_ policy: P) -> SimulationResult {
                var p = policy
                if P.needsFuture { p.prepare(arrivals: arrivals, setup: setup) }
                var source = ArrivalList(arrivals)
                var engine = ServerEngine(setup: setup, plan: plan, policy: p, run: run)
                return engine.simulate(&source)
            }
        }
        var runner = Runner(setup: setup, plan: plan, run: run, arrivals: arrivals)
        return policy.dispatch(seed: run.seed, &runner)
    }
}
