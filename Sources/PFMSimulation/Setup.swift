import PFMCatalog

/// What to simulate: a server option, a runtime configuration and a workload.
public struct ServerConfig: Sendable, Hashable {
    public var accelerator: String
    public var count: Int
    public var precision: String
    public var maxBatch: Int
    public var admission: Admission
    /// Passive (load on a miss only) or active (also preload ahead of predicted demand).
    public var caching: CachingMode
    /// Whole models only, or a fraction of a model's layers with the rest streamed each pass.
    public var residency: Residency
    /// The users' device profile for the mobile tier (pfmplan-model(7), MOBILE TIER); nil: no device tier.
    public var device: String?
    /// The server (MODEL.md §2, §6): how the GPUs are grouped (nil: the default layout,
    /// `ServerPlan.withDefaultLayout`), the runtime profile and the weights' source (nil: the catalog's).
    public var layout: Layout?
    public var runtime: String?
    public var loading: LoadingSource?
    /// Language stages' batching (MODEL.md §3.2); nil: the runtime profile's `llm_batching`.
    public var llmBatching: LLMBatching?

    public init(accelerator: String, count: Int = 1, precision: String, maxBatch: Int, admission: Admission,
                caching: CachingMode = .passive, residency: Residency = .binary, device: String? = nil,
                layout: Layout? = nil, runtime: String? = nil, loading: LoadingSource? = nil, llmBatching: LLMBatching? = nil) {
        self.accelerator = accelerator; self.count = count; self.precision = precision
        self.maxBatch = maxBatch; self.admission = admission; self.caching = caching; self.residency = residency
        self.device = device; self.layout = layout; self.runtime = runtime; self.loading = loading; self.llmBatching = llmBatching
    }
}

/// Run length and randomness.
public struct RunConfig: Sendable, Hashable {
    /// Measured seconds: arrivals stop at warm-up + duration (nil: use `requests`).
    public var durationS: Double?
    /// Stop after this many measured (post-warm-up) requests.
    public var requests: Int?
    public var warmupS: Double
    public var seed: UInt64
    /// Multiplies every rate of the workload (the planner's load scale).
    public var loadScale: Double
    /// Keep within-run batch statistics (BatchMeans.swift) for the planner's intervals.
    public var batchMeans = false

    public init(durationS: Double? = nil, requests: Int? = nil, warmupS: Double = 0, seed: UInt64 = 1, loadScale: Double = 1) {
        self.durationS = durationS; self.requests = requests; self.warmupS = warmupS; self.seed = seed; self.loadScale = loadScale
    }

    public static func from(_ w: WorkloadSpec) -> RunConfig {
        RunConfig(durationS: w.requests == nil ? w.durationS : nil, requests: w.requests, warmupS: w.warmupS, seed: w.seed)
    }
}

/// A problem that cannot be simulated as asked, with what to change.
public struct SetupError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) { self.message = message; self.hint = hint }
    public var description: String { message + (hint.map { "\n  hint: " + $0 } ?? "") }
}

/// The catalog compiled for one server configuration: every per-request quantity precomputed into
/// arrays indexed by interned integer ids. Built once per candidate; the engine reads only this.
public struct CompiledSetup: Sendable {
    // Models (index = model id)
    public var modelIds: [String]
    var residentBytes: [Double]
    var weightBytes: [Double]
    var kvPerToken: [Double]
    var loadSeconds: [Double]
    var family: [ModelFamily]
    public var usableBytes: Double
    /// Binary: the model fits whole in usable memory. Partial: its smallest allowed fraction fits.
    var fitsAlone: [Bool]
    /// The model fits whole in usable memory (equals `fitsAlone` under binary residency).
    var fitsWhole: [Bool]

    // Partial residency (pfmplan-model(7), PARTIAL RESIDENCY). Under binary residency there is one
    // fraction, 1, and these tables hold the whole-model figures: the engine's arithmetic is unchanged.
    /// True under `residency: partial`.
    var partial: Bool
    /// Allowed resident fractions, ascending, ending with 1 (just [1] under binary residency).
    var fractions: [Double]
    /// Per (model, fraction index), model-major: resident bytes, load seconds, and the seconds one
    /// forward pass spends streaming the non-resident layers ((1 − f) × weights / load bandwidth).
    var fractionBytes: [Double]
    var fractionLoadSeconds: [Double]
    var fractionStreamSeconds: [Double]
    /// Seconds to move all of a model's weights host → device (weights / load bandwidth), and the
    /// fixed overhead of one load operation.
    var weightLoadSeconds: [Double]
    var loadOverheadS: Double

    // Capacity
    var computeFlops: Double
    var memoryBandwidth: Double

    // Services (index = service id)
    public var serviceIds: [String]
    var services: [ServiceTable]
    // Context slots: one per (model, task) with in-context learning that some service uses.
    // Models without in-context learning (Table I's vision and CLIP models) have no context: κ = 0.
    var slotCount: Int
    var modelSlots: [[Int32]]

    // The same tables flattened for the hot loop: plain values only, no nested arrays.
    /// Per service (index = service id).
    var svc: [ServiceFacts]
    /// Models service s may use are svcModels[svcModelStart[s] ..< svcModelStart[s + 1]].
    var svcModelStart: [Int32]
    var svcModels: [Int32]
    /// Choices of stage g are choices[stageChoiceStart[g] ..< stageChoiceStart[g + 1]], most accurate first.
    var stageChoiceStart: [Int32]
    /// Absolute index into `choices` of the model to load on a miss.
    var stageLoad: [Int32]
    var stageRepeat: [Double]
    var choices: [StageChoice]
    /// The fields `choose` scans, split out so the scan reads 5 bytes per choice, not the whole struct.
    /// Per choice, the fields the hot loop reads, side by side (one cache line, one index check)
    /// rather than in the 96-byte `StageChoice`.
    var hot: [HotChoice]
    struct HotChoice: Sendable {
        var model: Int32
        /// Context slot, -1: none.
        var slot: Int32
        var kMax: Int32
        /// The choice's first row in `table`, and the largest k with a row.
        var tableStart: Int32
        var tableK: Int32
        /// Used when resident: meets the service's accuracy floor, or no fitting model does.
        var acceptable: Bool
        /// The model has scores for the service's task.
        var scored: Bool
        /// The service whose stage this choice belongs to.
        var service: Int32 = 0
    }
    /// Per choice, precomputed for every context size k in 0...kMax (pfmplan-model(7), exactly the
    /// values the formulas give, so results are unchanged): one row per (choice, k) holding the
    /// accuracy with k examples (penalty and clamp applied), its accuracy cost for the choice's
    /// service (max(0, reference − accuracy) / 100), and the stage's service time for each batch
    /// size 1...`tableBatches` with k examples per prompt, side by side (one cache line per look-up).
    /// Row r = hot[i].tableStart + k starts at table[r · tableStride]. Set-up cost and memory are
    /// bounded by `tableLimit` entries per choice (`hot[i].tableK` is the largest k with a row: kMax,
    /// or less when kMax is huge); beyond it the engine computes.
    var table: [Double]
    var tableBatches: Int
    /// Doubles per row: accuracy, accuracy cost, then one service time per batch size.
    var tableStride: Int { tableBatches + 2 }
    static let tableLimit = 1 << 14

    /// A service's scalars, copied out cheaply in the hot loop.
    struct ServiceFacts: Sendable {
        var tokensIn: Double
        var tokensOut: Double
        var uplinkS: Double
        var downlinkS: Double
        var cloudLatencyS: Double
        var cloudUSD: Double
        var sloS: Double
        var referenceAccuracy: Double
        var scored: Bool
        var edgeFeasible: Bool
        /// The accuracy cost of an answer no scored stage set (accuracy 0): reference / 100 if scored.
        var zeroAccuracyCost: Double = 0
        /// Language services' TTFT and TPOT SLOs in seconds (infinity: none), and the cloud path's
        /// TTFT (uplink, core RTT, backhaul, the cloud's TTFT or whole serving time, downlink) and TPOT.
        var ttftSloS: Double = .infinity
        var tpotSloS: Double = .infinity
        var cloudTTFTS: Double = 0
        var cloudTPOTS: Double = 0
        /// A stage of the service runs a language model (TTFT and TPOT are reported for it).
        var language = false
        /// The service's stages: stageStart ..< stageEnd (see `stages(of:)`).
        var stageStart: Int32 = 0
        var stageEnd: Int32 = 0
        /// Where the first stage's first (most accurate) choice keeps its state, so that the engine
        /// can start loading it before it needs it: its index in `hot`, its model, its context slot
        /// and its first row in `table` (all -1 for a service without stages).
        var firstChoice: Int32 = -1
        var firstModel: Int32 = -1
        var firstSlot: Int32 = -1
        var firstRow: Int32 = -1
    }

    // Mobile tier (pfmplan-model(7), MOBILE TIER): per service, fixed figures, since each user has
    // their own device (no queue) with its models pre-installed (no load). Empty without a device.
    /// The device profile, nil without a device tier.
    public var device: DeviceSpec?
    /// The service may run on the device: on_device, its models meet the accuracy floor and fit.
    var deviceFeasible: [Bool] = []
    /// Seconds one request takes on the device (roofline at batch 1, no context examples).
    var deviceSeconds: [Double] = []
    /// Accuracy (points) of a device request (zero-shot, less the device precision's penalty).
    var deviceAccuracy: [Double] = []
    /// Joules the device draws for one request (power_w × seconds).
    var deviceJoules: [Double] = []
    /// Models each stage runs on the device (ids, for reports); empty strings when infeasible.
    public var deviceModels: [[String]] = []

    public var config: ServerConfig
    public var accelerator: AcceleratorSpec
    public var precision: PrecisionSpec
    public var settings: Catalog.Settings
    public var workload: WorkloadSpec
    public var utility: ContextUtility

    struct StageChoice: Sendable {
        var model: Int32
        var slot: Int32            // -1 when this stage is not scored
        var kMax: Int32
        var curve: AccuracyCurve
        var penalty: Double
        var gflops: Double         // per token (language) or per inference
        var isLanguage: Bool
        var measuredS: Double      // > 0 overrides the roofline (one request)
        var attainable: Double     // accuracy with a full context, for ranking
        var tokensPerExample: Double
        var scored: Bool           // the model has scores for the service's task
        /// Used when resident: meets the service's accuracy floor, or no fitting model does.
        var acceptable: Bool = true
    }

    struct StageTable: Sendable {
        var choices: [StageChoice]   // ordered most accurate first
        var loadChoice: Int          // index into choices: the model to load on a miss
        var repeatCount: Double
        var scored: Bool
    }

    struct ServiceTable: Sendable {
        var stages: [StageTable]
        /// The scalars the hot loop reads (also kept flat in `svc`).
        var facts: ServiceFacts
        var minAccuracy: Double
        /// Distinct model ids this service may use (for Belady's next-use lists).
        var allModels: [Int32]
    }

    /// The runtime profile a run uses (MODEL.md §2): the one named, else the server section's,
    /// else the catalog's first; nil for a catalog without runtimes (v1's server constants).
    public static func runtimeId(_ c: Catalog, _ id: String?) -> String? { id ?? c.settings.server.runtime ?? c.runtimes.first?.id }

    /// Language stages run continuous batching (MODEL.md §3.2): the run's choice, else the
    /// runtime's `llm_batching`; partial residency keeps static batches (pfmplan-model(7), DEPARTURES).
    static func continuousLanguage(_ config: ServerConfig, runtime: RuntimeSpec?) -> Bool {
        (config.llmBatching ?? runtime?.llmBatching ?? .static) == .continuous && config.residency != .partial
    }

    public init(catalog: Catalog, workload: WorkloadSpec, config: ServerConfig) throws(SetupError) {
        let settings = catalog.settings
        guard let acc = catalog.accelerator(config.accelerator) else {
            throw SetupError("unknown accelerator '\(config.accelerator)'",
                             hint: "one of: \(catalog.accelerators.map(\.id).joined(separator: ", "))")
        }
        guard let prec = catalog.precision(config.precision) else {
            throw SetupError("unknown precision '\(config.precision)'", hint: "one of: \(catalog.precisions.map(\.id).joined(separator: ", "))")
        }
        guard let peak = acc.tflops[prec.id] else {
            throw SetupError("\(acc.id) cannot run \(prec.id): its catalog entry lists no \(prec.id) TFLOPS",
                             hint: "supported: \(acc.tflops.keys.sorted().joined(separator: ", "))")
        }
        guard config.count >= 1 else { throw SetupError("GPU count must be at least 1") }
        guard config.maxBatch >= 1 else { throw SetupError("max batch must be at least 1") }
        if (config.caching == .active || config.residency == .partial) && settings.caching == nil {
            throw SetupError("--caching active and --residency partial need the catalog's 'caching' section",
                             hint: "add 'caching: {demand, half_life_s, interval_s, post_shift_window_s, partial_fractions}' (pfmplan-catalog(5))")
        }
        self.config = config
        accelerator = acc
        precision = prec
        self.settings = settings
        self.workload = workload
        utility = settings.context.utility
        let server = settings.server
        let n = Double(config.count)
        let scale = config.count <= 1 ? 1.0 : (0..<(config.count - 1)).reduce(1.0) { r, _ in r * server.multiGPUEfficiency }
        computeFlops = n * peak * 1e12 * server.mfu * scale
        memoryBandwidth = n * acc.bandwidthGBps * 1e9 * server.mbu * scale
        usableBytes = MemoryModel.usableBytes(acc, count: config.count, server: server)

        // Language stages' batching, as ServerPlan resolves it (the runtime profile's by default).
        let continuousLanguage = Self.continuousLanguage(config, runtime: Self.runtimeId(catalog, config.runtime).flatMap(catalog.runtime))
        // Intern only the models the workload's services can use.
        let serviceIdsInMix = Set(workload.mix.map(\.service) + workload.shifts.flatMap { $0.mix.map(\.service) })
        let usedServices = catalog.services.filter { serviceIdsInMix.contains($0.id) }
        var catalogModels: [String: Int] = [:]
        for (i, m) in catalog.models.enumerated() { catalogModels[m.id] = i }
        var modelIndex: [String: Int] = [:]
        var models: [ModelSpec] = []
        for s in usedServices { for st in s.stages { for m in st.models where modelIndex[m] == nil {
            guard let ci = catalogModels[m] else { throw SetupError("service '\(s.id)' names unknown model '\(m)'") }
            let spec = catalog.models[ci]
            modelIndex[m] = models.count; models.append(spec)
        } } }
        modelIds = models.map(\.id)
        weightBytes = models.map { MemoryModel.weightBytes($0, prec) }
        kvPerToken = models.map { MemoryModel.kvBytesPerToken($0, prec) }
        let residentBytes = models.map { MemoryModel.residentBytes($0, prec, batch: config.maxBatch, server: server) }
        self.residentBytes = residentBytes
        let weightBytes = self.weightBytes, kvPerToken = self.kvPerToken
        loadSeconds = weightBytes.map { $0 / (acc.loadBandwidthGBps * 1e9) + server.loadOverheadMs / 1000 }
        family = models.map(\.family)
        let usable = usableBytes
        let fitsWhole = residentBytes.map { $0 <= usable }
        self.fitsWhole = fitsWhole

        // Partial residency: the allowed fractions and their per-model figures.
        let partial = config.residency == .partial
        self.partial = partial
        let fractions = partial ? (settings.caching?.partialFractions ?? []) + [1] : [1]
        self.fractions = fractions
        let loadBW = acc.loadBandwidthGBps * 1e9, overheadS = server.loadOverheadMs / 1000
        loadOverheadS = overheadS
        weightLoadSeconds = weightBytes.map { $0 / loadBW }
        var fractionBytes: [Double] = [], fractionLoad: [Double] = [], fractionStream: [Double] = []
        for (i, spec) in models.enumerated() {
            for f in fractions {
                fractionBytes.append(MemoryModel.residentBytes(spec, prec, batch: config.maxBatch, server: server, fraction: f))
                fractionLoad.append(f >= 1 ? loadSeconds[i] : f * weightBytes[i] / loadBW + overheadS)
                fractionStream.append(f >= 1 ? 0 : (1 - f) * weightBytes[i] / loadBW)
            }
        }
        self.fractionBytes = fractionBytes
        fractionLoadSeconds = fractionLoad
        fractionStreamSeconds = fractionStream
        let nf = fractions.count
        /// The least memory a model can be resident in: whole under binary, its smallest fraction under partial.
        let minimumBytes = (0..<models.count).map { fractionBytes[$0 * nf] }
        let fitsAlone = minimumBytes.map { $0 <= usable }
        self.fitsAlone = fitsAlone

        // Context slots per (model, task).
        var slotIndex: [String: Int] = [:]
        var modelSlots = [[Int32]](repeating: [], count: models.count)
        func slot(_ m: Int, _ task: String) -> Int {
            let key = "\(m)\u{0}\(task)"
            if let s = slotIndex[key] { return s }
            let s = slotIndex.count
            slotIndex[key] = s
            modelSlots[m].append(Int32(s))
            return s
        }

        var tables: [ServiceTable] = []
        serviceIds = usedServices.map(\.id)
        let cloud = settings.cloud, net = settings.network
        for s in usedServices {
            var stages: [StageTable] = []
            var reference = 0.0
            var serviceScored = false
            for st in s.stages {
                var choices: [StageChoice] = []
                var scoredStage = false
                for mid in st.models {
                    let mi = modelIndex[mid]!
                    let spec = models[mi]
                    let scores = spec.scores(for: s.task)
                    let curve: AccuracyCurve
                    switch scores.map(AccuracyCurve.fit) {
                    case .success(let c)?: curve = c
                    case .failure(let e)?: throw SetupError("model '\(mid)' task '\(s.task)': \(e)")
                    case nil: curve = AccuracyCurve(constant: 0)
                    }
                    let penalty = prec.penalty(for: spec.family)
                    var kMax = 0
                    if scores?.hasInContextLearning == true, spec.tokensPerExample > 0 {
                        let room = spec.contextWindowTokens - s.tokensIn - s.tokensOut
                        kMax = max(0, room / spec.tokensPerExample)
                        // Examples whose KV cache fits in the memory left beside the weights.
                        if kvPerToken[mi] > 0 {
                            // Partial residency: a model that never fits whole keeps its smallest fraction's weights.
                            let f = partial && !fitsWhole[mi] ? fractions[0] : 1
                            let spare = usable - f * weightBytes[mi] * (1 + server.runtimeOverhead)
                            // Static batches reserve KV for max_batch prompts; a continuous pool for one (MODEL.md §5).
                            let perExample = Double((continuousLanguage ? 1 : config.maxBatch) * spec.tokensPerExample) * kvPerToken[mi]
                            // Compared as Doubles first: a tiny bytes_per_kv makes the quotient too large for Int.
                            kMax = max(0, Int(min(Double(kMax), max(0, spare) / perExample)))
                        }
                        // α < 0 (few-shot below one-shot): accuracy peaks at K = 1, so no request
                        // pays prefill for examples that lower it (MODEL.md §5).
                        if curve.alpha < 0 { kMax = min(kMax, curve.a1 > curve.a0 ? 1 : 0) }
                    }
                    let attainable = scores == nil ? 0 : max(0, min(100, curve.accuracy(examples: kMax) - penalty))
                    if let scores {
                        scoredStage = true
                        reference = max(reference, scores.fewShot ?? scores.oneShot ?? scores.zeroShot)
                    }
                    choices.append(StageChoice(
                        model: Int32(mi), slot: scores?.hasInContextLearning == true ? Int32(slot(mi, s.task)) : -1, kMax: Int32(kMax),
                        curve: curve, penalty: penalty, gflops: scores?.gflops ?? spec.gflops,
                        isLanguage: spec.family == .language,
                        measuredS: (spec.measuredMs[acc.id] ?? 0) / 1000, attainable: attainable,
                        tokensPerExample: Double(spec.tokensPerExample), scored: scores != nil))
                }
                // Most accurate first; ties by smaller memory.
                let order = choices.indices.sorted {
                    let a = choices[$0], b = choices[$1]
                    if a.attainable != b.attainable { return a.attainable > b.attainable }
                    return residentBytes[Int(a.model)] < residentBytes[Int(b.model)]
                }
                choices = order.map { choices[$0] }
                // Load choice: the smallest fitting model meeting the accuracy floor, else the most accurate fitting one.
                let fitting = choices.indices.filter { fitsAlone[Int(choices[$0].model)] }
                let meeting = fitting.filter { !scoredStage || choices[$0].attainable >= s.slo.minAccuracy }
                let load = meeting.min { residentBytes[Int(choices[$0].model)] < residentBytes[Int(choices[$1].model)] }
                    ?? fitting.first ?? 0
                if !meeting.isEmpty {
                    for i in choices.indices { choices[i].acceptable = !scoredStage || choices[i].attainable >= s.slo.minAccuracy }
                }
                stages.append(StageTable(choices: choices, loadChoice: load, repeatCount: Double(st.repeatCount), scored: scoredStage))
                serviceScored = serviceScored || scoredStage
            }
            // A pipeline is feasible at the edge if the load choices of all stages fit together.
            var pipelineModels = Set<Int32>()
            for st in stages { pipelineModels.insert(st.choices[st.loadChoice].model) }
            let pipelineBytes = pipelineModels.reduce(0.0) { $0 + minimumBytes[Int($1)] }
            let feasible = stages.allSatisfy { fitsAlone[Int($0.choices[$0.loadChoice].model)] } && pipelineBytes <= usable
            let reqBits = s.requestKB * 8000, respBits = s.responseKB * 8000
            let up = reqBits / (net.uplinkMbps * 1e6), down = respBits / (net.downlinkMbps * 1e6)
            let backhaul = (reqBits + respBits) / (cloud.backhaulMbps * 1e6)
            let cloudServing = (s.cloudServingMs ?? cloud.servingMs) / 1000
            let usd: Double
            if let perTok = s.cloudUSDPer1kTokens { usd = perTok * Double(s.tokensIn + s.tokensOut) / 1000 }
            else { usd = s.cloudUSDPerRequest ?? cloud.usdPerRequest }
            var all = Set<Int32>()
            for st in stages { for c in st.choices { all.insert(c.model) } }
            let facts = ServiceFacts(
                tokensIn: Double(s.tokensIn), tokensOut: Double(s.tokensOut), uplinkS: up, downlinkS: down,
                cloudLatencyS: up + cloud.coreRTTMs / 1000 + backhaul + cloudServing + down, cloudUSD: usd,
                sloS: s.slo.p95Ms / 1000, referenceAccuracy: reference, scored: serviceScored, edgeFeasible: feasible,
                zeroAccuracyCost: serviceScored ? max(0, reference - 0) / 100 : 0,
                ttftSloS: s.slo.ttftP95Ms.map { $0 / 1000 } ?? .infinity, tpotSloS: s.slo.tpotP95Ms.map { $0 / 1000 } ?? .infinity,
                cloudTTFTS: up + cloud.coreRTTMs / 1000 + backhaul + (s.cloudTTFTMs.map { $0 / 1000 } ?? cloudServing) + down,
                cloudTPOTS: (s.cloudTPOTMs ?? 0) / 1000,
                language: stages.contains { $0.choices.contains { $0.isLanguage } })
            tables.append(ServiceTable(stages: stages, facts: facts, minAccuracy: s.slo.minAccuracy, allModels: all.sorted()))
        }
        services = tables
        slotCount = slotIndex.count
        self.modelSlots = modelSlots
        svc = tables.map(\.facts)
        var svcModelStart: [Int32] = [0], svcModels: [Int32] = []
        var stageChoiceStart: [Int32] = [0], stageLoad: [Int32] = [], stageRepeat: [Double] = [], flat: [StageChoice] = []
        for (si, t) in tables.enumerated() {
            svc[si].stageStart = Int32(stageRepeat.count)
            for st in t.stages {
                stageLoad.append(Int32(flat.count + st.loadChoice))
                flat += st.choices
                stageChoiceStart.append(Int32(flat.count))
                stageRepeat.append(st.repeatCount)
            }
            svc[si].stageEnd = Int32(stageRepeat.count)
            svcModels += t.allModels
            svcModelStart.append(Int32(svcModels.count))
        }
        self.svcModelStart = svcModelStart
        self.svcModels = svcModels
        self.stageChoiceStart = stageChoiceStart
        self.stageLoad = stageLoad
        self.stageRepeat = stageRepeat
        choices = flat
        hot = flat.map { HotChoice(model: $0.model, slot: $0.slot, kMax: $0.kMax, tableStart: 0, tableK: 0, acceptable: $0.acceptable, scored: $0.scored) }
        // Per-choice tables over k (and batch size): the same expressions as the direct formulas.
        tableBatches = config.maxBatch <= 64 ? config.maxBatch : 1
        table = []
        var choiceStage = [Int](repeating: 0, count: flat.count), stageService = [Int]()
        for si in 0..<tables.count {
            for g in stages(of: si) {
                stageService.append(si)
                for i in Int(stageChoiceStart[g])..<Int(stageChoiceStart[g + 1]) { choiceStage[i] = g }
            }
        }
        for (i, c) in flat.enumerated() {
            let kTop = min(Int(c.kMax), Self.tableLimit / tableBatches - 1)
            hot[i].tableStart = Int32(table.count / tableStride)
            hot[i].tableK = Int32(kTop)
            let g = choiceStage[i]
            let f = tables[stageService[g]].facts
            hot[i].service = Int32(stageService[g])
            for k in 0...max(0, kTop) {
                let accuracy = max(0, min(100, c.curve.accuracy(examples: k) - c.penalty))
                table.append(accuracy)
                table.append(max(0, f.referenceAccuracy - accuracy) / 100)
                let perRequest = f.tokensIn + Double(k) * c.tokensPerExample
                for b in 1...tableBatches {
                    table.append(stageSeconds(choice: i, repeatCount: stageRepeat[g], batch: Double(b),
                                                     promptTokens: Double(b) * perRequest, tokensOut: f.tokensOut))
                }
            }
        }
        for si in svc.indices where !stages(of: si).isEmpty {
            let c = Int(stageChoiceStart[stages(of: si).lowerBound])
            guard c < hot.count else { continue }
            svc[si].firstChoice = Int32(c)
            svc[si].firstModel = hot[c].model
            svc[si].firstSlot = hot[c].slot
            svc[si].firstRow = hot[c].tableStart
        }
        if let id = config.device { try compileDevice(id, catalog: catalog, services: usedServices) }
        if let layout = config.layout {
            serverPlan = try ServerPlan(catalog: catalog, setup: self, layout: layout, runtime: config.runtime, loading: config.loading)
        } else {
            serverPlan = try ServerPlan.withDefaultLayout(catalog: catalog, setup: self, runtime: config.runtime, loading: config.loading)
        }
    }

    /// The v2 server compiled for this option: its layout, or the default layout
    /// (`ServerPlan.withDefaultLayout`) when it names none.
    public internal(set) var serverPlan: ServerPlan!

    /// The mobile tier's per-service figures (pfmplan-model(7), MOBILE TIER).
    mutating func compileDevice(_ id: String, catalog: Catalog, services: [ServiceSpec]) throws(SetupError) {
        guard let dev = catalog.device(id) else {
            throw SetupError("unknown device '\(id)'",
                             hint: catalog.devices.isEmpty ? "the catalog has no 'devices' section (pfmplan-catalog(5))"
                                 : "one of: \(catalog.devices.map(\.id).joined(separator: ", "))")
        }
        guard let prec = catalog.precision(dev.precision), let peak = dev.tflops[dev.precision] else {
            throw SetupError("device '\(id)' runs at precision '\(dev.precision)', which the catalog does not define")
        }
        device = dev
        let server = settings.server
        let flops = peak * 1e12 * dev.mfu, bandwidth = dev.bandwidthGBps * 1e9 * dev.mbu
        let usable = dev.memoryGiB * MemoryModel.bytesPerGiB * dev.usableFraction
        for s in services {
            var feasible = s.onDevice
            var seconds = 0.0, accuracy = 0.0
            var picked: [String] = []
            var bytes: [String: Double] = [:]
            for st in s.stages {
                // Candidates: most accurate at K = 0 first, ties by smaller memory; the first that fits
                // alone and meets the floor (unscored stages: the smallest fitting one).
                var best: (id: String, acc: Double, bytes: Double, spec: ModelSpec, scored: Bool)?
                for mid in st.models {
                    guard let spec = catalog.model(mid) else { continue }
                    let b = MemoryModel.residentBytes(spec, prec, batch: 1, server: server)
                    guard b <= usable else { continue }
                    let scores = spec.scores(for: s.task)
                    var acc = 0.0
                    if let scores {
                        switch AccuracyCurve.fit(scores) {
                        case .success(let c): acc = max(0, min(100, c.accuracy(examples: 0) - prec.penalty(for: spec.family)))
                        case .failure(let e): throw SetupError("model '\(mid)' task '\(s.task)': \(e)")
                        }
                        if acc < s.slo.minAccuracy { continue }
                    }
                    if let cur = best, cur.acc > acc || (cur.acc == acc && cur.bytes <= b) { continue }
                    best = (mid, acc, b, spec, scores != nil)
                }
                guard let best else { feasible = false; picked.append(""); continue }
                picked.append(best.id)
                bytes[best.id] = best.bytes
                if best.scored { accuracy = best.acc }
                let spec = best.spec
                let rep = Double(st.repeatCount)
                if let ms = spec.measuredMs[dev.id] { seconds += ms / 1000 * rep; continue }
                let gflops = (spec.scores(for: s.task)?.gflops ?? spec.gflops) * 1e9
                let w = MemoryModel.weightBytes(spec, prec)
                if spec.family == .language {
                    let tin = Double(s.tokensIn), tout = Double(s.tokensOut)
                    let kv = (tin + tout) * MemoryModel.kvBytesPerToken(spec, prec)
                    seconds += rep * (gflops * tin / flops + tout * max((w + kv) / bandwidth, gflops / flops))
                } else {
                    seconds += rep * max(gflops / flops, w / bandwidth)
                }
            }
            if bytes.keys.sorted().reduce(0.0, { $0 + bytes[$1]! }) > usable { feasible = false }
            deviceFeasible.append(feasible)
            deviceSeconds.append(seconds)
            deviceAccuracy.append(accuracy)
            deviceJoules.append(dev.powerW * seconds)
            deviceModels.append(picked)
        }
    }

    public var modelCount: Int { modelIds.count }

    /// Resident bytes of model m at fraction index k.
    @inline(__always)
    func bytes(_ m: Int, fraction k: Int) -> Double { fractionBytes[m * fractions.count + k] }

    /// Forward passes of one stage run of choice i: for a language model the prefill plus one per
    /// decoded token, else one per repeat. Each pass streams the non-resident layers once.
    @inline(__always)
    func passes(choice i: Int, repeatCount: Double, tokensOut: Double) -> Double {
        choices[i].isLanguage ? repeatCount * (1 + tokensOut) : repeatCount
    }

    /// The stages of service si (indices into the per-stage arrays).
    @inline(__always)
    func stages(of si: Int) -> Range<Int> { Int(svc[si].stageStart)..<Int(svc[si].stageEnd) }

    /// Accuracy (points, penalty and clamp applied) of choice i with k context examples.
    @inline(__always)
    func accuracy(choice i: Int, examples k: Int) -> Double {
        let h = hot[i]
        if k <= Int(h.tableK) { return table[(Int(h.tableStart) + k) * tableStride] }
        return max(0, min(100, choices[i].curve.accuracy(examples: k) - choices[i].penalty))
    }

    /// The accuracy cost of choice i's service when a request is answered with k examples.
    @inline(__always)
    func accuracyCost(choice i: Int, examples k: Int) -> Double {
        let h = hot[i]
        if k <= Int(h.tableK) { return table[(Int(h.tableStart) + k) * tableStride + 1] }
        return max(0, svc[Int(h.service)].referenceAccuracy - accuracy(choice: i, examples: k)) / 100
    }

    /// `stageSeconds` for choice i of stage g of a service with these facts, for a batch of b requests
    /// each with k context examples: from the table when it has the entry.
    @inline(__always)
    func stageSeconds(choice i: Int, stage g: Int, batch b: Int, examples k: Int, tokensIn: Double, tokensOut: Double) -> Double {
        let h = hot[i]
        if b <= tableBatches && k <= Int(h.tableK) { return table[(Int(h.tableStart) + k) * tableStride + 1 + b] }
        return stageSeconds(choice: i, repeatCount: stageRepeat[g], batch: Double(b),
                            promptTokens: Double(b) * (tokensIn + Double(k) * choices[i].tokensPerExample), tokensOut: tokensOut)
    }

    /// Time to run one stage on choice i for a batch of `b` requests whose prompts total
    /// `promptTokens` (MODEL.md section 3): the measured time if the catalog gives one, else the
    /// roofline (compute-bound prefill, then each decoded token bound by weights + KV reads or by
    /// compute).
    @inline(__always)
    func stageSeconds(choice i: Int, repeatCount: Double, batch b: Double, promptTokens: Double, tokensOut: Double) -> Double {
        let measured = choices[i].measuredS
        if measured > 0 { return measured * b * repeatCount }
        let m = Int(hot[i].model)
        let gflops = choices[i].gflops
        if choices[i].isLanguage {
            let flopsPerToken = gflops * 1e9
            let prefill = flopsPerToken * promptTokens / computeFlops
            let kv = (promptTokens + b * tokensOut) * kvPerToken[m]
            let perToken = max((weightBytes[m] + kv) / memoryBandwidth, b * flopsPerToken / computeFlops)
            return repeatCount * (prefill + tokensOut * perToken)
        }
        return repeatCount * max(b * gflops * 1e9 / computeFlops, weightBytes[m] / memoryBandwidth)
    }
}
