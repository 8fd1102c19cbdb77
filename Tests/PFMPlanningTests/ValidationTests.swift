import Foundation
@testable import PFMCatalog
import Testing
@testable import PFMPlanning
import PFMSimulation

/// Issue 16's error table (MODEL.md §11) from the committed AIConfigurator reference file
/// (Tests/validation/aiconfigurator.csv): every metric on both halves, each point's error from
/// `LanguageEstimate`, and bad reference lines named by line.
@Suite("Validation against AIConfigurator's reference points")
struct ValidationTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("validation/aiconfigurator.csv")

    @Test func theCommittedReferenceGivesATableForEveryMetricAndHalf() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let c = try CatalogLoader.loadDefault()
        let (points, skipped) = try Validation.aiconfigurator(text, name: "aiconfigurator.csv", catalog: c, runtime: "vllm")
        #expect(points.count > 3000, "most of the grid is estimated (\(points.count) point-metrics; skipped \(skipped))")
        #expect(points.allSatisfy { $0.error.isFinite && $0.measuredMs > 0 && $0.predictedMs > 0 })
        let rows = Validation.table(points)
        for metric in [Validation.Metric.ttft, .tpot, .requestLatency] {
            for half in ["fit", "heldout", "all"] {
                let row = try #require(rows.first { $0.metric == metric && $0.half == half }, "\(metric) \(half)")
                #expect(row.points > 500 && row.medianAbsError <= row.p90AbsError && row.p90AbsError <= row.worstAbsError)
            }
        }
        // One point by hand: the first line, Llama-3.1-8B bf16 on one A100, batch 1, 128 -> 128.
        let first = try #require(points.first { $0.metric == .tpot })
        let e = try LanguageEstimate.run(c, .init(model: first.model, accelerator: first.accelerator, gpus: first.gpus, precision: first.precision,
                                                  runtime: "vllm", batch: first.batch, tokensIn: first.tokensIn, tokensOut: first.tokensOut,
                                                  rate: nil, requests: 0, seed: 1))
        #expect(abs(first.predictedMs - e.tpot * 1000) < 1e-9 && first.measuredMs == 11.6959)
    }

    /// The calibration issue's targets against AIConfigurator (MODEL.md §11), on the held-out
    /// half the embedded constants were not fitted to: median |error| ≤ 10% and 90th percentile
    /// ≤ 25% for TTFT, TPOT and request latency, over the whole grid (input up to 8192 tokens).
    @Test(arguments: [("aiconfigurator.csv", "vllm"), ("aiconfigurator_trtllm.csv", "trtllm")])
    func theHeldOutHalfMeetsTheTargets(_ file: String, _ runtime: String) throws {
        let url = Self.file.deletingLastPathComponent().appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let c = try CatalogLoader.loadDefault()
        let (points, skipped) = try Validation.aiconfigurator(text, name: file, catalog: c, runtime: runtime)
        #expect(skipped.values.reduce(0, +) < 100, "nearly every point is estimated: \(skipped)")
        #expect(Set(points.map(\.tokensIn)) == [128, 1024, 8192])
        for metric in [Validation.Metric.ttft, .tpot, .requestLatency] {
            let row = try #require(Validation.table(points).first { $0.metric == metric && $0.half == "heldout" })
            #expect(row.points > 2000)
            #expect(row.medianAbsError <= 0.10 && row.p90AbsError <= 0.25, "\(runtime) \(metric): \(row)")
        }
    }

    /// Every constant the embedded catalog gives a runtime is in its physical range
    /// (0 < mfu_max, mbu ≤ 1; overheads, half points ≥ 0), on every accelerator.
    @Test func everyEmbeddedConstantIsPhysical() throws {
        let c = try CatalogLoader.loadDefault()
        for rt in c.runtimes {
            for a in c.accelerators {
                for f in ModelFamily.allCases {
                    guard let p = rt.profile(f, accelerator: a.id) else { continue }
                    #expect(p.mfuMax > 0 && p.mfuMax <= 1 && p.mbu > 0 && p.mbu <= 1, "\(rt.id) \(a.id) \(f)")
                    #expect(p.passOverheadMs >= 0 && p.mfuHalfTokens >= 0 && p.mfuHalfWidth >= 0, "\(rt.id) \(a.id) \(f)")
                }
            }
        }
    }

    static let published = ValidationTests.file.deletingLastPathComponent().appendingPathComponent("published.csv")

    /// The published measurements: TTFT, batch-1 decode, static-batch throughput, load time and
    /// diffusion each get rows
    /// on both halves from at least 5 points; the categories validate does not estimate are
    /// counted as skipped, by category, not dropped silently.
    @Test func publishedMeasurementsGiveRowsPerCategory() throws {
        let text = try String(contentsOf: Self.published, encoding: .utf8)
        let c = try CatalogLoader.loadDefault()
        let r = try Validation.report(text, name: "published.csv", catalog: c, runtime: "vllm")
        for metric in [Validation.Metric.ttft, .decode, .staticThroughput, .loadTime, .diffusion] {
            let all = try #require(r.rows.first { $0.metric == metric && $0.half == "all" }, "\(metric)")
            #expect(all.points >= 5, "\(metric): \(all.points) points")
            #expect(r.rows.contains { $0.metric == metric && $0.half == "fit" } && r.rows.contains { $0.metric == metric && $0.half == "heldout" })
        }
        #expect(!r.rows.contains { $0.metric == .tpot || $0.metric == .requestLatency })
        for category in ["continuous_rate"] {
            #expect(r.skipped.keys.contains { $0.hasPrefix("category \(category) ") }, "\(category) not listed as skipped: \(r.skipped)")
        }
        // One point by hand: TensorRT-LLM's batch-1 first-token latency of Llama 8B fp8 on one H100 SXM, 128 tokens: 7 ms.
        let (points, _) = try Validation.published(text, name: "published.csv", catalog: c, runtime: "vllm")
        let p = try #require(points.first { $0.metric == .ttft && $0.accelerator == "h100-sxm" && $0.tokensIn == 128 && $0.gpus == 1 })
        let e = try LanguageEstimate.run(c, .init(model: p.model, accelerator: "h100-sxm", gpus: 1, precision: "fp8", runtime: "vllm",
                                                  batch: 1, tokensIn: 128, tokensOut: 2, rate: nil, requests: 0, seed: 1))
        #expect(p.measuredMs == 7 && abs(p.predictedMs - e.ttft * 1000) < 1e-9)
        // A load by hand: ServerlessLLM's Llama-3.1-8B weights on one H100 SXM from a cold page cache (NVMe) through the
        // SafeTensors loader: 16.06 GB over min(the HGX host's 29 GB/s NVMe, one 50 GB/s host link, vLLM's 3.3 GB/s
        // checkpoint reader), no engine start; ServerlessLLM's own store loader reads at the hardware's 29 GB/s.
        let load = try #require(points.first { $0.metric == .loadTime && $0.model == "llama-3.1-8b" && $0.measuredMs == 4437 })
        let weights = MemoryModel.weightBytes(try #require(c.model("llama-3.1-8b")), try #require(c.precision("bf16")))
        let reader = try #require(c.runtime("vllm")?.checkpointReadGBps)
        #expect(reader < 29 && abs(load.predictedMs - weights / (reader * 1e9) * 1000) < 1e-6, "\(load)")
        let store = try #require(points.first { $0.metric == .loadTime && $0.model == "llama-3.1-8b" && $0.measuredMs == 678 })
        #expect(abs(store.predictedMs - weights / 29e9 * 1000) < 1e-6, "\(store)")
        // MLPerf's SDXL offline on 8 H100: 20 steps, 32 images per batch, an image every 1000 / 16.35 ms.
        let sdxl = try #require(points.first { $0.metric == .diffusion && $0.accelerator == "h100-sxm" && $0.gpus == 8 })
        #expect(sdxl.tokensOut == 20 && sdxl.batch == 32 && abs(sdxl.measuredMs - 1000 / 16.3484) < 1e-9)
        #expect(abs(sdxl.error) < 0.25, "\(sdxl)")
        #expect(Validation.firstNumber(before: " steps", in: "mean latency, 50 steps, 512x512") == 50)
        #expect(Validation.firstNumber(before: "x2 CFG", in: "unet 64 (32x2 CFG), vae 8") == 32)
    }

    /// Issue #16's published target: median |error| at most 15% per category (decode, TTFT,
    /// static throughput, load time, diffusion) over at least 5 points, both halves together;
    /// and no half of any category above 20% (the diffusion held-out half is 17%: six stacks
    /// measured on one A100 span 2.1x, pfmplan-model(7) VALIDATION).
    @Test func thePublishedMeasurementsMeetTheTargets() throws {
        let text = try String(contentsOf: Self.published, encoding: .utf8)
        let r = try Validation.report(text, name: "published.csv", catalog: try CatalogLoader.loadDefault(), runtime: "vllm")
        for metric in [Validation.Metric.ttft, .decode, .staticThroughput, .loadTime, .diffusion] {
            let all = try #require(r.rows.first { $0.metric == metric && $0.half == "all" })
            #expect(all.points >= 5 && all.medianAbsError <= 0.15, "\(metric): \(all)")
            for row in r.rows where row.metric == metric {
                #expect(row.medianAbsError <= 0.20, "\(metric) \(row.half): \(row)")
            }
        }
        // Maximum-throughput runs are estimated (no target): trtllm-bench's fixed-length rows.
        let rate = try #require(r.rows.first { $0.metric == .continuousRate && $0.half == "all" })
        #expect(rate.points >= 50 && rate.medianAbsError < 0.5, "\(rate)")
        // MLPerf's ResNet-50 rows on the vision profile (no target).
        let vision = try #require(r.rows.first { $0.metric == .vision && $0.half == "all" })
        #expect(vision.points == 5 && vision.medianAbsError < 0.3, "\(vision)")
    }

    @Test func csvFieldsKeepQuotedCommas() {
        #expect(Validation.csvFields(#"a,"b, c",d"#) == ["a", "b, c", "d"])
        #expect(Validation.csvFields(#""say ""hi""",,x"#) == [#"say "hi""#, "", "x"])
    }

    @Test func badReferenceLinesAreNamedByLine() {
        let c = try? CatalogLoader.loadDefault()
        let header = "accelerator,model,tp,weights_precision,batch,isl,osl,ttft_ms,tpot_ms,request_latency_ms,split\n"
        let cases: [(String, Int, String)] = [
            ("accelerator,model\n", 1, "the header has no 'tp' column"),
            (header + "h100-sxm,llama-3.1-8b,1,bf16,1,128,128,1,2\n", 2, "9 fields, the header has 11"),
            (header + "h100-sxm,llama-3.1-8b,0,bf16,1,128,128,1,2,3,fit\n", 2, "tp '0' is not a positive whole number"),
            (header + "h100-sxm,llama-3.1-8b,1,bf16,1,128,128,1,nan,3,fit\n", 2, "tpot_ms 'nan' is not a positive number"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try Validation.aiconfigurator(text, name: "x.csv", catalog: c!, runtime: nil)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.line == line && error.message.hasPrefix(message), "\(error)")
            }
        }
    }
}

/// Issue 16: a runtime's family constants per accelerator (`accelerators:` in a runtime profile).
@Suite("Runtime constants per accelerator")
struct RuntimeAcceleratorTests {
    static func catalog(_ runtime: String) throws(DiagnosticError) -> Catalog {
        try CatalogLoader.load(sources: CatalogLoader.embeddedSources.filter { !$0.name.hasSuffix("runtimes.yaml") } + [.init(name: "rt.yaml", text: runtime)])
    }
    static let base = """
        schema_version: 1
        runtimes:
          - id: vllm
            llm_batching: static
            fixed_overhead_gib: 2
            activation_fraction: 0.05
            families:
              language: {mfu_max: 0.6, mfu_half_tokens: 128, mbu: 0.7, pass_overhead_ms: 2, start_s: {dram: 0.4, nvme: 0.5, cold: 35}}
              vision: {mfu_max: 0.4, mfu_half_tokens: 8, mbu: 0.7, pass_overhead_ms: 0.5, start_s: {dram: 0.05, nvme: 0.3, cold: 15}}
              multimodal: {mfu_max: 0.4, mfu_half_tokens: 8, mbu: 0.7, pass_overhead_ms: 0.5, start_s: {dram: 0.05, nvme: 0.3, cold: 15}}
              diffusion: {mfu_max: 0.25, mfu_half_tokens: 0.2, mbu: 0.7, pass_overhead_ms: 1, start_s: {dram: 0.1, nvme: 2.5, cold: 20}}
              speech: {mfu_max: 0.3, mfu_half_tokens: 64, mbu: 0.6, pass_overhead_ms: 1, start_s: {dram: 0.1, nvme: 0.5, cold: 20}}

        """

    @Test func anOverrideReplacesOnlyItsKeysOnItsAccelerator() throws {
        let c = try Self.catalog(Self.base + "    accelerators:\n      h100-sxm: {language: {mbu: 0.8, pass_overhead_ms: 1}}\n")
        let rt = try #require(c.runtime("vllm"))
        let h = try #require(rt.profile(.language, accelerator: "h100-sxm"))
        #expect(h.mbu == 0.8 && h.passOverheadMs == 1 && h.mfuMax == 0.6 && h.mfuHalfTokens == 128 && h.startS[.cold] == 35)
        #expect(rt.profile(.language, accelerator: "l4")?.mbu == 0.7)
        #expect(rt.profile(.vision, accelerator: "h100-sxm")?.mbu == 0.7)
        // The estimate uses it: a memory-bound decode is 0.7/0.8 as long, less the overhead saved.
        func tpot(_ c: Catalog) throws -> Double {
            try LanguageEstimate.run(c, .init(model: "llama-3.1-8b", accelerator: "h100-sxm", gpus: 1, precision: "fp16", runtime: "vllm",
                                              batch: 1, tokensIn: 128, tokensOut: 128, rate: nil, requests: 0, seed: 1)).tpot
        }
        #expect(try tpot(c) < tpot(Self.catalog(Self.base)))
    }

    @Test func unknownAcceleratorsAndEmptyOverridesAreErrors() throws {
        do {
            _ = try Self.catalog(Self.base + "    accelerators:\n      h100-sx: {language: {mbu: 0.8}}\n")
            Issue.record("accepted an unknown accelerator")
        } catch {
            let d = try #require(error.diagnostics.first { $0.path == "runtimes[0].accelerators.h100-sx" })
            #expect(d.message == "unknown accelerator 'h100-sx'" && d.hint?.contains("h100-sxm") == true && d.location?.file == "rt.yaml")
        }
        do {
            _ = try Self.catalog(Self.base + "    accelerators:\n      l4: {language: {}}\n")
            Issue.record("accepted an empty override")
        } catch {
            #expect(error.diagnostics.contains { $0.message == "an empty override" && $0.path == "runtimes[0].accelerators.l4.language" })
        }
        do {
            _ = try Self.catalog(Self.base + "    accelerators:\n      l4: {language: {mbu: 1.5}}\n")
            Issue.record("accepted mbu 1.5")
        } catch {
            #expect(error.diagnostics.contains { $0.path == "runtimes[0].accelerators.l4.language.mbu" })
        }
    }
}

/// Issue 16: `Calibration.fit` recovers constants from points they generated.
@Suite("Calibration")
struct CalibrationTests {
    @Test func theFitRecoversTheConstantsThatMadeThePoints() throws {
        var truth = try CatalogLoader.loadDefault()
        let r = try #require(truth.runtimes.firstIndex { $0.id == "vllm" })
        truth.runtimes[r].accelerators["h100-sxm"] = [.language: FamilyOverride(mfuMax: 0.45, mfuHalfTokens: 100, mbu: 0.55, passOverheadMs: 4)]
        var points: [Validation.Point] = []
        for (model, gpus) in [("llama-3.1-8b", 1), ("qwen3-32b", 2), ("llama-3.1-70b", 4)] {
            for batch in [1, 8, 64] {
                for (i, o) in [(128, 128), (1024, 128), (128, 1024)] {
                    let e = try LanguageEstimate.run(truth, .init(model: model, accelerator: "h100-sxm", gpus: gpus, precision: "bf16", runtime: "vllm",
                                                                  batch: batch, tokensIn: i, tokensOut: o, rate: nil, requests: 0, seed: 1))
                    guard e.fits else { continue }
                    for (metric, v) in [(Validation.Metric.ttft, e.ttft), (.tpot, e.tpot)] {
                        points.append(Validation.Point(source: "synthetic", model: model, accelerator: "h100-sxm", gpus: gpus, precision: "bf16",
                                                       batch: batch, tokensIn: i, tokensOut: o, half: "fit", metric: metric,
                                                       measuredMs: v * 1000, predictedMs: 0))
                    }
                }
            }
        }
        #expect(points.count > 30)
        // From the runtime's family defaults, without the embedded per-accelerator fit.
        var base = try CatalogLoader.loadDefault()
        base.runtimes[r].accelerators = [:]
        let fits = Calibration.fit(points, catalog: base, runtime: "vllm")
        let f = try #require(fits.first { $0.accelerator == "h100-sxm" })
        #expect(f.medianAbsErrorBefore > 0.1, "the defaults are off (\(f.medianAbsErrorBefore))")
        #expect(f.medianAbsErrorAfter < 0.01, "the fit reproduces the points (\(f.medianAbsErrorAfter))")
        #expect(abs(f.mbu - 0.55) < 0.02 && abs(f.passOverheadMs - 4) < 0.3 && abs(f.mfuMax - 0.45) < 0.05, "\(f)")
        #expect(f.mfuMax > 0 && f.mfuMax <= 1 && f.mbu > 0 && f.mbu <= 1 && f.passOverheadMs >= 0)
    }
}

/// `pfmplan calibrate` reads `vllm bench serve --save-result` files: each run's mean TTFT and
/// TPOT at its request rate, simulated under continuous batching.
@Suite("Calibration from vllm bench serve results")
struct VLLMBenchTests {
    /// A result file as vllm/benchmarks/serve.py writes it (traffic keys, metadata, metrics).
    static func result(rate: String, concurrency: String = "null", completed: Int, tokensIn: Int, tokensOut: Int, throughput: Double,
                       ttftMs: Double, tpotMs: Double, metadata: String = #""accelerator": "h100-sxm", "tp": "1", "precision": "bf16","#) -> String {
        """
        {"date": "20261203-120000", "endpoint_type": "openai", "backend": "vllm", "model_id": "Qwen/Qwen3-8B", "tokenizer_id": "Qwen/Qwen3-8B",
         "num_prompts": \(completed), \(metadata) "request_rate": \(rate), "burstiness": 1.0, "max_concurrency": \(concurrency),
         "duration": 60.0, "completed": \(completed), "failed": 0, "total_input_tokens": \(completed * tokensIn),
         "total_output_tokens": \(completed * tokensOut), "request_throughput": \(throughput), "output_throughput": \(throughput * Double(tokensOut)),
         "mean_ttft_ms": \(ttftMs), "median_ttft_ms": \(ttftMs), "p99_ttft_ms": \(ttftMs * 2), "mean_tpot_ms": \(tpotMs),
         "median_tpot_ms": \(tpotMs), "p99_tpot_ms": \(tpotMs * 2), "mean_itl_ms": \(tpotMs)}
        """
    }

    @Test func aResultFileGivesItsMeansAtItsRate() throws {
        let c = try CatalogLoader.loadDefault()
        let text = Self.result(rate: "4.0", completed: 500, tokensIn: 1000, tokensOut: 200, throughput: 3.9, ttftMs: 80, tpotMs: 12)
        #expect(VLLMBenchResult.looksLikeJSON("\n  " + text) && !VLLMBenchResult.looksLikeJSON("model,accelerator\n"))
        let ps = try VLLMBenchResult.points(text, catalog: c, defaults: .init())
        #expect(ps.map(\.metric) == [.ttft, .tpot] && ps.map(\.measuredMs) == [80, 12])
        // The model from model_id (Qwen/Qwen3-8B -> qwen3-8b), 400 of the 500 requests simulated.
        #expect(ps.allSatisfy { $0.model == "qwen3-8b" && $0.accelerator == "h100-sxm" && $0.gpus == 1 && $0.precision == "bf16"
            && $0.tokensIn == 1000 && $0.tokensOut == 200 && $0.rate == 4 && $0.requests == VLLMBenchResult.requestLimit && $0.half == "all" })
        // An unlimited rate (closed loop at max_concurrency) is simulated at the throughput reached.
        let closed = try VLLMBenchResult.points(Self.result(rate: #""inf""#, concurrency: "16", completed: 50, tokensIn: 100, tokensOut: 100,
                                                            throughput: 7.5, ttftMs: 30, tpotMs: 9), catalog: c, defaults: .init())
        #expect(closed.allSatisfy { $0.rate == 7.5 && $0.requests == 50 })
        // What the file lacks comes from the command line.
        let bare = Self.result(rate: "2", completed: 100, tokensIn: 100, tokensOut: 100, throughput: 2, ttftMs: 30, tpotMs: 9, metadata: "")
        let given = try VLLMBenchResult.points(bare, catalog: c, defaults: .init(accelerator: "a100-80gb", gpus: 2, precision: "bf16"))
        #expect(given.allSatisfy { $0.accelerator == "a100-80gb" && $0.gpus == 2 })
    }

    @Test(arguments: [
        (#"{"completed": 3}"#, "no 'total_input_tokens'"),
        ("[1, 2]", "not a JSON object"),
        (VLLMBenchTests.result(rate: "2", completed: 100, tokensIn: 100, tokensOut: 100, throughput: 2, ttftMs: 30, tpotMs: 9, metadata: ""),
         "which accelerator? give --accelerator"),
        (VLLMBenchTests.result(rate: #""fast""#, completed: 100, tokensIn: 100, tokensOut: 100, throughput: 2, ttftMs: 30, tpotMs: 9),
         #"'request_rate' is "fast"; expected a positive number or "inf""#),
        (VLLMBenchTests.result(rate: "2", completed: 100, tokensIn: 100, tokensOut: 100, throughput: 2, ttftMs: 30, tpotMs: 9,
                               metadata: #""accelerator": "h100-sxm", "tp": "1","#), "which precision"),
        (VLLMBenchTests.result(rate: "2", completed: 100, tokensIn: 100, tokensOut: 100, throughput: 2, ttftMs: 30, tpotMs: 9,
                               metadata: #""accelerator": "h100-sxm", "tp": "1", "precision": "bf16", "model": "nope","#), "model 'nope' is not in the catalog"),
    ])
    func badResultFilesSayWhatIsWrong(_ text: String, _ expected: String) throws {
        let c = try CatalogLoader.loadDefault()
        do throws(Validation.ReadError) {
            _ = try VLLMBenchResult.points(text, catalog: c, defaults: .init())
            Issue.record("accepted: \(text.prefix(60))")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    /// Runs made by the simulator with known constants, at four rates and two lengths, are fitted
    /// back from the family defaults: the fit lowers the error to near zero.
    @Test func runsAtRatesAreFittedBack() throws {
        var truth = try CatalogLoader.loadDefault()
        let r = try #require(truth.runtimes.firstIndex { $0.id == "vllm" })
        truth.runtimes[r].accelerators["h100-sxm"] = [.language: FamilyOverride(mfuMax: 0.5, mfuHalfTokens: 150, mbu: 0.6, passOverheadMs: 3)]
        var points: [Validation.Point] = []
        for rate in [2.0, 6, 12, 20] {
            for (i, o) in [(512, 128), (2048, 64)] {
                let e = try LanguageEstimate.run(truth, .init(model: "qwen3-8b", accelerator: "h100-sxm", gpus: 1, precision: "bf16", runtime: "vllm",
                                                              batch: 1, tokensIn: i, tokensOut: o, rate: rate, requests: 60, seed: 1))
                let text = Self.result(rate: "\(rate)", completed: 60, tokensIn: i, tokensOut: o, throughput: rate,
                                       ttftMs: e.ttft * 1000, tpotMs: e.tpot * 1000)
                points += try VLLMBenchResult.points(text, catalog: truth, defaults: .init())
            }
        }
        var base = try CatalogLoader.loadDefault()
        base.runtimes[r].accelerators = [:]
        let f = try #require(Calibration.fit(points, catalog: base, runtime: "vllm").first { $0.accelerator == "h100-sxm" })
        #expect(f.points == 8 && f.medianAbsErrorBefore > 0.1, "\(f)")
        #expect(f.medianAbsErrorAfter < 0.03, "\(f)")
    }
}

/// Calibration: an accelerator's measured all-reduce per group size (`interconnect.allreduce`).
@Suite("Measured all-reduce")
struct AllReduceTests {
    static func accelerators(_ edit: (String) -> String) throws(DiagnosticError) -> Catalog {
        let sources = CatalogLoader.embeddedSources.map { s in
            s.name.hasSuffix("accelerators.yaml") ? CatalogLoader.Source(name: "acc.yaml", text: edit(s.text)) : s
        }
        return try CatalogLoader.load(sources: sources)
    }

    @Test func eachGroupSizeTakesItsMeasuredEntryOrTheNextLarger() throws {
        let c = try CatalogLoader.loadDefault()
        let l40s = try #require(c.accelerator("l40s")?.interconnect)
        #expect(l40s.link(gpus: 2) == AllReduceFit(gbps: 19.14, latencyUs: 5.42))
        #expect(l40s.link(gpus: 8) == AllReduceFit(gbps: 2.017, latencyUs: 7.52))
        #expect(l40s.link(gpus: 3) == l40s.link(gpus: 4), "3 GPUs take the 4-GPU ring")
        #expect(l40s.link(gpus: 16) == l40s.link(gpus: 8), "beyond the largest measured size: the largest")
        let l4 = try #require(c.accelerator("l4")?.interconnect)
        #expect(l4.allReduce.isEmpty && l4.link(gpus: 4) == AllReduceFit(gbps: l4.linkGBps, latencyUs: l4.latencyUs))
        // The estimate's all-reduce on 8 L40S is the measured 2 GB/s ring, so TP 8 is slower than TP 2 there.
        func ttft(_ gpus: Int) throws -> Double {
            try LanguageEstimate.run(c, .init(model: "llama-3.1-8b", accelerator: "l40s", gpus: gpus, precision: "bf16", runtime: "vllm",
                                              batch: 8, tokensIn: 1024, tokensOut: 16, rate: nil, requests: 0, seed: 1)).ttft
        }
        #expect(try ttft(8) > ttft(2))
    }

    @Test func aKeyThatIsNotAGPUCountIsNamed() throws {
        do {
            _ = try Self.accelerators { $0.replacingOccurrences(of: "allreduce: {2: {gbps: 19.14", with: "allreduce: {two: {gbps: 19.14") }
            Issue.record("accepted the key 'two'")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.message == "expected a GPU count of 2 or more as the key, found 'two'", "\(d)")
            #expect(d.path.hasSuffix("interconnect.allreduce.two") && d.location?.file == "acc.yaml" && d.location?.line ?? 0 > 0, "\(d)")
        }
        do {
            _ = try Self.accelerators { $0.replacingOccurrences(of: "allreduce: {2: {gbps: 19.14", with: "allreduce: {2: {gbs: 19.14") }
            Issue.record("accepted the key 'gbs'")
        } catch {
            #expect(error.diagnostics.contains { $0.message == "unknown key 'gbs'" && $0.hint == "did you mean 'gbps'?" }, "\(error.diagnostics)")
        }
    }
}

/// `overlay: embedded`: a runtime profile read on top of the embedded catalog (`pfmplan calibrate --out`).
@Suite("Catalog overlays")
struct OverlayTests {
    /// RuntimeAcceleratorTests' profile as an overlay, with its own fixed overhead and language constants.
    static let overlay = RuntimeAcceleratorTests.base
        .replacingOccurrences(of: "schema_version: 1\n", with: "schema_version: 1\noverlay: embedded\n")
        .replacingOccurrences(of: "fixed_overhead_gib: 2", with: "fixed_overhead_gib: 3")
        .replacingOccurrences(of: "language: {mfu_max: 0.6, mfu_half_tokens: 128, mbu: 0.7, pass_overhead_ms: 2,",
                              with: "language: {mfu_max: 0.5, mfu_half_tokens: 100, mbu: 0.6, pass_overhead_ms: 1,")

    @Test func anOverlayReplacesTheEmbeddedRuntimeOfItsId() throws {
        let c = try CatalogLoader.load(sources: [.init(name: "mine.yaml", text: Self.overlay)])
        let embedded = try CatalogLoader.loadDefault()
        #expect(c.runtimes.count == embedded.runtimes.count && c.runtimes.filter { $0.id == "vllm" }.count == 1)
        #expect(c.runtime("vllm")?.fixedOverheadGiB == 3 && c.runtime("vllm")?.llmBatching == .static)
        #expect(c.runtime("vllm")?.families[.language]?.mfuMax == 0.5, "the overlay's own language constants")
        #expect(c.models.count == embedded.models.count && c.accelerators.count == embedded.accelerators.count)
        // After the whole catalog's files, the same: the overlay replaces, it does not duplicate.
        let both = try CatalogLoader.load(sources: CatalogLoader.embeddedSources + [.init(name: "mine.yaml", text: Self.overlay)])
        #expect(both.runtimes.filter { $0.id == "vllm" }.count == 1 && both.runtime("vllm")?.fixedOverheadGiB == 3)
    }

    @Test func anOverlayOfSomethingElseIsAnError() throws {
        do {
            _ = try CatalogLoader.load(sources: [.init(name: "mine.yaml", text: Self.overlay.replacingOccurrences(of: "overlay: embedded", with: "overlay: mine"))])
            Issue.record("accepted overlay: mine")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.path == "overlay" && d.message.hasPrefix("overlay must be 'embedded'") && d.location?.line == 2, "\(d)")
        }
    }
}
