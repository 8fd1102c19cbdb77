import Foundation
import PFMCatalog
import Testing

/// `pfmplan estimate` with the real binary on the embedded catalog (issue 15).
@Suite("End to end: estimate")
struct EstimateEndToEndTests {
    static func json(_ args: [String]) throws -> (Binary.Run, [String: Any]) {
        let r = try Binary.run(["estimate", "--format", "json"] + args)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, object ?? [:])
    }

    static func number(_ o: [String: Any], _ key: String) -> Double { (o[key] as? NSNumber)?.doubleValue ?? .nan }

    static let base = ["--model", "gpt3-13b", "--accelerator", "l4", "--precision", "int8", "--tokens-in", "64", "--tokens-out", "64"]

    /// A static batch: the schema's keys, latency = TTFT + (O − 1) × TPOT, tokens/s = B × O /
    /// latency, weights per GPU = parameters × bytes per weight × (1 + activation_fraction), and
    /// tensor parallelism halves the weights per GPU and shortens the decode.
    @Test func staticBatchJSONIsConsistent() throws {
        let (r, o) = try Self.json(Self.base + ["--batch", "8"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(o["schema"] as? String == "pfmplan.estimate/1")
        for key in ["ttftMs", "tpotMs", "requestLatencyMs", "tokensPerSecond", "memoryGiBPerGPU", "fits"] { #expect(o[key] != nil, "\(key)") }
        #expect(o["fits"] as? Bool == true)
        let ttft = Self.number(o, "ttftMs"), tpot = Self.number(o, "tpotMs"), latency = Self.number(o, "requestLatencyMs")
        #expect(ttft > 0 && tpot > 0)
        #expect(abs(latency - (ttft + 63 * tpot)) < 1e-6 * latency)
        #expect(abs(Self.number(o, "tokensPerSecond") - 8 * 64 / (latency / 1000)) < 1e-6 * Self.number(o, "tokensPerSecond"))
        let c = try CatalogLoader.loadDefault()
        let m = try #require(c.model("gpt3-13b")), p = try #require(c.precision("int8")), rt = try #require(c.runtime("vllm"))
        let weights = MemoryModel.weightBytes(m, p) * (1 + rt.activationFraction) / MemoryModel.bytesPerGiB
        let mem = try #require(o["memoryGiBPerGPU"] as? [String: Any])
        #expect(abs(Self.number(mem, "weights") - weights) < 1e-9 * weights)
        #expect(abs(Self.number(mem, "overhead") - rt.fixedOverheadGiB) < 1e-12)
        // KV: 8 requests × ⌈128 / block⌉ blocks of KV.
        let block = Double(rt.scheduler?.kvBlockTokens ?? 1)
        let kv = 8 * (128 / block).rounded(.up) * block * MemoryModel.kvBytesPerToken(m, p) / MemoryModel.bytesPerGiB
        #expect(abs(Self.number(mem, "kv") - kv) < 1e-9 * kv)

        let (r2, o2) = try Self.json(Self.base + ["--batch", "8", "--count", "2", "--accelerator", "l40s"])
        let (_, o1) = try Self.json(Self.base + ["--batch", "8", "--accelerator", "l40s"])
        #expect(r2.status == 0, "\(r2.stderr)")
        let w1 = Self.number(o1["memoryGiBPerGPU"] as? [String: Any] ?? [:], "weights")
        let w2 = Self.number(o2["memoryGiBPerGPU"] as? [String: Any] ?? [:], "weights")
        #expect(abs(w2 - w1 / 2) < 1e-9 * w1)
        #expect(Self.number(o2, "tpotMs") < Self.number(o1, "tpotMs"))
    }

    /// Larger batches: TPOT grows (more KV read), tokens/s grows (weights read once per pass).
    @Test func largerBatchesRaiseThroughput() throws {
        let (_, small) = try Self.json(Self.base + ["--batch", "1"])
        let (_, large) = try Self.json(Self.base + ["--batch", "32"])
        #expect(Self.number(large, "tpotMs") > Self.number(small, "tpotMs"))
        #expect(Self.number(large, "tokensPerSecond") > 10 * Self.number(small, "tokensPerSecond"))
    }

    /// A batch that does not fit prints its figures with fits false, then "does not fit: needs X
    /// GiB per GPU, has Y", exit 1.
    @Test func aBatchThatDoesNotFitExits1() throws {
        let (r, o) = try Self.json(Self.base + ["--batch", "4096"])
        #expect(r.status == 1)
        #expect(o["fits"] as? Bool == false)
        #expect(r.stderr.hasPrefix("pfmplan: error: "), "\(r.stderr)")
        #expect(r.stderr.contains("does not fit a batch of 4096") && r.stderr.contains("GiB per GPU, has "), "\(r.stderr)")
    }

    /// At a rate under capacity, continuous batching serves it: output tokens/s ≈ rate × O, the
    /// percentiles are ordered, and the table prints them.
    @Test func continuousBatchingAtARate() throws {
        let (r, o) = try Self.json(Self.base + ["--rate", "4", "--requests", "600", "--precision", "fp8"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(o["mode"] as? String == "continuous")
        let cont = try #require(o["continuous"] as? [String: Any])
        let ttft = try #require(cont["ttftMs"] as? [String: Any])
        #expect(Self.number(ttft, "p50") <= Self.number(ttft, "p95") && Self.number(ttft, "p95") <= Self.number(ttft, "p99"))
        #expect(abs(Self.number(o, "tokensPerSecond") - 4 * 64) < 0.15 * 4 * 64, "\(Self.number(o, "tokensPerSecond"))")
        #expect(Self.number(cont, "meanRunning") > 1)
        let table = try Binary.run(["estimate"] + Self.base + ["--rate", "4", "--requests", "200", "--precision", "fp8"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("continuous batching at 4.00 req/s") && table.stdout.contains("p95"), "\(table.stdout)")
    }

    @Test(arguments: [
        (["--batch", "2", "--rate", "3"], 64, "give one of them"),
        (["--tokens-in", "0"], 64, "--tokens-in must be at least 1"),
        (["--rate", "0"], 64, "--rate must be a positive"),
        (["--model", "gpt3-13", "--tokens-in", "1"], 64, "did you mean 'gpt3-13b'?"),
        (["--format", "csv"], 64, "estimate cannot render --format csv"),
        (["--model", "uniformer-s"], 1, "is a vision model"),
        (["--tokens-in", "4000"], 1, "exceed model 'gpt3-13b''s 2048-token limit"),
    ] as [([String], Int32, String)])
    func badInput(extra: [String], status: Int32, message: String) throws {
        var args = Self.base
        // Later flags override the base's.
        for i in stride(from: 0, to: extra.count - 1, by: 2) {
            if let j = args.firstIndex(of: extra[i]) { args[j + 1] = extra[i + 1] } else { args += [extra[i], extra[i + 1]] }
        }
        let r = try Binary.run(["estimate"] + args)
        #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.hasPrefix("pfmplan: error: ") && r.stderr.contains(message), "\(r.stderr)")
    }

    /// `pfmplan validate` prints the error table from the committed reference file (issue 16).
    @Test func validatePrintsTheErrorTable() throws {
        let r = try Binary.run(["validate"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("median |error|") && r.stdout.contains("heldout") && r.stdout.contains("request_latency"))
        let json = try Binary.run(["validate", "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "pfmplan.validate/1")
        let missing = try Binary.run(["validate", "--reference", "/nonexistent.csv"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot read the reference file"))
    }

    /// `pfmplan calibrate` fits per accelerator and writes a runtime profile that loads in place
    /// of the catalog's runtimes file (issue 16).
    @Test func calibrateWritesALoadableProfile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cat = dir.appendingPathComponent("catalog")
        try FileManager.default.copyItem(at: Binary.repoRoot.appendingPathComponent("Catalogs"), to: cat)
        let out = cat.appendingPathComponent("runtimes.yaml").path
        try FileManager.default.removeItem(atPath: out)
        let r = try Binary.run(["calibrate", "--measurements", "Tests/validation/aiconfigurator.csv", "--half", "fit", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("h100-sxm") && r.stdout.contains("kept"))
        let v = try Binary.run(["validate", "--catalog", cat.path])
        #expect(v.status == 0, "\(v.stderr)")
        let show = try Binary.run(["catalog", "show", "vllm", "--catalog", cat.path])
        #expect(show.stdout.contains("language on h100-sxm"))
        let bad = try Binary.run(["calibrate", "--measurements", "/nonexistent.csv"])
        #expect(bad.status == 1 && bad.stderr.contains("cannot read the measurements"))
    }

    /// vllm bench serve result files (JSON), one run each, mixed with nothing else: read with
    /// --accelerator and --precision for what their metadata lacks, each run shown at its rate;
    /// a file that is not a result is named with what it lacks.
    @Test func calibrateFromVLLMBenchServeResults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-cal3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var args = ["calibrate", "--accelerator", "h100-sxm", "--precision", "bf16"]
        for (k, rate) in [1.0, 2, 4, 8, 12, 16, 20, 24].enumerated() {
            // Means that grow with the rate, as a server's do.
            let json = """
            {"backend": "vllm", "model_id": "Qwen/Qwen3-8B", "num_prompts": 50, "request_rate": \(rate), "burstiness": 1.0,
             "max_concurrency": null, "completed": 50, "total_input_tokens": 51200, "total_output_tokens": 6400,
             "request_throughput": \(rate), "mean_ttft_ms": \(60 + 4 * rate), "mean_tpot_ms": \(8 + 0.3 * rate)}
            """
            let f = dir.appendingPathComponent("run\(k).json").path
            try json.write(toFile: f, atomically: true, encoding: .utf8)
            args += ["--measurements", f]
        }
        let r = try Binary.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("h100-sxm") && r.stdout.contains("qwen3-8b") && r.stdout.contains("@24/s"), "\(r.stdout)")
        let bad = dir.appendingPathComponent("bad.json").path
        try #"{"completed": 10}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let b = try Binary.run(["calibrate", "--measurements", bad])
        #expect(b.status == 1 && b.stderr.contains("bad.json:1: no 'total_input_tokens'"), "\(b.stderr)")
    }

    /// A user's measurements (Examples/calibration/measurements.csv, 32 configurations on one
    /// H100): every point printed against the fit and a leave-one-out refit, the same in --points'
    /// CSV, and a profile that `--catalog FILE` reads on top of the embedded catalog.
    @Test func calibrateAUsersMeasurementsWithLeaveOneOutAndAnOverlay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-cal2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("vllm-h100.yaml").path, points = dir.appendingPathComponent("points.csv").path
        let r = try Binary.run(["calibrate", "--measurements", "Examples/calibration/measurements.csv", "--out", out, "--points", points])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("leave-one-out") && r.stdout.contains("h100-sxm     qwen3-8b     2    128  1024  1024  ttft"))
        let csv = try String(contentsOfFile: points, encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 65, "a header and 32 × 2 points")
        let loo = csv.dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[12]) }
        #expect(loo.count == 64 && loo.allSatisfy { abs($0) < 0.5 }, "every point has a leave-one-out error")
        let profile = try String(contentsOfFile: out, encoding: .utf8)
        #expect(profile.contains("overlay: embedded") && profile.contains("mfu_half_width: 256") && profile.contains("checkpoint_read_gbps: 3.3"),
                "the profile keeps every runtime constant it does not fit")
        let alone = try Binary.run(["catalog", "show", "vllm", "--catalog", out])
        #expect(alone.status == 0, "\(alone.stderr)")
        let fitted = try #require(profile.split(separator: "\n").first { $0.contains("h100-sxm: {language:") })
        let mfu = try #require(fitted.split(separator: " ").drop { $0 != "{mfu_max:" }.dropFirst().first).dropLast()
        #expect(alone.stdout.contains(String(mfu)), "the overlay's H100 constants are the ones in use")
        let both = try Binary.run(["catalog", "validate", "--catalog", "Catalogs", "--catalog", out])
        #expect(both.status == 0, "after a whole catalog, the overlay replaces its runtime: \(both.stderr)")
        let estimate = try Binary.run(["estimate", "--catalog", out, "--model", "qwen3-8b", "--accelerator", "h100-sxm", "--batch", "8", "--tokens-in", "512", "--tokens-out", "64"])
        #expect(estimate.status == 0, "\(estimate.stderr)")
    }
}
