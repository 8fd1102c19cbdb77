import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// The v2 server's hand-worked examples (MODEL.md §2–§7, issue "Serving model v2, part 1").
/// The catalog makes every number easy: 1 TFLOPS and 1 GB/s of host link per GPU, 1.5 GB of
/// memory per GPU, a runtime with no overheads (mfu 1 at any batch, mbu 1, no start time), no hosts
/// (a load copies over the group's links: 1 GB takes 1 s on one GPU, 0.5 s on two).
enum ServerCatalogs {
    static func text(models: [(id: String, paramsM: Double, gflops: Double, repeats: Int)], slo: Double = 100_000,
                     admission: String = "always-edge", perGPUGiB: Double = 1.5e9 / 1_073_741_824, extra: String = "") -> String {
        var s = header(perGPUGiB: perGPUGiB, tflops: 1, admission: admission) + """
        runtimes:
          - id: plain
            llm_batching: static
            fixed_overhead_gib: 0
            activation_fraction: 0
            families:
              vision: {mfu_max: 1, mfu_half_tokens: 0, mbu: 1, pass_overhead_ms: 0, start_s: {dram: 0, nvme: 0, cold: 0}}
        cloud: {core_rtt_ms: 100, backhaul_mbps: 1000, serving_ms: 200, usd_per_request: 0.01}
        network: {uplink_mbps: 100, downlink_mbps: 100}
        site: {usd_per_kwh: 0.1, pue: 1}
        objective: {switching: 1, accuracy: 1, inference: 1, offloading: 1, cloud: 1, switch_cost: 1}
        context: {utility: exponential, half_life_s: 10}
        models:

        """
        for m in models { s += "  - {id: \(m.id), family: vision, parameters_m: \(m.paramsM), gflops: \(m.gflops), tasks: [{task: t\(m.id), score: 80}]}\n" }
        s += "services:\n"
        for m in models {
            s += "  - {id: s\(m.id), task: t\(m.id), stages: [{model: \(m.id), repeat: \(m.repeats)}], request_kb: 0, response_kb: 0, slo: {p95_ms: \(slo)}}\n"
        }
        s += "workloads:\n  - id: w\n    duration_s: 100\n    mix:\n"
        for m in models { s += "      - {service: s\(m.id), rate_per_s: 1}\n" }
        return s + extra
    }

    /// The precision, the `box` accelerator and the server section, every constant 1 or 0.
    static func header(perGPUGiB: Double, tflops: Double, admission: String) -> String {
        """
        schema_version: 1
        precisions:
          - {id: int8, bytes_per_weight: 1, bytes_per_kv: 1}
        accelerators:
          - {id: box, tier: edge, memory_gib: \(perGPUGiB), bandwidth_gbps: 1000, load_bandwidth_gbps: 1,
             tflops: {int8: \(tflops)}, power_busy_w: 100, power_idle_w: 50, price_usd: 8760, lifetime_years: 1}
        server:
          usable_fraction: 1
          runtime_overhead: 0
          mfu: 1
          mbu: 1
          multi_gpu_efficiency: 1
          load_overhead_ms: 0
          max_batch: 4
          admission: \(admission)
          default_precision: int8
          host_power_w: 0
          host_price_usd: 0
          host_lifetime_years: 1

        """
    }

    static func run(_ text: String, count: Int, layout: String, arrivals: [(Double, Int)], policy: PolicyName = .lru,
                    admission: Admission = .alwaysEdge) throws -> SimulationResult {
        let c = try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text)])
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", count: count, precision: "int8", maxBatch: 4, admission: admission))
        let l = try Layout.parse(layout, count: count).get()
        let plan = try ServerPlan(catalog: c, setup: setup, layout: l, runtime: nil, loading: nil)
        return ServerSimulation.run(policy, setup: setup, plan: plan, run: RunConfig(durationS: 100),
                                        arrivals: arrivals.map { Arrival(time: $0.0, service: Int32($0.1)) })
    }
}

@Suite("v2 server: worked examples")
struct ServerWorkedExampleTests {
    /// A (1000 GFLOP, 1 s on one GPU) and B (100 GFLOP, 0.1 s), 1 GB each, warmed up at t = 0; at
    /// t = 10 an A request, at 10.1 a B request.
    /// - `1x2`: A loads on group 0 (1 s) and runs 1 … 2; B does not fit beside it (1.5 GB per GPU) and
    ///   loads on group 1 (0 … 1), runs 1 … 1.1. At 10 each has its own group: B runs at once, 0.1 s.
    /// - `2`: one group of two GPUs holds both. A loads in 0.5 s (two links), then B's load uses the
    ///   links 0.5 … 1.0; A's pass takes 0.5 s on two GPUs (0.5 … 1.0), B runs 1.0 … 1.05. At 10, A
    ///   runs 10 … 10.5 and B waits for that pass: 10.5 … 10.55, 0.45 s.
    @Test func groupsRunConcurrentlyAndAGroupIsShared() throws {
        let text = ServerCatalogs.text(models: [("a", 1000, 1000, 1), ("b", 1000, 100, 1)])
        let arrivals: [(Double, Int)] = [(0, 0), (0, 1), (10, 0), (10.1, 1)]
        let split = try ServerCatalogs.run(text, count: 2, layout: "1x2", arrivals: arrivals)
        let shared = try ServerCatalogs.run(text, count: 2, layout: "2", arrivals: arrivals)
        #expect(split.groups?.map(\.residentAtEnd) == [["a"], ["b"]])
        #expect(shared.groups?.map(\.residentAtEnd) == [["a", "b"]])
        func latencies(_ r: SimulationResult, _ id: String) throws -> (Double, Double) {
            let s = try #require(r.services.first { $0.id == id })
            return (s.latency.p50, s.latency.max)   // p50 of two requests is the smaller
        }
        let tol = 2e-3
        let (aSplitLow, aSplitHigh) = try latencies(split, "sa")
        let (bSplitLow, bSplitHigh) = try latencies(split, "sb")
        #expect(abs(aSplitLow - 1.0) < tol && abs(aSplitHigh - 2.0) < tol)
        #expect(abs(bSplitLow - 0.1) < tol && abs(bSplitHigh - 1.1) < tol)
        let (aSharedLow, aSharedHigh) = try latencies(shared, "sa")
        let (bSharedLow, bSharedHigh) = try latencies(shared, "sb")
        #expect(abs(aSharedLow - 0.5) < tol && abs(aSharedHigh - 1.0) < tol)
        #expect(abs(bSharedLow - 0.45) < tol && abs(bSharedHigh - 1.05) < tol)
    }

    /// One GPU; A is a 3-step stage (0.2 s a step), B one 0.1 s pass, 0.5 GB each.
    /// Warm-up at 0: A loads 0 … 0.5, B's load follows on the links 0.5 … 1.0; A steps 0.5 … 1.1
    /// (B is not ready before its last step starts at 0.9), B 1.1 … 1.2. At 10 A, at 10.05 B:
    /// A's first step 10 … 10.2, then B's turn 10.2 … 10.3, then A 10.3 … 10.7.
    @Test func repeatedStagesTakeOneStepPerTurn() throws {
        let text = ServerCatalogs.text(models: [("a", 500, 200, 3), ("b", 500, 100, 1)])
        let r = try ServerCatalogs.run(text, count: 1, layout: "1", arrivals: [(0, 0), (0, 1), (10, 0), (10.05, 1)])
        let a = try #require(r.services.first { $0.id == "sa" })
        let b = try #require(r.services.first { $0.id == "sb" })
        #expect(abs(a.latency.max - 1.1) < 2e-3, "A \(a.latency)")
        #expect(abs(a.latency.p50 - 0.7) < 2e-3, "A \(a.latency)")
        #expect(abs(b.latency.max - 1.2) < 2e-3, "B \(b.latency)")
        #expect(abs(b.latency.p50 - 0.25) < 2e-3, "B \(b.latency)")
        #expect(r.groups?[0].passes == 8)
    }

    /// A 2 GB model does not fit one 1.5 GB GPU: on `2+1+1` it lands on the 2-GPU group.
    @Test func aModelTooBigForOneGPULandsOnATwoGPUGroup() throws {
        let text = ServerCatalogs.text(models: [("big", 2000, 100, 1), ("small", 1000, 100, 1)])
        let r = try ServerCatalogs.run(text, count: 4, layout: "2+1+1", arrivals: [(0, 1), (1, 0), (5, 0)])
        #expect(r.groups?.map(\.gpus) == [2, 1, 1])
        // small fits a 1-GPU group: placement prefers the fewest GPUs with free memory.
        #expect(r.groups?.map(\.residentAtEnd) == [["big"], ["small"], []])
        #expect(r.edge == 3 && r.offloaded == 0)
        // big's load: 2 GB over two 1 GB/s links, 1 s; its pass 100 GFLOP on 2 TFLOPS, 0.05 s.
        let big = try #require(r.services.first { $0.id == "sbig" })
        #expect(abs(big.latency.max - 1.05) < 2e-3)
        #expect(abs(big.latency.p50 - 0.05) < 2e-3)
    }

    /// Under SLO-aware admission, a request that would wait for a load goes to the cloud (0.3 s),
    /// and the load still starts: the next request is served at the edge.
    @Test func aBackgroundLoadServesTheNextRequests() throws {
        let text = ServerCatalogs.text(models: [("a", 1000, 100, 1)], slo: 500)
        let r = try ServerCatalogs.run(text, count: 1, layout: "1", arrivals: [(0, 0), (10, 0), (20, 0)], admission: .sloAware)
        #expect(r.offloaded == 1)
        #expect(r.edge == 2)
        #expect(r.loads == 1)
        #expect(abs(r.services[0].latency.p50 - 0.1) < 2e-3)
    }

    /// Overload on `1x2`: requests pile up on the first replica; when waiting would break the SLO
    /// they go to the cloud and a replica loads on the other group, which then serves its share.
    @Test func aReplicaIsLoadedUnderOverloadAndUsed() throws {
        let text = ServerCatalogs.text(models: [("a", 1000, 100, 1)], slo: 450)
        // Warm up one instance, then a burst of 40 requests 20 ms apart (0.1 s each: 5× overload).
        let burst = (0..<40).map { (10 + Double($0) * 0.02, 0) }
        let r = try ServerCatalogs.run(text, count: 2, layout: "1x2", arrivals: [(0, 0)] + burst, admission: .sloAware)
        let groups = try #require(r.groups)
        #expect(groups[1].replicas == 1)
        #expect(groups[1].passes > 0)
        #expect(groups.map(\.residentAtEnd) == [["a"], ["a"]])
        #expect(r.edge + r.offloaded == r.requests)
        #expect(r.offloaded > 0)
    }
}
