import Foundation
import PFMCatalog

/// The result file of `vllm bench serve --save-result` (vllm/benchmarks/serve.py: one JSON object
/// with the run's traffic, `request_rate` (a number or "inf"), `max_concurrency`, `num_prompts`,
/// its metrics `completed`, `total_input_tokens`, `total_output_tokens`, `request_throughput`,
/// `mean_ttft_ms`, `mean_tpot_ms`, …, and every `--metadata KEY=VALUE` as a top-level key) as two
/// calibration points: the run's mean TTFT and mean TPOT, at the run's mean lengths and request
/// rate, for `pfmplan calibrate` to fit by simulating continuous batching at that rate.
///
/// What the file does not say comes from its metadata keys (`model`, `accelerator`, `tp` or
/// `gpus`, `precision`, `split`; record them with `--metadata accelerator=h100-sxm tp=1 …`), else
/// from the command's defaults; the model, else, from `model_id` ("Qwen/Qwen3-8B" → `qwen3-8b`
/// when the catalog has that id).
public enum VLLMBenchResult {
    /// What a result file does not carry, from the command line.
    public struct Defaults: Sendable {
        public var model: String?, accelerator: String?, gpus: Int?, precision: String?
        public init(model: String? = nil, accelerator: String? = nil, gpus: Int? = nil, precision: String? = nil) {
            self.model = model; self.accelerator = accelerator; self.gpus = gpus; self.precision = precision
        }
    }

    /// The most requests a calibration point simulates (a run's `completed`, capped).
    public static let requestLimit = 400

    /// True when `text` is a JSON object (after leading white space), as a result file is and a CSV is not.
    public static func looksLikeJSON(_ text: String) -> Bool { text.first(where: { !$0.isWhitespace }) == "{" }

    public static func points(_ text: String, catalog c: Catalog, defaults: Defaults) throws(Validation.ReadError) -> [Validation.Point] {
        func fail(_ message: String) -> Validation.ReadError { Validation.ReadError(line: 1, message: message) }
        guard let j = try? JSONDecoder().decode([String: Value].self, from: Data(text.utf8)) else {
            throw fail("not a JSON object; expected the result file of `vllm bench serve --save-result`")
        }
        func number(_ key: String) throws(Validation.ReadError) -> Double {
            guard let v = j[key] else { throw fail("no '\(key)'; expected the result file of `vllm bench serve --save-result`") }
            guard case .number(let x) = v, x.isFinite, x > 0 else { throw fail("'\(key)' is \(v); expected a positive number") }
            return x
        }
        func field(_ key: String) -> String? {
            switch j[key] {
            case .string(let s)?: return s.isEmpty ? nil : s
            case .number(let x)?: return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
            default: return nil
            }
        }
        let completed = try number("completed")
        let meanIn = try number("total_input_tokens") / completed, meanOut = try number("total_output_tokens") / completed
        let ttft = try number("mean_ttft_ms"), tpot = try number("mean_tpot_ms")
        // The offered rate when the run had one; an unlimited rate (closed loop at max_concurrency)
        // is simulated at the throughput it reached.
        let rate: Double
        switch j["request_rate"] {
        case .string("inf")?: rate = try number("request_throughput")
        case .number(let x)? where x.isFinite && x > 0: rate = x
        case nil: throw fail("no 'request_rate'; expected the result file of `vllm bench serve --save-result`")
        case let v?: throw fail("'request_rate' is \(v); expected a positive number or \"inf\"")
        }
        var model = field("model") ?? defaults.model
        if model == nil, let id = field("model_id") {
            let guess = String(id.split(separator: "/").last ?? Substring(id)).lowercased()
            if c.model(guess) != nil { model = guess }
        }
        guard let model else {
            throw fail("which catalog model ran? 'model_id' \(field("model_id").map { "'\($0)'" } ?? "is missing") names none; "
                       + "give --model, or record --metadata model=ID with vllm bench serve")
        }
        guard c.model(model) != nil else { throw fail("model '\(model)' is not in the catalog") }
        guard let accelerator = field("accelerator") ?? defaults.accelerator else {
            throw fail("which accelerator? give --accelerator, or record --metadata accelerator=ID with vllm bench serve")
        }
        guard c.accelerator(accelerator) != nil else { throw fail("accelerator '\(accelerator)' is not in the catalog") }
        let gpuText = field("tp") ?? field("gpus") ?? field("tensor_parallel_size")
        guard let gpus = gpuText.map({ Int($0) }) ?? defaults.gpus ?? 1, gpus >= 1 else {
            throw fail("tp '\(gpuText ?? "")' is not a positive whole number")
        }
        guard let precision = field("precision") ?? defaults.precision else {
            throw fail("which precision (the result file does not say)? give --precision, or record --metadata precision=ID")
        }
        guard c.precision(precision) != nil, c.accelerator(accelerator)?.supports(precision) == true else {
            throw fail("accelerator '\(accelerator)' has no \(precision) rate in the catalog")
        }
        let half = field("split") ?? "all"
        let requests = min(requestLimit, max(1, Int(completed)))
        let tokensIn = max(1, Int(meanIn.rounded())), tokensOut = max(2, Int(meanOut.rounded()))
        return [(Validation.Metric.ttft, ttft), (.tpot, tpot)].map { metric, ms in
            Validation.Point(source: "vllm-bench", model: model, accelerator: accelerator, gpus: gpus, precision: precision, batch: 1,
                             tokensIn: tokensIn, tokensOut: tokensOut, half: half, metric: metric, measuredMs: ms, predictedMs: .nan,
                             rate: rate, requests: requests)
        }
    }

    /// A JSON value as far as a result file needs it.
    enum Value: Decodable, CustomStringConvertible {
        case number(Double), string(String), bool(Bool), null, other
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let x = try? c.decode(Double.self) { self = .number(x) } else if let s = try? c.decode(String.self) { self = .string(s) }
            else { self = .other }
        }
        var description: String {
            switch self {
            case .number(let x): return "\(x)"
            case .string(let s): return "\"\(s)\""
            case .bool(let b): return b ? "true" : "false"
            case .null: return "null"
            case .other: return "an array or object"
            }
        }
    }
}
