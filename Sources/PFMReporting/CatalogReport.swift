import PFMCatalog

/// Human and machine renderings of catalog contents (`pfmplan catalog …`, `fit`, `fits`).
public enum CatalogReport {
    public static func models(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "name", "family", "params (M)", "GFLOPs", "context", "tasks"], alignments: [.left, .left, .left, .right, .right, .right, .left])
        for m in c.models {
            t.add([m.id, m.name, m.family.rawValue, Fmt.number(m.parametersM), Fmt.number(m.gflops),
                   m.contextWindowTokens > 0 ? "\(m.contextWindowTokens)" : "-", m.tasks.map(\.task).joined(separator: ", ")])
        }
        return t
    }

    public static func pricing(_ p: Pricing) -> String {
        switch p {
        case let .purchase(usd, years): return Fmt.usd(usd) + " / \(Fmt.number(years)) y"
        case let .hourly(usd): return Fmt.usd(usd) + "/h"
        }
    }

    public static func accelerators(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "tier", "memory (GiB)", "bandwidth (GB/s)", "load (GB/s)", "fp16 TFLOPS", "precisions", "busy/idle W", "price"],
                          alignments: [.left, .left, .right, .right, .right, .right, .left, .right, .right])
        for a in c.accelerators {
            let precs = c.precisions.map(\.id).filter { a.supports($0) }
            t.add([a.id, a.tier.rawValue, Fmt.number(a.memoryGiB), Fmt.number(a.bandwidthGBps), Fmt.number(a.loadBandwidthGBps),
                   a.tflops["fp16"].map(Fmt.number) ?? "-", precs.joined(separator: ","),
                   "\(Fmt.number(a.powerBusyW))/\(Fmt.number(a.powerIdleW))", pricing(a.pricing)])
        }
        return t
    }

    public static func services(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "task", "pipeline", "p95 SLO", "min accuracy"], alignments: [.left, .left, .left, .right, .right])
        for s in c.services {
            let pipe = s.stages.map { st in
                (st.models.count > 1 ? "(" + st.models.joined(separator: "|") + ")" : st.models[0]) + (st.repeatCount > 1 ? " x\(st.repeatCount)" : "")
            }.joined(separator: " → ")
            t.add([s.id, s.task, pipe, Fmt.latency(s.slo.p95Ms / 1000), Fmt.number(s.slo.minAccuracy)])
        }
        return t
    }

    public static func workloads(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "rate (req/s)", "arrival", "length", "services", "description"],
                          alignments: [.left, .right, .left, .right, .right, .left])
        for w in c.workloads {
            let rate = w.mix.reduce(0.0) { $0 + ($1.ratePerS ?? ($1.share ?? 0) * (w.totalRatePerS ?? 0)) }
            let arrival: String
            switch w.profile {
            case .constant: arrival = "poisson"
            case .step: arrival = "step"
            case .diurnal: arrival = "diurnal"
            }
            let length = w.requests.map { "\($0) req" } ?? w.durationS.map { Fmt.number($0) + " s" } ?? "-"
            t.add([w.id, Fmt.number(rate), arrival + (w.shifts.isEmpty ? "" : " + shifts"), length, "\(w.mix.count)", w.description])
        }
        return t
    }

    public static func precisions(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "bytes/weight", "bytes/KV"] + ModelFamily.allCases.map { "penalty " + $0.rawValue },
                          alignments: [.left, .right, .right] + ModelFamily.allCases.map { _ in .right })
        for p in c.precisions {
            t.add([p.id, Fmt.number(p.bytesPerWeight), Fmt.number(p.bytesPerKV)] + ModelFamily.allCases.map { Fmt.number(p.penalty(for: $0)) })
        }
        return t
    }

    public static func devices(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "kind", "memory (GiB)", "usable", "bandwidth (GB/s)", "precision", "TFLOPS", "power W"],
                          alignments: [.left, .left, .right, .right, .right, .left, .right, .right])
        for d in c.devices {
            t.add([d.id, d.kind, Fmt.number(d.memoryGiB), Fmt.number(d.usableFraction), Fmt.number(d.bandwidthGBps), d.precision,
                   d.tflops[d.precision].map(Fmt.number) ?? "-", Fmt.number(d.powerW)])
        }
        return t
    }

    public static func hosts(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "form factor", "max GPUs", "price", "power W", "NVMe (GB/s)", "DRAM (GiB)", "DRAM read (GB/s)"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
        for h in c.hosts {
            t.add([h.id, h.formFactor.rawValue, "\(h.maxGPUs)", pricing(h.pricing), Fmt.number(h.powerW), Fmt.number(h.storageReadGBps),
                   Fmt.number(h.dramGiB), Fmt.number(h.dramReadGBps)])
        }
        return t
    }

    public static func runtimes(_ c: Catalog) -> TextTable {
        var t = TextTable(["id", "LLM batching", "fixed overhead (GiB)", "activation share", "families"],
                          alignments: [.left, .left, .right, .right, .left])
        for r in c.runtimes {
            t.add([r.id, r.llmBatching.rawValue, Fmt.number(r.fixedOverheadGiB), Fmt.number(r.activationFraction),
                   ModelFamily.allCases.filter { r.families[$0] != nil }.map(\.rawValue).joined(separator: ", ")])
        }
        return t
    }

    /// One catalog entry by id (`pfmplan catalog show`): its kind and a field/value table; nil when no entry has the id.
    public static func entry(_ c: Catalog, id: String) -> (kind: String, table: TextTable)? {
        var t = TextTable(["field", "value"], alignments: [.left, .left])
        let kind: String
        if let m = c.model(id) {
            kind = "model"
            t.add(["name", m.name]); t.add(["family", m.family.rawValue])
            t.add(["parameters (M)", Fmt.number(m.parametersM)]); t.add(["GFLOPs", Fmt.number(m.gflops)])
            if let l = m.layers, let w = m.kvWidth { t.add(["layers × KV width", "\(l) × \(w)"]) }
            if let a = m.architecture {
                func v(_ x: Int?) -> String { x.map(String.init) ?? "-" }
                t.add(["architecture", "hidden \(v(a.hidden)), heads \(v(a.heads)), kv_heads \(v(a.kvHeads)), head_dim \(v(a.headDim)), FFN \(v(a.intermediate)), vocab \(v(a.vocab))"])
                if let e = a.experts {
                    t.add(["experts", "\(e), \(v(a.expertsPerToken)) per token, \(a.expertParamsM.map(Fmt.number) ?? "-") M each per layer"])
                }
            }
            if m.contextWindowTokens > 0 {
                t.add(["context window", "\(m.contextWindowTokens) tokens" + (m.tokensPerExample > 0 ? ", \(m.tokensPerExample) per example" : "")
                       + (m.modelWindowTokens.map { " (model window \($0))" } ?? "")])
            }
            for s in m.tasks {
                let scores = s.oneShot == nil ? Fmt.number(s.zeroShot)
                    : "\(Fmt.number(s.zeroShot)) / \(Fmt.number(s.oneShot!)) / \(s.fewShot.map(Fmt.number) ?? "-") (K=\(s.fewShotK.map(String.init) ?? "-"))"
                t.add(["task " + s.task, scores])
            }
            if let server = c.server {
                for p in c.precisions {
                    t.add(["resident @\(p.id)", Fmt.fixed(MemoryModel.residentBytes(m, p, batch: 1, server: server) / MemoryModel.bytesPerGiB, 2) + " GiB (batch 1)"])
                }
            }
        } else if let a = c.accelerator(id) {
            kind = "accelerator"
            t.add(["name", a.name]); t.add(["tier", a.tier.rawValue]); t.add(["memory", Fmt.number(a.memoryGiB) + " GiB"])
            t.add(["bandwidth", Fmt.number(a.bandwidthGBps) + " GB/s"]); t.add(["load bandwidth", Fmt.number(a.loadBandwidthGBps) + " GB/s"])
            for (p, v) in a.tflops.sorted(by: { $0.key < $1.key }) { t.add(["peak " + p, Fmt.number(v) + " TFLOPS (dense)"]) }
            t.add(["power busy / idle", "\(Fmt.number(a.powerBusyW)) W / \(Fmt.number(a.powerIdleW)) W"])
            t.add(["price", pricing(a.pricing)])
            if let f = a.formFactor { t.add(["form factor", f.rawValue]) }
            if let l = a.interconnect { t.add(["interconnect", "\(l.kind.rawValue), \(Fmt.number(l.linkGBps)) GB/s, \(Fmt.number(l.latencyUs)) µs"]) }
        } else if let s = c.service(id) {
            kind = "service"
            t.add(["name", s.name]); t.add(["task", s.task])
            for (i, st) in s.stages.enumerated() { t.add(["stage \(i + 1)", st.models.joined(separator: " | ") + (st.repeatCount > 1 ? " × \(st.repeatCount)" : "")]) }
            t.add(["tokens in / out", "\(s.tokensIn) / \(s.tokensOut)"])
            t.add(["payload up / down", "\(Fmt.number(s.requestKB)) kB / \(Fmt.number(s.responseKB)) kB"])
            t.add(["SLO", "p95 ≤ \(Fmt.latency(s.slo.p95Ms / 1000)), mean accuracy ≥ \(Fmt.number(s.slo.minAccuracy))"])
            if s.slo.ttftP95Ms != nil || s.slo.tpotP95Ms != nil {
                t.add(["SLO TTFT / TPOT", "\(s.slo.ttftP95Ms.map { Fmt.number($0) + " ms" } ?? "-") / \(s.slo.tpotP95Ms.map { Fmt.number($0) + " ms" } ?? "-") (p95)"])
            }
            if let i = s.cloudUSDPerMTokIn, let o = s.cloudUSDPerMTokOut {
                t.add(["cloud price", "\(Fmt.usd(i)) in / \(Fmt.usd(o)) out per 1M tokens"])
            } else if let k = s.cloudUSDPer1kTokens {
                t.add(["cloud price", "\(Fmt.usd(k)) per 1k tokens"])
            } else if let r = s.cloudUSDPerRequest {
                t.add(["cloud price", "\(Fmt.usd(r)) per request"])
            }
            if let d = s.cloudPriceDate { t.add(["cloud price date", d]) }
        } else if let w = c.workload(id) {
            kind = "workload"
            t.add(["description", w.description])
            for e in w.mix { t.add(["mix " + e.service, e.ratePerS.map { Fmt.number($0) + " req/s" } ?? Fmt.percent(e.share ?? 0, 0)]) }
            t.add(["total rate", w.totalRatePerS.map { Fmt.number($0) + " req/s" } ?? "-"])
            t.add(["length", w.requests.map { "\($0) requests" } ?? w.durationS.map { Fmt.number($0) + " s" } ?? "-"])
            t.add(["warm-up", Fmt.number(w.warmupS) + " s"]); t.add(["seed", "\(w.seed)"])
            for sh in w.shifts { t.add(["shift at \(Fmt.number(sh.atS)) s", sh.mix.map(\.service).joined(separator: ", ")]) }
        } else if let p = c.precision(id) {
            kind = "precision"
            t.add(["bytes per weight", Fmt.number(p.bytesPerWeight)]); t.add(["bytes per KV value", Fmt.number(p.bytesPerKV)])
            for f in ModelFamily.allCases { t.add(["penalty " + f.rawValue, Fmt.number(p.penalty(for: f)) + " points"]) }
        } else if let d = c.device(id) {
            kind = "device"
            t.add(["name", d.name]); t.add(["kind", d.kind])
            t.add(["memory", Fmt.number(d.memoryGiB) + " GiB, \(Fmt.number(d.usableFraction)) usable"]); t.add(["bandwidth", Fmt.number(d.bandwidthGBps) + " GB/s"])
            for (p, v) in d.tflops.sorted(by: { $0.key < $1.key }) { t.add(["peak " + p, Fmt.number(v) + " TFLOPS (dense)"]) }
            t.add(["precision", d.precision]); t.add(["MFU / MBU", "\(Fmt.number(d.mfu)) / \(Fmt.number(d.mbu))"])
            t.add(["power", Fmt.number(d.powerW) + " W"])
        } else if let h = c.host(id) {
            kind = "host"
            t.add(["name", h.name]); t.add(["form factor", h.formFactor.rawValue]); t.add(["max GPUs", "\(h.maxGPUs)"])
            t.add(["price", pricing(h.pricing)]); t.add(["power", Fmt.number(h.powerW) + " W (GPUs excluded)"])
            t.add(["NVMe read", Fmt.number(h.storageReadGBps) + " GB/s"])
            t.add(["DRAM", Fmt.number(h.dramGiB) + " GiB, " + Fmt.number(h.dramReadGBps) + " GB/s read"])
        } else if let r = c.runtime(id) {
            kind = "runtime"
            t.add(["name", r.name]); t.add(["LLM batching", r.llmBatching.rawValue])
            t.add(["fixed overhead", Fmt.number(r.fixedOverheadGiB) + " GiB per engine per GPU"]); t.add(["activation share", Fmt.number(r.activationFraction)])
            for f in ModelFamily.allCases {
                guard let p = r.families[f] else { continue }
                t.add([f.rawValue, "mfu_max \(Fmt.number(p.mfuMax)), mfu_half_tokens \(Fmt.number(p.mfuHalfTokens)), mbu \(Fmt.number(p.mbu)), pass overhead \(Fmt.number(p.passOverheadMs)) ms"])
            }
            for (acc, fams) in r.accelerators.sorted(by: { $0.key < $1.key }) {
                for f in ModelFamily.allCases {
                    guard fams[f] != nil, let p = r.profile(f, accelerator: acc) else { continue }
                    t.add(["\(f.rawValue) on \(acc)", "mfu_max \(Fmt.number(p.mfuMax)), mfu_half_tokens \(Fmt.number(p.mfuHalfTokens)), mbu \(Fmt.number(p.mbu)), pass overhead \(Fmt.number(p.passOverheadMs)) ms"])
                }
            }
        } else {
            return nil
        }
        t.title = "\(kind) \(id)\n"
        return (kind, t)
    }

    /// `catalog validate`'s last line: what the catalog holds, and how many warnings it had.
    public static func validateSummary(_ c: Catalog) -> String {
        "ok: \(c.sources.count) file(s), \(c.models.count) models, \(c.accelerators.count) accelerators, \(c.precisions.count) precisions, "
            + "\(c.services.count) services, \(c.workloads.count) workloads" + (c.warnings.isEmpty ? "" : ", \(c.warnings.count) warning(s)") + "\n"
    }

    /// Every id of every kind, for did-you-mean hints.
    public static func allIds(_ c: Catalog) -> [String] {
        c.models.map(\.id) + c.accelerators.map(\.id) + c.services.map(\.id) + c.workloads.map(\.id) + c.precisions.map(\.id)
            + c.devices.map(\.id) + c.hosts.map(\.id) + c.runtimes.map(\.id)
    }

    /// Fitted accuracy curve a(K) for one model and task (the paper's Fig. 4).
    public struct FitRow: Encodable, Sendable { public var k: Int; public var accuracy: Double }
    public struct FitCheck: Encodable, Sendable { public var k: Int; public var expected: Double; public var fitted: Double; public var ok: Bool }
    public struct FitReport: Encodable, Sendable {
        public var schema = "pfmplan.fit/1"
        public var model: String
        public var task: String
        public var alpha: Double
        public var a0: Double
        public var a1: Double
        public var contextLimit: Int
        public var curve: [FitRow]
        public var checks: [FitCheck]
    }

    public static func fit(model m: ModelSpec, scores s: TaskScores, curve: AccuracyCurve, all: Bool) -> FitReport {
        let limit = m.tokensPerExample > 0 ? m.contextWindowTokens / m.tokensPerExample : (s.fewShotK ?? 0)
        var ks: [Int]
        if all { ks = Array(0...max(limit, 0)) } else {
            ks = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024].filter { $0 <= limit }
            if let k = s.fewShotK, k <= limit, !ks.contains(k) { ks.append(k) }
            if !ks.contains(limit) { ks.append(limit) }
            ks.sort()
        }
        var checks = [FitCheck(k: 0, expected: s.zeroShot, fitted: curve.accuracy(examples: 0), ok: true)]
        if let one = s.oneShot { checks.append(FitCheck(k: 1, expected: one, fitted: curve.accuracy(examples: 1), ok: true)) }
        if let few = s.fewShot, let k = s.fewShotK { checks.append(FitCheck(k: k, expected: few, fitted: curve.accuracy(examples: k), ok: true)) }
        for i in checks.indices { checks[i].ok = abs(checks[i].expected - checks[i].fitted) < 0.005 }
        return FitReport(model: m.id, task: s.task, alpha: curve.alpha, a0: curve.a0, a1: curve.a1, contextLimit: limit,
                         curve: ks.map { FitRow(k: $0, accuracy: curve.accuracy(examples: $0)) }, checks: checks)
    }

    public static func fitTable(_ r: FitReport) -> String {
        var out = "\(r.model) on \(r.task): a(K) = \(Fmt.fixed(r.a0, 2)) + (\(Fmt.fixed(r.a1, 2)) − \(Fmt.fixed(r.a0, 2))) · log2(1 + K^α), α = \(Fmt.fixed(r.alpha, 4))\n\n"
        var t = TextTable(["K", "accuracy"])
        for row in r.curve { t.add(["\(row.k)", Fmt.fixed(row.accuracy, 2)]) }
        out += t.render() + "\n"
        var c = TextTable(["Table I point", "K", "paper", "fit", "match"], alignments: [.left, .right, .right, .right, .left])
        let names = ["zero-shot", "one-shot", "few-shot"]
        for (i, ch) in r.checks.enumerated() {
            c.add([names[min(i, 2)], "\(ch.k)", Fmt.fixed(ch.expected, 2), Fmt.fixed(ch.fitted, 2), ch.ok ? "yes" : "NO"])
        }
        out += c.render()
        // MODEL.md §5: few-shot below one-shot; the engine uses no more examples than the best K.
        if r.alpha < 0 {
            out += "note: α < 0 (few-shot below one-shot): accuracy peaks at K = \(r.a1 > r.a0 ? 1 : 0); the engine caps K_used there\n"
        }
        return out
    }

    /// Which models fit on an accelerator at which precision.
    public struct FitsRow: Encodable, Sendable {
        public var model: String
        public var precision: String
        public var residentGiB: Double
        public var residentGiBBatch1: Double
        public var usableGiB: Double
        public var fits: Bool
        public var headroomGiB: Double
    }

    public static func fits(_ c: Catalog, accelerator a: AcceleratorSpec, count: Int) -> [FitsRow] {
        let server = c.settings.server
        let usable = MemoryModel.usableBytes(a, count: count, server: server)
        var rows: [FitsRow] = []
        for m in c.models {
            for p in c.precisions where a.supports(p.id) {
                let r = MemoryModel.residentBytes(m, p, batch: server.maxBatch, server: server)
                let r1 = MemoryModel.residentBytes(m, p, batch: 1, server: server)
                let g = MemoryModel.bytesPerGiB
                rows.append(FitsRow(model: m.id, precision: p.id, residentGiB: r / g, residentGiBBatch1: r1 / g,
                                    usableGiB: usable / g, fits: r <= usable, headroomGiB: (usable - r) / g))
            }
        }
        return rows
    }

    public static func fitsTable(_ rows: [FitsRow], accelerator: String, count: Int, batch: Int) -> TextTable {
        var t = TextTable(["model", "precision", "resident GiB (batch \(batch))", "batch 1", "fits", "headroom GiB"],
                          alignments: [.left, .left, .right, .right, .left, .right],
                          title: "\(accelerator) x\(count): \(Fmt.fixed(rows.first?.usableGiB ?? 0, 1)) GiB usable\n")
        for r in rows {
            t.add([r.model, r.precision, Fmt.fixed(r.residentGiB, 2), Fmt.fixed(r.residentGiBBatch1, 2), r.fits ? "yes" : "no",
                   Fmt.fixed(r.headroomGiB, 2)])
        }
        return t
    }

    // MARK: - fit, streamed (--all: a long context has millions of points)

    static let fitCSVHeader = "k,accuracy\n"
    static func fitCSVLine(k: Int, accuracy: Double) -> String { "\(k),\(accuracy)\n" }

    /// The table form of `fit --all`, streamed: a heading, then one line per K, then `fitTable`.
    static func fitStreamHeading(model: String, task: String, limit: Int) -> String {
        "\(model) on \(task), every K from 0 to \(limit):\n" + "K".padding(toLength: 12, withPad: " ", startingAt: 0) + "accuracy\n"
    }
    static func fitStreamLine(k: Int, accuracy: Double) -> String {
        "\(k)".padding(toLength: 12, withPad: " ", startingAt: 0) + Fmt.fixed(accuracy, 2) + "\n"
    }

    /// `fit --all` as CSV (`k,accuracy`) or as the table (a heading, one line per K, then
    /// `fitTable`), handed to `write` in chunks of at most 65,536 points so that memory stays
    /// flat however long the context is.
    public static func streamFit(_ r: FitReport, model: String, task: String, curve: AccuracyCurve, csv: Bool,
                                 write: (String) throws -> Void) rethrows {
        let limit = max(0, r.contextLimit)
        try write(csv ? fitCSVHeader : fitStreamHeading(model: model, task: task, limit: limit))
        var k = 0
        while k <= limit {
            var chunk = ""
            let end = min(limit, k + 65_535)
            for i in k...end {
                let a = curve.accuracy(examples: i)
                chunk += csv ? fitCSVLine(k: i, accuracy: a) : fitStreamLine(k: i, accuracy: a)
            }
            try write(chunk)
            k = end + 1
        }
        if !csv { try write("\n" + fitTable(r)) }
    }

    // MARK: - catalog show

    /// One catalog entry's fields (model, accelerator, service, workload or precision), or nil
    /// when no entry has the id.
    public static func entry(_ c: Catalog, id: String) -> TextTable? {
        var t = TextTable(["field", "value"], alignments: [.left, .left])
        if let m = c.model(id) {
            t.title = "model \(m.id)\n"
            t.add(["name", m.name]); t.add(["family", m.family.rawValue])
            t.add(["parameters (M)", Fmt.number(m.parametersM)]); t.add(["GFLOPs", Fmt.number(m.gflops)])
            if let l = m.layers, let w = m.kvWidth { t.add(["layers × KV width", "\(l) × \(w)"]) }
            if m.contextWindowTokens > 0 { t.add(["context window", "\(m.contextWindowTokens) tokens, \(m.tokensPerExample) per example"]) }
            for s in m.tasks {
                let scores = s.oneShot == nil ? Fmt.number(s.zeroShot)
                    : "\(Fmt.number(s.zeroShot)) / \(Fmt.number(s.oneShot!)) / \(s.fewShot.map(Fmt.number) ?? "-") (K=\(s.fewShotK.map(String.init) ?? "-"))"
                t.add(["task " + s.task, scores])
            }
            for p in c.precisions {
                t.add(["resident @\(p.id)", Fmt.fixed(MemoryModel.residentBytes(m, p, batch: 1, server: c.settings.server) / MemoryModel.bytesPerGiB, 2) + " GiB (batch 1)"])
            }
        } else if let a = c.accelerator(id) {
            t.title = "accelerator \(a.id)\n"
            t.add(["name", a.name]); t.add(["tier", a.tier.rawValue]); t.add(["memory", Fmt.number(a.memoryGiB) + " GiB"])
            t.add(["bandwidth", Fmt.number(a.bandwidthGBps) + " GB/s"]); t.add(["load bandwidth", Fmt.number(a.loadBandwidthGBps) + " GB/s"])
            for (p, v) in a.tflops.sorted(by: { $0.key < $1.key }) { t.add(["peak " + p, Fmt.number(v) + " TFLOPS (dense)"]) }
            t.add(["power busy / idle", "\(Fmt.number(a.powerBusyW)) W / \(Fmt.number(a.powerIdleW)) W"])
            t.add(["price", pricing(a.pricing)])
        } else if let s = c.service(id) {
            t.title = "service \(s.id)\n"
            t.add(["name", s.name]); t.add(["task", s.task])
            for (i, st) in s.stages.enumerated() { t.add(["stage \(i + 1)", st.models.joined(separator: " | ") + (st.repeatCount > 1 ? " × \(st.repeatCount)" : "")]) }
            t.add(["tokens in / out", "\(s.tokensIn) / \(s.tokensOut)"])
            t.add(["payload up / down", "\(Fmt.number(s.requestKB)) kB / \(Fmt.number(s.responseKB)) kB"])
            t.add(["SLO", "p95 ≤ \(Fmt.latency(s.slo.p95Ms / 1000)), mean accuracy ≥ \(Fmt.number(s.slo.minAccuracy))"])
        } else if let w = c.workload(id) {
            t.title = "workload \(w.id)\n"
            t.add(["description", w.description])
            for e in w.mix { t.add(["mix " + e.service, e.ratePerS.map { Fmt.number($0) + " req/s" } ?? Fmt.percent(e.share ?? 0, 0)]) }
            t.add(["total rate", w.totalRatePerS.map { Fmt.number($0) + " req/s" } ?? "-"])
            t.add(["length", w.requests.map { "\($0) requests" } ?? w.durationS.map { Fmt.number($0) + " s" } ?? "-"])
            t.add(["warm-up", Fmt.number(w.warmupS) + " s"]); t.add(["seed", "\(w.seed)"])
            for sh in w.shifts { t.add(["shift at \(Fmt.number(sh.atS)) s", sh.mix.map(\.service).joined(separator: ", ")]) }
        } else if let p = c.precision(id) {
            t.title = "precision \(p.id)\n"
            t.add(["bytes per weight", Fmt.number(p.bytesPerWeight)]); t.add(["bytes per KV value", Fmt.number(p.bytesPerKV)])
            for f in ModelFamily.allCases { t.add(["penalty " + f.rawValue, Fmt.number(p.penalty(for: f)) + " points"]) }
        } else {
            return nil
        }
        return t
    }
}
