import Foundation
import PFMCatalog
import PFMSimulation

/// What the planner sweeps (MODEL.md section 8): the axes of the candidate grid, the request
/// mixes and load scales to test each candidate on, SLO overrides, the objective and run length.
public struct SweepSpec: Sendable, Hashable {
    public enum Objective: String, Sendable, CaseIterable, Codable { case usd, systemCost = "system-cost" }

    public var accelerators: [String]
    public var counts: [Int]
    public var precisions: [String]
    public var policies: [PolicyName]
    public var maxBatch: [Int]
    public var workloads: [String]
    public var loadScales: [Double]
    /// Per-service overrides (key "*" applies to all services).
    public var sloP95Ms: [String: Double] = [:]
    public var minAccuracy: [String: Double] = [:]
    public var budgetUSDMonth: Double?
    public var objective: Objective = .usd
    public var replications: Int = 3
    public var durationS: Double?
    public var requests: Int?
    public var warmupS: Double?
    public var seed: UInt64 = 1
    public var admission: Admission?
    /// Caching and residency axes (default: passive, binary only).
    public var caching: [CachingMode] = [.passive]
    public var residency: [Residency] = [.binary]
    /// Language batching axis (MODEL.md §3.2): nil means the runtime profile's `llm_batching`.
    public var llmBatching: [LLMBatching?] = [nil]
    /// Device-tier axis: nil means no device tier (the default).
    public var devices: [String?] = [nil]
    /// Layout axis (MODEL.md §2, §10): `auto` (the uniform layouts of each count, the default)
    /// and explicit layouts such as `2+1+1`, each used with the counts whose GPUs it adds up to.
    /// Empty: one run per count on the default layout (`ServerPlan.withDefaultLayout`).
    public var layouts: [String] = ["auto"]

    /// The layouts to try with n GPUs; [nil] (the default layout) without a layout axis.
    public func layouts(for n: Int) -> [Layout?] {
        guard !layouts.isEmpty else { return [nil] }
        var out: [Layout] = []
        for l in layouts {
            if l == "auto" { out += Layout.uniform(n) } else if case .success(let x) = Layout.parse(l, count: n) { out.append(x) }
        }
        var seen = Set<Layout>()
        return out.filter { seen.insert($0).inserted }.map { $0 }
    }
    /// Replay this request log instead of generating each workload's arrivals (load scales
    /// compress its time axis). Set by `--trace` or the spec's `trace:` key.
    public var trace: String?
    /// The spec's own text digest (empty for a spec built from flags).
    public var digest: String = ""

    /// The default sweep over a catalog: every accelerator, 1/2/4 GPUs, fp16 and int8, the LC
    /// policy, the catalog's batch and admission, the given workload at its own rate.
    public static func defaults(for c: Catalog, workload: String) -> SweepSpec {
        SweepSpec(accelerators: c.accelerators.map(\.id), counts: [1, 2, 4], precisions: ["fp16", "int8"].filter { c.precision($0) != nil },
                  policies: [.lc], maxBatch: [c.settings.server.maxBatch], workloads: [workload], loadScales: [1])
    }

    public static let keys = [
        "schema_version", "accelerators", "counts", "precisions", "policies", "max_batch", "workloads", "load_scales",
        "slo", "budget_usd_month", "objective", "replications", "run", "seed", "admission", "trace", "caching", "residency", "devices",
        "layouts", "llm_batching",
    ]

    public static func load(path: String, catalog: Catalog) throws(DiagnosticError) -> SweepSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(Diagnostic(.error, at: nil, path: "", "\(path): cannot read the sweep spec", hint: "check the --sweep path"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), path: "",
                                             "the sweep spec is not UTF-8 text", hint: "save it as UTF-8 YAML"))
        }
        return try parse(text, file: path, catalog: catalog)
    }

    /// Parses and validates a spec against the catalog (unknown ids are errors with positions).
    public static func parse(_ text: String, file: String, catalog c: Catalog) throws(DiagnosticError) -> SweepSpec {
        guard let root = try YAMLDocument.parse(text, file: file) else {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), path: "",
                                             "the sweep spec is empty; it starts with 'schema_version: 1'"))
        }
        let r = YAMLReader(file: file)
        var spec = SweepSpec.defaults(for: c, workload: c.workload("metaverse") != nil ? "metaverse" : c.workloads.first?.id ?? "")
        spec.digest = SHA256.hex(text)
        guard let m = r.mapping(root, "", allowed: keys) else { throw DiagnosticError(r.sink.diagnostics) }
        if let v = m.require("schema_version", "the sweep spec format version, 1"),
           let n = r.integer(v, "schema_version", min: 0, max: 1 << 30), n != 1 {
            r.error(v, "schema_version", "unsupported schema_version \(n); this pfmplan reads version 1")
        }
        func ids(_ key: String, known: [String], what: String) -> [String]? {
            guard let node = m.value(key) else { return nil }
            if case .scalar(let s) = node, s.string == "all" { return known }
            guard let items = r.sequence(node, key) else { return nil }
            var out: [String] = []
            for (n, p) in items {
                guard let id = r.identifier(n, p) else { continue }
                if out.contains(id) {
                    r.error(n, p, "\(what) '\(id)' is listed twice; each axis value makes units of its own", hint: "remove the repeated entry")
                } else if !known.contains(id) {
                    r.error(n, p, "unknown \(what) '\(id)'", hint: YAMLReader.nearest(id, in: known).map { "did you mean '\($0)'?" } ?? "known: \(YAMLReader.list(known))")
                } else { out.append(id) }
            }
            if items.isEmpty { r.error(node, key, "expected at least one \(what)") }
            return out
        }
        if let v = ids("accelerators", known: c.accelerators.map(\.id), what: "accelerator") { spec.accelerators = v }
        if let v = ids("precisions", known: c.precisions.map(\.id), what: "precision") { spec.precisions = v }
        if let v = ids("workloads", known: c.workloads.map(\.id), what: "workload") { spec.workloads = v }
        if let v = ids("policies", known: PolicyName.allCases.map(\.rawValue), what: "policy") { spec.policies = v.compactMap(PolicyName.init) }
        /// An axis's values, each once (a repeat is an error at its position).
        func unique<N, T: Hashable>(_ items: [(N, String)], _ value: (N, String) -> T?, repeated: (N, String, T) -> Void) -> [T] {
            var out: [T] = []
            for (n, p) in items {
                guard let v = value(n, p) else { continue }
                if out.contains(v) { repeated(n, p, v) } else { out.append(v) }
            }
            return out
        }
        let twice = "is listed twice; each axis value makes units of its own"
        if let node = m.value("counts") {
            if case .scalar(let s) = node, let range = parseRange(s.string) { spec.counts = range } else if let items = r.sequence(node, "counts") {
                spec.counts = unique(items, { r.integer($0, $1, min: 1, max: 1024) }) { r.error($0, $1, "GPU count \($2) \(twice)", hint: "remove the repeated entry") }
            } else { r.error(node, "counts", "expected a list of GPU counts or a range like 1-4") }
        }
        if let items = m.list("max_batch") {
            spec.maxBatch = unique(items, { r.integer($0, $1, min: 1, max: 4096) }) { r.error($0, $1, "batch limit \($2) \(twice)", hint: "remove the repeated entry") }
        }
        if let items = m.list("load_scales") {
            spec.loadScales = unique(items, { n, p in
                guard let v = r.number(n, p, .positive) else { return nil }
                if !loadScaleRange.contains(v) {
                    r.error(n, p, "expected a load multiplier from 1e-6 to 1e6, found \(YAMLReader.show(v))")
                    return nil
                }
                return v
            }) { r.error($0, $1, "load scale \(YAMLReader.show($2)) \(twice)", hint: "remove the repeated entry") }
        }
        if let n = m.value("slo"), let sm = r.mapping(n, "slo", allowed: ["p95_ms", "min_accuracy", "services"]) {
            if let v = sm.number("p95_ms", .positive) { spec.sloP95Ms["*"] = v }
            if let v = sm.number("min_accuracy", .percent) { spec.minAccuracy["*"] = v }
            if let sn = sm.value("services") {
                if case .mapping(let pairs) = sn {
                    for (k, v) in pairs {
                        let id = k.string ?? ""
                        let path = "slo.services." + id
                        if c.service(id) == nil { r.error(k, path, "unknown service '\(id)'", hint: YAMLReader.nearest(id, in: c.services.map(\.id)).map { "did you mean '\($0)'?" }) }
                        if let one = r.mapping(v, path, allowed: ["p95_ms", "min_accuracy"]) {
                            if let x = one.number("p95_ms", .positive) { spec.sloP95Ms[id] = x }
                            if let x = one.number("min_accuracy", .percent) { spec.minAccuracy[id] = x }
                        }
                    }
                } else { r.error(sn, "slo.services", "expected a mapping of service id to {p95_ms, min_accuracy}") }
            }
        }
        spec.budgetUSDMonth = m.number("budget_usd_month", .positive)
        if let o = m.choice("objective", Objective.self) { spec.objective = o }
        if let n = m.integer("replications", min: 1, max: 1000) { spec.replications = n }
        if let n = m.value("run"), let rm = r.mapping(n, "run", allowed: ["duration_s", "requests", "warmup_s"]) {
            spec.durationS = rm.number("duration_s", .positive)
            spec.requests = rm.integer("requests", min: 1, max: 1 << 40)
            spec.warmupS = rm.number("warmup_s", .nonNegative)
        }
        if let s = m.integer("seed", min: 0, max: Int.max) { spec.seed = UInt64(s) }
        spec.admission = m.choice("admission", Admission.self)
        if let t = m.string("trace") {
            // Relative to the spec's folder, like a scenario's catalogs.
            let path = t.hasPrefix("/") ? t : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(t)
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                r.error(m.value("trace"), "trace", "no trace file at \(path)", hint: "a relative path is read from the spec's folder")
            } else if isDir.boolValue || (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) != .typeRegular {
                r.error(m.value("trace"), "trace", "\(path) is not a regular file (a FIFO, device or folder)", hint: "give a trace file")
            }
            spec.trace = path
        }
        if let v = ids("caching", known: CachingMode.allCases.map(\.rawValue), what: "caching mode") { spec.caching = v.compactMap(CachingMode.init) }
        if let v = ids("residency", known: Residency.allCases.map(\.rawValue), what: "residency") { spec.residency = v.compactMap(Residency.init) }
        if let v = ids("llm_batching", known: LLMBatching.allCases.map(\.rawValue), what: "language batching") { spec.llmBatching = v.compactMap(LLMBatching.init) }
        // devices: a list of device ids; "none" stands for no device tier, to compare with it.
        if let v = ids("devices", known: c.devices.map(\.id) + ["none"], what: "device") { spec.devices = v.map { $0 == "none" ? nil : $0 } }
        if let node = m.value("layouts") {
            if case .scalar(let x) = node, x.string == "auto" { spec.layouts = ["auto"] } else if let items = r.sequence(node, "layouts") {
                var out: [String] = []
                for (n, p) in items {
                    guard let text = r.string(n, p) else { continue }
                    if let problem = layoutProblem(text, counts: spec.counts) { r.error(n, p, problem.message, hint: problem.hint) } else { out.append(text) }
                }
                if items.isEmpty { r.error(node, "layouts", "expected at least one layout, or 'auto'") }
                spec.layouts = out
            } else { r.error(node, "layouts", "expected 'auto' or a list of layouts such as [1x4, 2x2, 2+1+1]") }
        }
        if r.sink.hasErrors { throw DiagnosticError(r.sink.diagnostics) }
        return spec
    }

    /// Why a layout fits none of the counts (nil when it fits one, or is `auto`).
    public static func layoutProblem(_ text: String, counts: [Int]) -> Layout.ParseError? {
        if text == "auto" { return nil }
        var first: Layout.ParseError?
        for n in counts {
            switch Layout.parse(text, count: n) {
            case .success: return nil
            case .failure(let e): if first == nil { first = e }
            }
        }
        guard var e = first else { return nil }
        if e.message.contains("but the option has") {
            e = Layout.ParseError(message: "layout '\(text)' fits none of the counts \(counts.map(String.init).joined(separator: ", "))",
                                  hint: "a layout's group sizes add up to the option's GPU count; use 'auto' for the uniform layouts")
        }
        return e
    }

    /// Load multipliers a sweep accepts (in files and flags): a rate times a load scale must stay
    /// a usable rate.
    public static let loadScaleRange = 1e-6...1e6

    /// "1-4" → [1, 2, 3, 4]; "2" → [2].
    public static func parseRange(_ s: String) -> [Int]? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, let v = Int(parts[0]), v >= 1, v <= 1024 { return [v] }
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, b >= a, b <= 1024 else { return nil }
        return Array(a...b)
    }
}
