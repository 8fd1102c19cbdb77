/// Catalog entities as read from YAML, in the catalog's own units (names carry the unit).
/// The simulation converts them once into SI tables; nothing here is used per request.

public enum ModelFamily: String, Sendable, CaseIterable, Codable {
    case language, vision, multimodal, diffusion, speech
}

/// A task's Table I scores. Models without in-context learning give `score` only.
public struct TaskScores: Sendable, Hashable {
    public var task: String
    public var zeroShot: Double
    public var oneShot: Double?
    public var fewShot: Double?
    public var fewShotK: Int?
    /// Explicit exponent of the Fig. 4 curve; otherwise fitted from the three scores.
    public var alpha: Double?
    /// Table I lists task-specific sizes and GFLOPs for some vision models.
    public var parametersM: Double?
    public var gflops: Double?
    public var location: SourceLocation?

    public var hasInContextLearning: Bool { oneShot != nil }

    public init(task: String, zeroShot: Double, oneShot: Double? = nil, fewShot: Double? = nil, fewShotK: Int? = nil,
                alpha: Double? = nil, parametersM: Double? = nil, gflops: Double? = nil, location: SourceLocation? = nil) {
        self.task = task; self.zeroShot = zeroShot; self.oneShot = oneShot; self.fewShot = fewShot
        self.fewShotK = fewShotK; self.alpha = alpha; self.parametersM = parametersM; self.gflops = gflops
        self.location = location
    }
}

/// A language model's transformer shape (MODEL.md §1), as its Hugging Face `config.json` gives it.
/// Every field is optional in the catalog; the KV cache needs `layers`, `kv_heads` and `head_dim`
/// (or v1's `kv_width`). Mixture-of-experts models give `experts`, `experts_per_token` and
/// `expert_params_m` together.
public struct LanguageArchitecture: Sendable, Hashable {
    public var layers: Int?
    /// Model width (d_model, `hidden_size`).
    public var hidden: Int?
    /// Attention (query) heads.
    public var heads: Int?
    /// Key/value heads (grouped-query attention; equal to `heads` for multi-head attention).
    public var kvHeads: Int?
    /// Width of one head.
    public var headDim: Int?
    /// Feed-forward width (`intermediate_size`; per expert for mixture-of-experts models).
    public var intermediate: Int?
    public var vocab: Int?
    /// Routed experts per MoE layer, and how many of them each token uses.
    public var experts: Int?
    public var expertsPerToken: Int?
    /// Parameters of one expert in one layer, in millions (its FFN matrices): the model's expert
    /// weights are layers × experts × expert_params_m; the rest is shared by every token.
    public var expertParamsM: Double?

    public var isMixtureOfExperts: Bool { experts != nil }

    /// Key and value width per layer and token, kv_heads × head_dim, when both are known.
    public var kvWidth: Int? {
        guard let kvHeads, let headDim else { return nil }
        return kvHeads * headDim
    }

    public init(layers: Int? = nil, hidden: Int? = nil, heads: Int? = nil, kvHeads: Int? = nil, headDim: Int? = nil,
                intermediate: Int? = nil, vocab: Int? = nil, experts: Int? = nil, expertsPerToken: Int? = nil,
                expertParamsM: Double? = nil) {
        self.layers = layers; self.hidden = hidden; self.heads = heads; self.kvHeads = kvHeads; self.headDim = headDim
        self.intermediate = intermediate; self.vocab = vocab; self.experts = experts; self.expertsPerToken = expertsPerToken
        self.expertParamsM = expertParamsM
    }
}

public struct ModelSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var family: ModelFamily
    public var parametersM: Double
    /// Per token for language models, per inference otherwise.
    public var gflops: Double
    public var layers: Int?
    /// Key and value width per layer and token: kv_heads × head_dim when the architecture gives
    /// them, else v1's `kv_width`. KV bytes per token = 2 × layers × kvWidth × bytes_per_kv.
    public var kvWidth: Int?
    /// The longest sequence the server admits per request (the serving `max_model_len`):
    /// `max_context_tokens`, or v1's `context_window_tokens` when that is the only one given; 0 if neither.
    public var contextWindowTokens: Int
    /// The model's own window (`context_window_tokens`) when `max_context_tokens` is also given
    /// (informational; never used for memory).
    public var modelWindowTokens: Int?
    /// Transformer shape (language models; nil when the catalog gives none of its keys).
    public var architecture: LanguageArchitecture?
    public var tokensPerExample: Int
    public var tasks: [TaskScores]
    /// Measured service time per accelerator id, overriding the roofline (batch 1, ms).
    public var measuredMs: [String: Double]
    public var location: SourceLocation?

    /// Parameters that must be resident: the largest of the model's and its task heads'.
    public var residentParametersM: Double {
        tasks.reduce(parametersM) { max($0, $1.parametersM ?? 0) }
    }

    public func scores(for task: String) -> TaskScores? { tasks.first { $0.task == task } }

    public init(id: String, name: String, family: ModelFamily, parametersM: Double, gflops: Double,
                layers: Int? = nil, kvWidth: Int? = nil, contextWindowTokens: Int = 0, tokensPerExample: Int = 0,
                tasks: [TaskScores], measuredMs: [String: Double] = [:], architecture: LanguageArchitecture? = nil,
                modelWindowTokens: Int? = nil, location: SourceLocation? = nil) {
        self.id = id; self.name = name; self.family = family; self.parametersM = parametersM; self.gflops = gflops
        self.layers = layers; self.kvWidth = kvWidth; self.contextWindowTokens = contextWindowTokens
        self.tokensPerExample = tokensPerExample; self.tasks = tasks; self.measuredMs = measuredMs
        self.architecture = architecture; self.modelWindowTokens = modelWindowTokens; self.location = location
    }
}

public struct PrecisionSpec: Sendable, Hashable {
    public var id: String
    public var bytesPerWeight: Double
    public var bytesPerKV: Double
    /// The share of a runtime's mfu_max its kernels reach at this precision, against 16-bit
    /// (YAML `mfu_scale`, default 1): fp8 products reach less of their doubled peak.
    public var mfuScale: Double
    /// Accuracy penalty in points, per model family.
    public var penalty: [ModelFamily: Double]
    public var location: SourceLocation?

    public init(id: String, bytesPerWeight: Double, bytesPerKV: Double, mfuScale: Double = 1, penalty: [ModelFamily: Double],
                location: SourceLocation? = nil) {
        self.id = id; self.bytesPerWeight = bytesPerWeight; self.bytesPerKV = bytesPerKV; self.mfuScale = mfuScale
        self.penalty = penalty; self.location = location
    }

    public func penalty(for family: ModelFamily) -> Double { penalty[family] ?? 0 }
}

public enum Tier: String, Sendable, CaseIterable, Codable { case edge, datacenter }

public enum Pricing: Sendable, Hashable {
    case purchase(usd: Double, lifetimeYears: Double)
    case hourly(usd: Double)
}

public struct AcceleratorSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tier: Tier
    public var memoryGiB: Double
    public var bandwidthGBps: Double
    public var loadBandwidthGBps: Double
    /// Dense peak TFLOPS (or TOPS) per precision id; an absent precision is unsupported.
    public var tflops: [String: Double]
    public var powerBusyW: Double
    public var powerIdleW: Double
    public var pricing: Pricing
    /// v2 server shape (MODEL.md §1): nil in catalogs written for v1; the v2 server then assumes
    /// a PCIe card (a module for edge parts without a host link) with its PCIe link for all-reduce.
    public var formFactor: FormFactor?
    public var interconnect: InterconnectSpec?
    public var location: SourceLocation?

    public func supports(_ precision: String) -> Bool { tflops[precision] != nil }
}

/// A user's own device (phone, vehicle on-board unit, headset) for the mobile tier
/// (pfmplan-model(7), MOBILE TIER). Each user has one: no queue, no sharing, models pre-installed.
public struct DeviceSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    /// phone, vehicle or headset (informational).
    public var kind: String
    public var memoryGiB: Double
    /// Share of the memory an app's models may use (the OS and other apps keep the rest).
    public var usableFraction: Double
    public var bandwidthGBps: Double
    /// Dense peak TFLOPS (or TOPS) per precision id.
    public var tflops: [String: Double]
    /// The precision the device runs models at (must be a key of `tflops`).
    public var precision: String
    /// Utilisation of peak compute and memory bandwidth on the device.
    public var mfu: Double
    public var mbu: Double
    /// Power drawn while inferring, in W.
    public var powerW: Double
    /// Price of the energy the device draws (the user's electricity, via the battery), USD per kWh.
    public var usdPerKWh: Double
    public var location: SourceLocation?
}

public enum Admission: String, Sendable, CaseIterable, Codable {
    case sloAware = "slo-aware"
    case alwaysEdge = "always-edge"
}

/// Host defaults and engine constants for a server (MODEL.md sections 2, 3, 5, 7).
public struct ServerSpec: Sendable, Hashable {
    public var usableFraction: Double
    public var runtimeOverhead: Double
    public var mfu: Double
    public var mbu: Double
    public var multiGPUEfficiency: Double
    public var loadOverheadMs: Double
    public var maxBatch: Int
    public var admission: Admission
    public var defaultPrecision: String
    public var hostPowerW: Double
    public var hostPricing: Pricing
    /// v2 defaults (MODEL.md §1, §6): the runtime profile and the weights' source for loads.
    public var runtime: String?
    public var loading: LoadingSource = .dram
    public var location: SourceLocation?
}

public struct CloudSpec: Sendable, Hashable {
    public var coreRTTMs: Double
    public var backhaulMbps: Double
    public var servingMs: Double
    public var usdPerRequest: Double
    public var location: SourceLocation?
}

public struct NetworkSpec: Sendable, Hashable {
    public var uplinkMbps: Double
    public var downlinkMbps: Double
    public var location: SourceLocation?
}

public struct StageSpec: Sendable, Hashable {
    /// Equivalent models: any one of them serves the stage.
    public var models: [String]
    public var repeatCount: Int
    public var location: SourceLocation?
}

public struct SLOSpec: Sendable, Hashable {
    public var p95Ms: Double
    public var minAccuracy: Double
    /// Language services' time-to-first-token and time-per-output-token targets (MODEL.md §1
    /// Service). Parsed and validated; the engine checks them once it reports TTFT and TPOT
    /// (issue #15); until then `p95Ms` (end to end) is the latency SLO the planner enforces.
    public var ttftP95Ms: Double? = nil
    public var tpotP95Ms: Double? = nil
}

public struct ServiceSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var task: String
    public var stages: [StageSpec]
    public var tokensIn: Int
    public var tokensOut: Int
    public var requestKB: Double
    public var responseKB: Double
    public var slo: SLOSpec
    /// Per-service cloud figures; nil means the cloud section's defaults.
    public var cloudServingMs: Double?
    public var cloudUSDPerRequest: Double?
    public var cloudUSDPer1kTokens: Double?
    /// Per-million-token input and output prices as given (`cloud_usd_per_mtok_in/out`); the
    /// parser folds them into `cloudUSDPer1kTokens` as the request's blended rate, so that
    /// (tokens_in + tokens_out) × rate = tokens_in × in + tokens_out × out.
    public var cloudUSDPerMTokIn: Double? = nil
    public var cloudUSDPerMTokOut: Double? = nil
    /// When the cloud price was read (`cloud_price_date`, YYYY-MM or YYYY-MM-DD); `catalog
    /// validate` warns when it is more than two years old.
    public var cloudPriceDate: String? = nil
    /// The cloud's time to first token and time per output token for a language service
    /// (`cloud_ttft_ms`, `cloud_tpot_ms`, from a published API latency benchmark); the parser sets
    /// `cloudServingMs` = ttft + tokens_out × tpot from them.
    public var cloudTTFTMs: Double? = nil
    public var cloudTPOTMs: Double? = nil
    /// The service may run on the user's device (pfmplan-model(7), MOBILE TIER); false by default.
    public var onDevice: Bool = false
    public var location: SourceLocation?
}

public struct MixEntry: Sendable, Hashable {
    public var service: String
    public var location: SourceLocation? = nil
    /// Either an absolute rate or a share of the workload's total rate.
    public var ratePerS: Double?
    public var share: Double?
}

public enum RateProfile: Sendable, Hashable {
    case constant
    /// Piecewise-constant multipliers starting at the given times.
    case step([(atS: Double, multiplier: Double)])
    /// multiplier(t) = 1 + amplitude · cos(2π (t − peak_s) / period_s)
    case diurnal(periodS: Double, amplitude: Double, peakS: Double)

    public static func == (a: RateProfile, b: RateProfile) -> Bool {
        switch (a, b) {
        case (.constant, .constant): return true
        case let (.step(x), .step(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.atS == $1.atS && $0.multiplier == $1.multiplier }
        case let (.diurnal(a1, b1, c1), .diurnal(a2, b2, c2)): return a1 == a2 && b1 == b2 && c1 == c2
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .constant: h.combine(0)
        case .step(let s): h.combine(1); for x in s { h.combine(x.atS); h.combine(x.multiplier) }
        case let .diurnal(p, a, k): h.combine(2); h.combine(p); h.combine(a); h.combine(k)
        }
    }

    /// Largest multiplier the profile reaches (the thinning bound).
    public var peakMultiplier: Double {
        switch self {
        case .constant: return 1
        case .step(let s): return s.map(\.multiplier).max() ?? 1
        case .diurnal(_, let a, _): return 1 + a
        }
    }
}

public struct PopularityShift: Sendable, Hashable {
    public var atS: Double
    public var mix: [MixEntry]
}

public struct WorkloadSpec: Sendable, Hashable {
    public var id: String
    public var description: String
    public var totalRatePerS: Double?
    public var mix: [MixEntry]
    public var profile: RateProfile
    public var durationS: Double?
    public var requests: Int?
    public var warmupS: Double
    public var seed: UInt64
    public var shifts: [PopularityShift]
    public var location: SourceLocation?
}

public struct SiteSpec: Sendable, Hashable {
    public var usdPerKWh: Double
    public var pue: Double
    public var location: SourceLocation?
}

/// Weights of the paper's system cost (MODEL.md section 6).
public struct ObjectiveSpec: Sendable, Hashable {
    public var switching: Double
    public var accuracy: Double
    public var inference: Double
    public var offloading: Double
    public var cloud: Double
    /// λ: the cost of one switch (model load).
    public var switchCost: Double
    /// Cost per second of loading (0 by default): makes a large model's switch cost more than a small one's.
    public var switchCostPerS: Double = 0
    public var location: SourceLocation?
}

public enum ContextUtility: Sendable, Hashable {
    case exponential(halfLifeS: Double)
    case linear(drainPerS: Double)
    case window(seconds: Double)
}

public struct ContextSpec: Sendable, Hashable {
    public var utility: ContextUtility
    public var location: SourceLocation?
    public init(utility: ContextUtility, location: SourceLocation? = nil) { self.utility = utility; self.location = location }
}

/// How models come into GPU memory (pfmplan-model(7), ACTIVE CACHING). `passive`: only on a miss,
/// evicting by the policy. `active`: also preloaded ahead of predicted demand, in idle engine time.
public enum CachingMode: String, Sendable, CaseIterable, Codable { case passive, active }

/// How much of a model is in GPU memory (pfmplan-model(7), PARTIAL RESIDENCY). `binary`: all or
/// nothing. `partial`: a fraction of its layers, the rest streamed from host memory every pass.
public enum Residency: String, Sendable, CaseIterable, Codable { case binary, partial }

/// Where active caching's demand prediction comes from.
public enum DemandEstimator: String, Sendable, CaseIterable, Codable {
    /// An exponentially weighted moving average of the arrivals seen so far.
    case ewma
    /// The workload's own rates (mix, popularity shifts and rate profile), one interval ahead.
    case profile
}

/// The catalog's `caching` section: the constants of the active and partial caching modes.
public struct CachingSpec: Sendable, Hashable {
    public var demand: DemandEstimator
    /// Half-life of the arrival EWMA.
    public var halfLifeS: Double
    /// Decision instants: every interval_s (and whenever the engine goes idle).
    public var intervalS: Double
    /// Requests arriving this long after a popularity shift are reported as "after a shift".
    public var postShiftWindowS: Double
    /// Allowed resident fractions under partial residency, ascending, each in (0, 1); 1 is implied.
    public var partialFractions: [Double]
    /// The `random-cache` policy's chance that a request is served at the edge (loaded if missing);
    /// otherwise it is offloaded (pfmplan-model(7), VICTIM ORDER).
    public var randomCacheProbability: Double
    public var location: SourceLocation?
    /// The documented defaults (pfmplan-catalog(5), caching): every key of the section, and the
    /// whole section when a catalog has none and a run asks for active caching or partial residency.
    public static let defaults = CachingSpec(demand: .ewma, halfLifeS: 120, intervalS: 30, postShiftWindowS: 300,
                                             partialFractions: [0.25, 0.5, 0.75], randomCacheProbability: 0.5)

    public init(demand: DemandEstimator, halfLifeS: Double, intervalS: Double, postShiftWindowS: Double,
                partialFractions: [Double], randomCacheProbability: Double = 0.5, location: SourceLocation? = nil) {
        self.demand = demand; self.halfLifeS = halfLifeS; self.intervalS = intervalS
        self.postShiftWindowS = postShiftWindowS; self.partialFractions = partialFractions
        self.randomCacheProbability = randomCacheProbability; self.location = location
    }
}

// MARK: - Serving model v2 (MODEL.md sections 1, 2, 4, 6): hardware shape, hosts, runtimes

/// How an accelerator is built into a server: a PCIe card, an SXM module on an HGX board, or a
/// system-on-module (Jetson) that is its own host.
public enum FormFactor: String, Sendable, CaseIterable, Codable { case pcie, sxm, module }

public enum InterconnectKind: String, Sendable, CaseIterable, Codable { case pcie, nvlink }

/// GPU-to-GPU link of an accelerator inside one group (tensor-parallel all-reduce, MODEL.md §4 comm(t)).
public struct InterconnectSpec: Sendable, Hashable {
    public var kind: InterconnectKind
    /// Bandwidth per direction per GPU, GB/s.
    public var linkGBps: Double
    /// Latency of one small all-reduce step, µs.
    public var latencyUs: Double
    /// Measured all-reduce per group size (`allreduce: {GPUS: {gbps, latency_us}}`): the bus
    /// bandwidth and latency that fit that many GPUs' all-reduce times; replaces `linkGBps` and
    /// `latencyUs` for groups of that size.
    public var allReduce: [Int: AllReduceFit]
    public init(kind: InterconnectKind, linkGBps: Double, latencyUs: Double, allReduce: [Int: AllReduceFit] = [:]) {
        self.kind = kind; self.linkGBps = linkGBps; self.latencyUs = latencyUs; self.allReduce = allReduce
    }

    /// The bus bandwidth (GB/s) and latency (µs) of a group of `gpus`: the measured entry for
    /// that size, else the one of the nearest larger measured size (the slower ring), else the
    /// largest measured one; without measurements, `linkGBps` and `latencyUs`.
    public func link(gpus: Int) -> AllReduceFit {
        guard !allReduce.isEmpty else { return AllReduceFit(gbps: linkGBps, latencyUs: latencyUs) }
        if let exact = allReduce[gpus] { return exact }
        let sizes = allReduce.keys.sorted()
        let at = sizes.first { $0 >= gpus } ?? sizes[sizes.count - 1]
        return allReduce[at]!
    }
}

/// An all-reduce time model, latency + 2(t−1)/t × bytes / bandwidth, fitted to measurements.
public struct AllReduceFit: Sendable, Hashable {
    public var gbps: Double
    public var latencyUs: Double
    public init(gbps: Double, latencyUs: Double) { self.gbps = gbps; self.latencyUs = latencyUs }
}

/// A chassis that holds GPUs (MODEL.md §1 Host; `hosts.yaml`).
public struct HostSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var formFactor: FormFactor
    public var maxGPUs: Int
    public var pricing: Pricing
    /// The host's own power (CPUs, board, fans, NICs) under load, W; GPUs are counted separately.
    public var powerW: Double
    /// NVMe sequential read, GB/s (the `loading: nvme` source).
    public var storageReadGBps: Double
    public var dramGiB: Double
    /// Host memory read bandwidth usable by a host-to-device copy, GB/s (the `loading: dram` source).
    public var dramReadGBps: Double
    public var location: SourceLocation?
    public init(id: String, name: String, formFactor: FormFactor, maxGPUs: Int, pricing: Pricing, powerW: Double,
                storageReadGBps: Double, dramGiB: Double, dramReadGBps: Double, location: SourceLocation? = nil) {
        self.id = id; self.name = name; self.formFactor = formFactor; self.maxGPUs = maxGPUs; self.pricing = pricing
        self.powerW = powerW; self.storageReadGBps = storageReadGBps; self.dramGiB = dramGiB; self.dramReadGBps = dramReadGBps
        self.location = location
    }
}

/// Where a model's weights come from when it is loaded onto a GPU group (MODEL.md §6).
public enum LoadingSource: String, Sendable, CaseIterable, Codable {
    /// Weights kept in host DRAM, engine warm (swap-in): the default.
    case dram
    /// Weights read from the host's NVMe, engine warm.
    case nvme
    /// A fresh engine process: start-up, then the weights from NVMe.
    case cold
}

/// How a runtime batches language stages (MODEL.md §3.2).
public enum LLMBatching: String, Sendable, CaseIterable, Codable {
    /// Iteration-level batching (vLLM, TensorRT-LLM in-flight batching, SGLang).
    case continuous
    /// v1's static batches: up to max_batch requests of one service that all finish together.
    case `static`
}

/// A runtime's efficiencies and start-up times for one model family (MODEL.md §4, §6).
public struct FamilyProfile: Sendable, Hashable {
    /// Compute efficiency reached by large passes: C(n) = peak × mfu_max × n / (n + mfu_half_tokens).
    public var mfuMax: Double
    /// Tokens (language) or items (other families) in a pass at which half of mfu_max is reached.
    public var mfuHalfTokens: Double
    public var mbu: Double
    /// Fixed time per pass (kernel launches, scheduling), ms.
    public var passOverheadMs: Double
    /// Engine start or wake per loading source, s (before the weights' copy).
    public var startS: [LoadingSource: Double]
    /// Language family: the per-GPU width of a weight matrix (hidden / t, an expert's
    /// intermediate / t) at which its products reach half of C(n); 0: no width effect.
    public var mfuHalfWidth: Double
    public init(mfuMax: Double, mfuHalfTokens: Double, mbu: Double, passOverheadMs: Double, startS: [LoadingSource: Double],
                mfuHalfWidth: Double = 0) {
        self.mfuMax = mfuMax; self.mfuHalfTokens = mfuHalfTokens; self.mbu = mbu; self.passOverheadMs = passOverheadMs
        self.startS = startS; self.mfuHalfWidth = mfuHalfWidth
    }
}

/// A runtime family profile's constants on one accelerator; nil keeps the family's value.
public struct FamilyOverride: Sendable, Hashable {
    public var mfuMax: Double?
    public var mfuHalfTokens: Double?
    public var mbu: Double?
    public var passOverheadMs: Double?
    public init(mfuMax: Double? = nil, mfuHalfTokens: Double? = nil, mbu: Double? = nil, passOverheadMs: Double? = nil) {
        self.mfuMax = mfuMax; self.mfuHalfTokens = mfuHalfTokens; self.mbu = mbu; self.passOverheadMs = passOverheadMs
    }
}

/// A runtime's continuous-batching scheduler for language models (MODEL.md §3.2), as vLLM's
/// `max_num_seqs`, `max_num_batched_tokens`, `block_size`, `enable_chunked_prefill` and
/// `enable_prefix_caching`.
public struct LLMSchedulerSpec: Sendable, Hashable {
    /// Sequences in the running set at most.
    public var maxNumSeqs: Int
    /// Tokens (decode plus prefill chunks) in one iteration at most; at least `maxNumSeqs`.
    public var maxNumBatchedTokens: Int
    /// Tokens per KV block.
    public var kvBlockTokens: Int
    /// Long prompts are prefilled in chunks across iterations.
    public var chunkedPrefill: Bool
    /// A (model, task)'s in-context examples stay cached as a shared prefix.
    public var prefixCaching: Bool
    public init(maxNumSeqs: Int, maxNumBatchedTokens: Int, kvBlockTokens: Int, chunkedPrefill: Bool, prefixCaching: Bool) {
        self.maxNumSeqs = maxNumSeqs; self.maxNumBatchedTokens = maxNumBatchedTokens; self.kvBlockTokens = kvBlockTokens
        self.chunkedPrefill = chunkedPrefill; self.prefixCaching = prefixCaching
    }
}

/// A serving stack's constants (MODEL.md §1 Runtime; `runtimes.yaml`).
public struct RuntimeSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var llmBatching: LLMBatching
    /// The language scheduler's constants: required with `llm_batching: continuous`, optional
    /// (nil when absent) with `static`.
    public var scheduler: LLMSchedulerSpec?
    /// Per engine per GPU: CUDA context, workspace, graphs, GiB.
    public var fixedOverheadGiB: Double
    /// Activations as a share of the weights.
    public var activationFraction: Double
    /// Per GPU: the most its weight loader reads a checkpoint file at, GB/s (YAML
    /// `checkpoint_read_gbps`; nil: the hardware's rate). Caps loads from nvme and cold, not a
    /// swap-in from host memory (pfmplan-model(7), LOADING).
    public var checkpointReadGBps: Double? = nil
    /// Per family; every family the catalog's models use must be present.
    public var families: [ModelFamily: FamilyProfile]
    /// Per accelerator id and family: constants measured or fitted on that accelerator, each
    /// replacing the family's (MODEL.md §11: at most mfu_max, mfu_half_tokens, mbu, pass_overhead_ms).
    public var accelerators: [String: [ModelFamily: FamilyOverride]] = [:]
    /// Where each accelerator's entry is, for positioned errors.
    public var acceleratorLocations: [String: SourceLocation] = [:]
    public var location: SourceLocation?

    /// The family's constants on an accelerator: its override's values over the family's.
    public func profile(_ f: ModelFamily, accelerator: String) -> FamilyProfile? {
        guard var p = families[f] else { return nil }
        if let o = accelerators[accelerator]?[f] {
            if let v = o.mfuMax { p.mfuMax = v }
            if let v = o.mfuHalfTokens { p.mfuHalfTokens = v }
            if let v = o.mbu { p.mbu = v }
            if let v = o.passOverheadMs { p.passOverheadMs = v }
        }
        return p
    }

    public init(id: String, name: String, llmBatching: LLMBatching, scheduler: LLMSchedulerSpec? = nil, fixedOverheadGiB: Double,
                activationFraction: Double, families: [ModelFamily: FamilyProfile], location: SourceLocation? = nil) {
        self.id = id; self.name = name; self.llmBatching = llmBatching; self.scheduler = scheduler; self.fixedOverheadGiB = fixedOverheadGiB
        self.activationFraction = activationFraction; self.families = families; self.location = location
    }
}

extension RuntimeSpec {
    /// A catalog written for v1 (no `runtimes:`) runs on its server section's constants: one
    /// compute and bandwidth utilisation for every family at any pass size, v1's runtime overhead
    /// as the activation share, and v1's per-load overhead as every start time.
    public static func fromServer(_ s: ServerSpec) -> RuntimeSpec {
        let start = Dictionary(uniqueKeysWithValues: LoadingSource.allCases.map { ($0, s.loadOverheadMs / 1000) })
        let p = FamilyProfile(mfuMax: s.mfu, mfuHalfTokens: 0, mbu: s.mbu, passOverheadMs: 0, startS: start)
        return RuntimeSpec(id: "server", name: "the server section's constants (v1 catalog)", llmBatching: .static,
                           fixedOverheadGiB: 0, activationFraction: s.runtimeOverhead,
                           families: Dictionary(uniqueKeysWithValues: ModelFamily.allCases.map { ($0, p) }))
    }
}
