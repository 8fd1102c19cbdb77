import PFMCatalog
import PFMSimulation

/// `pfmplan estimate`'s output: the table and the `pfmplan.estimate/1` JSON.
public enum EstimateReport {
    public struct MemoryJSON: Encodable, Sendable {
        public var weights: Double, overhead: Double, kv: Double, total: Double, usable: Double
    }

    public struct PercentilesJSON: Encodable, Sendable {
        public var p50: Double, p95: Double, p99: Double, mean: Double
        init(_ p: LanguageEstimate.Percentiles, scale: Double) {
            p50 = p.p50 * scale; p95 = p.p95 * scale; p99 = p.p99 * scale; mean = p.mean * scale
        }
    }

    public struct RateJSON: Encodable, Sendable {
        public var rateRps: Double, requests: Int
        public var ttftMs: PercentilesJSON, tpotMs: PercentilesJSON, requestLatencyMs: PercentilesJSON
        public var meanRunning: Double, preemptions: Int, kvBlocks: Int, busyFraction: Double
    }

    /// Schema pfmplan.estimate/1. ttftMs, tpotMs and requestLatencyMs are exact for a static
    /// batch and means at a rate (whose percentiles are under `continuous`).
    public struct JSON: Encodable, Sendable {
        public var schema = "pfmplan.estimate/1"
        public var model: String, accelerator: String, gpus: Int, precision: String, runtime: String
        public var mode: String
        public var batch: Int?
        public var tokensIn: Int, tokensOut: Int
        public var ttftMs: Double, tpotMs: Double, requestLatencyMs: Double, tokensPerSecond: Double
        public var memoryGiBPerGPU: MemoryJSON
        public var fits: Bool
        public var continuous: RateJSON?
    }

    public static func json(_ e: LanguageEstimate) -> JSON {
        let gib = MemoryModel.bytesPerGiB, q = e.question, m = e.memory
        return JSON(model: q.model, accelerator: q.accelerator, gpus: q.gpus, precision: e.precision, runtime: e.runtime,
                    mode: q.rate == nil ? "static" : "continuous", batch: q.rate == nil ? q.batch : nil,
                    tokensIn: q.tokensIn, tokensOut: q.tokensOut, ttftMs: e.ttft * 1000, tpotMs: e.tpot * 1000,
                    requestLatencyMs: e.requestLatency * 1000, tokensPerSecond: e.tokensPerSecond,
                    memoryGiBPerGPU: MemoryJSON(weights: m.weights / gib, overhead: m.overhead / gib, kv: m.kv / gib, total: m.total / gib,
                                                usable: m.usable / gib),
                    fits: e.fits,
                    continuous: e.rateResult.map {
                        RateJSON(rateRps: $0.rate, requests: $0.requests, ttftMs: PercentilesJSON($0.ttft, scale: 1000),
                                 tpotMs: PercentilesJSON($0.tpot, scale: 1000), requestLatencyMs: PercentilesJSON($0.e2e, scale: 1000),
                                 meanRunning: $0.meanRunning, preemptions: $0.preemptions, kvBlocks: $0.kvBlocks, busyFraction: $0.busyFraction)
                    })
    }

    public static func jsonText(_ e: LanguageEstimate) -> String { JSONOutput.encode(json(e)) + "\n" }

    /// "does not fit: needs X GiB per GPU, has Y" (nil when it fits).
    public static func doesNotFit(_ e: LanguageEstimate) -> String? {
        guard !e.fits else { return nil }
        let gib = MemoryModel.bytesPerGiB, q = e.question
        let what = q.rate == nil ? "a batch of \(q.batch) × \(q.tokensIn)→\(q.tokensOut) tokens" : "one \(q.tokensIn)→\(q.tokensOut)-token request"
        return "\(q.model) on \(q.gpus)× \(q.accelerator) (\(e.precision)) does not fit \(what): needs \(Fmt.fixed(e.memory.needed / gib, 2)) GiB per GPU, "
            + "has \(Fmt.fixed(e.memory.usable / gib, 2))"
    }

    public static func table(_ e: LanguageEstimate) -> String {
        let q = e.question, gib = MemoryModel.bytesPerGiB
        let mode = q.rate.map { "continuous batching at \(Fmt.fixed($0, 2)) req/s (\(q.requests) Poisson requests)" }
            ?? "static batch of \(q.batch)"
        var s = "\(q.model) on \(q.gpus)× \(q.accelerator), \(e.precision), runtime \(e.runtime): \(mode), \(q.tokensIn) → \(q.tokensOut) tokens\n\n"
        if let r = e.rateResult {
            var t = TextTable(["", "mean", "p50", "p95", "p99"])
            for (name, p) in [("TTFT (ms)", r.ttft), ("TPOT (ms)", r.tpot), ("request latency (ms)", r.e2e)] {
                t.add([name] + [p.mean, p.p50, p.p95, p.p99].map { Fmt.fixed($0 * 1000, 1) })
            }
            s += t.render()
            s += "\ntokens/s (output): \(Fmt.fixed(e.tokensPerSecond, 1)); mean running sequences \(Fmt.fixed(r.meanRunning, 2)); "
                + "busy \(Fmt.fixed(r.busyFraction * 100, 1))%; preemptions \(r.preemptions)\n"
        } else {
            var t = TextTable(["", "value"])
            t.add(["TTFT (ms)", Fmt.fixed(e.ttft * 1000, 2)])
            t.add(["TPOT (ms)", Fmt.fixed(e.tpot * 1000, 2)])
            t.add(["request latency (ms)", Fmt.fixed(e.requestLatency * 1000, 1)])
            t.add(["tokens/s (output)", Fmt.fixed(e.tokensPerSecond, 1)])
            s += t.render()
        }
        let m = e.memory
        var mt = TextTable(["memory per GPU (GiB)", "weights", "overhead", q.rate == nil ? "KV" : "KV pool", "total", "usable", "fits"])
        mt.add(["", Fmt.fixed(m.weights / gib, 2), Fmt.fixed(m.overhead / gib, 2), Fmt.fixed(m.kv / gib, 2), Fmt.fixed(m.total / gib, 2),
                Fmt.fixed(m.usable / gib, 2), e.fits ? "yes" : "no"])
        return s + "\n" + mt.render()
    }
}
