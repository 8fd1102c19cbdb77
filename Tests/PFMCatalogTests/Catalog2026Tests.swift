import Foundation
import Testing
@testable import PFMCatalog

/// The 2026 catalog (issue #17) and the service keys it needs: per-million-token cloud prices,
/// the price's date, and TTFT/TPOT SLOs.
@Suite("Catalog 2026")
struct Catalog2026Tests {
    static func load(services: String) throws(DiagnosticError) -> Catalog {
        try CatalogLoader.load(sources: CatalogLoader.embeddedSources + [.init(name: "svc.yaml", text: "schema_version: 1\nservices:\n" + services)])
    }

    /// Every language model of the embedded catalog sizes its KV cache from its architecture and a
    /// serving length, not a 128k window: the trap the issue describes.
    @Test func languageModelsHaveArchitectureAndServingLength() throws {
        let c = try CatalogLoader.loadDefault()
        let required = ["llama-3.2-1b", "llama-3.2-3b", "llama-3.1-8b", "llama-3.1-70b", "qwen3-0.6b", "qwen3-8b", "qwen3-32b",
                        "mistral-7b", "gemma-3-4b", "phi-4-mini", "qwen3-30b-a3b", "mixtral-8x7b"]
        for id in required { #expect(c.model(id) != nil, "\(id) missing") }
        for m in c.models where m.family == .language {
            let a = try #require(m.architecture, "\(m.id) has no architecture")
            #expect(a.layers != nil && a.kvHeads != nil && a.headDim != nil, "\(m.id)")
            #expect(m.kvWidth == a.kvWidth, "\(m.id): kv width is kv_heads × head_dim")
            #expect(m.contextWindowTokens > 0 && m.contextWindowTokens <= 32768, "\(m.id) serves \(m.contextWindowTokens) tokens")
        }
        #expect(c.model("qwen3-30b-a3b")?.architecture?.isMixtureOfExperts == true)
        #expect(c.model("mixtral-8x7b")?.architecture?.isMixtureOfExperts == true)
        // An 8B model at fp16 with its serving length fits a 24 GB card (v1's KV reservation: max_batch x window).
        let m = try #require(c.model("llama-3.1-8b")), fp16 = try #require(c.precision("fp16"))
        let server = try #require(c.server), l4 = try #require(c.accelerator("l4"))
        #expect(MemoryModel.residentBytes(m, fp16, batch: 1, server: server) < MemoryModel.usableBytes(l4, count: 1, server: server))
    }

    /// Weight-only int4 runs everywhere at the 16-bit rate; nvfp4 only on Blackwell parts.
    @Test func int4WeightOnlyOnEveryPartAndNVFP4OnBlackwell() throws {
        let c = try CatalogLoader.loadDefault()
        for a in c.accelerators {
            #expect(a.tflops["w4a16"] != nil && a.tflops["w4a16"] == a.tflops["fp16"], "\(a.id)")
        }
        for id in ["b200", "rtx-pro-6000-blackwell", "rtx-5090", "jetson-agx-thor"] {
            #expect(c.accelerator(id)?.supports("nvfp4") == true, "\(id)")
        }
        #expect(c.accelerators.filter { $0.supports("nvfp4") }.count == 4)
        for id in ["jetson-orin-nano-super", "jetson-agx-thor"] { #expect(c.accelerator(id)?.formFactor == .module) }
        #expect(c.accelerator("b200")?.formFactor == .sxm)
        #expect(c.workload("edge-assistant") != nil && c.workload("edge-vision") != nil && c.workload("metaverse") != nil)
    }

    /// Per-million-token prices fold into the blended per-1k rate the engine charges.
    @Test func perMillionTokenPricesFoldIntoTheRequestPrice() throws {
        let c = try Self.load(services: """
              - {id: s, task: mmlu, stages: [{model: llama-3.1-8b}], tokens_in: 1000, tokens_out: 250, request_kb: 1, response_kb: 1,
                 slo: {p95_ms: 5000, ttft_p95_ms: 800, tpot_p95_ms: 40}, cloud_usd_per_mtok_in: 0.10, cloud_usd_per_mtok_out: 0.40,
                 cloud_price_date: 2026-06}
            """)
        let s = try #require(c.service("s"))
        let perRequest = try #require(s.cloudUSDPer1kTokens) * Double(s.tokensIn + s.tokensOut) / 1000
        #expect(abs(perRequest - (1000 * 0.10 + 250 * 0.40) / 1e6) < 1e-15)
        #expect(s.cloudUSDPerMTokIn == 0.10 && s.cloudUSDPerMTokOut == 0.40 && s.cloudPriceDate == "2026-06")
        #expect(s.slo.ttftP95Ms == 800 && s.slo.tpotP95Ms == 40)
        // The cloud's TTFT and TPOT give its serving time: ttft + tokens_out × tpot.
        let chat = try #require(c.service("chat"))
        #expect(chat.cloudTTFTMs == 630 && chat.cloudTPOTMs == 5.52)
        #expect(abs(chat.cloudServingMs! - (630 + 256 * 5.52)) < 1e-9)
        // The metaverse language services now carry today's price (GPT-4o mini), not davinci's $0.02 per 1k tokens.
        let t = try #require(c.service("translation"))
        #expect(t.cloudUSDPerMTokIn == 0.15 && t.cloudUSDPerMTokOut == 0.60)
        #expect(abs(t.cloudUSDPer1kTokens! * Double(t.tokensIn + t.tokensOut) / 1000 - (64 * 0.15 + 64 * 0.60) / 1e6) < 1e-15)
    }

    @Test func pricingAndSLOErrorsArePositioned() {
        do {
            _ = try Self.load(services: """
                  - id: a
                    task: mmlu
                    stages: [{model: llama-3.1-8b}]
                    tokens_in: 100
                    tokens_out: 10
                    request_kb: 1
                    response_kb: 1
                    slo: {p95_ms: 500, ttft_p95_ms: 900}
                    cloud_usd_per_mtok_in: 0.1
                    cloud_usd_per_request: 0.01
                    cloud_price_date: June 2026
                    cloud_ttft_ms: 500
                    cloud_serving_ms: 900
                """)
            Issue.record("expected errors")
        } catch {
            let ds = error.diagnostics.filter { $0.location?.file == "svc.yaml" }
            func find(_ path: String) -> Diagnostic? { ds.first { $0.path == path } }
            #expect(find("services[0].slo.ttft_p95_ms")?.message == "ttft_p95_ms 900 is above the end-to-end p95_ms 500", "\(ds)")
            #expect(find("services[0].cloud_usd_per_mtok_out")?.message.contains("'cloud_usd_per_mtok_out' is missing") == true, "\(ds)")
            let req = find("services[0].cloud_usd_per_request")
            #expect(req?.message == "give per-million-token prices or 'cloud_usd_per_request', not both" && req?.location?.line == 12, "\(ds)")
            let date = find("services[0].cloud_price_date")
            #expect(date?.message == "expected a date as YYYY-MM or YYYY-MM-DD, found \"June 2026\"" && date?.location?.line == 13, "\(ds)")
            #expect(find("services[0].cloud_tpot_ms")?.message == "give 'cloud_ttft_ms' and 'cloud_tpot_ms' together; 'cloud_tpot_ms' is missing", "\(ds)")
            #expect(find("services[0].cloud_serving_ms")?.message == "give 'cloud_serving_ms' or 'cloud_ttft_ms' with 'cloud_tpot_ms', not both", "\(ds)")
            #expect(ds.count == 6, "\(ds)")
        }
    }

    @Test func oldPricesWarn() throws {
        let c = try Self.load(services: """
              - {id: old, task: mmlu, stages: [{model: llama-3.1-8b}], tokens_in: 10, tokens_out: 10, request_kb: 1, response_kb: 1,
                 slo: {p95_ms: 5000}, cloud_usd_per_1k_tokens: 0.02, cloud_price_date: 2022-09-01}
            """)
        let w = try #require(c.warnings.first { $0.path.hasSuffix(".cloud_price_date") })
        #expect(w.severity == .warning && w.message.contains("'old'") && w.message.contains("2022-09-01") && w.location?.file == "svc.yaml")
        // Every dated price of the embedded catalog parses, and none is older than the paper's own.
        for s in try CatalogLoader.loadDefault().services {
            if let d = s.cloudPriceDate { #expect((CatalogValidator.priceMonth(d) ?? 0) >= CatalogValidator.priceMonth("2025-01")!, "\(s.id): \(d)") }
        }
        #expect(CatalogValidator.priceMonth("2026-13") == nil && CatalogValidator.priceMonth("2026-06-31") != nil)
        #expect(CatalogValidator.priceMonth("2026-06")! - CatalogValidator.priceMonth("2024-06")! == 24)
    }

    /// An entry with numbers and no comment, inside it or right above it, draws a positioned warning.
    @Test func figuresWithoutSourceCommentsWarn() throws {
        let text = """
            schema_version: 1
            hosts:
              # vendor page X
              - {id: sourced, form_factor: pcie, max_gpus: 2, price_usd: 9000, lifetime_years: 5, power_w: 350,
                 storage_read_gbps: 11, dram_gib: 256, dram_read_gbps: 230}
              - id: bare
                form_factor: pcie
                max_gpus: 2
                price_usd: 9000
                lifetime_years: 5
                power_w: 350
                storage_read_gbps: 11
                dram_gib: 256
                dram_read_gbps: 230
              - {id: inline, form_factor: pcie, max_gpus: 2, price_usd: 9000, lifetime_years: 5, power_w: 350,   # estimate
                 storage_read_gbps: 11, dram_gib: 256, dram_read_gbps: 230}
            """
        let c = try CatalogLoader.load(sources: CatalogLoader.embeddedSources + [.init(name: "h.yaml", text: text)])
        let ws = c.warnings.filter { $0.message.contains("without a source comment") }
        #expect(ws.count == 1, "\(ws)")
        #expect(ws.first?.location == SourceLocation(file: "h.yaml", line: 6, column: 5) && ws.first?.path == "hosts[1]")
        #expect(ws.first?.message == "host 'bare' gives figures without a source comment")
        #expect(try CatalogLoader.loadDefault().warnings.isEmpty, "every bundled figure has its source")
    }

    /// The scan reads lines ending in CRLF as it reads LF lines (a CRLF is one Character in Swift,
    /// so a scan by Character would see the whole file as one line).
    @Test func sourceCommentScanReadsCRLFLines() {
        let text = "schema_version: 1\nhosts:\n  # vendor page X\n  - {id: sourced, max_gpus: 2}\n  - id: bare\n    max_gpus: 2\n"
        let lf = SourceComments.warnings(text, file: "h.yaml")
        let crlf = SourceComments.warnings(text.replacingOccurrences(of: "\n", with: "\r\n"), file: "h.yaml")
        #expect(lf.count == 1 && lf.first?.location == SourceLocation(file: "h.yaml", line: 5, column: 5), "\(lf)")
        #expect(crlf.map(\.location) == lf.map(\.location) && crlf.map(\.message) == lf.map(\.message), "\(crlf)")
        #expect(lf.first?.message == "host 'bare' gives figures without a source comment")
    }

    /// The month count for price ages (UTC, by day count) agrees with Foundation's Gregorian
    /// calendar from 1900 to 2400, month ends and leap days included.
    @Test func currentMonthAgreesWithTheCalendar() {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        var seconds = -2_208_988_800.0   // 1900-01-01
        var checked = 0
        while seconds < 13_569_465_600 {   // 2400-01-01
            for offset in [0.0, 86_399.5] {
                let date = Date(timeIntervalSince1970: seconds + offset)
                let c = cal.dateComponents([.year, .month], from: date)
                #expect(CatalogValidator.currentMonth(date) == c.year! * 12 + c.month! - 1, "\(date)")
                checked += 1
            }
            seconds += 86_400 * 13   // every 13th day walks every day of the month over the years
        }
        #expect(checked > 20_000)
    }

    @Test func languageModelWithoutArchitectureWarns() throws {
        let c = try CatalogLoader.load(sources: CatalogLoader.embeddedSources + [.init(name: "m.yaml", text: """
            schema_version: 1
            models:
              - {id: bare-lm, family: language, parameters_m: 1000, gflops: 2, tasks: []}   # a test model
            """)])
        let w = try #require(c.warnings.first { $0.path == "models[0]" && $0.location?.file == "m.yaml" })
        #expect(w.message == "language model 'bare-lm' gives no architecture: static batches take its KV cache as zero, and continuous batching (the default) refuses it")
        #expect(c.warnings.count == 1, "\(c.warnings)")
    }
}

