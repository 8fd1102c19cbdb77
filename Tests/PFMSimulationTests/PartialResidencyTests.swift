import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Partial residency worked out by hand (pfmplan-model(7), PARTIAL RESIDENCY).
///
/// The catalog is TestCatalogs' style: int8 weights (1 byte each), no runtime overhead, no KV
/// cache, 1 GB/s load bandwidth (a GB loads, or streams, in 1 s), 100 GB/s memory bandwidth and
/// 1 TFLOPS, so a 100-GFLOP vision inference takes max(0.1 s, weights / 100 GB/s) = 0.1 s for
/// models up to 10 GB. Zero payloads, so there is no uplink or downlink; the cloud path takes
/// 100 ms core RTT + 100 ms serving = 0.2 s and costs $0.01.
@Suite("Partial residency: worked examples")
struct PartialResidencyTests {
    /// Vision models (id, millions of parameters), one service each, and a card of `usableGB` GB.
    static func text(models: [(String, Double)], usableGB: Double, fractions: String = "[0.25, 0.5, 0.75]",
                     language: Bool = false) -> String {
        var s = TestCatalogs.settings(memoryGiB: usableGB * 1e9 / 1_073_741_824, utility: "exponential\n  half_life_s: 10", extra: """
            caching:
              demand: ewma
              half_life_s: 10
              interval_s: 5
              post_shift_window_s: 20
              partial_fractions: \(fractions)
            models:

            """)
        for (id, params) in models {
            if language {
                s += "  - {id: \(id), family: language, parameters_m: \(params), gflops: 2, tasks: [{task: t\(id), score: 50}]}\n"
            } else {
                s += "  - {id: \(id), family: vision, parameters_m: \(params), gflops: 100, tasks: [{task: t\(id), score: 50}]}\n"
            }
        }
        s += "services:\n"
        for (id, _) in models {
            let tokens = language ? " tokens_in: 100, tokens_out: 10," : ""
            s += "  - {id: s\(id), task: t\(id),\(tokens) stages: [{model: \(id)}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}}\n"
        }
        s += "workloads:\n  - id: w\n    duration_s: 100\n    mix:\n"
        for (id, _) in models { s += "      - {service: s\(id), rate_per_s: 1}\n" }
        return s
    }

    static func setup(_ text: String, _ residency: Residency, admission: Admission = .alwaysEdge) throws -> CompiledSetup {
        let c = try TestCatalogs.catalog(text)
        return try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
            accelerator: "box", count: 1, precision: "int8", maxBatch: 1, admission: admission, residency: residency))
    }

    static func run(_ text: String, _ residency: Residency, _ arrivals: [(Double, Int)],
                    admission: Admission = .alwaysEdge) throws -> SimulationResult {
        let setup = try setup(text, residency, admission: admission)
        return Simulation.simulate(LeastRecentlyUsed(), setup, RunConfig(durationS: 50), arrivals: TestCatalogs.arrivals(arrivals))
    }

    static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    /// A 2 GB model on a 1.6 GB card, fractions [0.25, 0.5, 0.75, 1]. Whole it never fits, so
    /// binary residency sends both requests to the cloud (0.2 s, $0.01 each). Partial: the largest
    /// fraction that fits is 0.75 (1.5 GB; 1 would need 2 GB). Load 0.75 × 2 GB / 1 GB/s = 1.5 s.
    /// Service = 0.1 s compute + (1 − 0.75) × 2 GB / 1 GB/s = 0.1 + 0.5 = 0.6 s per pass.
    /// Request at 0: 1.5 + 0.6 = 2.1 s; at 10: a hit, 0.6 s. No top-up: 0.75 → 1 needs 0.5 GB more
    /// and only 0.1 GB is free.
    @Test func bigModelLoadsInPartInsteadOfTheCloud() throws {
        let text = Self.text(models: [("big", 2000)], usableGB: 1.6)
        let binary = try Self.run(text, .binary, [(0, 0), (10, 0)])
        #expect(binary.edge == 0 && binary.offloaded == 2 && binary.loads == 0)
        #expect(Self.close(binary.latency.mean, 0.2))
        #expect(Self.close(binary.money.cloudUSDPerMonth, 0.02 / 50 * 3600 * 730))
        #expect(binary.residency == nil && binary.topUps == nil && binary.models[0].residentFractionAtEnd == nil)

        let partial = try Self.run(text, .partial, [(0, 0), (10, 0)])
        #expect(partial.residency == "partial")
        #expect(partial.edge == 2 && partial.offloaded == 0)
        #expect(partial.loads == 1 && partial.partialLoads == 1 && partial.topUps == 0)
        #expect(partial.models[0].residentFractionAtEnd == 0.75)
        #expect(Self.close(partial.peakMemoryGiB * MemoryModel.bytesPerGiB, 1.5e9))
        #expect(Self.close(partial.latency.mean, (2.1 + 0.6) / 2))
        #expect(Self.close(partial.latency.max, 2.1, LatencyHistogram.relativeError))
        #expect(Self.close(partial.streamingSeconds ?? -1, 2 * 0.5))
        #expect(Self.close(partial.money.cloudUSDPerMonth, 0))
        // Busy: 2 × 0.6 s of passes over the 50 s window (v2 loads copy in the background).
        #expect(Self.close(partial.busyFraction, 1.2 / 50))
    }

    /// The same on a 1.2 GB card: 0.75 (1.5 GB) no longer fits, 0.5 (1 GB) does. Load 1 s,
    /// service 0.1 + 0.5 × 2 = 1.1 s: 2.1 s for the first request.
    @Test func theLargestFractionThatFits() throws {
        let r = try Self.run(Self.text(models: [("big", 2000)], usableGB: 1.2), .partial, [(0, 0)])
        #expect(r.models[0].residentFractionAtEnd == 0.5)
        #expect(Self.close(r.latency.mean, 1.0 + 1.1))
        // Too small for the smallest fraction (0.25 × 2 GB = 0.5 GB): the cloud, as under binary.
        let tiny = try Self.run(Self.text(models: [("big", 2000)], usableGB: 0.4), .partial, [(0, 0)])
        #expect(tiny.edge == 0 && tiny.offloaded == 1)
    }

    /// Language models stream per forward pass: the prefill and each decoded token. A 2 GB model,
    /// 2 GFLOPs per token, 100 tokens in, 10 out, at 0.75 on a 1.6 GB card:
    /// prefill 2e9 × 100 / 1e12 = 0.2 s; decode 10 × max(2 GB / 100 GB/s, 2e9 / 1e12) = 10 × 0.02 = 0.2 s;
    /// streaming (1 + 10) passes × 0.25 × 2 GB / 1 GB/s = 11 × 0.5 = 5.5 s. Service 5.9 s, load 1.5 s.
    @Test func languageModelsStreamPerToken() throws {
        let r = try Self.run(Self.text(models: [("lm", 2000)], usableGB: 1.6, language: true), .partial, [(0, 0), (20, 0)])
        #expect(r.edge == 2)
        #expect(Self.close(r.latency.mean, ((1.5 + 5.9) + 5.9) / 2))
        #expect(Self.close(r.streamingSeconds ?? -1, 2 * 5.5))
    }

    /// Progressive loading. A 3 GB model that never fits whole (usable 2.6 GB), a 1 GB and a
    /// 0.25 GB model, LRU.
    /// - t = 0, s1: m1 loads whole (1 s) and serves (0.1 s); 1 GB used.
    /// - t = 2, s0: 3 GB never fits whole, so rule 2: the largest fraction in the 1.6 GB free is
    ///   0.5 (1.5 GB), no eviction. Load 1.5 s; service 0.1 + 0.5 × 3 = 1.6 s; latency 3.1 s.
    ///   2.5 GB used.
    /// - t = 10, s2: 0.25 GB fits whole after evicting the LRU m1 (rule 1). Load 0.25 s, service
    ///   0.1 s, engine free at 10.35 with 1.75 GB used and 0.85 GB free.
    /// - Idle: the top-up raises big from 0.5 to 0.75 (+0.75 GB) in 0.25 × 3 GB / 1 GB/s = 0.75 s,
    ///   10.35 → 11.1, over the group's host links. 0.75 → 1 needs 0.75 GB more: only 0.1 GB free.
    /// - t = 20, s0: a hit at 0.75: 0.1 + 0.25 × 3 = 0.85 s, 0.75 s shorter than the 1.6 s it
    ///   would have taken at 0.5.
    @Test func progressiveTopUpInIdleTime() throws {
        let text = Self.text(models: [("big", 3000), ("m1", 1000), ("m2", 250)], usableGB: 2.6)
        let r = try Self.run(text, .partial, [(0, 1), (2, 0), (10, 2), (20, 0)])
        #expect(r.loads == 3 && r.partialLoads == 1 && r.evictions == 1)
        #expect(r.topUps == 1)
        #expect(Self.close(r.topUpSeconds ?? -1, 0.75))
        #expect(r.models.map(\.residentFractionAtEnd) == [0.75, 0, 1])
        let s0 = r.services[0].latency
        #expect(Self.close(s0.mean, (3.1 + 0.85) / 2))
        #expect(Self.close(r.services[1].latency.mean, 1.1))
        #expect(Self.close(r.services[2].latency.mean, 0.35))
        #expect(Self.close(r.streamingSeconds ?? -1, 1.5 + 0.75))
        // Top-up time is switching time (switch_cost_per_s), not a switch, and like loads it runs
        // over the links, not as passes: busy is the passes alone.
        let serviceS = 0.1 + 1.6 + 0.1 + 0.85
        #expect(Self.close(r.busyFraction, serviceS / 50))
        #expect(Self.close(r.cost.switchingCost, 3.0 / 4))

        // A request during the top-up (10.8, before 11.1) runs at the fraction resident when its
        // pass starts, 0.5: 1.6 s; the top-up still completes.
        let busy = try Self.run(text, .partial, [(0, 1), (2, 0), (10, 2), (10.8, 0)])
        #expect(busy.topUps == 1)
        #expect(busy.models.map(\.residentFractionAtEnd) == [0.75, 0, 1])
        #expect(Self.close(busy.services[0].latency.mean, (3.1 + 1.6) / 2))
    }

    /// SLO-aware admission's estimate includes the streaming. Not resident: the load at the
    /// fraction it would take now (0.75: 1.5 s) + 0.1 s compute + 0.5 s streaming = 2.1 s.
    /// Resident at 0.75: 0.6 s. With a 0.5 s SLO every request goes to the cloud (0.2 s), though
    /// the 0.1 s compute alone would meet it.
    @Test func sloAwareEstimateIncludesStreaming() throws {
        var text = Self.text(models: [("big", 2000)], usableGB: 1.6)
        text = text.replacingOccurrences(of: "p95_ms: 100000", with: "p95_ms: 500")
        let c = try TestCatalogs.catalog(text)
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
            accelerator: "box", count: 1, precision: "int8", maxBatch: 1, admission: .sloAware, residency: .partial))
        var engine = ServerEngine(setup: setup, policy: LeastRecentlyUsed(), run: RunConfig(durationS: 50))
        var empty = ArrivalList([])
        _ = engine.simulate(&empty)   // sets the policies up
        // Not resident: load at the planned 0.75 (1.5 s) + 0.1 s + 0.5 s stream.
        let planned = engine.planStages(0, at: 0)
        let missing = try #require(planned)
        #expect(Self.close(missing.completion, 1.5 + 0.6) && !missing.hit && engine.planMissing[0])
        engine.residency.insert(0, on: 0, bytes: 1.5e9, fraction: 2, at: 0)
        engine.residency.loadingGroup.removeAll()
        engine.residency.loadingModel.removeAll()
        let replanned = engine.planStages(0, at: 0)
        let resident = try #require(replanned)
        #expect(Self.close(resident.completion, 0.6) && resident.hit)
        // With a 0.5 s SLO every request goes to the cloud, though the 0.1 s compute alone would fit.
        let r = Simulation.simulate(LeastRecentlyUsed(), setup, RunConfig(durationS: 50), arrivals: TestCatalogs.arrivals([(0, 0), (10, 0)]))
        #expect(r.offloaded == 2)
    }

    /// Binary residency ignores the fractions: the same catalog, with and without the section,
    /// gives identical results.
    @Test func binaryIsUnchanged() throws {
        let text = Self.text(models: [("big", 3000), ("m1", 1000), ("m2", 250)], usableGB: 3.2)
        let arrivals: [(Double, Int)] = [(0, 1), (2, 0), (10, 2), (20, 0), (21, 1), (30, 2)]
        let binary = try Self.run(text, .binary, arrivals)
        let noSection = text.replacingOccurrences(of: "partial_fractions: [0.25, 0.5, 0.75]", with: "partial_fractions: []")
        let other = try Self.run(noSection, .binary, arrivals)
        #expect(binary == other)
        #expect(binary.residency == nil && binary.partialLoads == nil)
        // Here every model fits whole, so partial residency behaves like binary (rule 1)…
        let partial = try Self.run(text, .partial, arrivals)
        #expect(partial.partialLoads == 0 && partial.topUps == 0)
        #expect(partial.latency == binary.latency && partial.loads == binary.loads && partial.evictions == binary.evictions)
    }

    /// Every policy runs under partial residency and keeps memory within usable.
    @Test(arguments: [PolicyName.lc, .lfu, .lru, .fifo, .random, .belady, .cloud])
    func composesWithEveryPolicy(_ policy: PolicyName) throws {
        let c = try TestCatalogs.catalog(Self.text(models: [("big", 3000), ("m1", 1000), ("m2", 250)], usableGB: 2.6))
        for caching in CachingMode.allCases {
            let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
                accelerator: "box", count: 1, precision: "int8", maxBatch: 2, admission: .sloAware, caching: caching, residency: .partial))
            let r = try Simulation.run(policy, setup: setup, run: RunConfig(durationS: 200, seed: 5))
            #expect(r.requests > 0)
            #expect(r.peakMemoryGiB <= r.usableMemoryGiB * (1 + 1e-9))
            if policy == .cloud { #expect(r.edge == 0 && r.residency == nil) } else { #expect(r.edge > 0 && r.residency == "partial") }
        }
    }

    /// Examples/partial-caching at a tenth of its length: binary sends GPT3-13B's requests to the
    /// cloud; partial serves most at the edge from a 0.75 fraction, within the SLO, for less cloud
    /// spend (at 2026 cloud prices the edge energy it adds outweighs that: the total is not lower).
    @Test func exampleScenario() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sc = try Scenario.load(path: root.appendingPathComponent("Examples/partial-caching/scenario.yaml").path)
        let c = try CatalogLoader.load(paths: sc.catalogs)
        let w = try #require(c.workload(sc.workload ?? ""))
        func run(_ residency: Residency) throws -> SimulationResult {
            let setup = try CompiledSetup(catalog: c, workload: w, config: ServerConfig(
                accelerator: sc.accelerator ?? "", count: sc.count ?? 1, precision: sc.precision ?? "",
                maxBatch: sc.maxBatch ?? 1, admission: sc.admission ?? .sloAware, residency: residency))
            return try Simulation.run(.lc, setup: setup, run: RunConfig(durationS: 360, warmupS: 30, seed: 1))
        }
        let binary = try run(.binary), partial = try run(.partial)
        #expect(binary.edge == 0)
        #expect(partial.edge > partial.offloaded)
        #expect(partial.models.first { $0.id == "gpt3-13b" }?.residentFractionAtEnd == 0.75)
        #expect(partial.meetsSLOs && binary.meetsSLOs)
        #expect(partial.money.cloudUSDPerMonth < binary.money.cloudUSDPerMonth)
        #expect(partial.latency.p95 > binary.latency.p95)
    }
}
