import PFMCatalog

extension LanguageShape {
    /// The shape of a catalog language model at a precision (MODEL.md §1, §4): its architecture
    /// (`layers`, `hidden`, `heads`, `head_dim`, the KV width), its weights, and for a mixture of
    /// experts the shared and per-expert bytes. Throws when the catalog lacks what §4 needs.
    public static func of(_ m: ModelSpec, _ p: PrecisionSpec) throws(SetupError) -> LanguageShape {
        guard m.family == .language else {
            throw SetupError("model '\(m.id)' is a \(m.family.rawValue) model; language iterations need a language model")
        }
        let a = m.architecture
        guard let layers = a?.layers ?? m.layers, let hidden = a?.hidden, let heads = a?.heads, let headDim = a?.headDim,
              m.kvWidth != nil else {
            throw SetupError("model '\(m.id)' has no complete architecture (layers, hidden, heads, head_dim and kv_heads or kv_width)",
                             hint: "add them to its catalog entry, as in its Hugging Face config.json (pfmplan-catalog(5))")
        }
        let weights = MemoryModel.weightBytes(m, p)
        let params = m.parametersM * 1e6
        var shape = LanguageShape(layers: Double(layers), hidden: Double(hidden), heads: Double(heads),
                                  kvHeads: Double(a?.kvHeads ?? heads), headDim: Double(headDim),
                                  kvBytesPerToken: MemoryModel.kvBytesPerToken(m, p), weightBytes: weights, activeParams: params,
                                  denseWidth: Double(hidden))
        if let e = a?.experts, let k = a?.expertsPerToken, let perExpertM = a?.expertParamsM, e > 0 {
            // expert_params_m is one expert in one layer: an expert across the layers is layers × that.
            let expertParams = Double(layers) * perExpertM * 1e6
            shape.experts = Double(e)
            shape.expertsPerToken = Double(k)
            shape.expertBytes = expertParams * p.bytesPerWeight
            shape.sharedBytes = max(0, weights - Double(e) * shape.expertBytes)
            shape.activeParams = params - Double(e - k) * expertParams
            shape.routedParams = Double(k) * expertParams
            shape.expertWidth = Double(a?.intermediate ?? hidden)
        }
        return shape
    }
}

extension GroupRoofline {
    /// A group of `gpus` accelerators at a precision under a runtime's language profile (the same
    /// constants as `ServerPlan`: peak, bandwidth, efficiencies, interconnect); `kneeScale` moves
    /// mfu_half_tokens with the precision (`Catalog.kneeScale`).
    public static func of(_ a: AcceleratorSpec, gpus: Int, precision p: PrecisionSpec, profile f: FamilyProfile,
                          kneeScale: Double) throws(SetupError) -> GroupRoofline {
        guard let tflops = a.tflops[p.id] else {
            throw SetupError("accelerator '\(a.id)' has no \(p.id) peak in the catalog",
                             hint: "one of: " + a.tflops.keys.sorted().joined(separator: ", "))
        }
        let link = (a.interconnect ?? InterconnectSpec(kind: .pcie, linkGBps: a.loadBandwidthGBps, latencyUs: 10)).link(gpus: gpus)
        return GroupRoofline(gpus: gpus, peakFlops: tflops * 1e12, bandwidth: a.bandwidthGBps * 1e9, mfuMax: f.mfuMax * p.mfuScale,
                             mfuHalfTokens: f.mfuHalfTokens * kneeScale, mbu: f.mbu, passOverheadS: f.passOverheadMs / 1000,
                             linkBytesPerS: link.gbps * 1e9, linkLatencyS: link.latencyUs / 1e6, mfuHalfWidth: f.mfuHalfWidth)
    }
}

/// `pfmplan estimate`: one language model on one T-GPU group, as a static batch in closed form
/// (§4) or, at a Poisson rate, under continuous batching (§3.2) with `SingleInstanceLLMSimulation`.
public struct LanguageEstimate: Sendable {
    public struct Question: Sendable {
        public var model: String, accelerator: String, gpus: Int, precision: String?, runtime: String?
        public var batch: Int, tokensIn: Int, tokensOut: Int
        /// Requests per second; nil: a static batch.
        public var rate: Double?
        public var requests: Int, seed: UInt64
        /// The longest request allowed: the model's serving limit (`max_context_tokens`), or with
        /// `.modelWindow` its own window (`context_window_tokens`), as validation against
        /// measurements made at any length needs.
        public var limit: Limit = .serving
        public enum Limit: Sendable { case serving, modelWindow }
        public init(model: String, accelerator: String, gpus: Int, precision: String?, runtime: String?, batch: Int, tokensIn: Int,
                    tokensOut: Int, rate: Double?, requests: Int, seed: UInt64) {
            self.model = model; self.accelerator = accelerator; self.gpus = gpus; self.precision = precision; self.runtime = runtime
            self.batch = batch; self.tokensIn = tokensIn; self.tokensOut = tokensOut; self.rate = rate; self.requests = requests
            self.seed = seed
        }
    }

    /// Memory per GPU, bytes: weights (with activations) and fixed overhead, KV (the batch's, or
    /// the whole pool under continuous batching), and what the GPU offers.
    public struct Memory: Sendable, Hashable {
        public var weights: Double, overhead: Double, kv: Double, usable: Double
        /// What fitting takes: the batch's KV (static), or one longest request's (continuous).
        public var needed: Double
        public var total: Double { weights + overhead + kv }
    }

    public struct Percentiles: Sendable, Hashable {
        public var p50: Double, p95: Double, p99: Double, mean: Double
        public init(_ xs: [Double]) {
            let s = xs.sorted()
            func q(_ p: Double) -> Double { s.isEmpty ? .nan : s[min(s.count - 1, max(0, Int((p * Double(s.count)).rounded(.up)) - 1))] }
            p50 = q(0.5); p95 = q(0.95); p99 = q(0.99)
            mean = s.isEmpty ? .nan : s.reduce(0, +) / Double(s.count)
        }
    }

    /// Under continuous batching at a rate: the distributions and the executor's counters.
    public struct RateResult: Sendable, Hashable {
        public var rate: Double
        public var requests: Int
        public var ttft: Percentiles, tpot: Percentiles, e2e: Percentiles
        public var meanRunning: Double, preemptions: Int, kvBlocks: Int, busyFraction: Double
    }

    public var question: Question
    public var precision: String, runtime: String
    /// Seconds (static: exact; rate: means).
    public var ttft: Double, tpot: Double, requestLatency: Double
    /// Output tokens per second.
    public var tokensPerSecond: Double
    public var memory: Memory
    public var fits: Bool
    public var rateResult: RateResult?

    public static func run(_ c: Catalog, _ q: Question) throws(SetupError) -> LanguageEstimate {
        guard let m = c.model(q.model) else { throw SetupError("unknown model '\(q.model)'") }
        guard let a = c.accelerator(q.accelerator) else { throw SetupError("unknown accelerator '\(q.accelerator)'") }
        let precisionId = q.precision ?? c.settings.server.defaultPrecision
        guard let p = c.precision(precisionId) else { throw SetupError("unknown precision '\(precisionId)'") }
        let rt: RuntimeSpec
        if let id = CompiledSetup.runtimeId(c, q.runtime) {
            guard let found = c.runtime(id) else {
                throw SetupError("unknown runtime '\(id)'", hint: "one of: " + c.runtimes.map(\.id).joined(separator: ", "))
            }
            rt = found
        } else {
            rt = RuntimeSpec.fromServer(c.settings.server)
        }
        guard let profile = rt.profile(.language, accelerator: a.id) else {
            throw SetupError("runtime '\(rt.id)' has no profile for the language family", hint: "add one under its 'families:'")
        }
        let shape = try LanguageShape.of(m, p)
        let group = try GroupRoofline.of(a, gpus: q.gpus, precision: p, profile: profile, kneeScale: c.kneeScale(accelerator: a, precision: p))
        let t = Double(q.gpus)
        let gib = MemoryModel.bytesPerGiB
        let usable = a.memoryGiB * gib * c.settings.server.usableFraction
        let weights = shape.weightBytes * (1 + rt.activationFraction) / t
        let overhead = rt.fixedOverheadGiB * gib
        let perRequest = q.tokensIn + q.tokensOut
        let limit = q.limit == .serving ? m.contextWindowTokens : (m.modelWindowTokens ?? m.contextWindowTokens)
        if limit > 0 && perRequest > limit {
            throw SetupError("\(q.tokensIn) + \(q.tokensOut) tokens exceed model '\(m.id)''s \(limit)-token limit",
                             hint: "lower --tokens-in or --tokens-out")
        }
        let block = rt.scheduler?.kvBlockTokens ?? 1
        let blockBytes = Double(block) * shape.kvBytesPerToken
        let requestBlocks = (perRequest + block - 1) / block

        guard let rate = q.rate else {
            // A static batch: one prefill pass over B × I tokens, then O − 1 decode passes of B.
            let b = Double(q.batch), i = Double(q.tokensIn)
            let ttft = LanguageIteration.seconds(shape, group, tokens: b * i, attention: b * i * (i + 1) / 2, kvRead: 0)
            let decode = LanguageIteration.decodeRunSeconds(shape, group, batch: b, cached: b * i, count: q.tokensOut - 1)
            let kv = Double(q.batch * requestBlocks) * blockBytes / t
            let mem = Memory(weights: weights, overhead: overhead, kv: kv, usable: usable, needed: weights + overhead + kv)
            return LanguageEstimate(question: q, precision: p.id, runtime: rt.id, ttft: ttft,
                                    tpot: q.tokensOut > 1 ? decode / Double(q.tokensOut - 1) : 0, requestLatency: ttft + decode,
                                    tokensPerSecond: b * Double(q.tokensOut) / (ttft + decode), memory: mem,
                                    fits: mem.total <= usable, rateResult: nil)
        }
        guard let sched = rt.scheduler else {
            throw SetupError("runtime '\(rt.id)' has no continuous-batching scheduler (max_num_seqs, max_num_batched_tokens, kv_block_tokens, chunked_prefill, prefix_caching)",
                             hint: "add them to its runtime profile (pfmplan-catalog(5)), or estimate a static batch with --batch")
        }
        // The KV pool: all the group's memory the instance leaves.
        let poolBytes = max(0, (usable - weights - overhead) * t)
        let blocks = blockBytes > 0 ? Int(min(poolBytes / blockBytes, 1e15)) : 0
        let mem = Memory(weights: weights, overhead: overhead, kv: Double(blocks) * blockBytes / t, usable: usable,
                         needed: weights + overhead + Double(requestBlocks) * blockBytes / t)
        let config = BatcherConfig(maxNumSeqs: sched.maxNumSeqs, maxNumBatchedTokens: sched.maxNumBatchedTokens, kvBlockTokens: block,
                                   chunkedPrefill: sched.chunkedPrefill, prefixCaching: sched.prefixCaching, kvBlocks: max(blocks, 1), tasks: 1)
        let fits = weights + overhead <= usable && blocks >= requestBlocks
        guard fits else {
            return LanguageEstimate(question: q, precision: p.id, runtime: rt.id, ttft: .nan, tpot: .nan, requestLatency: .nan,
                                    tokensPerSecond: 0, memory: mem, fits: false, rateResult: nil)
        }
        var rng = SplitMix64(seed: q.seed)
        var time = 0.0
        var arrivals: [LLMArrival] = []
        arrivals.reserveCapacity(q.requests)
        for _ in 0..<q.requests {
            time += rng.exponential(rate: rate)
            arrivals.append(LLMArrival(time: time, promptTokens: q.tokensIn, outputTokens: q.tokensOut))
        }
        let r = SingleInstanceLLMSimulation.run(shape: shape, roofline: group, config: config, arrivals: arrivals)
        let n = arrivals.count
        let ttft = Percentiles((0..<n).map { r.ttft($0, arrivals) })
        let tpot = Percentiles((0..<n).map { r.tpot($0, arrivals) })
        let e2e = Percentiles((0..<n).map { r.e2e($0, arrivals) })
        let span = r.end - (arrivals.first?.time ?? 0)
        let result = RateResult(rate: rate, requests: n, ttft: ttft, tpot: tpot, e2e: e2e,
                                meanRunning: r.end > 0 ? r.stats.runningSeqSeconds / r.end : 0, preemptions: r.stats.preemptions,
                                kvBlocks: blocks, busyFraction: r.end > 0 ? r.stats.busySeconds / r.end : 0)
        return LanguageEstimate(question: q, precision: p.id, runtime: rt.id, ttft: ttft.mean, tpot: tpot.mean, requestLatency: e2e.mean,
                                tokensPerSecond: span > 0 ? Double(n * q.tokensOut) / span : 0, memory: mem, fits: true, rateResult: result)
    }
}
