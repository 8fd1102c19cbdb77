import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Continuous batching inside the v2 server (MODEL.md §3.2, §7, §8; issue 15): the engine's
/// language instances against the iteration formulas and against the single-instance executor
/// stepped one iteration at a time.
///
/// The catalog: one GPU of 1 TFLOP/s (int8) and 1000 GB/s, 100 GB of memory, 1 GB/s host links;
/// a 1 B-parameter language model (1 GB at int8; 4 layers, 4 heads × 64, KV 2 × 4 × 256 × 1 B =
/// 2 kB per token) and a 0.5 B vision model; a runtime with mfu 1 reached at once, mbu 1, no
/// overheads, and vLLM-like scheduler constants.
enum ContinuousServer {
    static func text(memoryGiB: Double = 100, tflops: Double = 1, utility: String = "exponential", extraMix: String = "", prefix: Bool = true, icl: Bool = false, seqs: Int = 16, budget: Int = 512,
                     tokensIn: Int = 100, tokensOut: Int = 32, halfLife: Double = 1e9, extraModels: String = "", extraServices: String = "") -> String {
        let tasks = icl ? "[{task: tl, zero_shot: 10, one_shot: 20, few_shot: 30, few_shot_k: 8}]" : "[{task: tl, score: 50}]"
        return ServerCatalogs.header(perGPUGiB: memoryGiB, tflops: tflops, admission: "always-edge") + """
        runtimes:
          - id: plain
            llm_batching: continuous
            max_num_seqs: \(seqs)
            max_num_batched_tokens: \(budget)
            kv_block_tokens: 16
            chunked_prefill: true
            prefix_caching: \(prefix)
            fixed_overhead_gib: 0
            activation_fraction: 0
            families:
              language: {mfu_max: 1, mfu_half_tokens: 0, mbu: 1, pass_overhead_ms: 0, start_s: {dram: 0, nvme: 0, cold: 0}}
              vision: {mfu_max: 1, mfu_half_tokens: 0, mbu: 1, pass_overhead_ms: 0, start_s: {dram: 0, nvme: 0, cold: 0}}
        cloud: {core_rtt_ms: 100, backhaul_mbps: 1000, serving_ms: 200, usd_per_request: 0.01}
        network: {uplink_mbps: 100, downlink_mbps: 100}
        site: {usd_per_kwh: 0.1, pue: 1}
        objective: {switching: 1, accuracy: 1, inference: 1, offloading: 1, cloud: 1, switch_cost: 1}
        context: {utility: \(utility), \(utility == "window" ? "window_s" : "half_life_s"): \(halfLife)}
        models:
          - {id: lm, family: language, parameters_m: 1000, gflops: 2, layers: 4, hidden: 256, heads: 4, kv_heads: 4, head_dim: 64,
             context_window_tokens: 4096, tokens_per_example: 100, tasks: \(tasks)}
        \(extraModels)
        services:
          - {id: chat, task: tl, stages: [{model: lm}], tokens_in: \(tokensIn), tokens_out: \(tokensOut), request_kb: 0, response_kb: 0,
             slo: {p95_ms: 100000}}
        \(extraServices)
        workloads:
          - id: w
            duration_s: 100
            mix:
              - {service: chat, rate_per_s: 1}
        \(extraMix)

        """
    }

    static func run(_ text: String, arrivals: [(Double, Int)], warmup: Double, duration: Double = 10_000, policy: PolicyName = .lru,
                    batching: LLMBatching? = nil) throws -> (SimulationResult, ServerPlan, Catalog) {
        let c = try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text)])
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", count: 1, precision: "int8", maxBatch: 4, admission: .alwaysEdge,
                                                           llmBatching: batching))
        let plan = try ServerPlan(catalog: c, setup: setup, layout: .dataParallel(1), runtime: nil, loading: nil)
        let r = ServerSimulation.run(policy, setup: setup, plan: plan, run: RunConfig(durationS: duration, warmupS: warmup),
                                     arrivals: arrivals.map { Arrival(time: $0.0, service: Int32($0.1)) })
        return (r, plan, c)
    }

    static func shape(_ c: Catalog) throws -> (LanguageShape, GroupRoofline) {
        let m = try #require(c.model("lm")), p = try #require(c.precision("int8"))
        let profile = try #require(c.runtime("plain")?.families[.language])
        let a = try #require(c.accelerator("box"))
        return (try LanguageShape.of(m, p), try GroupRoofline.of(a, gpus: 1, precision: p, profile: profile, kneeScale: c.kneeScale(accelerator: a, precision: p)))
    }

    static func close(_ a: Double, _ b: Double, _ rel: Double = 1e-9) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b), 1e-300) }
}

@Suite("v2 server: continuous batching")
struct ServerContinuousTests {
    typealias S = ContinuousServer

    /// One request alone on a warm instance (a warm-up request at 0 loads the model): TTFT is one
    /// prefill iteration of its 100 tokens, TPOT the mean of its 31 decode iterations (iteration j
    /// reading 100 + j cached tokens), and the end-to-end latency TTFT + 31 × TPOT.
    @Test func oneRequestMatchesTheIterationFormulas() throws {
        let (r, plan, c) = try S.run(S.text(), arrivals: [(0, 0), (50, 0)], warmup: 10)
        #expect(plan.continuous && r.llmBatching == "continuous")
        let (shape, roof) = try S.shape(c)
        let ttft = LanguageIteration.seconds(shape, roof, tokens: 100, attention: 100 * 101 / 2, kvRead: 0)
        let decode = LanguageIteration.decodeRunSeconds(shape, roof, batch: 1, cached: 100, count: 31)
        let s = try #require(r.services.first)
        #expect(s.requests == 1 && s.edge == 1)
        #expect(S.close(try #require(s.ttft).mean, ttft), "TTFT \(s.ttft!.mean) vs \(ttft)")
        #expect(S.close(try #require(s.tpot).mean, decode / 31), "TPOT \(s.tpot!.mean) vs \(decode / 31)")
        #expect(S.close(s.latency.mean, ttft + decode))
        // The decode run between the prefill and the last token is jumped in closed form.
        let g = try #require(r.groups?.first)
        #expect((g.closedFormIterations ?? 0) >= 29)
        #expect(g.preemptions == 0)
    }

    /// Poisson arrivals on a warm instance: the server's fast path (closed-form decode runs up to
    /// each next arrival) gives the same latencies, TTFTs and TPOTs as the executor stepped one
    /// iteration at a time with the same pool, to 1e-9 relative.
    @Test(arguments: [(1.0, UInt64(1)), (3.0, 2), (6.0, 3)])
    func theServerMatchesTheStepByStepExecutor(rate: Double, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var t = 20.0
        var times: [Double] = []
        while times.count < 400 { t += rng.exponential(rate: rate); times.append(t) }
        let (r, plan, c) = try S.run(S.text(), arrivals: [(0, 0)] + times.map { ($0, 0) }, warmup: 10)
        let (shape, roof) = try S.shape(c)
        let sched = try #require(plan.scheduler)
        let config = BatcherConfig(maxNumSeqs: sched.maxNumSeqs, maxNumBatchedTokens: sched.maxNumBatchedTokens, kvBlockTokens: sched.kvBlockTokens,
                                   chunkedPrefill: true, prefixCaching: true, kvBlocks: plan.kvMaxBlocks[0], tasks: 1)
        let arrivals = times.map { LLMArrival(time: $0, promptTokens: 100, outputTokens: 32) }
        let ref = SingleInstanceLLMSimulation.run(shape: shape, roofline: roof, config: config, arrivals: arrivals, fastPath: false)
        let n = Double(arrivals.count)
        let e2e = (0..<arrivals.count).reduce(0.0) { $0 + ref.e2e($1, arrivals) } / n
        let ttft = (0..<arrivals.count).reduce(0.0) { $0 + ref.ttft($1, arrivals) } / n
        let tpot = (0..<arrivals.count).reduce(0.0) { $0 + ref.tpot($1, arrivals) } / n
        let s = try #require(r.services.first)
        #expect(s.requests == arrivals.count && s.edge == arrivals.count)
        #expect(S.close(s.latency.mean, e2e), "E2E \(s.latency.mean) vs \(e2e)")
        #expect(S.close(try #require(s.ttft).mean, ttft), "TTFT \(s.ttft!.mean) vs \(ttft)")
        #expect(S.close(try #require(s.tpot).mean, tpot), "TPOT \(s.tpot!.mean) vs \(tpot)")
        #expect(r.groups?.first?.preemptions == ref.stats.preemptions)
    }

    /// Little's law on the running set: with room for every sequence, a request runs from the next
    /// iteration after its arrival to its completion, so the mean running set is the throughput
    /// times the mean time in system within 2% (the wait for the next iteration, ~1 ms of a 1000
    /// TFLOP/s part's memory-bound iteration, is a small share of 64 decode iterations).
    @Test func littlesLawOnTheServersRunningSet() throws {
        var rng = SplitMix64(seed: 7)
        var t = 20.0
        var times: [Double] = []
        while t < 620 { t += rng.exponential(rate: 30); times.append(t) }
        let (r, _, _) = try S.run(S.text(tflops: 1000, seqs: 256, tokensIn: 4, tokensOut: 64), arrivals: [(0, 0)] + times.map { ($0, 0) },
                                  warmup: 20, duration: 600)
        let s = try #require(r.services.first)
        let g = try #require(r.groups?.first)
        let littles = Double(s.edge) / r.measuredSeconds * s.latency.mean
        let running = try #require(g.meanRunning)
        #expect(running > 1.5, "the load keeps several sequences running (\(running))")
        #expect(abs(running - littles) / littles < 0.02, "running \(running) vs λW \(littles)")
        let kv = try #require(g.kvUtilisation)
        #expect(kv > 0 && kv <= 1)
    }

    /// Prefix-cached context (MODEL.md §3.2): with an infinite half-life each completion adds an
    /// example. The third request wants two examples (200 tokens); with prefix caching the second
    /// request's example is cached, so it prefills only the new example and its own prompt.
    @Test func prefixCachingMakesTheNextRequestOfATaskCheaper() throws {
        let arrivals: [(Double, Int)] = [(0, 0), (20, 0), (40, 0)]
        let (cached, _, c) = try S.run(S.text(utility: "window", icl: true), arrivals: arrivals, warmup: 30)
        let (plain, _, _) = try S.run(S.text(utility: "window", prefix: false, icl: true), arrivals: arrivals, warmup: 30)
        let (shape, roof) = try S.shape(c)
        // With the cache: 100 new context tokens and 100 own, attending the 100 cached before them.
        let withCache = LanguageIteration.seconds(shape, roof, tokens: 200, attention: 100 * 200 + 200 * 201 / 2, kvRead: 100)
        let without = LanguageIteration.seconds(shape, roof, tokens: 300, attention: 300 * 301 / 2, kvRead: 0)
        #expect(S.close(try #require(cached.services[0].ttft).mean, withCache), "cached TTFT \(cached.services[0].ttft!.mean) vs \(withCache)")
        #expect(S.close(try #require(plain.services[0].ttft).mean, without), "plain TTFT \(plain.services[0].ttft!.mean) vs \(without)")
        #expect(withCache < without)
    }

    /// An eviction removes the context and its cached prefix: a vision model that needs the whole
    /// GPU evicts the language model between the second and third requests; the third request
    /// then has no examples and prefills its own 100 tokens only, from an empty pool.
    @Test func anEvictionRemovesTheContextAndItsPrefix() throws {
        let vision = "  - {id: big, family: vision, parameters_m: 1500, gflops: 1, tasks: [{task: tv, score: 50}]}"
        let svc = "  - {id: see, task: tv, stages: [{model: big}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}}"
        // 2 GiB: lm (1 GB + its KV) and big (1.5 GB) cannot be resident together.
        let text = S.text(memoryGiB: 2, extraMix: "      - {service: see, rate_per_s: 1}", icl: true, extraModels: vision, extraServices: svc)
        let (r, _, c) = try S.run(text, arrivals: [(0, 0), (20, 0), (40, 1), (60, 0)], warmup: 50)
        let (shape, roof) = try S.shape(c)
        let cold = LanguageIteration.seconds(shape, roof, tokens: 100, attention: 100 * 101 / 2, kvRead: 0)
        let s = try #require(r.services.first { $0.id == "chat" })
        #expect(r.evictions >= 1)
        #expect(s.requests == 1)
        // TTFT from arrival includes the reload (1 GB at 1 GB/s) before the first iteration.
        #expect(S.close(try #require(s.ttft).mean, 1 + cold, 1e-6), "TTFT \(s.ttft!.mean) vs \(1 + cold)")
    }

    /// `--llm-batching static` keeps v1's semantics on the same catalog: the static plan reserves
    /// max_batch × window of KV and reports no running-set metrics.
    @Test func staticBatchingOnAContinuousRuntime() throws {
        let (r, plan, _) = try S.run(S.text(), arrivals: [(0, 0), (50, 0)], warmup: 10, batching: .static)
        #expect(!plan.continuous && r.llmBatching == "static")
        #expect(r.groups?.first?.meanRunning == nil)
        let s = try #require(r.services.first)
        #expect(s.ttft != nil && s.tpot != nil)
        #expect(try #require(s.ttft).mean < s.latency.mean)
    }

    /// TTFT and TPOT SLOs make SLO-aware admission offload what the instance would serve too late
    /// (MODEL.md §7): a 100-token prefill takes 0.2 s here (2 × 10^9 × 100 FLOP at 1 TFLOP/s), over
    /// a 150 ms TTFT SLO that the cloud meets (100 ms RTT + its 10 ms TTFT); the offloaded requests
    /// count at the cloud's TTFT and TPOT and meet every SLO.
    @Test func aTTFTSLOOffloadsWhatTheInstanceCannotMeet() throws {
        var text = S.text()
        text = text.replacingOccurrences(of: "slo: {p95_ms: 100000}}", with: "slo: {p95_ms: 100000, ttft_p95_ms: 150}, cloud_ttft_ms: 10, cloud_tpot_ms: 5}")
        let c = try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text)])
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", count: 1, precision: "int8", maxBatch: 4, admission: .sloAware))
        let plan = try ServerPlan(catalog: c, setup: setup, layout: .dataParallel(1), runtime: nil, loading: nil)
        let r = ServerSimulation.run(.lru, setup: setup, plan: plan, run: RunConfig(durationS: 1000, warmupS: 10),
                                     arrivals: [(0.0, 0), (50, 0), (100, 0)].map { Arrival(time: $0.0, service: Int32($0.1)) })
        let s = try #require(r.services.first)
        #expect(s.edge == 0 && s.offloaded == 2 && s.ttftSloP95S == 0.15)
        let ttft = try #require(s.ttft), tpot = try #require(s.tpot)
        #expect(abs(ttft.p95 - 0.110) < 0.002 && abs(tpot.p95 - 0.005) < 0.0002)
        #expect(s.meetsP95 && s.sloAttainment == 1)
        #expect(S.close(try #require(s.goodputPerS), 2 / r.measuredSeconds))
        // Without the TTFT SLO the same requests stay at the edge.
        let loose = try S.run(S.text(), arrivals: [(0, 0), (50, 0), (100, 0)], warmup: 10)
        #expect(loose.0.services[0].edge == 2)
    }

    /// Two groups (1x2: the language model on one GPU, a vision model on the other). A request
    /// whose vision stage ends on group 1 while group 0 is in a long decode run joins group 0's
    /// next iteration: that pass end bounds group 0's closed-form run (had it not, the request
    /// would wait for the run's end, about 0.15 s). The other requests' vision passes, which feed
    /// nothing onto group 0, do not bound it, and the decode still matches the closed form.
    @Test func aPassThatFeedsAnotherGroupBoundsItsDecodeRun() throws {
        let text = S.text(memoryGiB: 1.5, tflops: 100, extraMix: "      - {service: caption, rate_per_s: 1}\n      - {service: see, rate_per_s: 1}", tokensOut: 200,
                          extraModels: "  - {id: vm, family: vision, parameters_m: 1000, gflops: 1000, tasks: [{task: tl, score: 50}]}",
                          extraServices: """
                            - {id: caption, task: tl, stages: [{model: vm}, {model: lm}], tokens_in: 100, tokens_out: 4, request_kb: 0, response_kb: 0,
                               slo: {p95_ms: 100000}}
                            - {id: see, task: tl, stages: [{model: vm, repeat: 10}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}}
                          """)
        let c = try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text)])
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", count: 2, precision: "int8", maxBatch: 4, admission: .alwaysEdge))
        let plan = try ServerPlan(catalog: c, setup: setup, layout: try Layout.parse("1x2", count: 2).get(), runtime: nil, loading: nil)
        // Warm-up loads both models (one per GPU: 0.93 GiB each, 1.5 GiB per GPU); at 50 a chat
        // request (200 tokens out, ~0.2 s of decode) and 10 vision passes of 10 ms (50 … 50.1); at
        // 50.12 a caption (its vision pass 50.12 … 50.13, during the chat's decode).
        let arrivals: [(Double, Int32)] = [(0, 1), (0, 0), (50, 0), (50, 2), (50.12, 1)]
        let r = ServerSimulation.run(.lru, setup: setup, plan: plan, run: RunConfig(durationS: 10_000, warmupS: 10),
                                     arrivals: arrivals.map { Arrival(time: $0.0, service: $0.1) })
        let groups = try #require(r.groups)
        #expect(groups.count == 2 && groups.allSatisfy { $0.residentAtEnd.count == 1 }, "one model per group: \(groups.map(\.residentAtEnd))")
        let caption = try #require(r.services.first { $0.id == "caption" })
        let ttft = try #require(caption.ttft).mean
        // The vision stage (10 ms), then at most one decode iteration (~1 ms) and the prefill (~2 ms).
        #expect(ttft > 0.010 && ttft < 0.016, "caption TTFT \(ttft) s")
        let (shape, roof) = try S.shape(c)
        let chat = try #require(r.services.first { $0.id == "chat" })
        let tpot = try #require(chat.tpot).mean
        #expect(chat.requests == 1 && tpot < 0.0012, "chat TPOT \(tpot)")
        let alone = LanguageIteration.decodeRunSeconds(shape, roof, batch: 1, cached: 100, count: 199) / 199
        #expect(tpot >= alone * (1 - 1e-9), "sharing iterations with the caption only slows the chat")
    }
}

@Suite("Continuous batching: catalog and set-up")
struct ContinuousSetupTests {
    /// MODEL.md §5: GPT-3 13B's arithmetic fit has α < 0 (few-shot below one-shot), so K_max is 1
    /// in both batching modes, and `catalog validate` says so.
    @Test func aNegativeAlphaCapsTheExamplesAtOne() throws {
        let c = try CatalogLoader.loadDefault()
        for batching in [LLMBatching.continuous, .static] {
            let setup = try CompiledSetup(catalog: c, workload: try #require(c.workload("metaverse")),
                                          config: ServerConfig(accelerator: "l4", precision: "int8", maxBatch: 8, admission: .sloAware,
                                                               llmBatching: batching))
            let si = try #require(setup.serviceIds.firstIndex(of: "arithmetic"))
            let choices = setup.stages(of: si).flatMap { Int(setup.stageChoiceStart[$0])..<Int(setup.stageChoiceStart[$0 + 1]) }
            let gpt = try #require(choices.first { setup.modelIds[Int(setup.hot[$0].model)] == "gpt3-13b" })
            #expect(setup.hot[gpt].kMax == 1, "\(batching)")
        }
        let notes = CatalogValidator.notes(c)
        #expect(notes.contains { $0.message.contains("'gpt3-13b' on task 'arithmetic'") && $0.message.contains("K = 1") })
        #expect(c.warnings.isEmpty, "a note, not a warning every command prints")
    }

    /// TTFT and TPOT targets belong to language services: on a vision service they are an error
    /// with its position.
    @Test func aTokenSLOOnAServiceWithoutALanguageModelIsAnError() throws {
        let text = ContinuousServer.text(extraModels: "  - {id: cam, family: vision, parameters_m: 10, gflops: 1, tasks: [{task: tv, score: 50}]}",
                                         extraServices: "  - {id: see, task: tv, stages: [{model: cam}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100, tpot_p95_ms: 5}}")
        do {
            _ = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: text)])
            Issue.record("accepted tpot_p95_ms on a vision service")
        } catch {
            let d = try #require(error.diagnostics.first { $0.path.hasSuffix("slo.tpot_p95_ms") })
            #expect(d.message == "service 'see' sets tpot_p95_ms, but none of its stages runs a language model")
            #expect(d.location?.file == "x.yaml" && (d.location?.line ?? 0) > 1)
        }
    }
}
