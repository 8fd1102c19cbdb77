import CPrefetch
import PFMCatalog

/// The event-driven simulator of MODEL.md sections 2–7: one edge server with one FIFO queue and
/// one execution engine, and a cloud of unbounded capacity. Generic over the eviction policy,
/// so the hot loop makes static calls and touches only arrays of plain values.
public struct Engine<Policy: EvictionPolicy> {
    let setup: CompiledSetup
    var policy: Policy
    var cache: CacheState
    let run: RunConfig
    /// Waiting requests: one FIFO, each service's requests chained within it.
    var queue: RequestQueue
    var backlog = 0.0
    var engineFree = 0.0
    var usedBytes = 0.0
    var peakBytes = 0.0
    var measuring = false
    var started = false

    // Counters (measured window only)
    /// Per service, side by side in 64 bytes: one cache line per request with thousands of services.
    struct ServiceCounts {
        var requests = 0
        var edge = 0
        var offloaded = 0
        var onDevice = 0
        var accuracySum = 0.0
        var accuracyCostSum = 0.0
        /// The service's latency histogram's largest value and sum (its total is edge + offloaded +
        /// onDevice); its counters are in `serviceLatency`.
        var latencyMaxMicros: UInt64 = 0
        var latencySum = 0.0

        var latencySummary: HistogramSet.Summary {
            .init(total: UInt64(edge + offloaded + onDevice), maxMicros: latencyMaxMicros, sum: latencySum)
        }
    }
    let counts: FixedArray<ServiceCounts>
    var hits = 0
    var edgeAccuracyCostSum = 0.0
    var cloudUSD = 0.0
    var inferenceS = 0.0
    var offloadingS = 0.0
    var busyS = 0.0
    var switchS = 0.0
    var loads = 0
    var evictions = 0
    /// Per model, side by side: what loads and evictions count (a request's own counter, its
    /// resident fraction and bytes are in `cache.model`, on the line a request touches anyway).
    struct ModelCounts {
        var loads = 0
        var evictions = 0
        var preloads = 0
    }
    let perModel: FixedArray<ModelCounts>
    var residentAtStart = 0
    /// All requests (0.1% relative error), and one histogram per service: 0.1% up to 64 services,
    /// 1.6% up to 1,024 and 12.5% beyond, so that memory and set-up stay small with thousands.
    var latency: HistogramSet
    /// Counters only (`recordCount`): each service's total, maximum and sum are in `counts`, so
    /// read a service's histogram with `serviceHistogram(_:)`, not `serviceLatency.histogram(_:)`.
    var serviceLatency: HistogramSet
    /// The all-requests histogram's counts are derived from the services' (same resolution).
    let latencyFromServices: Bool
    /// Latencies not yet counted, in the order they happened (see `recordLatency`).
    struct PendingLatency {
        var seconds: Double
        var micros: UInt64
        var service: Int
    }
    let pendingLatency: FixedArray<PendingLatency>
    var pendingLatencies = 0
    /// Prefetch hints are worth their instructions only when the per-service and per-model state
    /// outgrows the caches: from `prefetchFrom` services or models on (see "Prefetch hints").
    var prefetching: Bool
    static var prefetchFrom: Int { 256 }
    var lastEvent = 0.0
    let choiceScratch: FixedArray<Int>

    // Active caching (pfmplan-model(7), ACTIVE CACHING). Inert when `active` is false.
    let active: Bool
    let interval: Double
    var nextTick = Double.infinity
    var idleDecision = Double.infinity
    /// EWMA demand per model: a decayed arrival count and when it was last brought up to date.
    let useProfile: Bool
    let demandHalfLife: Double
    let demandCount: FixedArray<Double>
    let demandTime: FixedArray<Double>
    /// Known demand (profile): per popularity segment, the rate of each model (segment-major).
    var profileStart: [Double]
    var profileRate: [Double]
    /// Models some stage loads on a miss: the only ones worth preloading.
    var preloadable: [Bool]
    let victimScratch: FixedArray<Bool>
    var preloads = 0
    var preloadS = 0.0
    /// Requests that arrived within the post-shift window of a popularity shift.
    let shiftTimes: [Double]
    let postShiftWindow: Double
    var postShift: HistogramSet

    // Partial residency (pfmplan-model(7), PARTIAL RESIDENCY). Under binary residency every
    // resident model is at fraction index 0 of [1] and nothing below changes the arithmetic.
    let partial: Bool
    /// Index of the last allowed fraction (the whole model).
    let wholeIndex: Int
    /// A dispatch left the queue empty: try to top up partial models in the idle time.
    var topUpDue = false
    var partialLoads = 0
    var topUps = 0
    var topUpS = 0.0
    var streamingS = 0.0

    // Mobile tier (pfmplan-model(7), MOBILE TIER). Inert when `hasDevice` is false.
    let hasDevice: Bool
    /// Latency per tier: 0 device, 1 edge, 2 cloud; accuracy sums and scored counts per tier.
    var tierLatency: HistogramSet
    let tierAccuracy: FixedArray<Double>
    let tierScored: FixedArray<Int>
    /// Within-run batches for the planner's intervals (BatchMeans.swift; off unless the run asks).
    let batches: BatchMeans
    var deviceJoules = 0.0

    public init(setup: CompiledSetup, policy: Policy, run: RunConfig) {
        self.setup = setup
        self.policy = policy
        self.run = run
        cache = CacheState(models: setup.modelCount, slots: setup.slotCount, modelSlots: setup.modelSlots,
                           utility: ContextDecay(setup.utility))
        let ns = setup.services.count
        queue = RequestQueue(services: ns)
        counts = .init(repeating: ServiceCounts(), count: ns)
        latency = HistogramSet(count: 1)
        serviceLatency = HistogramSet(count: ns, bits: ns <= 64 ? LatencyHistogram.subBucketBits : ns <= 1024 ? 6 : 3)
        latencyFromServices = serviceLatency.bits == latency.bits
        pendingLatency = .init(repeating: PendingLatency(seconds: 0, micros: 0, service: 0), count: 256)
        prefetching = ns >= Self.prefetchFrom || setup.modelCount >= Self.prefetchFrom
        perModel = .init(repeating: ModelCounts(), count: setup.modelCount)
        for m in 0..<setup.modelCount { cache.model[m].fractionIndex = setup.fractions.count - 1 }
        choiceScratch = .init(repeating: 0, count: (0..<ns).map { setup.stages(of: $0).count }.max() ?? 0)

        let nm = setup.modelCount
        let spec = setup.settings.caching
        active = setup.config.caching == .active && !Policy.offloadsEverything && spec != nil
        interval = spec?.intervalS ?? .infinity
        nextTick = active ? interval : .infinity
        useProfile = spec?.demand == .profile
        demandHalfLife = spec?.halfLifeS ?? 1
        demandCount = .init(repeating: 0, count: active ? nm : 0)
        demandTime = .init(repeating: 0, count: active ? nm : 0)
        victimScratch = .init(repeating: false, count: nm)
        var preloadable = [Bool](repeating: false, count: nm)
        for g in setup.stageLoad.indices { preloadable[Int(setup.hot[Int(setup.stageLoad[g])].model)] = true }
        for m in 0..<nm where !setup.fitsWhole[m] { preloadable[m] = false }
        self.preloadable = preloadable
        profileStart = []
        profileRate = []
        if active && useProfile {
            let w = setup.workload
            var index: [String: Int] = [:]
            for (i, id) in setup.serviceIds.enumerated() { index[id] = i }
            for (start, mix) in [(0.0, w.mix)] + w.shifts.map({ ($0.atS, $0.mix) }).sorted(by: { $0.0 < $1.0 }) {
                var rates = [Double](repeating: 0, count: nm)
                for e in mix {
                    guard let si = index[e.service] else { continue }
                    let r = (e.ratePerS ?? (e.share ?? 0) * (w.totalRatePerS ?? 0)) * run.loadScale
                    for g in setup.stages(of: si) {
                        rates[Int(setup.hot[Int(setup.stageLoad[g])].model)] += r
                    }
                }
                profileStart.append(start)
                profileRate += rates
            }
        }
        shiftTimes = spec == nil ? [] : setup.workload.shifts.map(\.atS).sorted()
        postShiftWindow = spec?.postShiftWindowS ?? 0
        postShift = HistogramSet(count: 1)
        partial = setup.partial && !Policy.offloadsEverything
        wholeIndex = setup.fractions.count - 1
        hasDevice = setup.device != nil
        tierLatency = HistogramSet(count: hasDevice ? 3 : 1)
        tierAccuracy = .init(repeating: 0, count: 3)
        tierScored = .init(repeating: 0, count: 3)
        batches = BatchMeans(services: ns, enabled: run.batchMeans)
    }

    // MARK: - Run

    /// Runs arrivals to the end (duration or measured request count) and drains the queue.
    public mutating func simulate<Source: ArrivalSource>(_ source: inout Source) -> SimulationResult {
        if !started { policy.start(&cache); started = true }
        var next = source.next()
        var measuredArrivals = 0
        let limit = run.requests ?? Int.max
        while true {
            let tArrival = next?.time ?? .infinity
            if queue.count > 0 && engineFree <= tArrival {
                dispatch(at: engineFree)
                if active && queue.count == 0 { idleDecision = engineFree }
                if partial && queue.count == 0 { topUpDue = true }
                continue
            }
            if partial && topUpDue && queue.count == 0 {
                // Progressive loading: one step per event, only if it ends before the next arrival.
                if next != nil && engineFree < tArrival && topUp(at: engineFree, before: tArrival) { continue }
                topUpDue = false
            }
            if active && queue.count == 0 && next != nil {
                let td = max(min(nextTick, idleDecision), engineFree)
                if td < tArrival {
                    decide(at: td)
                    continue
                }
            }
            guard let a = next else { break }
            startMeasuringIfDue(a.time)
            policy.advance(to: a.time)
            let measured = a.time >= run.warmupS
            if measured { measuredArrivals += 1 }
            arrive(a, measured: measured)
            lastEvent = max(lastEvent, a.time)
            next = measuredArrivals >= limit ? nil : source.next()
            if prefetching, let n = next { prefetchService(Int(n.service)) }
        }
        flushLatencies()
        return result()
    }

    // MARK: - Prefetch hints
    //
    // With thousands of services and models a request's state is a dozen cache misses, each found
    // only when the one before it has arrived (service -> stage -> choice -> model). The engine
    // starts loading it early, in two steps: the service's own lines as soon as the next arrival is
    // known (the current request's dispatch hides them), then, as that arrival begins, everything
    // its service's facts point to, all at once, so the misses overlap. Hints only: the processor
    // may ignore them and no result depends on them.

    /// Step 1: the lines of service si's facts, counters and queue chain.
    @inline(__always)
    func prefetchService(_ si: Int) {
        setup.svc.withUnsafeBufferPointer { facts in
            let p = UnsafeRawPointer(facts.baseAddress! + si)
            pfm_prefetch(p)
            pfm_prefetch(p + MemoryLayout<CompiledSetup.ServiceFacts>.size - 1)
        }
        pfm_prefetch(counts.base + si)
        queue.prefetch(service: si)
    }

    /// Step 2: what service si's first stage's first choice reads: the choice, its model's state,
    /// its context and its table row, and what a load of it reads; and the state of the model an
    /// eviction would likely take.
    @inline(__always)
    func prefetchChoice(_ si: Int) {
        let s = setup.svc[si]
        guard s.firstChoice >= 0 else { return }
        setup.stageChoiceStart.withUnsafeBufferPointer { pfm_prefetch($0.baseAddress! + Int(s.stageStart)) }
        setup.hot.withUnsafeBufferPointer { pfm_prefetch($0.baseAddress! + Int(s.firstChoice)) }
        pfm_prefetch(cache.model.base + Int(s.firstModel))
        if s.firstSlot >= 0 { pfm_prefetch(cache.slot.base + Int(s.firstSlot)) }
        setup.table.withUnsafeBufferPointer { pfm_prefetch($0.baseAddress! + Int(s.firstRow) * setup.tableStride) }
        // What a load of the model reads, in case it is not resident.
        let m = Int(s.firstModel)
        setup.loadSeconds.withUnsafeBufferPointer { pfm_prefetch($0.baseAddress! + m) }
        setup.residentBytes.withUnsafeBufferPointer { pfm_prefetch($0.baseAddress! + m) }
        pfm_prefetch(perModel.base + m)
        // A miss evicts, and the policy's likely victim has not been touched for a while.
        let v = policy.likelyVictim()
        if v >= 0 { pfm_prefetch(cache.model.base + v); pfm_prefetch(perModel.base + v) }
    }

    @inline(__always)
    mutating func startMeasuringIfDue(_ t: Double) {
        if !measuring && t >= run.warmupS {
            measuring = true
            residentAtStart = cache.residentCount
        }
    }

    // MARK: - Arrival: admission (MODEL.md section 5)

    mutating func arrive(_ a: Arrival, measured: Bool) {
        let si = Int(a.service)
        if prefetching { prefetchChoice(si) }
        let s = setup.svc[si]
        if measured { counts[si].requests &+= 1 }
        if hasDevice && setup.deviceFeasible[si] && staysOnDevice(si, at: a.time) {
            runOnDevice(si, measured: measured, arrival: a.time)
            return
        }
        if active && !useProfile { observeDemand(si, at: a.time) }
        if Policy.offloadsEverything || !s.edgeFeasible {
            offload(si, measured: measured, arrival: a.time)
            return
        }
        let estimate = estimateSeconds(si, at: a.time)
        if setup.config.admission == .sloAware {
            let wait = max(0, engineFree - a.time) + backlog
            let edgeLatency = s.uplinkS + wait + estimate + s.downlinkS
            if edgeLatency > s.sloS && s.cloudLatencyS <= s.sloS {
                offload(si, measured: measured, arrival: a.time)
                return
            }
        }
        if queue.count == 0 { engineFree = max(engineFree, a.time) }
        queue.append(service: si, arrival: a.time, estimate: estimate, measured: measured)
        backlog += estimate
        if Policy.needsFuture { markPending(si, 1) }
    }

    /// Mobile tier: a feasible request stays on the device unless admission is SLO-aware, the
    /// device's latency breaks the SLO and the edge (as admission would estimate it) or the cloud meets it.
    @inline(never)  // off the hot path
    mutating func staysOnDevice(_ si: Int, at t: Double) -> Bool {
        let s = setup.svc[si]
        guard setup.config.admission == .sloAware && setup.deviceSeconds[si] > s.sloS else { return true }
        if s.cloudLatencyS <= s.sloS { return false }
        if Policy.offloadsEverything || !s.edgeFeasible { return true }
        let edgeLatency = s.uplinkS + max(0, engineFree - t) + backlog + estimateSeconds(si, at: t) + s.downlinkS
        return edgeLatency > s.sloS
    }

    @inline(never)  // off the hot path
    mutating func runOnDevice(_ si: Int, measured: Bool, arrival: Double) {
        guard measured else { return }
        let s = setup.svc[si]
        let l = setup.deviceSeconds[si]
        counts[si].onDevice += 1
        recordLatency(l, service: si)
        batches.record(l, accuracy: s.scored ? setup.deviceAccuracy[si] : 0, service: si)
        tierLatency.record(seconds: l, in: 0)
        if !shiftTimes.isEmpty { recordPostShift(arrival: arrival, latency: l) }
        inferenceS += l
        deviceJoules += setup.deviceJoules[si]
        if s.scored {
            let acc = setup.deviceAccuracy[si]
            counts[si].accuracySum += acc
            counts[si].accuracyCostSum += max(0, s.referenceAccuracy - acc) / 100
            tierAccuracy[0] += acc
            tierScored[0] += 1
        }
    }

    /// One request's latency, for its service's histogram and the all-requests one. The service's
    /// maximum and sum are kept with its other counters, whose cache line the caller has just
    /// written; the counters are queued and counted with the next few hundred in `flushLatencies`:
    /// with thousands of services a counter is a cache miss, which at the end of a request's chain
    /// of work stalls it, while a loop of independent increments overlaps its misses. The same
    /// counts, and the same sums in the same order.
    @inline(__always)
    mutating func recordLatency(_ l: Double, service si: Int) {
        let us = LatencyHistogram.micros(l)
        counts[si].latencySum += l
        if us > counts[si].latencyMaxMicros { counts[si].latencyMaxMicros = us }
        pendingLatency[pendingLatencies] = PendingLatency(seconds: l, micros: us, service: si)
        pendingLatencies &+= 1
        if pendingLatencies == pendingLatency.count { flushLatencies() }
    }

    /// Counts the queued latencies. When both histograms have the same resolution the all-requests
    /// counts are the sum of the services' (added up in `result`), so only its total, maximum and
    /// sum are kept here: one counter touched, not two.
    @inline(never)
    mutating func flushLatencies() {
        // First ask for every counter's line (hints retire at once, so the misses all overlap),
        // then count.
        if prefetching {
            for i in 0..<pendingLatencies { serviceLatency.prefetchCount(micros: pendingLatency[i].micros, in: pendingLatency[i].service) }
        }
        for i in 0..<pendingLatencies {
            let p = pendingLatency[i]
            serviceLatency.recordCount(micros: p.micros, in: p.service)
            if latencyFromServices { latency.recordSummary(micros: p.micros, seconds: p.seconds, in: 0) } else { latency.record(micros: p.micros, seconds: p.seconds, in: 0) }
        }
        pendingLatencies = 0
    }

    /// Service si's latency histogram (after `simulate`).
    func serviceHistogram(_ si: Int) -> LatencyHistogram { serviceLatency.histogram(si, counts[si].latencySummary) }

    /// Belady's look-ahead counts queued requests per model.
    mutating func markPending(_ si: Int, _ delta: Int) {
        for i in Int(setup.svcModelStart[si])..<Int(setup.svcModelStart[si + 1]) { cache.model[Int(setup.svcModels[i])].pending += delta }
    }

    mutating func offload(_ si: Int, measured: Bool, arrival: Double) {
        guard measured else { return }
        let s = setup.svc[si]
        counts[si].offloaded &+= 1
        recordLatency(s.cloudLatencyS, service: si)
        batches.record(s.cloudLatencyS, accuracy: s.scored ? s.referenceAccuracy : 0, service: si)
        // A cloud-served request's whole latency is offloading latency in the system cost.
        offloadingS += s.cloudLatencyS
        if !shiftTimes.isEmpty { recordPostShift(arrival: arrival, latency: s.cloudLatencyS) }
        cloudUSD += s.cloudUSD
        if s.scored { counts[si].accuracySum += s.referenceAccuracy }
        if hasDevice {
            tierLatency.record(seconds: s.cloudLatencyS, in: 2)
            if s.scored { tierAccuracy[2] += s.referenceAccuracy; tierScored[2] += 1 }
        }
    }

    /// The choice a stage would use now: the most accurate acceptable resident model, else the load
    /// choice. Returns (absolute choice index, resident).
    @inline(__always)
    mutating func choose(stage g: Int) -> (Int, Bool) {
        var i = Int(setup.stageChoiceStart[g])
        let end = Int(setup.stageChoiceStart[g + 1])
        while i < end {
            if setup.hot[i].acceptable && cache.model[Int(setup.hot[i].model)].resident { return (i, true) }
            i += 1
        }
        return (Int(setup.stageLoad[g]), false)
    }

    /// Whole examples in a context of κ ≥ 0, at most kMax: ⌊min(κ, kMax)⌋, which is min(⌊κ⌋, kMax)
    /// as kMax is whole. Truncation is the floor for κ ≥ 0, without a call to `floor`.
    @inline(__always)
    static func examples(_ kappa: Double, max kMax: Int32) -> Int { Int(min(kappa, Double(kMax))) }

    /// Service time at batch 1 plus any load, with the models the request would use now.
    // `mutating` only so that the engine is passed by reference, not copied (2 KB) per call.
    mutating func estimateSeconds(_ si: Int, at now: Double) -> Double {
        let s = setup.svc[si]
        var total = 0.0
        var counted: (Int32, Int32) = (-1, -1)
        for g in Int(s.stageStart)..<Int(s.stageEnd) {
            let (ci, resident) = choose(stage: g)
            let model = setup.hot[ci].model
            let m = Int(model)
            // Partial residency: the fraction it holds, or the one a load would choose now.
            let fk = !partial ? wholeIndex : resident ? cache.model[m].fractionIndex : plannedFraction(m)
            if !resident && model != counted.0 && model != counted.1 {
                total += partial ? setup.fractionLoadSeconds[m * setup.fractions.count + fk] : setup.loadSeconds[m]
                counted = (counted.1, model)
            }
            if partial && fk < wholeIndex {
                total += setup.passes(choice: ci, repeatCount: setup.stageRepeat[g], tokensOut: s.tokensOut)
                    * setup.fractionStreamSeconds[m * setup.fractions.count + fk]
            }
            var k = 0
            let slot = setup.hot[ci].slot
            if slot >= 0 && resident {
                k = Engine.examples(cache.slot[Int(slot)].kappa, max: setup.hot[ci].kMax)
            }
            total += setup.stageSeconds(choice: ci, stage: g, batch: 1, examples: k, tokensIn: s.tokensIn, tokensOut: s.tokensOut)
        }
        return total
    }

    // MARK: - Dispatch: batching, eviction, load, service

    mutating func dispatch(at t: Double) {
        startMeasuringIfDue(t)
        // The head of the FIFO: the oldest queued request, whatever its service.
        let si = queue.headService
        let s = setup.svc[si]
        let b = min(setup.config.maxBatch, queue.waiting(si))
        let counting = t >= run.warmupS
        let g0 = Int(s.stageStart), g1 = Int(s.stageEnd)

        // Choose a model per stage: the most accurate resident one that meets the service's accuracy
        // floor, else the load choice (the smallest model that meets it).
        for g in g0..<g1 {
            let (ci, _) = choose(stage: g)
            choiceScratch[g - g0] = ci
            cache.model[Int(setup.hot[ci].model)].pinned = true
        }
        var loadS = 0.0
        var fits = true
        for g in g0..<g1 {
            let m = Int(setup.hot[choiceScratch[g - g0]].model)
            if cache.model[m].resident { continue }
            if partial {
                let k = placePartial(m, at: t, counting: counting)
                if k < 0 { fits = false; break }
                load(m, fraction: k, at: t, counting: counting)
                loadS += setup.fractionLoadSeconds[m * setup.fractions.count + k]
                continue
            }
            while usedBytes + setup.residentBytes[m] > setup.usableBytes {
                let v = policy.victim(&cache, now: t)
                if v < 0 { fits = false; break }
                evict(v, at: t, counting: counting)
            }
            if !fits { break }
            load(m, fraction: wholeIndex, at: t, counting: counting)
            loadS += setup.loadSeconds[m]
        }
        if !fits {
            // The resident choices and the missing models cannot be resident together: the batch
            // goes to the cloud (counted as offloaded).
            for g in g0..<g1 { cache.model[Int(setup.hot[choiceScratch[g - g0]].model)].pinned = false }
            for _ in 0..<b { let q = take(si); offload(si, measured: q.measured, arrival: q.arrival) }
            return
        }

        // Context: every request of the batch sees the same K; then each becomes an example.
        var serviceS = 0.0
        var accuracy = 0.0
        // max(0, reference − accuracy) / 100 of the last scored stage's accuracy (from the table).
        var accuracyCost = s.zeroAccuracyCost
        for g in g0..<g1 {
            let ci = choiceScratch[g - g0]
            var k = 0
            let slot = setup.hot[ci].slot
            if slot >= 0 {
                let kappa = cache.context(slot: Int(slot), at: t)
                k = Engine.examples(kappa, max: setup.hot[ci].kMax)
            }
            if setup.hot[ci].scored {
                accuracy = setup.accuracy(choice: ci, examples: k)
                accuracyCost = setup.accuracyCost(choice: ci, examples: k)
            }
            serviceS += setup.stageSeconds(choice: ci, stage: g, batch: b, examples: k, tokensIn: s.tokensIn, tokensOut: s.tokensOut)
            if partial {
                let m = Int(setup.hot[ci].model)
                if cache.model[m].fractionIndex < wholeIndex {
                    // The non-resident layers cross the host link once per forward pass.
                    let x = setup.passes(choice: ci, repeatCount: setup.stageRepeat[g], tokensOut: s.tokensOut)
                        * setup.fractionStreamSeconds[m * setup.fractions.count + cache.model[m].fractionIndex]
                    serviceS += x
                    if counting { streamingS += x }
                }
            }
        }
        let end = t + loadS + serviceS
        for g in g0..<g1 {
            let ci = choiceScratch[g - g0]
            let m = Int(setup.hot[ci].model)
            let slot = setup.hot[ci].slot
            if slot >= 0 { cache.addExamples(slot: Int(slot), count: b, at: t) }
            cache.model[m].lastUse = t
            cache.model[m].uses &+= b
            cache.model[m].pinned = false
            policy.didUse(m, &cache, now: t)
            if counting { cache.model[m].edgeRequests &+= b }
        }
        for _ in 0..<b {
            let q = take(si)
            guard q.measured else { continue }
            let l = s.uplinkS + (t - q.arrival) + loadS + serviceS + s.downlinkS
            recordLatency(l, service: si)
            batches.record(l, accuracy: s.scored ? accuracy : 0, service: si)
            if !shiftTimes.isEmpty { recordPostShift(arrival: q.arrival, latency: l) }
            counts[si].edge &+= 1
            if loadS == 0 { hits &+= 1 }
            inferenceS += l - s.uplinkS - s.downlinkS
            offloadingS += s.uplinkS + s.downlinkS
            if s.scored {
                counts[si].accuracySum += accuracy
                counts[si].accuracyCostSum += accuracyCost
                edgeAccuracyCostSum += accuracyCost
            }
            if hasDevice {
                tierLatency.record(seconds: l, in: 1)
                if s.scored { tierAccuracy[1] += accuracy; tierScored[1] += 1 }
            }
        }
        if counting { busyS += loadS + serviceS; switchS += loadS }
        engineFree = end
        lastEvent = max(lastEvent, end)
    }

    /// Removes the oldest queued request of service `si`.
    @inline(__always)
    mutating func take(_ si: Int) -> RequestQueue.Entry {
        let q = queue.take(si)
        backlog -= q.estimate
        if queue.count == 0 { backlog = 0 }   // no drift from rounding
        if Policy.needsFuture { markPending(si, -1) }
        return q
    }

    @inline(never)  // off the hot path
    mutating func evict(_ m: Int, at t: Double, counting: Bool) {
        precondition(cache.isCandidate(m), "policy \(Policy.name) chose a victim that is not an eviction candidate")
        cache.remove(m)
        usedBytes -= cache.model[m].residentNow
        cache.clearContext(of: m, at: t)
        policy.didEvict(m)
        if counting { evictions += 1; perModel[m].evictions += 1 }
    }

    @inline(never)  // off the hot path
    mutating func load(_ m: Int, fraction k: Int, at t: Double, counting: Bool) {
        cache.insert(m)
        cache.model[m].fractionIndex = k
        cache.model[m].residentNow = setup.bytes(m, fraction: k)
        usedBytes += cache.model[m].residentNow
        assert(usedBytes <= setup.usableBytes * (1 + 1e-12), "GPU memory over capacity")
        peakBytes = max(peakBytes, usedBytes)
        cache.model[m].loadedAt = t
        cache.model[m].lastUse = t
        cache.model[m].uses = 0
        cache.clearContext(of: m, at: t)
        policy.didLoad(m, &cache, now: t)
        if counting { loads += 1; perModel[m].loads += 1; if k < wholeIndex { partialLoads += 1 } }
    }

    // MARK: - Partial residency

    /// Where a missing model goes under partial residency (pfmplan-model(7), PARTIAL RESIDENCY);
    /// evicts as the rule says and returns the fraction index to load, or -1 when even its
    /// smallest fraction cannot be made to fit beside the batch's pinned models.
    ///  1. Whole, evicting in policy order, when the whole model fits in the free memory plus the
    ///     unpinned residents' (exactly what binary residency does).
    ///  2. Otherwise the largest allowed fraction that fits in the free memory, evicting nothing.
    ///  3. If none fits, evict in policy order only until the smallest fraction fits, then take the
    ///     largest fraction that fits in the memory those evictions freed.
    @inline(never)  // off the hot path
    mutating func placePartial(_ m: Int, at t: Double, counting: Bool) -> Int {
        let usable = setup.usableBytes
        let whole = setup.residentBytes[m]
        if usedBytes + whole > usable {
            var evictable = 0.0
            for r in cache.residentList where !cache.model[Int(r)].pinned { evictable += cache.model[Int(r)].residentNow }
            if usedBytes - evictable + whole <= usable {
                while usedBytes + whole > usable {
                    let v = policy.victim(&cache, now: t)
                    if v < 0 { break }
                    evict(v, at: t, counting: counting)
                }
            }
        }
        if usedBytes + whole <= usable { return wholeIndex }
        var k = largestFitting(m)
        if k < 0 {
            while usedBytes + setup.bytes(m, fraction: 0) > usable {
                let v = policy.victim(&cache, now: t)
                if v < 0 { return -1 }
                evict(v, at: t, counting: counting)
            }
            k = largestFitting(m)
        }
        return k
    }

    /// The largest fraction index of m that fits in the free memory now, or -1.
    @inline(__always)
    mutating func largestFitting(_ m: Int) -> Int {
        var k = wholeIndex
        while k >= 0 && usedBytes + setup.bytes(m, fraction: k) > setup.usableBytes { k -= 1 }
        return k
    }

    /// The fraction a load of m would take now, for admission's estimate (the batch's pins are not
    /// known at arrival): whole if it fits whole in usable memory, else the largest fraction that
    /// fits in the free memory, else the smallest.
    @inline(__always)
    mutating func plannedFraction(_ m: Int) -> Int {
        if setup.fitsWhole[m] { return wholeIndex }
        return max(0, largestFitting(m))
    }

    /// Progressive loading in idle time: raises one resident partial model by one allowed step,
    /// if the extra layers fit in free memory and the copy ends by `deadline` (the next arrival).
    /// The most recently used such model goes first (ties: the lower id). Returns whether it did.
    @inline(never)  // off the hot path
    mutating func topUp(at t: Double, before deadline: Double) -> Bool {
        var best = -1
        var bestUse = -Double.infinity
        var bestS = 0.0
        for r in cache.residentList {
            let m = Int(r)
            let k = cache.model[m].fractionIndex
            if k >= wholeIndex { continue }
            let extra = setup.bytes(m, fraction: k + 1) - cache.model[m].residentNow
            if usedBytes + extra > setup.usableBytes { continue }
            let d = (setup.fractions[k + 1] - setup.fractions[k]) * setup.weightLoadSeconds[m] + setup.loadOverheadS
            if t + d > deadline { continue }
            if cache.model[m].lastUse > bestUse || (cache.model[m].lastUse == bestUse && m < best) { best = m; bestUse = cache.model[m].lastUse; bestS = d }
        }
        guard best >= 0 else { return false }
        startMeasuringIfDue(t)
        let k = cache.model[best].fractionIndex + 1
        let b = setup.bytes(best, fraction: k)
        usedBytes += b - cache.model[best].residentNow
        cache.model[best].residentNow = b
        cache.model[best].fractionIndex = k
        assert(usedBytes <= setup.usableBytes * (1 + 1e-12), "GPU memory over capacity")
        peakBytes = max(peakBytes, usedBytes)
        if t >= run.warmupS { topUps += 1; topUpS += bestS; busyS += bestS; switchS += bestS }
        engineFree = t + bestS
        lastEvent = max(lastEvent, engineFree)
        return true
    }

    // MARK: - Result

    func result() -> SimulationResult {
        let setup = self.setup
        let settings = setup.settings
        var latency = self.latency
        if latencyFromServices { latency.addCounts(of: serviceLatency, into: 0) }
        let endTime = max(lastEvent, run.durationS.map { run.warmupS + $0 } ?? 0)
        let window = max(endTime - run.warmupS, 1e-9)
        let totalRequests = counts.reduce(0) { $0 + $1.requests }
        let totalEdge = counts.reduce(0) { $0 + $1.edge }
        let totalOffloaded = counts.reduce(0) { $0 + $1.offloaded }
        let busy = min(1, busyS / window)
        let (capexH, energyH, watts) = MoneyModel.edge(accelerator: setup.accelerator, count: setup.config.count,
                                                       busyFraction: busy, settings: settings)
        let cloudPerMonth = cloudUSD / window * 3600 * MoneyModel.hoursPerMonth
        let edgeMonth = (capexH + energyH) * MoneyModel.hoursPerMonth
        let requestsPerMonth = Double(totalRequests) / window * 3600 * MoneyModel.hoursPerMonth
        let money = MoneyMetrics(
            edgeUSDPerHour: capexH + energyH, capexUSDPerMonth: capexH * MoneyModel.hoursPerMonth,
            energyUSDPerMonth: energyH * MoneyModel.hoursPerMonth, cloudUSDPerMonth: cloudPerMonth,
            totalUSDPerMonth: edgeMonth + cloudPerMonth,
            usdPer1kRequests: requestsPerMonth > 0 ? (edgeMonth + cloudPerMonth) / requestsPerMonth * 1000 : 0)

        let n = Double(max(totalRequests, 1))
        let w = settings.objective
        let accCostTotal = counts.reduce(0.0) { $0 + $1.accuracyCostSum }
        // Preloads are switches too (0 under passive caching, so the sums are unchanged there).
        let switching = w.switching * (w.switchCost * Double(loads + preloads) + w.switchCostPerS * (switchS + preloadS))
        let sum = switching + w.accuracy * accCostTotal + w.inference * inferenceS + w.offloading * offloadingS + w.cloud * cloudUSD
        let cost = SystemCost(
            systemCost: sum / n, switchingCost: switching / n, totalAccuracyCost: accCostTotal / n,
            averageAccuracyCost: totalEdge > 0 ? edgeAccuracyCostSum / Double(totalEdge) : 0,
            inferenceLatency: inferenceS / n, offloadingLatency: offloadingS / n, cloudCost: cloudUSD / n,
            edgeExecutionRatio: Double(totalEdge) / n, systemCostPerSecond: sum / window)

        var services: [ServiceMetrics] = []
        var accTotal = 0.0, accCount = 0, attained = 0.0
        for i in 0..<setup.services.count {
            let s = setup.svc[i]
            let c = counts[i]
            let (summary, att) = serviceLatency.summary(i, c.latencySummary, atOrBelow: s.sloS)
            let r = c.requests
            let meanAcc: Double? = s.scored && r > 0 ? c.accuracySum / Double(r) : nil
            if s.scored { accTotal += c.accuracySum; accCount += r }
            attained += att * Double(r)
            services.append(ServiceMetrics(
                id: setup.serviceIds[i], requests: r, edge: c.edge, offloaded: c.offloaded, latency: summary,
                sloP95S: s.sloS, sloAttainment: att, meetsP95: r == 0 || summary.p95 <= s.sloS, minAccuracy: setup.services[i].minAccuracy,
                meanAccuracy: meanAcc, meanAccuracyCost: r > 0 ? c.accuracyCostSum / Double(r) : 0))
        }
        let models = (0..<setup.modelCount).map { m in
            var x = ModelMetrics(id: setup.modelIds[m], loads: perModel[m].loads, evictions: perModel[m].evictions, edgeRequests: cache.model[m].edgeRequests,
                                 residentAtEnd: cache.model[m].resident, residentGiB: setup.residentBytes[m] / MemoryModel.bytesPerGiB)
            if active { x.preloads = perModel[m].preloads }
            if partial { x.residentFractionAtEnd = cache.model[m].resident ? setup.fractions[cache.model[m].fractionIndex] : 0 }
            return x
        }
        var r = SimulationResult(
            policy: Policy.name, accelerator: setup.config.accelerator, count: setup.config.count, precision: setup.config.precision,
            maxBatch: setup.config.maxBatch, admission: setup.config.admission.rawValue, workload: setup.workload.id, seed: run.seed,
            loadScale: run.loadScale, measuredSeconds: window, requests: totalRequests, edge: totalEdge, offloaded: totalOffloaded,
            edgeRatio: Double(totalEdge) / n, hitRatio: totalEdge > 0 ? Double(hits) / Double(totalEdge) : 0,
            loads: loads, evictions: evictions, residentAtStart: measuring ? residentAtStart : cache.residentCount,
            residentAtEnd: cache.residentCount, latency: LatencySummary(latency.histogram(0)),
            sloAttainment: totalRequests > 0 ? attained / Double(totalRequests) : 1,
            meanAccuracy: accCount > 0 ? accTotal / Double(accCount) : nil, meanAccuracyCost: accCostTotal / n,
            busyFraction: busy, peakMemoryGiB: peakBytes / MemoryModel.bytesPerGiB,
            usableMemoryGiB: setup.usableBytes / MemoryModel.bytesPerGiB,
            energyKWh: watts * window / 3_600_000, money: money, cost: cost, services: services, models: models)
        if active {
            r.caching = CachingMode.active.rawValue
            r.preloads = preloads
            r.preloadSeconds = preloadS
        }
        if partial {
            r.residency = Residency.partial.rawValue
            r.partialLoads = partialLoads
            r.topUps = topUps
            r.topUpSeconds = topUpS
            r.streamingSeconds = streamingS
        }
        if !shiftTimes.isEmpty { r.postShiftLatency = LatencySummary(postShift.histogram(0)) }
        r.batches = batches.summary()
        if hasDevice, let dev = setup.device {
            for i in r.services.indices { r.services[i].device = counts[i].onDevice }
            let tierCounts = [counts.reduce(0) { $0 + $1.onDevice }, totalEdge, totalOffloaded]
            let tiers = (0..<3).map { k in
                TierMetrics(requests: tierCounts[k], share: Double(tierCounts[k]) / n, latency: LatencySummary(tierLatency.histogram(k)),
                            meanAccuracy: tierScored[k] > 0 ? tierAccuracy[k] / Double(tierScored[k]) : nil)
            }
            let kWh = deviceJoules / 3_600_000
            r.device = dev.id
            r.mobile = MobileTierMetrics(
                device: dev.id, devicePrecision: dev.precision, onDevice: tiers[0], edge: tiers[1], cloud: tiers[2],
                deviceEnergyKWh: kWh, deviceEnergyUSDPerMonth: kWh * dev.usdPerKWh / window * 3600 * MoneyModel.hoursPerMonth,
                deviceJoulesPerRequest: tierCounts[0] > 0 ? deviceJoules / Double(tierCounts[0]) : 0,
                serverEnergyKWh: r.energyKWh)
        }
        return r
    }

    // MARK: - Active caching

    /// A request for service `si` arrived: its load-choice models' EWMA counts go up by one.
    @inline(never)  // off the hot path
    mutating func observeDemand(_ si: Int, at t: Double) {
        for g in setup.stages(of: si) {
            let m = Int(setup.hot[Int(setup.stageLoad[g])].model)
            demandCount[m] = demandCount[m] * _exp2(-(t - demandTime[m]) / demandHalfLife) + 1
            demandTime[m] = t
        }
    }

    /// Predicted requests per second for model m at t: the EWMA (a decayed count c has mean
    /// λ·h/ln 2 under a constant rate λ), or the workload's own rate one interval ahead.
    mutating func predictedRate(_ m: Int, at t: Double, lookAhead: Bool = true) -> Double {
        if useProfile {
            let ahead = lookAhead ? t + interval : t
            var seg = profileStart.count - 1
            while seg > 0 && profileStart[seg] > ahead { seg -= 1 }
            return profileRate[seg * setup.modelCount + m] * setup.workload.profile.multiplier(at: ahead)
        }
        let c = demandCount[m] * _exp2(-(t - demandTime[m]) / demandHalfLife)
        return c * 0.6931471805599453 / demandHalfLife
    }

    /// Benefit of having m resident: predicted load seconds avoided per second, λ̂·load_s.
    @inline(__always)
    mutating func benefit(_ m: Int, at t: Double) -> Double { predictedRate(m, at: t) * setup.loadSeconds[m] }

    /// A resident model's benefit as a victim: with a known profile, the larger of its rate now and
    /// one interval ahead, so that a model still in demand is not displaced before its shift.
    @inline(__always)
    mutating func keepBenefit(_ m: Int, at t: Double) -> Double {
        guard useProfile else { return benefit(m, at: t) }
        return max(predictedRate(m, at: t, lookAhead: false), predictedRate(m, at: t)) * setup.loadSeconds[m]
    }

    /// A decision instant with the engine idle and the queue empty: preload at most one model (the
    /// engine is busy while it loads; its completion is the next decision instant).
    @inline(never)  // off the hot path
    mutating func decide(at t: Double) {
        startMeasuringIfDue(t)
        while nextTick <= t { nextTick += interval }
        idleDecision = .infinity
        let nm = setup.modelCount
        // Candidates in decreasing benefit, without sorting: repeatedly take the best untried one.
        for i in 0..<nm { victimScratch[i] = false }
        var tried = 0
        while tried < nm {
            var c = -1
            var cb = 0.0
            for m in 0..<nm where preloadable[m] && !cache.model[m].resident && !victimScratch[m] {
                let b = benefit(m, at: t)
                // Worth it only if at least one request is expected within the next interval.
                if predictedRate(m, at: t) * interval >= 1 && b > cb { c = m; cb = b }
            }
            if c < 0 { return }
            victimScratch[c] = true   // tried
            tried += 1
            // Displace the least beneficial residents until c fits; only if they are worth less.
            let need = usedBytes + setup.residentBytes[c] - setup.usableBytes
            var freed = 0.0, lost = 0.0
            var victims = 0
            while freed < need {
                var v = -1
                var vb = Double.infinity
                for r in cache.residentList where !victimScratch[Int(r)] && !cache.model[Int(r)].pinned {
                    let b = keepBenefit(Int(r), at: t)
                    if b < vb || (b == vb && Int(r) < v) { v = Int(r); vb = b }
                }
                if v < 0 { break }
                victimScratch[v] = true
                victims += 1
                freed += cache.model[v].residentNow
                lost += vb
            }
            if freed >= need && lost < cb {
                let counting = t >= run.warmupS
                for r in cache.residentList.indices.reversed() where r < cache.residentList.count {
                    let v = Int(cache.residentList[r])
                    if victimScratch[v] { evict(v, at: t, counting: counting) }
                }
                preload(c, at: t, counting: counting)
                return
            }
            // Not worth it: release the would-be victims and try the next candidate.
            if victims > 0 { for r in cache.residentList { victimScratch[Int(r)] = false } }
        }
    }

    @inline(never)  // off the hot path
    mutating func preload(_ m: Int, at t: Double, counting: Bool) {
        // A whole-model load like any other, counted as a preload rather than a demand load.
        load(m, fraction: wholeIndex, at: t, counting: false)
        let l = setup.loadSeconds[m]
        if counting { preloads += 1; perModel[m].preloads += 1; preloadS += l; busyS += l }
        engineFree = t + l
        lastEvent = max(lastEvent, engineFree)
        if engineFree > t { idleDecision = engineFree }
    }

    @inline(never)  // off the hot path
    mutating func recordPostShift(arrival: Double, latency l: Double) {
        for s in shiftTimes where arrival >= s && arrival < s + postShiftWindow {
            postShift.record(seconds: l, in: 0)
            return
        }
    }
}

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
        if runsOnServer(setup) {
            var engine = ServerEngine(setup: setup, plan: setup.serverPlan!, policy: policy, run: run)
            return engine.simulate(&source)
        }
        var engine = Engine(setup: setup, policy: policy, run: run)
        return engine.simulate(&source)
    }

    /// Runs a fixed arrival list (tests, traces, Belady).
    public static func simulate<P: EvictionPolicy>(_ policy: P, _ setup: CompiledSetup, _ run: RunConfig, arrivals: [Arrival]) -> SimulationResult {
        var p = policy
        if P.needsFuture { p.prepare(arrivals: arrivals, setup: setup) }
        var source = ArrivalList(arrivals)
        if runsOnServer(setup) {
            var engine = ServerEngine(setup: setup, plan: setup.serverPlan!, policy: p, run: run)
            return engine.simulate(&source)
        }
        var engine = Engine(setup: setup, policy: p, run: run)
        return engine.simulate(&source)
    }

    /// An option with a layout runs on the v2 server (Sources/PFMSimulation/Server); the others
    /// still run on the v1 engine until active caching and partial residency are ported to the v2
    /// server and it becomes the default (pfmplan-model(7), THE V2 SERVER).
    static func runsOnServer(_ setup: CompiledSetup) -> Bool { setup.serverPlan != nil }
}
