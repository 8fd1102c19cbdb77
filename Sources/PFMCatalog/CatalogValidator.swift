import Foundation

/// Cross-entity checks on a merged catalog (MODEL.md section 1; issue: validation and errors).
public enum CatalogValidator {
    /// The position of item `i` among the items of the same file, so key paths match what the user
    /// sees in that file (`accelerators[0]` in mine.yaml, not the index across all files).
    /// For every item, computed in one pass (O(n), so that catalogs of thousands of models load fast).
    static func localIndices<T>(_ items: [T], _ loc: (T) -> SourceLocation?) -> [Int] {
        var seen: [String?: Int] = [:]
        return items.map { x in
            let file = loc(x)?.file
            defer { seen[file, default: 0] += 1 }
            return seen[file] ?? 0
        }
    }

    /// One inconsistency among a model's architecture keys: the key it is reported at ("" for
    /// the model itself), the message and a hint.
    struct ArchitectureProblem: Sendable, Hashable {
        var key: String
        var message: String
        var hint: String?
    }

    /// Checks a language model's architecture (MODEL.md §1). `given` holds the architecture keys
    /// present in the YAML (a key given with a bad value is absent from `a` but present here, so
    /// one bad value does not also raise "missing" errors). Values are already ≥ 1 (the parser's
    /// integer ranges); these are the relations between them.
    static func architectureProblems(_ a: LanguageArchitecture, given: Set<String>, kvWidth: Int?, hasKVWidth: Bool,
                                     parametersM: Double?) -> [ArchitectureProblem] {
        var out: [ArchitectureProblem] = []
        func add(_ key: String, _ message: String, hint: String? = nil) { out.append(ArchitectureProblem(key: key, message: message, hint: hint)) }
        // The KV cache: layers with a width, from kv_heads × head_dim or v1's kv_width.
        let hasHeads = given.contains("kv_heads") || given.contains("head_dim")
        if given.contains("kv_heads") != given.contains("head_dim") {
            let missing = given.contains("kv_heads") ? "head_dim" : "kv_heads"
            add("", "give 'kv_heads' together with 'head_dim' (KV per token = 2 × layers × kv_heads × head_dim × bytes_per_kv); '\(missing)' is missing",
                hint: "both are in the model's config.json (num_key_value_heads, head_dim)")
        }
        if given.contains("layers") != (hasKVWidth || hasHeads) {
            if given.contains("layers") {
                add("", "give 'kv_heads' and 'head_dim' (or v1's 'kv_width') with 'layers': they size the KV cache")
            } else {
                add("", hasKVWidth ? "give both 'layers' and 'kv_width' (they size the KV cache), or neither"
                                   : "give 'layers' with 'kv_heads' and 'head_dim': they size the KV cache together")
            }
        }
        if let w = kvWidth, let derived = a.kvWidth, w != derived {
            add("kv_width", "kv_width \(w) differs from kv_heads × head_dim = \(a.kvHeads!) × \(a.headDim!) = \(derived)",
                hint: "leave 'kv_width' out; it is kv_heads × head_dim")
        }
        if let heads = a.heads, let kv = a.kvHeads {
            if kv > heads {
                add("kv_heads", "kv_heads \(kv) is above heads \(heads)", hint: "grouped-query attention shares each KV head among several query heads")
            } else if heads % kv != 0 {
                add("kv_heads", "heads \(heads) is not a multiple of kv_heads \(kv)", hint: "each KV head serves heads / kv_heads query heads")
            }
        }
        // Mixture of experts: the three keys together, k ≤ E, and the experts inside the parameters.
        let moeKeys = ["experts", "experts_per_token", "expert_params_m"]
        let moeGiven = moeKeys.filter { given.contains($0) }
        if !moeGiven.isEmpty && moeGiven.count < moeKeys.count {
            let missing = moeKeys.filter { !given.contains($0) }
            add("", "a mixture-of-experts model gives 'experts', 'experts_per_token' and 'expert_params_m' together; missing: \(missing.map { "'\($0)'" }.joined(separator: ", "))")
        }
        if let e = a.experts, let k = a.expertsPerToken, k > e {
            add("experts_per_token", "experts_per_token \(k) is above experts \(e)", hint: "each token is routed to k of the E experts of a layer")
        }
        if let e = a.experts, let pm = a.expertParamsM, let layers = a.layers, let total = parametersM {
            let expertsM = Double(layers) * Double(e) * pm
            if expertsM >= total {
                add("expert_params_m", "layers × experts × expert_params_m = \(layers) × \(e) × \(YAMLReader.show(pm)) = \(YAMLReader.show(expertsM)) M is not below parameters_m \(YAMLReader.show(total))",
                    hint: "expert_params_m counts one expert in one layer (its FFN matrices), in millions")
            }
        }
        return out
    }

    /// A price date's month count (year × 12 + month − 1), from "YYYY-MM" or "YYYY-MM-DD"; nil when malformed.
    static func priceMonth(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let mo = Int(parts[1]), (1900...9999).contains(y), (1...12).contains(mo) else { return nil }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...31).contains(d) else { return nil }
        }
        return y * 12 + mo - 1
    }

    /// The current month count in UTC, as `priceMonth` counts.
    static func currentMonth(_ now: Date = Date()) -> Int {
        // The UTC civil date of the day count (H. Hinnant, "chrono-Compatible Low-Level Date
        // Algorithms", civil_from_days): exact, and without Calendar's start-up cost.
        let days = Int((now.timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return year * 12 + month - 1
    }

    /// Facts `catalog validate` reports beside the warnings but that are not problems of the
    /// file (every command would print them otherwise): fits with α < 0 (MODEL.md §5), whose
    /// accuracy peaks at one example, so the engine caps K_used there.
    public static func notes(_ c: Catalog) -> [Diagnostic] {
        var ds: [Diagnostic] = []
        let modelsLocal = localIndices(c.models, \.location)
        for (n, m) in c.models.enumerated() {
            for s in m.tasks {
                guard case .success(let curve) = AccuracyCurve.fit(s), curve.alpha < 0 else { continue }
                ds.append(Diagnostic(.warning, at: m.location, path: "models[\(modelsLocal[n])].tasks",
                                     "model '\(m.id)' on task '\(s.task)': the few-shot score is below the one-shot score (α = \(String(format: "%.3g", curve.alpha)) < 0), so accuracy peaks at K = \(curve.a1 > curve.a0 ? 1 : 0) example(s); the engine uses no more",
                                     hint: "expected for GPT-3 13B arithmetic (Table I); check the scores otherwise"))
            }
        }
        return ds
    }

    static func validate(_ c: Catalog) -> [Diagnostic] {
        var ds: [Diagnostic] = []
        let firstFile = c.sources.first.map { SourceLocation(file: $0, line: 1, column: 1) }
        func err(_ loc: SourceLocation?, _ path: String, _ msg: String, hint: String? = nil) {
            ds.append(Diagnostic(.error, at: loc, path: path, msg, hint: hint))
        }
        func unique<T>(_ items: [T], _ kind: String, id: (T) -> String, loc: (T) -> SourceLocation?) {
            var seen: [String: SourceLocation?] = [:]
            let local = localIndices(items, loc)
            for (i, x) in items.enumerated() {
                if let first = seen[id(x)] {
                    err(loc(x), "\(kind)[\(local[i])].id", "duplicate \(kind.dropLast()) id '\(id(x))' (first defined at \(first?.description ?? "?"))",
                        hint: "ids must be unique across all loaded catalog files; rename one")
                } else { seen[id(x)] = loc(x) }
            }
        }
        unique(c.models, "models", id: \.id, loc: \.location)
        unique(c.precisions, "precisions", id: \.id, loc: \.location)
        unique(c.accelerators, "accelerators", id: \.id, loc: \.location)
        unique(c.devices, "devices", id: \.id, loc: \.location)
        unique(c.runtimes, "runtimes", id: \.id, loc: \.location)
        unique(c.hosts, "hosts", id: \.id, loc: \.location)
        if let s = c.server, let rt = s.runtime, !c.runtimes.isEmpty, c.runtime(rt) == nil {
            err(s.location, "server.runtime", "unknown runtime '\(rt)'",
                hint: YAMLReader.nearest(rt, in: c.runtimes.map(\.id)).map { "did you mean '\($0)'?" } ?? "one of: \(c.runtimes.map(\.id).joined(separator: ", "))")
        }
        let usedFamilies = Set(c.models.map(\.family))
        for (n, rt) in c.runtimes.enumerated() {
            for f in ModelFamily.allCases where usedFamilies.contains(f) && rt.families[f] == nil {
                err(rt.location, "runtimes[\(localIndices(c.runtimes, \.location)[n])].families",
                    "runtime '\(rt.id)' has no profile for the \(f.rawValue) family, which model(s) of the catalog use",
                    hint: "add 'families: {\(f.rawValue): {mfu_max, mfu_half_tokens, mbu, pass_overhead_ms, start_s}}'")
            }
        }
        // Per-accelerator constants name accelerators of the catalog and families the runtime has.
        let accIds = c.accelerators.map(\.id)
        for (n, rt) in c.runtimes.enumerated() {
            let i = localIndices(c.runtimes, \.location)[n]
            for (acc, fams) in rt.accelerators.sorted(by: { $0.key < $1.key }) {
                if !accIds.contains(acc) {
                    err(rt.acceleratorLocations[acc] ?? rt.location, "runtimes[\(i)].accelerators.\(acc)", "unknown accelerator '\(acc)'",
                        hint: YAMLReader.nearest(acc, in: accIds).map { "did you mean '\($0)'?" } ?? "one of: \(accIds.joined(separator: ", "))")
                }
                for f in fams.keys.sorted(by: { $0.rawValue < $1.rawValue }) where rt.families[f] == nil {
                    err(rt.acceleratorLocations[acc] ?? rt.location, "runtimes[\(i)].accelerators.\(acc).\(f.rawValue)",
                        "runtime '\(rt.id)' overrides the \(f.rawValue) family on \(acc) but has no \(f.rawValue) profile",
                        hint: "add the family under 'families:' first")
                }
            }
        }
        unique(c.services, "services", id: \.id, loc: \.location)
        unique(c.workloads, "workloads", id: \.id, loc: \.location)

        for (key, present) in [("server", c.server != nil), ("cloud", c.cloud != nil), ("network", c.network != nil),
                               ("site", c.site != nil), ("objective", c.objective != nil), ("context", c.context != nil)] where !present {
            err(c.sources.first.map { SourceLocation(file: $0, line: 1, column: 1) }, key,
                "no catalog file has a '\(key)' section",
                hint: "add one, or start from the defaults with 'pfmplan catalog export DIR'")
        }
        if c.models.isEmpty { err(firstFile, "models", "the catalogs define no models") }
        if c.precisions.isEmpty { err(firstFile, "precisions", "the catalogs define no precisions") }

        let precisionIds = Set(c.precisions.map(\.id))
        let modelIds = Set(c.models.map(\.id))
        var modelsById: [String: ModelSpec] = [:]
        for m in c.models where modelsById[m.id] == nil { modelsById[m.id] = m }
        let acceleratorsLocal = localIndices(c.accelerators, \.location), devicesLocal = localIndices(c.devices, \.location)
        let servicesLocal = localIndices(c.services, \.location), workloadsLocal = localIndices(c.workloads, \.location)
        let modelsLocal = localIndices(c.models, \.location)
        for (n, a) in c.accelerators.enumerated() {
            let i = acceleratorsLocal[n]
            for p in a.tflops.keys.sorted() where !precisionIds.contains(p) {
                err(a.location, "accelerators[\(i)].tflops.\(p)", "precision '\(p)' is not defined in 'precisions'",
                    hint: "define it under 'precisions:' or remove it here")
            }
        }
        for (n, d) in c.devices.enumerated() {
            let i = devicesLocal[n]
            for p in d.tflops.keys.sorted() where !precisionIds.contains(p) {
                err(d.location, "devices[\(i)].tflops.\(p)", "precision '\(p)' is not defined in 'precisions'",
                    hint: "define it under 'precisions:' or remove it here")
            }
        }
        if let s = c.server, !precisionIds.contains(s.defaultPrecision) {
            err(s.location, "server.default_precision", "unknown precision '\(s.defaultPrecision)'",
                hint: "one of: \(precisionIds.sorted().joined(separator: ", "))")
        }
        let sortedModelIds = modelIds.sorted()
        for (n, s) in c.services.enumerated() {
            let i = servicesLocal[n]
            for (j, st) in s.stages.enumerated() {
                for (k, m) in st.models.enumerated() where !modelIds.contains(m) {
                    err(st.location, "services[\(i)].stages[\(j)].models[\(k)]", "unknown model '\(m)'",
                        hint: YAMLReader.nearest(m, in: sortedModelIds).map { "did you mean '\($0)'?" } ?? "define it under 'models:'")
                }
            }
            // MODEL.md §1: TTFT and TPOT belong to language services.
            let language = s.stages.contains { st in st.models.contains { modelsById[$0]?.family == .language } }
            for (key, v) in [("ttft_p95_ms", s.slo.ttftP95Ms), ("tpot_p95_ms", s.slo.tpotP95Ms)] where v != nil && !language {
                err(s.location, "services[\(i)].slo.\(key)", "service '\(s.id)' sets \(key), but none of its stages runs a language model",
                    hint: "time to first token and time per output token are for language services; keep p95_ms only")
            }
            let scored = s.stages.contains { st in st.models.contains { modelsById[$0]?.scores(for: s.task) != nil } }
            if !scored && s.slo.minAccuracy > 0 {
                err(s.location, "services[\(i)].slo.min_accuracy",
                    "min_accuracy \(s.slo.minAccuracy) is set, but no model of this service has scores for task '\(s.task)'",
                    hint: "set min_accuracy: 0 or add the task's scores to one of its models")
            }
            if s.tokensOut == 0, s.stages.contains(where: { $0.models.contains { modelsById[$0]?.family == .language } }) {
                err(s.location, "services[\(i)].tokens_out", "a service with a language model needs 'tokens_out' > 0")
            }
        }
        let serviceIds = Set(c.services.map(\.id))
        let sortedServiceIds = serviceIds.sorted()
        for (n, w) in c.workloads.enumerated() {
            let i = workloadsLocal[n]
            for (j, e) in (w.mix + w.shifts.flatMap(\.mix)).enumerated() where !serviceIds.contains(e.service) {
                err(e.location ?? w.location, "workloads[\(i)].mix[\(j)].service", "unknown service '\(e.service)'",
                    hint: YAMLReader.nearest(e.service, in: sortedServiceIds).map { "did you mean '\($0)'?" })
            }
            let total = w.mix.reduce(0.0) { $0 + ($1.ratePerS ?? ($1.share ?? 0) * (w.totalRatePerS ?? 0)) }
            if total <= 0 { err(w.location, "workloads[\(i)].mix", "the mix has a total rate of zero", hint: "give at least one positive rate or share") }
        }
        // MODEL.md §1: a language model without its architecture would silently hold no KV cache.
        for (n, m) in c.models.enumerated() where m.family == .language && (m.layers == nil || m.kvWidth == nil) {
            ds.append(Diagnostic(.warning, at: m.location, path: "models[\(modelsLocal[n])]",
                                 "language model '\(m.id)' gives no architecture: static batches take its KV cache as zero, and continuous batching (the default) refuses it",
                                 hint: "add 'layers', 'hidden', 'heads', 'kv_heads' and 'head_dim' from its config.json (num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads, head_dim)"))
        }
        // A v1 entry (layers and kv_width) sizes static batches' KV but lacks what continuous
        // batching's iteration time needs (MODEL.md §4).
        for (n, m) in c.models.enumerated() where m.family == .language && m.layers != nil && m.kvWidth != nil
            && (m.architecture?.hidden == nil || m.architecture?.heads == nil || m.architecture?.headDim == nil) {
            ds.append(Diagnostic(.warning, at: m.location, path: "models[\(modelsLocal[n])]",
                                 "language model '\(m.id)' gives layers and its KV width but not hidden, heads and head_dim, which continuous batching (the default) needs: it refuses the model",
                                 hint: "add them from its config.json (hidden_size, num_attention_heads, head_dim), or run it with --llm-batching static"))
        }
        // Warn about cloud prices read more than two years ago (issue #17): today's prices differ by 30-100x.
        let now = currentMonth()
        for (n, s) in c.services.enumerated() {
            if let d = s.cloudPriceDate, let month = priceMonth(d), now - month > 24 {
                ds.append(Diagnostic(.warning, at: s.location, path: "services[\(servicesLocal[n])].cloud_price_date",
                                     "the cloud price of service '\(s.id)' dates from \(d), more than two years ago",
                                     hint: "check the provider's current price page and update the price and its date"))
            }
        }
        // Warn about models that fit no accelerator at any precision.
        if let server = c.server {
            for (n, m) in c.models.enumerated() {
                let i = modelsLocal[n]
                var fitsSomewhere = false
                outer: for a in c.accelerators {
                    for p in c.precisions where a.supports(p.id) {
                        if MemoryModel.residentBytes(m, p, batch: 1, server: server) <= MemoryModel.usableBytes(a, count: 8, server: server) {
                            fitsSomewhere = true
                            break outer
                        }
                    }
                }
                if !fitsSomewhere && !c.accelerators.isEmpty {
                    ds.append(Diagnostic(.warning, at: m.location, path: "models[\(i)]",
                                         "model '\(m.id)' fits no accelerator at any precision, even 8 per server; its requests will always go to the cloud"))
                }
            }
        }
        return ds
    }
}
