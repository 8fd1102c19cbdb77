import Foundation
import PFMCatalog
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
        for metric in Validation.Metric.allCases {
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
