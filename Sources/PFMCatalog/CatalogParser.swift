import Yams

/// Reads one catalog document into a partial `Catalog`, collecting every error it finds.
struct CatalogParser {
    static let supportedSchemaVersion = 1
    static let topLevelKeys = [
        "schema_version", "models", "precisions", "accelerators", "server", "cloud", "network",
        "services", "workloads", "site", "objective", "context", "caching", "devices", "runtimes", "hosts", "overlay",
    ]

    let r: YAMLReader

    init(file: String, limits: YAMLLimits) { r = YAMLReader(file: file, limits: limits) }

    /// Parses `text`; returns the partial catalog and all diagnostics.
    static func parse(_ text: String, file: String, limits: YAMLLimits = .default) -> (Catalog, [Diagnostic]) {
        let root: Node?
        do {
            root = try YAMLDocument.parse(text, file: file, limits: limits)
        } catch {
            return (Catalog(), error.diagnostics)
        }
        let p = CatalogParser(file: file, limits: limits)
        guard let root else {
            p.r.error(nil, "", "the file is empty; a catalog starts with 'schema_version: 1'")
            return (Catalog(), fixLocations(p.r.sink.diagnostics, file: file))
        }
        let catalog = p.document(root)
        return (catalog, fixLocations(p.r.sink.diagnostics, file: file))
    }

    /// Diagnostics without a node position still name the file.
    static func fixLocations(_ ds: [Diagnostic], file: String) -> [Diagnostic] {
        ds.map { d in
            var d = d
            if d.location == nil { d.location = SourceLocation(file: file, line: 1, column: 1) }
            return d
        }
    }

    func document(_ root: Node) -> Catalog {
        var c = Catalog()
        guard let top = r.mapping(root, "", allowed: Self.topLevelKeys) else { return c }
        if let v = top.require("schema_version", "the catalog format version; this pfmplan reads version 1") {
            if let n = r.integer(v, "schema_version", min: 0, max: 1 << 30), n != Self.supportedSchemaVersion {
                r.error(v, "schema_version", "unsupported schema_version \(n); this pfmplan reads version \(Self.supportedSchemaVersion)",
                        hint: "write 'schema_version: 1', or upgrade pfmplan")
            }
        }
        // overlay: embedded: the file is read on top of the embedded catalog, its entries replacing
        // the embedded ones of the same id (a runtime profile written by `pfmplan calibrate`).
        if let v = top.value("overlay") {
            if r.string(v, "overlay") == "embedded" { c.overlaysEmbedded = true } else if case .scalar = v {
                r.error(v, "overlay", "overlay must be 'embedded' (the only catalog a file can be read on top of)",
                        hint: "write 'overlay: embedded', or remove the key to give a whole catalog")
            }
        }
        if let items = top.list("models") { c.models = items.compactMap { model($0.0, $0.1) } }
        if let items = top.list("precisions") { c.precisions = items.compactMap { precision($0.0, $0.1) } }
        if let items = top.list("accelerators") { c.accelerators = items.compactMap { accelerator($0.0, $0.1) } }
        if let items = top.list("devices") { c.devices = items.compactMap { device($0.0, $0.1) } }
        if let items = top.list("runtimes") { c.runtimes = items.compactMap { runtime($0.0, $0.1) } }
        if let items = top.list("hosts") { c.hosts = items.compactMap { host($0.0, $0.1) } }
        if let items = top.list("services") { c.services = items.compactMap { service($0.0, $0.1) } }
        if let items = top.list("workloads") { c.workloads = items.compactMap { workload($0.0, $0.1) } }
        if let n = top.value("server") { c.server = server(n, "server") }
        if let n = top.value("cloud") { c.cloud = cloud(n, "cloud") }
        if let n = top.value("network") { c.network = network(n, "network") }
        if let n = top.value("site") { c.site = site(n, "site") }
        if let n = top.value("objective") { c.objective = objective(n, "objective") }
        if let n = top.value("context") { c.context = context(n, "context") }
        if let n = top.value("caching") { c.caching = caching(n, "caching") }
        return c
    }

    // MARK: models

    static let architectureKeys = [
        "layers", "hidden", "heads", "kv_heads", "head_dim", "intermediate", "vocab",
        "experts", "experts_per_token", "expert_params_m",
    ]

    func model(_ node: Node, _ path: String) -> ModelSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "name", "family", "parameters_m", "gflops", "kv_width",
            "context_window_tokens", "max_context_tokens", "tokens_per_example", "tasks", "measured_ms",
        ] + Self.architectureKeys) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id")
        let name = m.string("name") ?? id
        let family = m.choice("family", ModelFamily.self, required: "language, vision, multimodal, diffusion or speech")
        let params = m.number("parameters_m", .positive, required: "parameters in millions (Table I 'Model Size (M)')")
        let gflops = m.number("gflops", .positive, required: "GFLOPs per token (language) or per inference")
        let (architecture, kvWidth) = parseArchitecture(m, parametersM: params)
        let layers = architecture?.layers
        let givenWindow = m.integer("context_window_tokens", min: 1, max: 1 << 24)
        let maxContext = m.integer("max_context_tokens", min: 1, max: 1 << 24)
        if let maxContext, let givenWindow, maxContext > givenWindow {
            r.error(m.value("max_context_tokens"), m.path("max_context_tokens"),
                    "max_context_tokens \(maxContext) is above the model's context_window_tokens \(givenWindow)",
                    hint: "the server cannot admit sequences longer than the model's window")
        }
        var window = maxContext ?? givenWindow ?? 0
        let modelWindow = maxContext != nil ? givenWindow : nil
        var perExample = m.integer("tokens_per_example", min: 1, max: 1 << 20) ?? 0
        var tasks: [TaskScores] = []
        if let items = m.list("tasks") {
            tasks = items.compactMap { taskScores($0.0, $0.1) }
            var seen = Set<String>()
            for (t, (n, p)) in zip(tasks, items) where !seen.insert(t.task).inserted {
                r.error(n, p + ".task", "task '\(t.task)' is listed twice for this model")
            }
}
        if tasks.contains(where: \.hasInContextLearning) {
            if window == 0 {
                r.error(m.node, m.path("max_context_tokens"),
                        "a model with one-shot scores needs 'max_context_tokens' (or v1's 'context_window_tokens')",
                        hint: "the longest sequence the server admits, e.g. 2048 for GPT-3 or 8192 for a current 8B model")
            }
            if perExample == 0 {
                r.error(m.node, m.path("tokens_per_example"), "a model with one-shot scores needs 'tokens_per_example'")
            }
        }
        window = max(window, 0); perExample = max(perExample, 0)
        var measured: [String: Double] = [:]
        if let mm = m.value("measured_ms") {
            if case .mapping(let pairs) = mm {
                for (k, v) in pairs {
                    let key = k.string ?? ""
                    if let x = r.number(v, m.path("measured_ms") + "." + key, .positive) { measured[key] = x }
                }
            } else {
                r.error(mm, m.path("measured_ms"), "expected a mapping of accelerator id to milliseconds")
            }
        }
        guard let id, let family, let params, let gflops else { return nil }
        return ModelSpec(id: id, name: name ?? id, family: family, parametersM: params, gflops: gflops,
                         layers: layers, kvWidth: kvWidth, contextWindowTokens: window, tokensPerExample: perExample,
                         tasks: tasks, measuredMs: measured, architecture: architecture, modelWindowTokens: modelWindow,
                         location: r.location(node))
    }

    /// The architecture keys of a model (MODEL.md §1) and the KV width they imply, with every
    /// inconsistency reported at its key (CatalogValidator.architectureProblems).
    func parseArchitecture(_ m: YAMLReader.Mapping, parametersM: Double?) -> (LanguageArchitecture?, Int?) {
        var a = LanguageArchitecture()
        a.layers = m.integer("layers", min: 1, max: 10_000)
        a.hidden = m.integer("hidden", min: 1, max: 1 << 24)
        a.heads = m.integer("heads", min: 1, max: 1 << 16)
        a.kvHeads = m.integer("kv_heads", min: 1, max: 1 << 16)
        a.headDim = m.integer("head_dim", min: 1, max: 1 << 16)
        a.intermediate = m.integer("intermediate", min: 1, max: 1 << 24)
        a.vocab = m.integer("vocab", min: 1, max: 1 << 26)
        a.experts = m.integer("experts", min: 1, max: 1 << 16)
        a.expertsPerToken = m.integer("experts_per_token", min: 1, max: 1 << 16)
        a.expertParamsM = m.number("expert_params_m", .positive)
        let kvWidth = m.integer("kv_width", min: 1, max: 1 << 20)
        let problems = CatalogValidator.architectureProblems(
            a, given: Set(Self.architectureKeys.filter { m.has($0) }), kvWidth: kvWidth, hasKVWidth: m.has("kv_width"),
            parametersM: parametersM)
        for p in problems {
            let node = p.key.isEmpty ? m.node : (m.value(p.key) ?? m.node)
            r.error(node, p.key.isEmpty ? m.path : m.path(p.key), p.message, hint: p.hint)
        }
        let anyGiven = Self.architectureKeys.contains { m.has($0) }
        return (anyGiven ? a : nil, kvWidth ?? a.kvWidth)
    }

    func taskScores(_ node: Node, _ path: String) -> TaskScores? {
        guard let m = r.mapping(node, path, allowed: [
            "task", "score", "zero_shot", "one_shot", "few_shot", "few_shot_k", "alpha", "parameters_m", "gflops",
        ]) else { return nil }
        let task = m.identifier("task", required: "the task id, e.g. translation")
        var zero: Double?
        if m.has("score") && m.has("zero_shot") {
            r.error(m.keyNode("score"), m.path("score"), "give 'score' (no in-context learning) or 'zero_shot', not both")
        }
        if m.has("score") { zero = m.number("score", .percent) } else {
            zero = m.number("zero_shot", .percent, required: "the zero-shot score, or 'score' for models without in-context learning")
        }
        let one = m.number("one_shot", .percent)
        let few = m.number("few_shot", .percent)
        let k = m.integer("few_shot_k", min: 1, max: 1 << 20)
        if m.has("few_shot") != m.has("few_shot_k") {
            r.error(m.node, path, "give 'few_shot' together with 'few_shot_k' (Table I's K)")
        }
        if m.has("few_shot") && !m.has("one_shot") {
            r.error(m.node, m.path("one_shot"), "a few-shot score needs the one-shot score too")
        }
        let alpha = m.number("alpha", .any)
        let params = m.number("parameters_m", .positive)
        let gflops = m.number("gflops", .positive)
        guard let task, let zero else { return nil }
        let s = TaskScores(task: task, zeroShot: zero, oneShot: one, fewShot: few, fewShotK: k, alpha: alpha,
                           parametersM: params, gflops: gflops, location: r.location(node))
        if case .failure(let e) = AccuracyCurve.fit(s) {
            r.error(node, path, "task '\(task)' has no Table I fit: \(e)", hint: "give 'alpha:' explicitly, or check the scores")
        }
        return s
    }

    // MARK: precisions and accelerators

    static let precisionIds = ["fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4", "w4a16", "nvfp4"]

    func precision(_ node: Node, _ path: String) -> PrecisionSpec? {
        guard let m = r.mapping(node, path, allowed: ["id", "bytes_per_weight", "bytes_per_kv", "mfu_scale", "accuracy_penalty"]) else { return nil }
        let id = m.identifier("id", required: "a precision name such as fp16")
        let bw = m.number("bytes_per_weight", .positive, required: "bytes per weight, e.g. 2 for fp16")
        let bkv = m.number("bytes_per_kv", .positive, required: "bytes per KV-cache value")
        let scale = m.number("mfu_scale", .fraction) ?? 1
        var penalty: [ModelFamily: Double] = [:]
        if let pn = m.value("accuracy_penalty"),
           let pm = r.mapping(pn, m.path("accuracy_penalty"), allowed: ModelFamily.allCases.map(\.rawValue)) {
            for f in ModelFamily.allCases { if let v = pm.number(f.rawValue, .percent) { penalty[f] = v } }
        }
        guard let id, let bw, let bkv else { return nil }
        return PrecisionSpec(id: id, bytesPerWeight: bw, bytesPerKV: bkv, mfuScale: scale, penalty: penalty, location: r.location(node))
    }

    func pricing(_ m: YAMLReader.Mapping, purchaseKey: String, lifetimeKey: String, hourlyKey: String) -> Pricing? {
        let hasPurchase = m.has(purchaseKey), hasHourly = m.has(hourlyKey)
        if hasPurchase && hasHourly {
            r.error(m.keyNode(hourlyKey), m.path(hourlyKey), "give '\(purchaseKey)' with '\(lifetimeKey)' (bought) or '\(hourlyKey)' (rented), not both")
            return nil
        }
        if hasHourly { return m.number(hourlyKey, .nonNegative).map { .hourly(usd: $0) } }
        let usd = m.number(purchaseKey, .nonNegative, required: "a purchase price in USD (or '\(hourlyKey)' for rented hardware)")
        let years = m.number(lifetimeKey, .positive, required: "the depreciation lifetime in years")
        guard let usd, let years else { return nil }
        return .purchase(usd: usd, lifetimeYears: years)
    }

    func accelerator(_ node: Node, _ path: String) -> AcceleratorSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "name", "tier", "memory_gib", "bandwidth_gbps", "load_bandwidth_gbps", "tflops",
            "power_busy_w", "power_idle_w", "price_usd", "lifetime_years", "usd_per_hour", "form_factor", "interconnect",
        ]) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id")
        let name = m.string("name")
        let tier = m.choice("tier", Tier.self, required: "edge or datacenter")
        let mem = m.number("memory_gib", .positive, required: "device memory in GiB")
        let bw = m.number("bandwidth_gbps", .positive, required: "memory bandwidth in GB/s")
        let lbw = m.number("load_bandwidth_gbps", .positive, required: "host-to-device load bandwidth in GB/s")
        var tflops: [String: Double] = [:]
        if let tn = m.require("tflops", "dense peak TFLOPS per precision, e.g. {fp16: 121}"),
           let tm = r.mapping(tn, m.path("tflops"), allowed: Self.precisionIds) {
            for k in tm.keys { if let v = tm.number(k, .positive) { tflops[k] = v } }
            if tm.keys.isEmpty { r.error(tn, m.path("tflops"), "expected at least one precision") }
        }
        let busy = m.number("power_busy_w", .positive, required: "power when busy, in W")
        let idle = m.number("power_idle_w", .nonNegative, required: "power when idle, in W")
        if let busy, let idle, idle > busy {
            r.error(m.value("power_idle_w"), m.path("power_idle_w"), "idle power \(YAMLReader.show(idle)) W is above busy power \(YAMLReader.show(busy)) W")
        }
        let price = pricing(m, purchaseKey: "price_usd", lifetimeKey: "lifetime_years", hourlyKey: "usd_per_hour")
        let form = m.choice("form_factor", FormFactor.self)
        var link: InterconnectSpec?
        if let n = m.value("interconnect"), let im = r.mapping(n, m.path("interconnect"), allowed: ["kind", "link_gbps", "latency_us", "allreduce"]) {
            let kind = im.choice("kind", InterconnectKind.self, required: "pcie or nvlink")
            let gbps = im.number("link_gbps", .positive, required: "GPU-to-GPU bandwidth per direction, GB/s")
            let us = im.number("latency_us", .nonNegative, required: "latency of one all-reduce step, µs")
            var measured: [Int: AllReduceFit] = [:]
            // allreduce: {GPUS: {gbps, latency_us}}: measured all-reduce per group size.
            if let an = im.value("allreduce") {
                // The keys are GPU counts (2 to 1024); any other key is reported once, here.
                var counts: [String] = []
                if case .mapping(let pairs) = an {
                    for (k, _) in pairs {
                        guard case .scalar(let ks) = k else { continue }
                        counts.append(ks.string)   // reported here, not again as an unknown key
                        if Int(ks.string).map({ $0 < 2 || $0 > 1024 }) ?? true {
                            r.error(k, YAMLReader.join(im.path("allreduce"), ks.string), "expected a GPU count of 2 or more as the key, found '\(ks.string)'",
                                    hint: "e.g. allreduce: {2: {gbps: 19, latency_us: 5.4}, 8: {gbps: 2, latency_us: 7.5}}")
                        }
                    }
                }
                if let am = r.mapping(an, im.path("allreduce"), allowed: counts) {
                    for k in am.keys {
                        guard let t = Int(k), t >= 2, t <= 1024, let en = am.value(k),
                              let em = r.mapping(en, am.path(k), allowed: ["gbps", "latency_us"]) else { continue }
                        if let g = em.number("gbps", .positive, required: "measured all-reduce bus bandwidth of \(t) GPUs, GB/s"),
                           let l = em.number("latency_us", .nonNegative, required: "measured all-reduce latency of \(t) GPUs, µs") {
                            measured[t] = AllReduceFit(gbps: g, latencyUs: l)
                        }
                    }
                }
            }
            if let kind, let gbps, let us { link = InterconnectSpec(kind: kind, linkGBps: gbps, latencyUs: us, allReduce: measured) }
        }
        guard let id, let tier, let mem, let bw, let lbw, let busy, let idle, let price, !tflops.isEmpty else { return nil }
        var a = AcceleratorSpec(id: id, name: name ?? id, tier: tier, memoryGiB: mem, bandwidthGBps: bw, loadBandwidthGBps: lbw,
                                tflops: tflops, powerBusyW: busy, powerIdleW: idle, pricing: price, location: r.location(node))
        a.formFactor = form
        a.interconnect = link
        return a
    }

    func device(_ node: Node, _ path: String) -> DeviceSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "name", "kind", "memory_gib", "usable_fraction", "bandwidth_gbps", "tflops", "precision",
            "mfu", "mbu", "power_w", "usd_per_kwh",
        ]) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id")
        let name = m.string("name")
        let kind = m.string("kind") ?? "device"
        let mem = m.number("memory_gib", .positive, required: "device memory in GiB")
        let usable = m.number("usable_fraction", .fraction, required: "share of the memory the app's models may use, e.g. 0.5")
        let bw = m.number("bandwidth_gbps", .positive, required: "memory bandwidth in GB/s")
        var tflops: [String: Double] = [:]
        if let tn = m.require("tflops", "dense peak TFLOPS (TOPS) per precision, e.g. {int8: 45}"),
           let tm = r.mapping(tn, m.path("tflops"), allowed: Self.precisionIds) {
            for k in tm.keys { if let v = tm.number(k, .positive) { tflops[k] = v } }
            if tm.keys.isEmpty { r.error(tn, m.path("tflops"), "expected at least one precision") }
        }
        let prec = m.identifier("precision", required: "the precision models run at on the device, e.g. int8")
        if let prec, !tflops.isEmpty, tflops[prec] == nil {
            r.error(m.value("precision"), m.path("precision"), "precision '\(prec)' has no entry in this device's 'tflops'",
                    hint: "one of: \(tflops.keys.sorted().joined(separator: ", "))")
        }
        let mfu = m.number("mfu", .fraction, required: "model FLOPs utilisation on the device, e.g. 0.3")
        let mbu = m.number("mbu", .fraction, required: "memory bandwidth utilisation on the device, e.g. 0.6")
        let power = m.number("power_w", .positive, required: "power drawn while inferring, in W")
        let usd = m.number("usd_per_kwh", .nonNegative, required: "price of the energy the device draws, USD per kWh")
        guard let id, let mem, let usable, let bw, let prec, tflops[prec] != nil, let mfu, let mbu, let power, let usd else { return nil }
        return DeviceSpec(id: id, name: name ?? id, kind: kind, memoryGiB: mem, usableFraction: usable, bandwidthGBps: bw,
                          tflops: tflops, precision: prec, mfu: mfu, mbu: mbu, powerW: power, usdPerKWh: usd, location: r.location(node))
    }

    // MARK: v2 server: runtimes and hosts (MODEL.md §1)

    func runtime(_ node: Node, _ path: String) -> RuntimeSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "name", "llm_batching", "fixed_overhead_gib", "activation_fraction", "checkpoint_read_gbps", "families", "accelerators",
        ] + Self.schedulerKeys) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id, e.g. vllm")
        let name = m.string("name")
        let batching = m.choice("llm_batching", LLMBatching.self, required: "continuous or static")
        let scheduler = llmScheduler(m, required: batching == .continuous)
        let fixed = m.number("fixed_overhead_gib", .nonNegative, required: "memory per engine per GPU (CUDA context, workspace, graphs), GiB")
        let act = m.number("activation_fraction", .nonNegative, required: "activations as a share of the weights, e.g. 0.05")
        var families: [ModelFamily: FamilyProfile] = [:]
        if let fn = m.require("families", "a profile per model family, e.g. {language: {mfu_max: 0.6, ...}}"),
           let fm = r.mapping(fn, m.path("families"), allowed: ModelFamily.allCases.map(\.rawValue)) {
            for f in ModelFamily.allCases {
                guard let pn = fm.value(f.rawValue) else { continue }
                let pp = fm.path(f.rawValue)
                guard let p = r.mapping(pn, pp, allowed: ["mfu_max", "mfu_half_tokens", "mbu", "pass_overhead_ms", "start_s", "mfu_half_width"]) else { continue }
                let mfu = p.number("mfu_max", .fraction, required: "compute efficiency reached by large passes, in (0, 1]")
                let half = p.number("mfu_half_tokens", .nonNegative, required: "tokens or items at which half of mfu_max is reached")
                let mbu = p.number("mbu", .fraction, required: "memory bandwidth utilisation, in (0, 1]")
                let over = p.number("pass_overhead_ms", .nonNegative, required: "fixed time per pass, ms")
                var start: [LoadingSource: Double] = [:]
                if let sn = p.require("start_s", "engine start or wake per loading source, e.g. {dram: 1, nvme: 2, cold: 30}"),
                   let sm = r.mapping(sn, p.path("start_s"), allowed: LoadingSource.allCases.map(\.rawValue)) {
                    for l in LoadingSource.allCases {
                        if let v = sm.number(l.rawValue, .nonNegative, required: "seconds before the weights' copy when loading from \(l.rawValue)") { start[l] = v }
                    }
                }
                if let mfu, let half, let mbu, let over, start.count == LoadingSource.allCases.count {
                    families[f] = FamilyProfile(mfuMax: mfu, mfuHalfTokens: half, mbu: mbu, passOverheadMs: over, startS: start,
                                                mfuHalfWidth: p.number("mfu_half_width", .nonNegative) ?? 0)
                }
            }
        }
        // accelerators: {ID: {FAMILY: {mfu_max, mfu_half_tokens, mbu, pass_overhead_ms}}}, each key optional.
        var overrides: [String: [ModelFamily: FamilyOverride]] = [:], overrideLocations: [String: SourceLocation] = [:]
        // Keys are accelerator ids, checked against the catalog's accelerators by the validator.
        let ids: [String] = { if case .mapping(let mm) = m.value("accelerators") { return mm.compactMap { $0.key.string } }; return [] }()
        if let an = m.value("accelerators"), let am = r.mapping(an, m.path("accelerators"), allowed: ids) {
            for key in am.keys {
                guard let vn = am.value(key) else { continue }
                let ap = am.path(key)
                guard let fm = r.mapping(vn, ap, allowed: ModelFamily.allCases.map(\.rawValue)) else { continue }
                overrideLocations[key] = r.location(vn)
                for f in ModelFamily.allCases {
                    guard let pn = fm.value(f.rawValue),
                          let p = r.mapping(pn, fm.path(f.rawValue), allowed: ["mfu_max", "mfu_half_tokens", "mbu", "pass_overhead_ms"]) else { continue }
                    let o = FamilyOverride(mfuMax: p.number("mfu_max", .fraction), mfuHalfTokens: p.number("mfu_half_tokens", .nonNegative),
                                           mbu: p.number("mbu", .fraction), passOverheadMs: p.number("pass_overhead_ms", .nonNegative))
                    if o == FamilyOverride() {
                        r.error(pn, fm.path(f.rawValue), "an empty override", hint: "give mfu_max, mfu_half_tokens, mbu or pass_overhead_ms, or remove it")
                    }
                    overrides[key, default: [:]][f] = o
                }
            }
        }
        guard let id, let batching, let fixed, let act, scheduler.ok else { return nil }
        var spec = RuntimeSpec(id: id, name: name ?? id, llmBatching: batching, scheduler: scheduler.spec, fixedOverheadGiB: fixed,
                               activationFraction: act, families: families, location: r.location(node))
        spec.accelerators = overrides
        spec.acceleratorLocations = overrideLocations
        spec.checkpointReadGBps = m.number("checkpoint_read_gbps", .positive)
        return spec
    }

    static let schedulerKeys = ["max_num_seqs", "max_num_batched_tokens", "kv_block_tokens", "chunked_prefill", "prefix_caching"]

    /// The language scheduler's keys (MODEL.md §3.2): all or none, all with continuous batching.
    /// `ok` false after an error; `spec` nil when absent and not required.
    func llmScheduler(_ m: YAMLReader.Mapping, required: Bool) -> (ok: Bool, spec: LLMSchedulerSpec?) {
        guard required || Self.schedulerKeys.contains(where: m.has) else { return (true, nil) }
        let why = required ? "required with llm_batching: continuous" : "the scheduler's keys go together"
        let seqs = m.integer("max_num_seqs", min: 1, max: 1 << 20, required: "sequences in the running set at most, e.g. 256 (\(why))")
        let tokens = m.integer("max_num_batched_tokens", min: 1, max: 1 << 30,
                               required: "tokens in one iteration at most, e.g. 2048 (\(why))")
        let block = m.integer("kv_block_tokens", min: 1, max: 1 << 16, required: "tokens per KV block, e.g. 16 (\(why))")
        let chunked = m.require("chunked_prefill", "true or false (\(why))").flatMap { r.bool($0, m.path("chunked_prefill")) }
        let prefix = m.require("prefix_caching", "true or false (\(why))").flatMap { r.bool($0, m.path("prefix_caching")) }
        guard let seqs, let tokens, let block, let chunked, let prefix else { return (false, nil) }
        guard tokens >= seqs else {
            r.error(m.value("max_num_batched_tokens")!, m.path("max_num_batched_tokens"),
                    "max_num_batched_tokens (\(tokens)) is below max_num_seqs (\(seqs)): an iteration could not decode every running sequence",
                    hint: "raise max_num_batched_tokens to at least \(seqs), or lower max_num_seqs")
            return (false, nil)
        }
        return (true, LLMSchedulerSpec(maxNumSeqs: seqs, maxNumBatchedTokens: tokens, kvBlockTokens: block, chunkedPrefill: chunked,
                                       prefixCaching: prefix))
    }

    func host(_ node: Node, _ path: String) -> HostSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "name", "form_factor", "max_gpus", "price_usd", "lifetime_years", "usd_per_hour", "power_w",
            "storage_read_gbps", "dram_gib", "dram_read_gbps",
        ]) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id")
        let name = m.string("name")
        let form = m.choice("form_factor", FormFactor.self, required: "pcie, sxm or module")
        let gpus = m.integer("max_gpus", min: 1, max: 1024, required: "how many GPUs the chassis holds")
        let price = pricing(m, purchaseKey: "price_usd", lifetimeKey: "lifetime_years", hourlyKey: "usd_per_hour")
        let power = m.number("power_w", .nonNegative, required: "the host's own power without GPUs, W")
        let nvme = m.number("storage_read_gbps", .positive, required: "NVMe sequential read, GB/s")
        let dram = m.number("dram_gib", .positive, required: "host memory, GiB")
        let dramBW = m.number("dram_read_gbps", .positive, required: "host memory read bandwidth for a copy, GB/s")
        guard let id, let form, let gpus, let price, let power, let nvme, let dram, let dramBW else { return nil }
        return HostSpec(id: id, name: name ?? id, formFactor: form, maxGPUs: gpus, pricing: price, powerW: power,
                        storageReadGBps: nvme, dramGiB: dram, dramReadGBps: dramBW, location: r.location(node))
    }

    // MARK: singletons

    func server(_ node: Node, _ path: String) -> ServerSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "usable_fraction", "runtime_overhead", "mfu", "mbu", "multi_gpu_efficiency", "load_overhead_ms",
            "max_batch", "admission", "default_precision", "host_power_w", "host_price_usd", "host_lifetime_years",
            "host_usd_per_hour", "runtime", "loading",
        ]) else { return nil }
        let usable = m.number("usable_fraction", .fraction, required: "share of GPU memory usable for models, e.g. 0.9")
        let overhead = m.number("runtime_overhead", .nonNegative, required: "runtime memory overhead as a fraction of weights")
        let mfu = m.number("mfu", .fraction, required: "model FLOPs utilisation, e.g. 0.5")
        let mbu = m.number("mbu", .fraction, required: "memory bandwidth utilisation, e.g. 0.7")
        let eff = m.number("multi_gpu_efficiency", .fraction, required: "efficiency per extra GPU, e.g. 0.9")
        let loadOverhead = m.number("load_overhead_ms", .nonNegative, required: "fixed time per model load, in ms")
        let batch = m.integer("max_batch", min: 1, max: 4096, required: "largest batch, e.g. 8")
        let admission = m.choice("admission", Admission.self, required: "slo-aware or always-edge")
        let prec = m.identifier("default_precision", required: "the precision used when none is given, e.g. fp16")
        let hostW = m.number("host_power_w", .nonNegative, required: "host (CPU, board, fans) power in W")
        let hostPrice = pricing(m, purchaseKey: "host_price_usd", lifetimeKey: "host_lifetime_years", hourlyKey: "host_usd_per_hour")
        guard let usable, let overhead, let mfu, let mbu, let eff, let loadOverhead, let batch, let admission,
              let prec, let hostW, let hostPrice else { return nil }
        var spec = ServerSpec(usableFraction: usable, runtimeOverhead: overhead, mfu: mfu, mbu: mbu, multiGPUEfficiency: eff,
                              loadOverheadMs: loadOverhead, maxBatch: batch, admission: admission, defaultPrecision: prec,
                              hostPowerW: hostW, hostPricing: hostPrice, location: r.location(node))
        spec.runtime = m.identifier("runtime")
        if let l = m.choice("loading", LoadingSource.self) { spec.loading = l }
        return spec
    }

    func cloud(_ node: Node, _ path: String) -> CloudSpec? {
        guard let m = r.mapping(node, path, allowed: ["core_rtt_ms", "backhaul_mbps", "serving_ms", "usd_per_request"]) else { return nil }
        let rtt = m.number("core_rtt_ms", .nonNegative, required: "core-network round trip in ms")
        let backhaul = m.number("backhaul_mbps", .positive, required: "edge-to-cloud backhaul rate in Mbit/s")
        let serving = m.number("serving_ms", .nonNegative, required: "default cloud serving time in ms")
        let usd = m.number("usd_per_request", .nonNegative, required: "default cloud price per request in USD")
        guard let rtt, let backhaul, let serving, let usd else { return nil }
        return CloudSpec(coreRTTMs: rtt, backhaulMbps: backhaul, servingMs: serving, usdPerRequest: usd, location: r.location(node))
    }

    func network(_ node: Node, _ path: String) -> NetworkSpec? {
        guard let m = r.mapping(node, path, allowed: ["uplink_mbps", "downlink_mbps"]) else { return nil }
        let up = m.number("uplink_mbps", .positive, required: "access uplink rate in Mbit/s")
        let down = m.number("downlink_mbps", .positive, required: "access downlink rate in Mbit/s")
        guard let up, let down else { return nil }
        return NetworkSpec(uplinkMbps: up, downlinkMbps: down, location: r.location(node))
    }

    func site(_ node: Node, _ path: String) -> SiteSpec? {
        guard let m = r.mapping(node, path, allowed: ["usd_per_kwh", "pue"]) else { return nil }
        let usd = m.number("usd_per_kwh", .nonNegative, required: "electricity price in USD per kWh")
        let pue = m.number("pue", .positive, required: "power usage effectiveness, ≥ 1")
        if let pue, pue < 1 { r.error(m.value("pue"), m.path("pue"), "expected a PUE ≥ 1, found \(pue)") }
        guard let usd, let pue, pue >= 1 else { return nil }
        return SiteSpec(usdPerKWh: usd, pue: pue, location: r.location(node))
    }

    func objective(_ node: Node, _ path: String) -> ObjectiveSpec? {
        guard let m = r.mapping(node, path, allowed: ["switching", "accuracy", "inference", "offloading", "cloud", "switch_cost", "switch_cost_per_s"]) else { return nil }
        let s = m.number("switching", .nonNegative, required: "weight w_s of the switching term")
        let a = m.number("accuracy", .nonNegative, required: "weight w_a of the accuracy term")
        let i = m.number("inference", .nonNegative, required: "weight w_i of the edge inference term")
        let o = m.number("offloading", .nonNegative, required: "weight w_o of the offloading term")
        let c = m.number("cloud", .nonNegative, required: "weight w_c of the cloud USD term")
        let lam = m.number("switch_cost", .nonNegative, required: "λ, the cost of one model switch")
        let perS = m.number("switch_cost_per_s", .nonNegative) ?? 0
        guard let s, let a, let i, let o, let c, let lam else { return nil }
        return ObjectiveSpec(switching: s, accuracy: a, inference: i, offloading: o, cloud: c, switchCost: lam,
                             switchCostPerS: perS, location: r.location(node))
    }

    enum UtilityKind: String, CaseIterable { case exponential, linear, window }

    func context(_ node: Node, _ path: String) -> ContextSpec? {
        guard let m = r.mapping(node, path, allowed: ["utility", "half_life_s", "drain_per_s", "window_s"]) else { return nil }
        guard let kind = m.choice("utility", UtilityKind.self, required: "exponential, linear or window") else { return nil }
        let u: ContextUtility?
        switch kind {
        case .exponential: u = m.number("half_life_s", .positive, required: "half-life of an example's weight, in s").map { .exponential(halfLifeS: $0) }
        case .linear: u = m.number("drain_per_s", .positive, required: "examples drained per second").map { .linear(drainPerS: $0) }
        case .window: u = m.number("window_s", .positive, required: "age after which an example stops counting, in s").map { .window(seconds: $0) }
        }
        for k in ["half_life_s", "drain_per_s", "window_s"] where m.has(k) {
            let needed = ["exponential": "half_life_s", "linear": "drain_per_s", "window": "window_s"][kind.rawValue]
            if k != needed { r.error(m.keyNode(k), m.path(k), "'\(k)' does not apply to the \(kind.rawValue) utility") }
        }
        return u.map { ContextSpec(utility: $0, location: r.location(node)) }
    }

    func caching(_ node: Node, _ path: String) -> CachingSpec? {
        guard let m = r.mapping(node, path, allowed: ["demand", "half_life_s", "interval_s", "post_shift_window_s", "partial_fractions",
                                                           "random_cache_probability"]) else { return nil }
        // Every key is optional, with the documented default (CachingSpec.defaults).
        let d = CachingSpec.defaults
        let demand = m.value("demand") == nil ? d.demand : m.choice("demand", DemandEstimator.self)
        let half = m.value("half_life_s") == nil ? d.halfLifeS : m.number("half_life_s", .positive)
        let interval = m.value("interval_s") == nil ? d.intervalS : m.number("interval_s", .positive)
        let window = m.value("post_shift_window_s") == nil ? d.postShiftWindowS : m.number("post_shift_window_s", .positive)
        var fractions: [Double] = []
        if let items = m.list("partial_fractions") {
            for (n, p) in items {
                guard let f = r.number(n, p, .positive) else { continue }
                if f >= 1 { r.error(n, p, "a partial fraction must be below 1 (a whole model is always allowed), found \(f)") }
                else if let last = fractions.last, f <= last { r.error(n, p, "partial fractions must be in increasing order") }
                else { fractions.append(f) }
            }
        } else { fractions = d.partialFractions }
        let coin = m.value("random_cache_probability") == nil ? d.randomCacheProbability
            : m.number("random_cache_probability", .unitInterval, required: "the chance that random-cache serves a request at the edge, 0 to 1")
        guard let demand, let half, let interval, let window, let coin else { return nil }
        return CachingSpec(demand: demand, halfLifeS: half, intervalS: interval, postShiftWindowS: window,
                           partialFractions: fractions, randomCacheProbability: coin, location: r.location(node))
    }

    // MARK: services and workloads

    func service(_ node: Node, _ path: String) -> ServiceSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "name", "task", "stages", "tokens_in", "tokens_out", "request_kb", "response_kb", "slo",
            "cloud_serving_ms", "cloud_usd_per_request", "cloud_usd_per_1k_tokens", "cloud_usd_per_mtok_in",
            "cloud_usd_per_mtok_out", "cloud_price_date", "cloud_ttft_ms", "cloud_tpot_ms", "on_device",
        ]) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id")
        let name = m.string("name")
        let task = m.identifier("task", required: "the task whose accuracy this service is scored on")
        var stages: [StageSpec] = []
        var stagesOK = true
        if let items = m.list("stages") {
            for (n, p) in items {
                guard let sm = r.mapping(n, p, allowed: ["models", "model", "repeat"]) else { stagesOK = false; continue }
                var models: [String]?
                if sm.has("model") && sm.has("models") { r.error(n, p, "give 'model' or 'models', not both") }
                if sm.has("model") { models = sm.identifier("model").map { [$0] } } else {
                    models = sm.identifiers("models", required: "the equivalent models that can serve this stage")
                }
                let rep = sm.integer("repeat", min: 1, max: 10_000) ?? 1
                if let models { stages.append(StageSpec(models: models, repeatCount: rep, location: r.location(n))) } else { stagesOK = false }
            }
            if items.isEmpty { r.error(m.value("stages"), m.path("stages"), "expected at least one stage") }
        } else if !m.has("stages") {
            r.error(m.node, m.path("stages"), "missing required key 'stages' (the pipeline of models)")
        }
        let tin = m.integer("tokens_in", min: 0, max: 1 << 24) ?? 0
        let tout = m.integer("tokens_out", min: 0, max: 1 << 24) ?? 0
        let reqKB = m.number("request_kb", .nonNegative, required: "request payload in kB")
        let respKB = m.number("response_kb", .nonNegative, required: "response payload in kB")
        var slo: SLOSpec?
        if let sn = m.require("slo", "the service-level objective: p95_ms and min_accuracy"),
           let sm = r.mapping(sn, m.path("slo"), allowed: ["p95_ms", "min_accuracy", "ttft_p95_ms", "tpot_p95_ms"]) {
            let p95 = sm.number("p95_ms", .positive, required: "the p95 latency target in ms")
            let acc = sm.number("min_accuracy", .percent) ?? 0
            let ttft = sm.number("ttft_p95_ms", .positive)
            let tpot = sm.number("tpot_p95_ms", .positive)
            if let p95, let ttft, ttft > p95 {
                r.error(sm.value("ttft_p95_ms"), sm.path("ttft_p95_ms"),
                        "ttft_p95_ms \(YAMLReader.show(ttft)) is above the end-to-end p95_ms \(YAMLReader.show(p95))",
                        hint: "the first token comes before the last; p95_ms bounds the whole request")
            }
            if let p95 { slo = SLOSpec(p95Ms: p95, minAccuracy: acc, ttftP95Ms: ttft, tpotP95Ms: tpot) }
        }
        var cms = m.number("cloud_serving_ms", .nonNegative)
        let cttft = m.number("cloud_ttft_ms", .nonNegative)
        let ctpot = m.number("cloud_tpot_ms", .nonNegative)
        if m.has("cloud_ttft_ms") || m.has("cloud_tpot_ms") {
            if m.has("cloud_ttft_ms") != m.has("cloud_tpot_ms") {
                let missing = m.has("cloud_ttft_ms") ? "cloud_tpot_ms" : "cloud_ttft_ms"
                r.error(m.node, m.path(missing), "give 'cloud_ttft_ms' and 'cloud_tpot_ms' together; '\(missing)' is missing")
            }
            if m.has("cloud_serving_ms") {
                r.error(m.keyNode("cloud_serving_ms"), m.path("cloud_serving_ms"),
                        "give 'cloud_serving_ms' or 'cloud_ttft_ms' with 'cloud_tpot_ms', not both",
                        hint: "the cloud serving time of a language service is ttft + tokens_out × tpot")
            }
            if let cttft, let ctpot { cms = cttft + Double(tout) * ctpot }
        }
        let cusd = m.number("cloud_usd_per_request", .nonNegative)
        var ctok = m.number("cloud_usd_per_1k_tokens", .nonNegative)
        if cusd != nil && ctok != nil {
            r.error(m.keyNode("cloud_usd_per_1k_tokens"), m.path("cloud_usd_per_1k_tokens"), "give a price per request or per 1k tokens, not both")
        }
        let mtokIn = m.number("cloud_usd_per_mtok_in", .nonNegative)
        let mtokOut = m.number("cloud_usd_per_mtok_out", .nonNegative)
        let hasMTok = m.has("cloud_usd_per_mtok_in") || m.has("cloud_usd_per_mtok_out")
        if hasMTok {
            if m.has("cloud_usd_per_mtok_in") != m.has("cloud_usd_per_mtok_out") {
                let missing = m.has("cloud_usd_per_mtok_in") ? "cloud_usd_per_mtok_out" : "cloud_usd_per_mtok_in"
                r.error(m.node, m.path(missing), "give 'cloud_usd_per_mtok_in' and 'cloud_usd_per_mtok_out' together; '\(missing)' is missing",
                        hint: "API price pages list both, in USD per million tokens")
            }
            for other in ["cloud_usd_per_request", "cloud_usd_per_1k_tokens"] where m.has(other) {
                r.error(m.keyNode(other), m.path(other), "give per-million-token prices or '\(other)', not both")
            }
            if tin + tout == 0 {
                r.error(m.node, m.path("tokens_in"), "per-million-token cloud prices need 'tokens_in' or 'tokens_out' > 0")
            } else if let mtokIn, let mtokOut {
                // The engine charges (tokens_in + tokens_out) × the per-1k rate: the blended rate gives in × p_in + out × p_out.
                ctok = (Double(tin) * mtokIn + Double(tout) * mtokOut) / Double(tin + tout) / 1000
            }
        }
        var priceDate: String?
        if let dn = m.value("cloud_price_date") {
            if let d = r.string(dn, m.path("cloud_price_date")) {
                if CatalogValidator.priceMonth(d) == nil {
                    r.error(dn, m.path("cloud_price_date"), "expected a date as YYYY-MM or YYYY-MM-DD, found \"\(d)\"",
                            hint: "the month the price was read from the provider's page, e.g. 2026-06")
                } else { priceDate = d }
            }
        }
        let onDevice = m.bool("on_device") ?? false
        guard let id, let task, stagesOK, !stages.isEmpty, let reqKB, let respKB, let slo else { return nil }
        return ServiceSpec(id: id, name: name ?? id, task: task, stages: stages, tokensIn: tin, tokensOut: tout,
                           requestKB: reqKB, responseKB: respKB, slo: slo, cloudServingMs: cms, cloudUSDPerRequest: cusd,
                           cloudUSDPer1kTokens: ctok, cloudUSDPerMTokIn: mtokIn, cloudUSDPerMTokOut: mtokOut,
                           cloudPriceDate: priceDate, cloudTTFTMs: cttft, cloudTPOTMs: ctpot, onDevice: onDevice, location: r.location(node))
    }

    func mix(_ node: Node, _ path: String) -> [MixEntry]? {
        guard let items = r.sequence(node, path) else { return nil }
        var out: [MixEntry] = []
        for (n, p) in items {
            guard let m = r.mapping(n, p, allowed: ["service", "rate_per_s", "share"]) else { continue }
            let s = m.identifier("service", required: "a service id")
            let rate = m.number("rate_per_s", .nonNegative)
            let share = m.number("share", .nonNegative)
            if m.has("rate_per_s") == m.has("share") {
                r.error(n, p, "give exactly one of 'rate_per_s' or 'share'")
                continue
            }
            if let s { out.append(MixEntry(service: s, location: r.location(n), ratePerS: rate, share: share)) }
        }
        if items.isEmpty { r.error(node, path, "expected at least one service in the mix") }
        return out.count == items.count && !out.isEmpty ? out : nil
    }

    enum ArrivalKind: String, CaseIterable { case poisson, step, diurnal }

    func workload(_ node: Node, _ path: String) -> WorkloadSpec? {
        guard let m = r.mapping(node, path, allowed: [
            "id", "description", "total_rate_per_s", "mix", "arrival", "steps", "period_s", "amplitude", "peak_s",
            "duration_s", "requests", "warmup_s", "seed", "popularity_shifts",
        ]) else { return nil }
        let id = m.identifier("id", required: "a unique lowercase id")
        let desc = m.string("description") ?? ""
        let total = m.number("total_rate_per_s", .positive)
        let mixEntries = m.require("mix", "the services and their rates or shares").flatMap { mix($0, m.path("mix")) }
        if let mixEntries, mixEntries.contains(where: { $0.share != nil }), total == nil {
            r.error(m.node, m.path("total_rate_per_s"), "a mix given in shares needs 'total_rate_per_s'")
        }
        let kind = m.choice("arrival", ArrivalKind.self) ?? .poisson
        var profile = RateProfile.constant
        switch kind {
        case .poisson: break
        case .step:
            var steps: [(Double, Double)] = []
            if let items = m.list("steps") {
                for (n, p) in items {
                    guard let sm = r.mapping(n, p, allowed: ["at_s", "multiplier"]) else { continue }
                    if let at = sm.number("at_s", .nonNegative, required: "when the step starts, in s"),
                       let mul = sm.number("multiplier", .nonNegative, required: "rate multiplier from then on") {
                        if let last = steps.last, at <= last.0 { r.error(n, p + ".at_s", "steps must be in increasing time order") }
                        steps.append((at, mul))
                    }
                }
            } else { r.error(m.node, m.path("steps"), "a step arrival needs 'steps: [{at_s, multiplier}, …]'") }
            profile = .step(steps.map { (atS: $0.0, multiplier: $0.1) })
        case .diurnal:
            let period = m.number("period_s", .positive, required: "the period of the daily cycle, e.g. 86400")
            let amp = m.number("amplitude", .unitInterval, required: "relative swing around the mean, in [0, 1]")
            let peak = m.number("peak_s", .nonNegative) ?? 0
            if let period, let amp { profile = .diurnal(periodS: period, amplitude: amp, peakS: peak) }
        }
        let duration = m.number("duration_s", .positive)
        let requests = m.integer("requests", min: 1, max: 1 << 40)
        if duration == nil && requests == nil && !m.has("duration_s") && !m.has("requests") {
            r.error(m.node, path, "give 'duration_s' or 'requests' to end the run")
        }
        let warmup = m.number("warmup_s", .nonNegative) ?? 0
        let seed = m.integer("seed", min: 0, max: Int.max) ?? 1
        var shifts: [PopularityShift] = []
        if let items = m.list("popularity_shifts") {
            for (n, p) in items {
                guard let sm = r.mapping(n, p, allowed: ["at_s", "mix"]) else { continue }
                if let at = sm.number("at_s", .nonNegative, required: "when the new mix starts, in s"),
                   let mx = sm.require("mix", "the new mix").flatMap({ mix($0, sm.path("mix")) }) {
                    shifts.append(PopularityShift(atS: at, mix: mx))
                }
            }
        }
        guard let id, let mixEntries else { return nil }
        return WorkloadSpec(id: id, description: desc, totalRatePerS: total, mix: mixEntries, profile: profile,
                            durationS: duration, requests: requests, warmupS: warmup, seed: UInt64(seed), shifts: shifts,
                            location: r.location(node))
    }
}
