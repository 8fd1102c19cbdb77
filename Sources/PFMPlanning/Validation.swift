import PFMCatalog
import PFMSimulation

/// Validation against reference measurements (MODEL.md §11; issue 16): pfmplan's static-batch
/// estimate (`LanguageEstimate`) for every point of a reference file, its relative error on TTFT,
/// TPOT and request latency, and the error table by metric and half (the fixed fit / held-out
/// split the reference file carries).
public enum Validation {
    public enum Metric: String, Codable, Sendable, CaseIterable {
        case ttft, tpot, requestLatency = "request_latency"
        /// Published measurements (Tests/validation/published.csv), by category: batch-1 decode
        /// (its time per output token) and a static batch's throughput (the batch's whole time).
        case decode
        case staticThroughput = "static_throughput"
        /// A model load (MODEL.md §6): start_s + weights / the copy's rate.
        case loadTime = "load_time"
        /// A maximum-throughput run under continuous batching (every request at once, fixed
        /// lengths): the time its requests' output takes, simulated with the runtime's scheduler.
        case continuousRate = "continuous_rate"
        /// A vision model's offline throughput: a large batch's time per image over the GPUs.
        case vision
        /// A diffusion pipeline's image (its service's stages, the UNet repeated per step): the
        /// latency of one image, or a batch's time per image for an offline throughput.
        case diffusion
    }

    /// One reference point against pfmplan's estimate of it.
    public struct Point: Codable, Sendable, Equatable {
        public var source: String
        public var model: String
        public var accelerator: String
        public var gpus: Int
        public var precision: String
        public var batch: Int
        public var tokensIn: Int
        public var tokensOut: Int
        public var half: String
        public var metric: Metric
        public var measuredMs: Double
        public var predictedMs: Double
        /// A run at a request rate (requests/s; `vllm bench serve`), simulated with `requests`
        /// requests under continuous batching; nil: a static batch of `batch`.
        public var rate: Double? = nil
        public var requests: Int = 0
        /// predicted / measured − 1.
        public var error: Double { predictedMs / measuredMs - 1 }
    }

    /// One row of the error table: |error| over the points of a metric and half.
    public struct Row: Codable, Sendable, Equatable {
        public var metric: Metric
        public var half: String
        public var points: Int
        public var medianAbsError: Double
        public var p90AbsError: Double
        public var worstAbsError: Double
        /// The median of the signed errors (negative: pfmplan predicts too fast).
        public var medianError: Double
    }

    public struct Report: Codable, Sendable {
        public var schema = "pfmplan.validate/1"
        public var reference: String
        public var rows: [Row]
        /// Reference points pfmplan could not estimate (an unknown model, accelerator or
        /// precision, or one that does not fit), by reason.
        public var skipped: [String: Int]
        public var points: Int
        /// Every point estimated (`pfmplan validate --points FILE`); not part of the JSON report.
        public var estimated: [Point] = []
        enum CodingKeys: String, CodingKey { case schema, reference, rows, skipped, points }
    }

    /// The report of a reference file: its points estimated, the error table, what was skipped.
    public static func report(_ text: String, name: String, catalog c: Catalog, runtime: String?) throws(ReadError) -> Report {
        let (points, skipped) = text.hasPrefix("category,") ? try published(text, name: name, catalog: c, runtime: runtime)
            : try aiconfigurator(text, name: name, catalog: c, runtime: runtime)
        let configurations = Set(points.map { "\($0.model)|\($0.accelerator)|\($0.gpus)|\($0.batch)|\($0.tokensIn)|\($0.tokensOut)" }).count
        return Report(reference: name, rows: table(points), skipped: skipped, points: configurations, estimated: points)
    }

    /// A reference file's problem, with its line.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    static let required = ["accelerator", "model", "tp", "weights_precision", "batch", "isl", "osl", "ttft_ms", "tpot_ms"]
    /// A user's measurement file may name the columns as `pfmplan calibrate` documents them.
    static let aliases = ["count": "tp", "precision": "weights_precision", "tokens_in": "isl", "tokens_out": "osl"]

    /// The points of an AIConfigurator reference file (Tests/validation/aiconfigurator.csv: one
    /// line per estimate, catalog ids in `accelerator` and `model`) estimated with the catalog's
    /// `runtime`. Fields are plain (no quoting).
    public static func aiconfigurator(_ text: String, name: String, catalog c: Catalog, runtime: String?) throws(ReadError) -> (points: [Point], skipped: [String: Int]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
            throw ReadError(line: 1, message: "\(name) is empty; expected a header line")
        }
        var col: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            let name = aliases[h] ?? h
            if col[name] == nil { col[name] = i }
        }
        for k in required where col[k] == nil {
            throw ReadError(line: 1, message: "the header has no '\(k)' column (needs: \(required.joined(separator: ", ")))")
        }
        var points: [Point] = []
        var skipped: [String: Int] = [:]
        for (n, line) in lines.enumerated().dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count else {
                throw ReadError(line: n + 1, message: "\(f.count) fields, the header has \(header.count)")
            }
            func v(_ k: String) -> String { col[k].map { f[$0] } ?? "" }
            func int(_ k: String) throws(ReadError) -> Int {
                guard let x = Int(v(k)), x >= 1 else { throw ReadError(line: n + 1, message: "\(k) '\(v(k))' is not a positive whole number") }
                return x
            }
            func ms(_ k: String) throws(ReadError) -> Double {
                guard let x = NumberText.decimal(v(k)), x > 0, x.isFinite else { throw ReadError(line: n + 1, message: "\(k) '\(v(k))' is not a positive number") }
                return x
            }
            var q = LanguageEstimate.Question(model: v("model"), accelerator: v("accelerator"), gpus: try int("tp"),
                                              precision: v("weights_precision"), runtime: runtime, batch: try int("batch"),
                                              tokensIn: try int("isl"), tokensOut: try int("osl"), rate: nil, requests: 0, seed: 1)
            q.limit = .modelWindow
            var measured: [(Metric, Double)] = [(.ttft, try ms("ttft_ms")), (.tpot, try ms("tpot_ms"))]
            if col["request_latency_ms"] != nil { measured.append((.requestLatency, try ms("request_latency_ms"))) }
            guard c.model(q.model) != nil else { skipped["model not in the catalog", default: 0] += 1; continue }
            guard c.accelerator(q.accelerator) != nil else { skipped["accelerator not in the catalog", default: 0] += 1; continue }
            guard let p = q.precision, c.precision(p) != nil, c.accelerator(q.accelerator)?.supports(p) == true else {
                skipped["precision not supported", default: 0] += 1; continue
            }
            let e: LanguageEstimate
            // Measurements are judged at any length the model itself takes (context_window_tokens), not
            // only up to the catalog's serving limit (max_context_tokens, a deployment's choice).
            if let m = c.model(q.model), let window = m.modelWindowTokens ?? (m.contextWindowTokens > 0 ? m.contextWindowTokens : nil),
               q.tokensIn + q.tokensOut > window {
                skipped["tokens_in + tokens_out above the model's context window", default: 0] += 1; continue
            }
            do { e = try LanguageEstimate.run(c, q) } catch { skipped["no estimate: " + error.message, default: 0] += 1; continue }
            guard e.fits else { skipped["does not fit in pfmplan's memory model", default: 0] += 1; continue }
            let predicted: [Metric: Double] = [.ttft: e.ttft * 1000, .tpot: e.tpot * 1000, .requestLatency: e.requestLatency * 1000]
            for (metric, m) in measured {
                guard let x = predicted[metric], x.isFinite else { continue }
                points.append(Point(source: "aiconfigurator", model: q.model, accelerator: q.accelerator, gpus: q.gpus, precision: p,
                                    batch: q.batch, tokensIn: q.tokensIn, tokensOut: q.tokensOut, half: col["split"] == nil ? "all" : v("split"), metric: metric,
                                    measuredMs: m, predictedMs: x))
            }
        }
        return (points, skipped)
    }

    /// A CSV line's fields, with double-quoted fields (which may hold commas; "" is a quote).
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, last: Character? = nil
        for ch in line {
            if ch == "\"" {
                if !quoted && last == "\"" { field.append("\"") }   // "" inside a quoted field
                quoted.toggle()
            } else if ch == "," && !quoted {
                fields.append(field); field = ""
            } else {
                field.append(ch)
            }
            last = ch
        }
        fields.append(field)
        return fields
    }

    /// The published measurements (Tests/validation/published.csv: one row per measurement, its
    /// source and conditions, and the catalog ids it maps to in `catalog_model` and
    /// `catalog_accelerator`) that pfmplan's language estimate covers: `ttft` (ttft_ms), `decode`
    /// at batch 1 (decode_tokens_per_s, as 1000 / value ms per token; itl_ms) and
    /// `static_throughput` (output_tokens_per_s[_per_gpu], as the batch's time: batch ×
    /// tokens_out / throughput). Blank token counts are 16 in and 128 out (batch-1 decode hardly
    /// depends on them). The other categories (diffusion, vision, load time, continuous batching at
    /// a rate) are counted as skipped, by category.
    public static func published(_ text: String, name: String, catalog c: Catalog, runtime: String?) throws(ReadError) -> (points: [Point], skipped: [String: Int]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        let header = csvFields(lines.first ?? "")
        var col: [String: Int] = [:]
        for (i, h) in header.enumerated() where col[h] == nil { col[h] = i }
        let need = ["category", "catalog_model", "catalog_accelerator", "count", "precision", "batch", "tokens_in", "tokens_out", "metric", "value", "split"]
        for k in need where col[k] == nil { throw ReadError(line: 1, message: "the header has no '\(k)' column (needs: \(need.joined(separator: ", ")))") }
        var points: [Point] = []
        var skipped: [String: Int] = [:]
        for (n, line) in lines.enumerated().dropFirst() {
            let f = csvFields(line)
            guard f.count == header.count else { throw ReadError(line: n + 1, message: "\(f.count) fields, the header has \(header.count)") }
            func v(_ k: String) -> String { f[col[k]!] }
            func whole(_ k: String, blank: Int) throws(ReadError) -> Int {
                if v(k).isEmpty { return blank }
                guard let x = Int(v(k)), x >= 1 else { throw ReadError(line: n + 1, message: "\(k) '\(v(k))' is not a positive whole number") }
                return x
            }
            guard let value = NumberText.decimal(v("value")), value > 0, value.isFinite else {
                throw ReadError(line: n + 1, message: "value '\(v("value"))' is not a positive number")
            }
            let category = v("category"), metricName = v("metric")
            // Without --runtime, a row is judged on the catalog runtime of the stack that measured it.
            let runtime = runtime ?? Self.runtimeMeasured(v("runtime"), catalog: c)
            let metric: Metric
            switch (category, metricName) {
            case ("ttft", "ttft_ms"): metric = .ttft
            case ("decode", "decode_tokens_per_s"), ("decode", "itl_ms"): metric = .decode
            case ("static_throughput", "output_tokens_per_s"), ("static_throughput", "output_tokens_per_s_per_gpu"): metric = .staticThroughput
            case ("load_time", "weights_load_s"), ("load_time", "wake_s"), ("load_time", "cold_start_s"): metric = .loadTime
            case ("diffusion", "image_latency_s"), ("diffusion", "offline_images_per_s"): metric = .diffusion
            case ("continuous_rate", "total_output_tokens_per_s"): metric = .continuousRate
            case ("vision", "offline_images_per_s"): metric = .vision
            default: skipped["category \(category) (\(metricName)): not estimated by validate", default: 0] += 1; continue
            }
            let model = v("catalog_model"), accelerator = v("catalog_accelerator")
            guard !model.isEmpty, c.model(model) != nil else { skipped["no catalog model", default: 0] += 1; continue }
            guard !accelerator.isEmpty, c.accelerator(accelerator) != nil else { skipped["no catalog accelerator", default: 0] += 1; continue }
            // "int8 (weight-only)" → int8; "int4 (weight-only, g32)" → w4a16, the catalog's int4 weight-only.
            var precision = String(v("precision").prefix { $0 != " " })
            if precision == "int4" { precision = "w4a16" }
            // MLPerf's ResNet-50 log summaries do not state precision; NVIDIA's ResNet-50 harness builds
            // int8 engines (its workload configs: model precision int8, input int8_linear).
            if metric == .vision && precision == "unstated" { precision = "int8" }
            guard c.precision(precision) != nil, c.accelerator(accelerator)?.supports(precision) == true else {
                skipped["precision not supported", default: 0] += 1; continue
            }
            let gpus = try whole("count", blank: 1)
            if metric == .diffusion {
                // Steps from the conditions ("50 steps"), else MLPerf's 20; an offline run's batch
                // from "unet 64 (32x2 CFG)" (32 images), else 8 (an assumption, the VAE's batch in
                // NVIDIA's v4.1 configs); classifier-free guidance is in the UNet's per-step FLOPs.
                let notes = col["notes"].map { f[$0] } ?? ""
                let steps = Self.firstNumber(before: " steps", in: notes) ?? 20
                let offline = metricName == "offline_images_per_s"
                let images = offline ? (Self.firstNumber(before: "x2 CFG", in: v("batch")) ?? Int(v("batch")) ?? 8) : 1
                guard let perImage = diffusionSeconds(c, unet: model, accelerator: accelerator, precision: precision, steps: steps,
                                                      images: images, runtime: runtime) else {
                    skipped["no diffusion pipeline for the model", default: 0] += 1; continue
                }
                // Offline: the GPUs run batches side by side, so an image takes perImage / gpus.
                let measured = offline ? 1000 / value : value * 1000
                points.append(Point(source: "published", model: model, accelerator: accelerator, gpus: gpus, precision: precision, batch: images,
                                    tokensIn: 0, tokensOut: steps, half: v("split").isEmpty ? "all" : v("split"), metric: .diffusion,
                                    measuredMs: measured, predictedMs: (offline ? perImage / Double(gpus) : perImage) * 1000))
                continue
            }
            if metric == .continuousRate {
                // Every request at once (an infinite rate), fixed lengths: the output of
                // `maxThroughputRequests` requests over the throughput, against the simulated span.
                let tokensIn = try whole("tokens_in", blank: 0), tokensOut = try whole("tokens_out", blank: 0)
                guard tokensIn > 0, tokensOut > 1 else { skipped["continuous_rate with variable lengths", default: 0] += 1; continue }
                var q = LanguageEstimate.Question(model: model, accelerator: accelerator, gpus: gpus, precision: precision, runtime: runtime,
                                                  batch: 1, tokensIn: tokensIn, tokensOut: tokensOut, rate: 1e9,
                                                  requests: Self.maxThroughputRequests, seed: 1)
                q.limit = .modelWindow
                let e: LanguageEstimate
                do { e = try LanguageEstimate.run(c, q) } catch { skipped["no estimate: " + error.message, default: 0] += 1; continue }
                guard e.fits, e.tokensPerSecond > 0 else { skipped["does not fit in pfmplan's memory model", default: 0] += 1; continue }
                let output = Double(Self.maxThroughputRequests * tokensOut)
                points.append(Point(source: "published", model: model, accelerator: accelerator, gpus: gpus, precision: precision, batch: 1,
                                    tokensIn: tokensIn, tokensOut: tokensOut, half: v("split").isEmpty ? "all" : v("split"), metric: metric,
                                    measuredMs: 1000 * output / value, predictedMs: 1000 * output / e.tokensPerSecond))
                continue
            }
            if metric == .vision {
                // An offline run keeps every GPU busy with large batches (`visionBatch` images a pass).
                guard let m = c.model(model), let pass = passSeconds(c, model: m, accelerator: accelerator, precision: precision,
                                                                     items: Self.visionBatch, runtime: runtime) else {
                    skipped["no vision estimate", default: 0] += 1; continue
                }
                points.append(Point(source: "published", model: model, accelerator: accelerator, gpus: gpus, precision: precision,
                                    batch: Self.visionBatch, tokensIn: 0, tokensOut: 0, half: v("split").isEmpty ? "all" : v("split"),
                                    metric: metric, measuredMs: 1000 / value,
                                    predictedMs: 1000 * pass / Double(Self.visionBatch) / Double(gpus)))
                continue
            }
            let batch = try whole("batch", blank: 1)
            if metric == .loadTime {
                guard let predicted = loadSeconds(c, model: model, accelerator: accelerator, precision: precision, gpus: gpus, metric: metricName,
                                                  conditions: v("runtime") + " " + (col["notes"].map { f[$0] } ?? ""), runtime: runtime) else {
                    skipped["no load estimate", default: 0] += 1; continue
                }
                points.append(Point(source: "published", model: model, accelerator: accelerator, gpus: gpus, precision: precision, batch: 1,
                                    tokensIn: 0, tokensOut: 0, half: v("split").isEmpty ? "all" : v("split"), metric: .loadTime,
                                    measuredMs: value * 1000, predictedMs: predicted * 1000))
                continue
            }
            let tokensOut = try whole("tokens_out", blank: 128)
            var q = LanguageEstimate.Question(model: model, accelerator: accelerator, gpus: gpus, precision: precision, runtime: runtime,
                                              batch: batch, tokensIn: try whole("tokens_in", blank: 16),
                                              tokensOut: max(2, tokensOut), rate: nil, requests: 0, seed: 1)
            q.limit = .modelWindow
            let e: LanguageEstimate
            do { e = try LanguageEstimate.run(c, q) } catch { skipped["no estimate: " + error.message, default: 0] += 1; continue }
            guard e.fits else { skipped["does not fit in pfmplan's memory model", default: 0] += 1; continue }
            let measuredMs: Double, predictedMs: Double
            switch metric {
            case .ttft: (measuredMs, predictedMs) = (value, e.ttft * 1000)
            case .decode: (measuredMs, predictedMs) = (metricName == "itl_ms" ? value : 1000 / value, e.tpot * 1000)
            default:
                // The batch's output over its throughput: the time the whole static batch takes.
                let total = metricName == "output_tokens_per_s_per_gpu" ? value * Double(gpus) : value
                (measuredMs, predictedMs) = (1000 * Double(batch * tokensOut) / total, e.requestLatency * 1000)
            }
            guard predictedMs.isFinite, predictedMs > 0 else { skipped["no finite estimate", default: 0] += 1; continue }
            points.append(Point(source: "published", model: model, accelerator: accelerator, gpus: gpus, precision: precision, batch: batch,
                                tokensIn: q.tokensIn, tokensOut: q.tokensOut, half: v("split").isEmpty ? "all" : v("split"), metric: metric,
                                measuredMs: measuredMs, predictedMs: predictedMs))
        }
        return (points, skipped)
    }

    /// A published load time as pfmplan's load model gives it (MODEL.md §6): weights / the copy's
    /// rate (the source's read rate or the group's host links, the lower) on the cheapest catalog
    /// host of the accelerator's form factor, plus the runtime's start_s for the source. The
    /// measurement's conditions choose the source: `weights_load_s` is the copy alone, from the
    /// page cache ("cached": dram) or storage (nvme); `wake_s` is vLLM's sleep-mode wake, level 1
    /// from host memory (dram), level 2 from storage (nvme); `cold_start_s` is a fresh engine (cold).
    static func loadSeconds(_ c: Catalog, model: String, accelerator: String, precision: String, gpus: Int, metric: String,
                            conditions: String, runtime: String?) -> Double? {
        guard let m = c.model(model), let a = c.accelerator(accelerator), let p = c.precision(precision) else { return nil }
        let rt = runtimeSpec(c, runtime)
        guard let profile = rt.profile(m.family, accelerator: a.id),
              let host = try? ServerPlan.cheapestHost(c, accelerator: a, form: a.formFactor ?? .pcie, count: gpus) else { return nil }
        let source: LoadingSource
        var start = 0.0
        // A checkpoint file goes through the runtime's loader (checkpoint_read_gbps), also from a
        // warm page cache ("scenario cached": the host's DRAM rate); ServerlessLLM's store loader
        // streams at the hardware's rate, and a sleep-mode wake copies from pinned host memory.
        var loader = conditions.contains("ServerlessLLM Store") ? nil : rt.checkpointReadGBps
        switch metric {
        case "weights_load_s": source = conditions.contains("scenario cached") ? .dram : .nvme
        case "wake_s":
            source = conditions.contains("sleep level 2") ? .nvme : .dram
            if source == .dram { loader = nil }
            start = profile.startS[source] ?? 0
        default:
            source = .cold
            start = profile.startS[.cold] ?? 0
        }
        return start + MemoryModel.weightBytes(m, p) / ServerPlan.copyBytesPerS(source: source == .cold ? .nvme : source, host: host, accelerator: a,
                                                                               gpus: gpus, loaderGBps: loader)
    }

    /// The catalog runtime of the stack a published row names: TensorRT-LLM and TensorRT rows are
    /// judged on `trtllm` when the catalog has it; every other row (vLLM, gpt-fast, diffusers, …)
    /// on the default runtime (nil).
    static func runtimeMeasured(_ stack: String, catalog c: Catalog) -> String? {
        let s = stack.lowercased()
        guard s.contains("trtllm") || s.contains("tensorrt"), c.runtime("trtllm") != nil else { return nil }
        return "trtllm"
    }

    /// Requests a maximum-throughput row is simulated with (trtllm-bench's runs are thousands; the
    /// steady state of a full scheduler is reached within a few hundred).
    public static let maxThroughputRequests = 1000

    /// The first whole number that ends right before `marker` in `text` ("50 steps" → 50).
    static func firstNumber(before marker: String, in text: String) -> Int? {
        guard let r = text.range(of: marker) else { return nil }
        let digits = text[..<r.lowerBound].reversed().prefix { $0.isNumber }
        return digits.isEmpty ? nil : Int(String(digits.reversed()))
    }

    /// Seconds per image of the diffusion pipeline whose UNet is `unet`, as the server's passes
    /// time it (MODEL.md §4, other stages): the first catalog service with that model as a stage
    /// gives the stages (text encoder, UNet, VAE); the UNet stage runs `steps` times; each pass of
    /// `images` items on one GPU takes overhead + max(items × gflops / C(items), weights / W) with
    /// the runtime's profile for the model's family. Returns the batch's time over its images.
    static func diffusionSeconds(_ c: Catalog, unet: String, accelerator: String, precision: String, steps: Int, images: Int,
                                 runtime: String?) -> Double? {
        guard let service = c.services.first(where: { $0.stages.contains { $0.models.contains(unet) } }) else { return nil }
        var total = 0.0
        for stage in service.stages {
            guard let id = stage.models.contains(unet) ? unet : stage.models.first, let m = c.model(id),
                  let pass = passSeconds(c, model: m, accelerator: accelerator, precision: precision, items: images, runtime: runtime) else { return nil }
            total += Double(stage.models.contains(unet) ? steps : stage.repeatCount) * pass
        }
        return total / Double(images)
    }

    /// The runtime a row is estimated on: `runtime`, else the server's or the catalog's first, else
    /// a v1 catalog's server constants.
    static func runtimeSpec(_ c: Catalog, _ runtime: String?) -> RuntimeSpec {
        if let id = CompiledSetup.runtimeId(c, runtime), let found = c.runtime(id) { return found }
        return RuntimeSpec.fromServer(c.settings.server)
    }

    /// Images per pass of a vision offline row (an assumption: MLPerf's batches are larger, and the
    /// vision curve is flat beyond a few dozen items).
    public static let visionBatch = 256

    /// One non-language pass of `items` on one GPU, as the server times it (MODEL.md §4): overhead
    /// + max(items × gflops / C(items), weights / W), with the runtime's profile for the model's family.
    static func passSeconds(_ c: Catalog, model m: ModelSpec, accelerator: String, precision: String, items: Int, runtime: String?) -> Double? {
        guard let a = c.accelerator(accelerator), let p = c.precision(precision), let peak = a.tflops[p.id] else { return nil }
        let rt = runtimeSpec(c, runtime)
        guard let f = rt.profile(m.family, accelerator: a.id) else { return nil }
        let b = Double(items)
        let compute = peak * 1e12 * f.mfuMax * p.mfuScale * b / (b + f.mfuHalfTokens)
        return f.passOverheadMs / 1000 + max(b * m.gflops * 1e9 / compute, MemoryModel.weightBytes(m, p) / (a.bandwidthGBps * 1e9 * f.mbu))
    }

    /// The error table: a row per metric and half (fit, then held-out, then any other), and one
    /// for both halves together.
    public static func table(_ points: [Point]) -> [Row] {
        var rows: [Row] = []
        let halves = Array(Set(points.map(\.half))).sorted { ($0 == "fit" ? 0 : $0 == "heldout" ? 1 : 2, $0) < ($1 == "fit" ? 0 : $1 == "heldout" ? 1 : 2, $1) }
        for metric in Metric.allCases {
            for half in halves + ["all"] {
                let errors = points.filter { $0.metric == metric && (half == "all" || $0.half == half) }.map(\.error)
                guard !errors.isEmpty else { continue }
                let abs = errors.map { Swift.abs($0) }.sorted(), signed = errors.sorted()
                func q(_ xs: [Double], _ p: Double) -> Double { xs[min(xs.count - 1, Int((p * Double(xs.count)).rounded(.up)) - 1)] }
                rows.append(Row(metric: metric, half: half, points: errors.count, medianAbsError: q(abs, 0.5), p90AbsError: q(abs, 0.9),
                                worstAbsError: abs.last ?? 0, medianError: q(signed, 0.5)))
            }
        }
        return rows
    }
}
