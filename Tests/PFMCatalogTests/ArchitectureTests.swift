import Foundation
import Testing
@testable import PFMCatalog

/// The language-model architecture keys of MODEL.md §1: parsing, the KV width they imply, and the
/// serving length `max_context_tokens` next to v1's `context_window_tokens`.
@Suite("Catalog architecture")
struct ArchitectureTests {
    static func load(_ models: String) throws(DiagnosticError) -> Catalog {
        try CatalogLoader.load(sources: CatalogLoader.embeddedSources + [.init(name: "arch.yaml", text: "schema_version: 1\nmodels:\n" + models)])
    }

    /// GPT-3's full Table 2.1 architecture gives the same KV width as v1's kv_width did.
    @Test func gpt3KVWidthIsHeadsTimesHeadDim() throws {
        let c = try CatalogLoader.loadDefault()
        for (id, layers, heads, width) in [("gpt3-13b", 40, 40, 5120), ("gpt3-175b", 96, 96, 12288)] {
            let m = try #require(c.model(id))
            let a = try #require(m.architecture, "\(id) has no architecture")
            #expect(a.layers == layers && m.layers == layers && a.heads == heads && a.kvHeads == heads && a.headDim == 128, "\(id)")
            #expect(m.kvWidth == width, "\(id)")
            #expect(a.isMixtureOfExperts == false)
            #expect(m.contextWindowTokens == 2048 && m.modelWindowTokens == nil, "\(id)")
            let fp16 = try #require(c.precision("fp16"))
            #expect(MemoryModel.kvBytesPerToken(m, fp16) == 2 * Double(layers) * Double(heads * 128) * fp16.bytesPerKV)
        }
    }

    @Test func groupedQueryAndMixtureOfExpertsParse() throws {
        let c = try Self.load("""
              - id: gqa-8b
                family: language
                parameters_m: 8030
                gflops: 16
                layers: 32
                hidden: 4096
                heads: 32
                kv_heads: 8
                head_dim: 128
                intermediate: 14336
                vocab: 128256
                context_window_tokens: 131072
                max_context_tokens: 8192
                tasks: []
              - id: moe-30b
                family: language
                parameters_m: 30500
                gflops: 6.6
                layers: 48
                kv_heads: 4
                head_dim: 128
                experts: 128
                experts_per_token: 8
                expert_params_m: 4.72
                max_context_tokens: 32768
                tasks: []
            """)
        let g = try #require(c.model("gqa-8b"))
        #expect(g.architecture == LanguageArchitecture(layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128,
                                                         intermediate: 14336, vocab: 128256))
        #expect(g.kvWidth == 1024, "kv_heads × head_dim, not hidden")
        #expect(g.contextWindowTokens == 8192, "the serving length, not the 128k window, sizes the KV reservation")
        #expect(g.modelWindowTokens == 131072)
        let int8 = try #require(c.precision("int8"))
        #expect(MemoryModel.kvBytesPerToken(g, int8) == 2 * 32 * 8 * 128 * int8.bytesPerKV)
        let moe = try #require(c.model("moe-30b"))
        let a = try #require(moe.architecture)
        #expect(a.isMixtureOfExperts && a.experts == 128 && a.expertsPerToken == 8 && a.expertParamsM == 4.72)
        #expect(moe.kvWidth == 512 && moe.contextWindowTokens == 32768 && moe.modelWindowTokens == nil)
    }

    /// A model without architecture keys has none (vision, or a v1 language entry with kv_width).
    @Test func v1KeysStillWork() throws {
        let c = try Self.load("""
              - {id: v1-lm, family: language, parameters_m: 1000, gflops: 2, layers: 16, kv_width: 2048,
                 context_window_tokens: 4096, tasks: []}
              - {id: v1-lm-gqa, family: language, parameters_m: 1000, gflops: 2, layers: 16, kv_heads: 16, head_dim: 128,
                 kv_width: 2048, tasks: []}
            """)
        let m = try #require(c.model("v1-lm"))
        #expect(m.kvWidth == 2048 && m.layers == 16 && m.contextWindowTokens == 4096)
        #expect(m.architecture == LanguageArchitecture(layers: 16))
        #expect(c.model("v1-lm-gqa")?.kvWidth == 2048, "a kv_width equal to kv_heads × head_dim is accepted")
        #expect(c.model("uniformer-s")?.architecture == nil)
    }

    /// Every inconsistency is reported, each at its own key.
    @Test func allArchitectureErrorsArePositioned() {
        do {
            _ = try Self.load("""
                  - id: bad
                    family: language
                    parameters_m: 1000
                    gflops: 2
                    layers: 16
                    heads: 12
                    kv_heads: 8
                    head_dim: 64
                    experts: 8
                    experts_per_token: 9
                    expert_params_m: 1
                    tasks: []
                  - {id: no-width, family: language, parameters_m: 10, gflops: 1, layers: 4, tasks: []}
                  - {id: no-layers, family: language, parameters_m: 10, gflops: 1, kv_heads: 4, head_dim: 64, tasks: []}
                """)
            Issue.record("expected errors")
        } catch {
            let ds = error.diagnostics.filter { $0.location?.file == "arch.yaml" }
            func find(_ path: String) -> Diagnostic? { ds.first { $0.path == path } }
            let kv = find("models[0].kv_heads")
            #expect(kv?.message == "heads 12 is not a multiple of kv_heads 8" && kv?.location?.line == 9, "\(ds)")
            let k = find("models[0].experts_per_token")
            #expect(k?.message == "experts_per_token 9 is above experts 8" && k?.location?.line == 12, "\(ds)")
            #expect(find("models[1]")?.message.contains("give 'kv_heads' and 'head_dim' (or v1's 'kv_width') with 'layers'") == true, "\(ds)")
            #expect(find("models[2]")?.message.contains("give 'layers' with 'kv_heads' and 'head_dim'") == true, "\(ds)")
            #expect(ds.count == 4, "\(ds)")
        }
    }
}
