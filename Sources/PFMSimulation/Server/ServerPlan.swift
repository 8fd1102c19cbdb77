import PFMCatalog

/// The v2 server compiled for one option (MODEL.md §2, §4, §6, §9): the layout's groups, each
/// model's memory and load time per group size, the runtime's efficiencies per model, the host,
/// and the per-stage load choices. Built once per candidate beside the `CompiledSetup` whose
/// service, choice and accuracy tables it shares; the v2 engine reads only these two.
public struct ServerPlan: Sendable {
    public let layout: Layout
    public let runtime: RuntimeSpec
    public let loading: LoadingSource
    /// The cheapest compatible chassis; nil when the catalog has no hosts (v1's flat host figures).
    public let host: HostSpec?

    // Groups (index = group id)
    let groupGPUs: [Int]
    let groupUsableBytes: [Double]
    /// Index of the group's size in `sizes`.
    let groupSize: [Int]
    /// Distinct group sizes, ascending.
    let sizes: [Int]

    // Per (model, size index), model-major.
    /// weights × (1 + activation_fraction) + t × fixed_overhead (+ v1's static KV reservation).
    let instanceBytes: [Double]
    /// start_s + weights / min(source, t × host-to-device bandwidth).
    let loadSeconds: [Double]

    // Partial residency (pfmplan-model(7), PARTIAL RESIDENCY): the allowed resident fractions of a
    // model's layers, ascending and ending with 1 ([1] under binary residency), and per (model,
    // size index, fraction index): the instance's bytes, its load seconds, and the seconds each
    // pass spends streaming the layers that are not resident over the group's host links.
    public let fractions: [Double]
    let fractionBytes: [Double]
    let fractionLoadSeconds: [Double]
    let fractionStreamSeconds: [Double]
    var partial: Bool { fractions.count > 1 }

    // Per model: the runtime's profile for its family, and what all-reduce needs.
    struct Efficiency: Sendable {
        var mfuMax: Double
        var halfTokens: Double
        var mbu: Double
        var overheadS: Double
        /// The model's dense products' share of C(n), by group size (widthFactor), indexed by t.
        var widthFactorByGPUs: [Double]
    }
    let efficiency: [Efficiency]
    let layers: [Double]
    let hidden: [Double]

    // Per GPU
    let peakFlops: Double
    let bandwidth: Double
    /// The all-reduce's bus bandwidth and latency, indexed by group size t (InterconnectSpec.link).
    let linkBytesPerS: [Double]
    let linkLatencyS: [Double]

    /// Per stage (as `CompiledSetup.stageLoad`): the choice to load on a miss, the smallest model
    /// meeting the accuracy floor that fits the largest group; -1 when no choice fits any group.
    let stageLoad: [Int32]
    /// Per service: every stage has a load choice.
    let edgeFeasible: [Bool]

    public var groupCount: Int { groupGPUs.count }

    // Continuous batching (MODEL.md §3.2). Partial residency keeps static batches (DEPARTURES).
    /// Language stages run continuous batching on this plan.
    public let continuous: Bool
    /// The runtime's scheduler constants (nil: static batching).
    let scheduler: LLMSchedulerSpec?
    /// Per model: continuous batching runs it (a language model on a continuous plan).
    let continuousModel: [Bool]
    /// Per model: its shape (the placeholder for models that do not run continuous batching).
    let languageShape: [LanguageShape]
    /// Per (model, size index), model-major: the group's roofline for the model's family.
    let languageRoofline: [GroupRoofline]
    /// Per model: bytes of one KV block; blocks every instance keeps (its longest request, with
    /// its context); blocks it may borrow up to (max_num_seqs × that).
    let kvBlockBytes: [Double]
    let kvMinBlocks: [Int]
    let kvMaxBlocks: [Int]
    /// Per model: context slots in its order, so a slot's prefix task is its index here.
    let taskOfSlot: [Int32]
    let tasksOfModel: [Int]

    /// `runtime` nil: the server section's, else the catalog's first; a catalog without runtimes
    /// runs on `RuntimeSpec.fromServer` (v1's constants).
    public init(catalog: Catalog, setup: CompiledSetup, layout: Layout, runtime runtimeId: String?, loading: LoadingSource?) throws(SetupError) {
        let cfg = setup.config
        if layout.gpus != cfg.count {
            throw SetupError("layout \(layout) has \(layout.gpus) GPU(s), but the option has \(cfg.count)",
                             hint: "one of: " + Layout.uniform(cfg.count).map(\.description).joined(separator: ", "))
        }
        let rt: RuntimeSpec
        if catalog.runtimes.isEmpty && runtimeId == nil {
            rt = RuntimeSpec.fromServer(setup.settings.server)
        } else {
            let id = CompiledSetup.runtimeId(catalog, runtimeId)
            guard let id, let found = catalog.runtime(id) else {
                throw SetupError(catalog.runtimes.isEmpty ? "the catalog has no runtimes" : "unknown runtime '\(runtimeId ?? "")'",
                                 hint: catalog.runtimes.isEmpty ? "add a 'runtimes:' section (pfmplan-catalog(5))"
                                     : "one of: " + catalog.runtimes.map(\.id).joined(separator: ", "))
            }
            rt = found
        }
        let continuous = CompiledSetup.continuousLanguage(cfg, runtime: rt)
        if continuous && rt.scheduler == nil {
            throw SetupError("runtime '\(rt.id)' has no continuous-batching scheduler (max_num_seqs, max_num_batched_tokens, kv_block_tokens, chunked_prefill, prefix_caching)",
                             hint: "add them to the runtime profile (pfmplan-catalog(5)), or use --llm-batching static")
        }
        self.continuous = continuous
        scheduler = continuous ? rt.scheduler : nil
        self.layout = layout
        runtime = rt
        let source = loading ?? setup.settings.server.loading
        self.loading = source
        let acc = setup.accelerator
        let form = acc.formFactor ?? .pcie
        host = try Self.cheapestHost(catalog, accelerator: acc, form: form, count: cfg.count)

        let server = setup.settings.server
        groupGPUs = layout.groups
        sizes = Array(Set(layout.groups)).sorted()
        let sizes = self.sizes
        let maxGPUs = sizes.last ?? 1
        groupSize = layout.groups.map { sizes.firstIndex(of: $0)! }
        groupUsableBytes = layout.groups.map { Double($0) * acc.memoryGiB * MemoryModel.bytesPerGiB * server.usableFraction }

        let catalogModels = Dictionary(catalog.models.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var bytes: [Double] = [], load: [Double] = [], eff: [Efficiency] = [], layers: [Double] = [], hidden: [Double] = []
        var contModel: [Bool] = [], shapes: [LanguageShape] = [], rooflines: [GroupRoofline] = []
        var blockBytes: [Double] = [], minBlocks: [Int] = [], maxBlocks: [Int] = []
        let longest = Self.longestRequests(setup)
        let block = rt.scheduler?.kvBlockTokens ?? 16
        let placeholder = LanguageShape(layers: 0, hidden: 0, heads: 0, kvHeads: 0, headDim: 0, kvBytesPerToken: 0, weightBytes: 0, activeParams: 0)
        let fractions = setup.partial ? setup.fractions : [1]
        var fBytes: [Double] = [], fLoad: [Double] = [], fStream: [Double] = []
        let fixed = rt.fixedOverheadGiB * MemoryModel.bytesPerGiB
        for (m, mid) in setup.modelIds.enumerated() {
            guard let spec = catalogModels[mid] else { throw SetupError("unknown model '\(mid)'") }
            guard let p = rt.profile(spec.family, accelerator: acc.id) else {
                throw SetupError("runtime '\(rt.id)' has no profile for the \(spec.family.rawValue) family of model '\(mid)'",
                                 hint: "add one under the runtime's 'families:' (pfmplan-catalog(5))")
            }
            let width = Double(spec.architecture?.hidden ?? 0)
            let factors = (0...maxGPUs).map { t -> Double in
                guard t > 0, p.mfuHalfWidth > 0, width > 0 else { return 1 }
                return width / Double(t) / (width / Double(t) + p.mfuHalfWidth)
            }
            let knee = spec.family == .language ? catalog.kneeScale(accelerator: acc, precision: setup.precision) : 1
            eff.append(Efficiency(mfuMax: p.mfuMax * setup.precision.mfuScale, halfTokens: p.mfuHalfTokens * knee, mbu: p.mbu, overheadS: p.passOverheadMs / 1000,
                                  widthFactorByGPUs: factors))
            layers.append(Double(spec.layers ?? 0))
            // The all-reduce carries the activations (hidden wide); v1 catalogs without an architecture give the KV width.
            hidden.append(Double(spec.architecture?.hidden ?? spec.kvWidth ?? 0))
            let w = setup.weightBytes[m]
            let cont = continuous && spec.family == .language && longest[m].measured == false
            contModel.append(cont)
            let bb = Double(block) * setup.kvPerToken[m]
            blockBytes.append(bb)
            let prefix = rt.scheduler?.prefixCaching ?? true
            let need = prefix ? Self.blocks(longest[m].own, block) + Self.blocks(longest[m].context, block)
                : Self.blocks(longest[m].own + longest[m].context, block)
            let kMin = max(1, need)
            minBlocks.append(kMin)
            maxBlocks.append(max(kMin, (rt.scheduler?.maxNumSeqs ?? 1) * kMin))
            if cont {
                do throws(SetupError) { shapes.append(try LanguageShape.of(spec, setup.precision)) } catch {
                    throw SetupError(error.message + " (continuous batching)", hint: error.hint ?? "or use --llm-batching static")
                }
            } else {
                shapes.append(placeholder)
            }
            // v1's static KV reservation (max_batch × window) for static batches; a continuous
            // instance keeps KV for its longest request and borrows the rest (MODEL.md §2).
            let kv = cont ? Double(kMin) * bb : Double(cfg.maxBatch) * Double(spec.contextWindowTokens) * setup.kvPerToken[m]
            let start = p.startS[source] ?? 0
            for t in sizes {
                if cont {
                    rooflines.append(try GroupRoofline.of(acc, gpus: t, precision: setup.precision, profile: p, kneeScale: knee))
                } else {
                    rooflines.append(GroupRoofline(gpus: t, peakFlops: 0, bandwidth: 0, mfuMax: 0, mfuHalfTokens: 0, mbu: 0, passOverheadS: 0,
                                                   linkBytesPerS: 0, linkLatencyS: 0))
                }
                // A swap-in from host memory is a copy; nvme and cold read the checkpoint through the runtime's loader.
                let copy = Self.copyBytesPerS(source: source, host: host, accelerator: acc, gpus: t,
                                              loaderGBps: source == .dram ? nil : rt.checkpointReadGBps)
                bytes.append(w * (1 + rt.activationFraction) + Double(t) * fixed + kv)
                load.append(start + w / copy)
                for f in fractions {
                    // Every layer's KV stays on the GPU; f of the weights and their activations.
                    fBytes.append(f * w * (1 + rt.activationFraction) + Double(t) * fixed + kv)
                    fLoad.append(start + f * w / copy)
                    fStream.append((1 - f) * w / copy)
                }
            }
        }
        instanceBytes = bytes
        loadSeconds = load
        continuousModel = contModel
        languageShape = shapes
        languageRoofline = rooflines
        kvBlockBytes = blockBytes
        kvMinBlocks = minBlocks
        kvMaxBlocks = maxBlocks
        var taskOf = Array(repeating: Int32(0), count: setup.slotCount)
        for slots in setup.modelSlots { for (j, sl) in slots.enumerated() where Int(sl) < taskOf.count { taskOf[Int(sl)] = Int32(j) } }
        taskOfSlot = taskOf
        tasksOfModel = setup.modelSlots.map { max(1, $0.count) }
        self.fractions = fractions
        fractionBytes = fBytes
        fractionLoadSeconds = fLoad
        fractionStreamSeconds = fStream
        let nf = fractions.count
        efficiency = eff
        self.layers = layers
        self.hidden = hidden
        peakFlops = (acc.tflops[setup.precision.id] ?? 0) * 1e12
        bandwidth = acc.bandwidthGBps * 1e9
        let link = acc.interconnect ?? InterconnectSpec(kind: .pcie, linkGBps: acc.loadBandwidthGBps, latencyUs: 10)
        linkBytesPerS = (0...maxGPUs).map { link.link(gpus: $0).gbps * 1e9 }
        linkLatencyS = (0...maxGPUs).map { link.link(gpus: $0).latencyUs / 1e6 }

        // Load choices: the smallest model meeting the floor that fits the largest group.
        let largest = sizes.count - 1
        let usableLargest = groupUsableBytes.max() ?? 0
        let nSizes = sizes.count
        var stageLoad: [Int32] = []
        var feasible: [Bool] = []
        for si in setup.svc.indices {
            var ok = true
            for g in setup.stages(of: si) {
                let range = Int(setup.stageChoiceStart[g])..<Int(setup.stageChoiceStart[g + 1])
                // A model fits if its smallest allowed fraction does (the whole model under binary residency).
                let fitting = range.filter { fBytes[(Int(setup.hot[$0].model) * nSizes + largest) * nf] <= usableLargest }
                let meeting = fitting.filter { setup.hot[$0].acceptable }
                let pick = meeting.min { bytes[Int(setup.hot[$0].model) * nSizes + largest] < bytes[Int(setup.hot[$1].model) * nSizes + largest] }
                    ?? fitting.first
                stageLoad.append(Int32(pick ?? -1))
                if pick == nil { ok = false }
            }
            feasible.append(ok && !setup.stages(of: si).isEmpty)
        }
        self.stageLoad = stageLoad
        edgeFeasible = feasible
    }

    @inline(__always) static func blocks(_ tokens: Int, _ block: Int) -> Int { (tokens + block - 1) / block }

    /// Per model, over the language stages that may run it: the longest request's own tokens
    /// (tokens_in + tokens_out) and in-context tokens (k_max × tokens_per_example), and whether a
    /// measured point replaces the roofline (such a model keeps static batches).
    static func longestRequests(_ setup: CompiledSetup) -> [(own: Int, context: Int, measured: Bool)] {
        var out = Array(repeating: (own: 0, context: 0, measured: false), count: setup.modelCount)
        for ci in setup.choices.indices where setup.choices[ci].isLanguage {
            let m = Int(setup.hot[ci].model), s = setup.svc[Int(setup.hot[ci].service)]
            out[m].own = max(out[m].own, Int(s.tokensIn + s.tokensOut))
            let ctx = Double(setup.hot[ci].kMax) * setup.choices[ci].tokensPerExample
            out[m].context = max(out[m].context, Int(min(ctx, 1e9).rounded(.up)))
            if setup.choices[ci].measuredS > 0 { out[m].measured = true }
        }
        return out
    }

    /// The plan of an option that names no layout (MODEL.md §2 leaves the choice to the planner's
    /// sweep; one run needs one): the uniform layout with the smallest groups on which every service
    /// that the option can serve at the edge at all (on one group of every GPU) still can, with a
    /// load choice that meets its accuracy floor wherever the one-group layout has one, so the
    /// GPUs run as many concurrent executors as the models allow (n = 4 with a 13B model on 24 GB
    /// parts: `2x2`; with models that fit one GPU: `1x4`).
    public static func withDefaultLayout(catalog: Catalog, setup: CompiledSetup, runtime: String?, loading: LoadingSource?) throws(SetupError) -> ServerPlan {
        let n = setup.config.count
        let whole = try ServerPlan(catalog: catalog, setup: setup, layout: Layout(groups: [n]), runtime: runtime, loading: loading)
        for layout in Layout.uniform(n) where layout.groups.count > 1 {
            let plan = try ServerPlan(catalog: catalog, setup: setup, layout: layout, runtime: runtime, loading: loading)
            if plan.edgeFeasible == whole.edgeFeasible && plan.loadsMeetFloors(setup) == whole.loadsMeetFloors(setup) { return plan }
        }
        return whole
    }

    /// Per stage, whether its load choice meets the service's accuracy floor (smaller groups may
    /// leave only a model below it, which is never used once resident).
    func loadsMeetFloors(_ setup: CompiledSetup) -> [Bool] {
        stageLoad.map { $0 >= 0 && setup.hot[Int($0)].acceptable }
    }

    /// The default layout's description for an option (what `withDefaultLayout` picks).
    public static func defaultLayout(catalog: Catalog, setup: CompiledSetup) throws(SetupError) -> Layout {
        try withDefaultLayout(catalog: catalog, setup: setup, runtime: setup.config.runtime, loading: setup.config.loading).layout
    }

    /// The cheapest host of the accelerator's form factor with room for `count` GPUs (a module is
    /// its own host: a module host holds one). nil when the catalog has no hosts at all.
    public static func cheapestHost(_ c: Catalog, accelerator a: AcceleratorSpec, form: FormFactor, count: Int) throws(SetupError) -> HostSpec? {
        guard !c.hosts.isEmpty else { return nil }
        let fits = c.hosts.filter { $0.formFactor == form && $0.maxGPUs >= count }
        guard let best = fits.min(by: { (MoneyModel.hourly($0.pricing), $0.id) < (MoneyModel.hourly($1.pricing), $1.id) }) else {
            let largest = c.hosts.filter { $0.formFactor == form }.map(\.maxGPUs).max()
            throw SetupError("no host in the catalog holds \(count)× \(a.id) (form factor \(form.rawValue))",
                             hint: largest.map { "the largest \(form.rawValue) host holds \($0); use fewer GPUs or add a host to hosts.yaml" }
                                 ?? "add a host with form_factor: \(form.rawValue) to hosts.yaml (pfmplan-catalog(5))")
        }
        return best
    }

    /// The rate weights reach a t-GPU group, bytes/s: the host's source (DRAM or storage) and the
    /// GPUs' links, and with `loaderGBps` the runtime's checkpoint reader on each GPU.
    public static func copyBytesPerS(source: LoadingSource, host: HostSpec?, accelerator a: AcceleratorSpec, gpus t: Int,
                                     loaderGBps: Double? = nil) -> Double {
        let loader = loaderGBps.map { Double(t) * $0 } ?? .infinity
        let link = min(Double(t) * a.loadBandwidthGBps, loader)
        guard let host else { return link * 1e9 }
        // A module's memory is the host's: its weights always come from storage.
        let src = source == .dram && host.formFactor != .module ? host.dramReadGBps : host.storageReadGBps
        return min(src, link) * 1e9
    }

    // MARK: - Time per pass (roofline v2, MODEL.md §4)

    @inline(__always)
    func bytes(model m: Int, group g: Int) -> Double { instanceBytes[m * sizes.count + groupSize[g]] }

    @inline(__always)
    func loadSeconds(model m: Int, group g: Int) -> Double { loadSeconds[m * sizes.count + groupSize[g]] }

    @inline(__always)
    func fractionIndex(model m: Int, group g: Int) -> Int { (m * sizes.count + groupSize[g]) * fractions.count }

    /// Bytes of m on g with fraction index k resident (the last index is the whole instance).
    @inline(__always)
    func bytes(model m: Int, group g: Int, fraction k: Int) -> Double { fractionBytes[fractionIndex(model: m, group: g) + k] }

    @inline(__always)
    func loadSeconds(model m: Int, group g: Int, fraction k: Int) -> Double { fractionLoadSeconds[fractionIndex(model: m, group: g) + k] }

    /// Seconds one pass of m on g spends streaming the layers beyond fraction k (0 when whole).
    @inline(__always)
    func streamSeconds(model m: Int, group g: Int, fraction k: Int) -> Double { fractionStreamSeconds[fractionIndex(model: m, group: g) + k] }

    /// C(n) = t × peak × mfu_max × n / (n + mfu_half_tokens), times the width factor of the
    /// model's hidden size on t GPUs (1 without mfu_half_width).
    @inline(__always)
    func compute(_ e: Efficiency, gpus t: Int, items n: Double) -> Double {
        Double(t) * peakFlops * e.mfuMax * n / (n + e.halfTokens) * e.widthFactorByGPUs[t]
    }

    /// comm(t) = 2 × layers × (latency + 2(t−1)/t × N × hidden × 2 bytes / link), 0 for one GPU.
    @inline(__always)
    func comm(model m: Int, gpus t: Int, tokens n: Double) -> Double {
        guard t > 1 else { return 0 }
        let tt = Double(t)
        return 2 * layers[m] * (linkLatencyS[t] + 2 * (tt - 1) / tt * n * hidden[m] * 2 / linkBytesPerS[t])
    }

    /// One pass of a non-language stage for `items` requests whose work totals `flops`:
    /// overhead + max(FLOPs / C(items), weights / W).
    @inline(__always)
    func itemPassSeconds(model m: Int, group g: Int, items: Double, flops: Double, weightBytes: Double) -> Double {
        let e = efficiency[m], t = groupGPUs[g]
        return e.overheadS + max(flops / compute(e, gpus: t, items: items), weightBytes / (Double(t) * bandwidth * e.mbu))
    }

    /// A static language batch's prefill pass over `promptTokens` tokens in all.
    @inline(__always)
    func prefillSeconds(model m: Int, group g: Int, promptTokens p: Double, flopsPerToken: Double, weightBytes: Double, kvPerToken: Double) -> Double {
        let e = efficiency[m], t = groupGPUs[g]
        return e.overheadS + max(flopsPerToken * p / compute(e, gpus: t, items: p), (weightBytes + p * kvPerToken) / (Double(t) * bandwidth * e.mbu))
            + comm(model: m, gpus: t, tokens: p)
    }

    /// One decode iteration of a static batch of b sequences holding `contextTokens` of KV in all.
    @inline(__always)
    func decodeSeconds(model m: Int, group g: Int, batch b: Double, contextTokens c: Double, flopsPerToken: Double,
                       weightBytes: Double, kvPerToken: Double) -> Double {
        let e = efficiency[m], t = groupGPUs[g]
        return e.overheadS + max(b * flopsPerToken / compute(e, gpus: t, items: b), (weightBytes + c * kvPerToken) / (Double(t) * bandwidth * e.mbu))
            + comm(model: m, gpus: t, tokens: b)
    }
}
