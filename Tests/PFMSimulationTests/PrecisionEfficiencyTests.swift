import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// How a precision changes the compute curve (pfmplan-model(7), TIME PER PASS; issue #16): the
/// knee moves with peak × bytes per weight, and fp8's kernels reach a share of mfu_max
/// (precisions.yaml mfu_scale, measured by Tests/validation/precision_gemm_fit.py).
@Suite("Precision: the compute curve's knee and scale")
struct PrecisionEfficiencyTests {
    @Test func theKneeMovesWithPeakTimesBytesPerWeight() throws {
        let c = try CatalogLoader.loadDefault()
        let a100 = try #require(c.accelerator("a100-80gb")), h100 = try #require(c.accelerator("h100-sxm"))
        // Weight-only int4 computes at the 16-bit rate with 0.516 of 2 bytes: the knee at 0.258 of bf16's tokens.
        #expect(abs(c.kneeScale(accelerator: a100, precision: try #require(c.precision("w4a16"))) - 0.516 / 2) < 1e-12)
        // fp8: twice the rate, half the bytes: the same knee; bf16 itself: 1.
        #expect(abs(c.kneeScale(accelerator: h100, precision: try #require(c.precision("fp8"))) - 1979.0 / (2 * 989.5)) < 1e-12)
        #expect(c.kneeScale(accelerator: h100, precision: try #require(c.precision("bf16"))) == 1)
        // No rate for the precision: no move.
        #expect(c.kneeScale(accelerator: a100, precision: try #require(c.precision("fp8"))) == 1)
    }

    /// Before the knee moved, weight-only int4 decode on an A100 was compute bound at one token
    /// (C(1) of a knee fitted at 16 bits) and came out only 28% faster than bf16; it reads a
    /// quarter of the bytes, and gpt-fast measures 1.9x (pytorch-labs/gpt-fast README).
    @Test func weightOnlyInt4DecodeIsMemoryBoundAtBatchOne() throws {
        let c = try CatalogLoader.loadDefault()
        func tpot(_ precision: String) throws -> Double {
            try LanguageEstimate.run(c, .init(model: "llama-2-7b", accelerator: "a100-80gb", gpus: 1, precision: precision, runtime: "vllm",
                                              batch: 1, tokensIn: 5, tokensOut: 128, rate: nil, requests: 0, seed: 1)).tpot
        }
        let ratio = try tpot("w4a16") / tpot("bf16")
        #expect(ratio > 0.3 && ratio < 0.6, "w4a16 / bf16 TPOT \(ratio)")
    }

    @Test func fp8ProductsReachTheirScaleOfMfuMax() throws {
        let c = try CatalogLoader.loadDefault()
        let h100 = try #require(c.accelerator("h100-sxm")), fp8 = try #require(c.precision("fp8")), bf16 = try #require(c.precision("bf16"))
        let profile = try #require(c.runtime("vllm")?.profile(.language, accelerator: "h100-sxm"))
        #expect(fp8.mfuScale == 0.77 && bf16.mfuScale == 1)
        let g8 = try GroupRoofline.of(h100, gpus: 1, precision: fp8, profile: profile, kneeScale: c.kneeScale(accelerator: h100, precision: fp8))
        let g16 = try GroupRoofline.of(h100, gpus: 1, precision: bf16, profile: profile, kneeScale: 1)
        // At any pass size fp8 computes 2 × 0.77 = 1.54 times as fast as bf16 (same knee).
        for n in [1.0, 128, 4096] { #expect(abs(g8.compute(tokens: n) / g16.compute(tokens: n) - 1979.0 / 989.5 * 0.77) < 1e-9) }
    }

    @Test func mfuScaleIsAFractionOfOne() throws {
        let overlay = """
        schema_version: 1
        overlay: embedded
        precisions:
          - {id: fp8, bytes_per_weight: 1, bytes_per_kv: 1, mfu_scale: 1.5}
        """
        do throws(DiagnosticError) {
            _ = try CatalogLoader.load(sources: CatalogLoader.embeddedSources + [.init(name: "p.yaml", text: overlay)])
            Issue.record("accepted mfu_scale 1.5")
        } catch {
            let e = try #require(error.errors.first { $0.path.hasSuffix("mfu_scale") }, "\(error.errors)")
            #expect(e.message.contains("(0, 1]") && e.location?.file == "p.yaml" && e.location?.line == 4, "\(e)")
        }
    }
}
