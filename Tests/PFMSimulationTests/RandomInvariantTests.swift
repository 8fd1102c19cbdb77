import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Invariants over random catalogs and workloads: random model sizes, pipelines of 1–3 stages with
/// equivalent models, language and vision models, random rates, batch limits, admission rules and
/// context utilities. Each case is reproducible from its seed.
@Suite("Random invariants")
struct RandomInvariantTests {
    static func randomCatalog(_ g: inout SplitMix64) -> String {
        let models = 2 + g.below(8)
        let utility = ["exponential\n  half_life_s: \(1 + g.below(600))", "linear\n  drain_per_s: 0.\(1 + g.below(9))",
                       "window\n  window_s: \(1 + g.below(300))"][g.below(3)]
        var s = """
            schema_version: 1
            precisions:
              - {id: fp16, bytes_per_weight: 2, bytes_per_kv: 2, accuracy_penalty: {language: \(g.below(3)), vision: 0, multimodal: 0}}
            accelerators:
              - {id: box, tier: edge, memory_gib: \(4 + g.below(60)), bandwidth_gbps: \(100 + g.below(2000)), load_bandwidth_gbps: \(1 + g.below(50)),
                 tflops: {fp16: \(10 + g.below(500))}, power_busy_w: 300, power_idle_w: 30, price_usd: 5000, lifetime_years: 4}
            server: {usable_fraction: 0.9, runtime_overhead: 0.1, mfu: 0.5, mbu: 0.7, multi_gpu_efficiency: 0.9, load_overhead_ms: \(g.below(1000)),
                     max_batch: 8, admission: slo-aware, default_precision: fp16, host_power_w: 100, host_price_usd: 1000, host_lifetime_years: 4}
            cloud: {core_rtt_ms: \(g.below(100)), backhaul_mbps: 1000, serving_ms: \(g.below(2000)), usd_per_request: 0.001}
            network: {uplink_mbps: 20, downlink_mbps: 100}
            site: {usd_per_kwh: 0.1, pue: 1.5}
            objective: {switching: 1, accuracy: 1, inference: 1, offloading: 1, cloud: 1, switch_cost: 1}
            context:
              utility: \(utility)
            models:

            """
        for i in 0..<models {
            let language = g.below(2) == 0
            let params = 100 + g.below(20_000)
            if language {
                s += "  - {id: m\(i), family: language, parameters_m: \(params), gflops: \(Double(params) / 500), layers: \(8 + g.below(40)), kv_width: \(512 * (1 + g.below(8))),"
                s += " context_window_tokens: 2048, tokens_per_example: \(8 + g.below(64)), tasks: [{task: t, zero_shot: \(10 + g.below(20)), one_shot: \(35 + g.below(20)), few_shot: \(60 + g.below(20)), few_shot_k: 32}]}\n"
            } else {
                s += "  - {id: m\(i), family: vision, parameters_m: \(params), gflops: \(g.below(500) + 1), tasks: [{task: t, score: \(40 + g.below(50))}]}\n"
            }
        }
        s += "services:\n"
        let services = 1 + g.below(5)
        for i in 0..<services {
            let stages = 1 + g.below(3)
            let list = (0..<stages).map { _ in
                let k = 1 + g.below(2)
                return "{models: [" + (0..<k).map { _ in "m\(g.below(models))" }.joined(separator: ", ") + "], repeat: \(1 + g.below(3))}"
            }
            s += "  - {id: s\(i), task: t, stages: [\(Set(list).sorted().joined(separator: ", "))], tokens_in: \(g.below(200)), tokens_out: \(1 + g.below(64)),"
            s += " request_kb: \(g.below(100)), response_kb: \(g.below(100)), slo: {p95_ms: \(200 + g.below(20_000)), min_accuracy: \(g.below(50))}}\n"
        }
        s += "workloads:\n  - id: w\n    duration_s: 600\n    warmup_s: \(g.below(100))\n    mix:\n"
        for i in 0..<services { s += "      - {service: s\(i), rate_per_s: 0.\(1 + g.below(9))\(g.below(10))}\n" }
        return s
    }

    @Test(arguments: 1...40)
    func invariantsHold(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed) &* 7919)
        let text = Self.randomCatalog(&g)
        let catalog: Catalog
        do { catalog = try CatalogLoader.load(sources: [.init(name: "random-\(seed).yaml", text: text)]) } catch {
            Issue.record("seed \(seed): generated catalog rejected: \(error)")
            return
        }
        for admission in [Admission.sloAware, .alwaysEdge] {
            let setup = try CompiledSetup(catalog: catalog, workload: catalog.workloads[0], config: ServerConfig(
                accelerator: "box", count: 1 + g.below(3), precision: "fp16", maxBatch: 1 + g.below(8), admission: admission))
            let run = RunConfig(durationS: 600, warmupS: catalog.workloads[0].warmupS, seed: UInt64(seed))
            for policy in PolicyName.allCases {
                // Debug builds also assert at every load that memory never exceeds capacity.
                let r = try Simulation.run(policy, setup: setup, run: run)
                let again = try Simulation.run(policy, setup: setup, run: run)
                let tag = "seed \(seed) \(policy) \(admission)"
                #expect(r == again, "\(tag): not deterministic")
                #expect(r.edge + r.offloaded == r.requests, "\(tag): requests not counted exactly once")
                #expect(r.loads == r.evictions + r.residentAtEnd - r.residentAtStart, "\(tag): loads ≠ evictions + Δresident")
                #expect(r.peakMemoryGiB <= r.usableMemoryGiB * (1 + 1e-12), "\(tag): memory over capacity")
                if let a = r.meanAccuracy { #expect(a >= 0 && a <= 100, "\(tag)") }
                for s in r.services where s.meanAccuracy != nil { #expect(s.meanAccuracy! >= 0 && s.meanAccuracy! <= 100, "\(tag)") }
                #expect(r.cost.edgeExecutionRatio >= 0 && r.cost.edgeExecutionRatio <= 1)
                if policy == .cloud { #expect(r.loads == 0 && r.edge == 0, "\(tag)") }
            }
        }
    }

    /// Latency is never below the time to serve: at the edge a request takes at least its
    /// service time at batch 1 plus network; the minimum latency recorded is at least the smallest
    /// of the edge and cloud paths.
    @Test(arguments: 1...10)
    func latencyIsNeverBelowServiceTime(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed) &* 104_729)
        let catalog = try CatalogLoader.load(sources: [.init(name: "r.yaml", text: Self.randomCatalog(&g))])
        let setup = try CompiledSetup(catalog: catalog, workload: catalog.workloads[0], config: ServerConfig(
            accelerator: "box", count: 1, precision: "fp16", maxBatch: 1, admission: .alwaysEdge))
        var engine = ServerEngine(setup: setup, policy: LeastRecentlyUsed(), run: RunConfig(durationS: 600, seed: UInt64(seed)))
        var source = try Simulation.arrivals(setup, RunConfig(durationS: 600, seed: UInt64(seed)))
        let r = engine.simulate(&source)
        for (i, s) in r.services.enumerated() where s.edge > 0 && s.offloaded == 0 {
            // the fastest possible edge path: batch 1, no queue, no load, no context
            var minimum = setup.svc[i].uplinkS + setup.svc[i].downlinkS
            for g in setup.stages(of: i) {
                // The engine's own batch-1 estimate, on the fastest group: exact for one pass per
                // item, and a lower bound for a static language batch (decode reads grow with context).
                let c = (Int(setup.stageChoiceStart[g])..<Int(setup.stageChoiceStart[g + 1])).flatMap { ci in
                    (0..<setup.serverPlan.groupCount).map { engine.stageEstimate(choice: ci, stage: g, group: $0, examples: 0) }
                }.min() ?? 0
                minimum += c
            }
            let h = engine.metrics.serviceLatency.histogram(i)
            #expect(h.quantile(0) >= minimum * (1 - 2 * LatencyHistogram.relativeError) - 1e-6, "seed \(seed) service \(s.id)")
        }
    }
}
