import Testing
import PFMCatalog
@testable import PFMSimulation

/// The mobile tier (pfmplan-model(7), MOBILE TIER): device → edge → cloud, checked by hand.
@Suite("Mobile tier")
struct MobileTierTests {
    /// Box: 1 TFLOPS int8, 1 GB/s loads, 10 GiB. Device "dev": 0.5 TFLOPS, 100 GB/s, 2 GiB all usable,
    /// 5 W, 0.36 USD/kWh. Cloud: 100 ms RTT + 100 ms serving, empty payloads, so 0.2 s per request.
    /// m0: 1,000 M params, 100 GFLOP; m1: 1,000 M, 200 GFLOP; m2: 3,000 M (too big for the device).
    static let yaml = """
        schema_version: 1
        precisions:
          - {id: int8, bytes_per_weight: 1, bytes_per_kv: 1}
        accelerators:
          - {id: box, tier: edge, memory_gib: 10, bandwidth_gbps: 100, load_bandwidth_gbps: 1,
             tflops: {int8: 1}, power_busy_w: 100, power_idle_w: 50, price_usd: 8760, lifetime_years: 1}
        devices:
          - {id: dev, kind: phone, memory_gib: 2, usable_fraction: 1, bandwidth_gbps: 100, tflops: {int8: 0.5},
             precision: int8, mfu: 1, mbu: 1, power_w: 5, usd_per_kwh: 0.36}
        server: {usable_fraction: 1, runtime_overhead: 0, mfu: 1, mbu: 1, multi_gpu_efficiency: 1, load_overhead_ms: 0,
                 max_batch: 1, admission: slo-aware, default_precision: int8, host_power_w: 0, host_price_usd: 0, host_lifetime_years: 1}
        cloud: {core_rtt_ms: 100, backhaul_mbps: 1000, serving_ms: 100, usd_per_request: 0.01}
        network: {uplink_mbps: 100, downlink_mbps: 100}
        site: {usd_per_kwh: 0.1, pue: 1}
        objective: {switching: 1, accuracy: 1, inference: 1, offloading: 1, cloud: 1, switch_cost: 1}
        context: {utility: exponential, half_life_s: 10}
        models:
          - {id: m0, family: vision, parameters_m: 1000, gflops: 100, tasks: [{task: t0, score: 50}]}
          - {id: m1, family: vision, parameters_m: 1000, gflops: 200, tasks: [{task: t1, score: 51}]}
          - {id: m2, family: vision, parameters_m: 3000, gflops: 100, tasks: [{task: t3, score: 53}]}
        services:
          - {id: s0, task: t0, stages: [{model: m0}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}, on_device: true}
          - {id: s1, task: t1, stages: [{model: m1}], request_kb: 0, response_kb: 0, slo: {p95_ms: 250}, on_device: true}
          - {id: s2, task: t0, stages: [{model: m0}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}}
          - {id: s3, task: t3, stages: [{model: m2}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}, on_device: true}
        workloads:
          - id: w
            duration_s: 10
            mix: [{service: s0, rate_per_s: 1}, {service: s1, rate_per_s: 1}, {service: s2, rate_per_s: 1}, {service: s3, rate_per_s: 1}]
        """

    static func run(device: String?) throws -> SimulationResult {
        let c = try CatalogLoader.load(sources: [.init(name: "mobile.yaml", text: yaml)])
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", precision: "int8", maxBatch: 1, admission: .sloAware, device: device))
        let arrivals = [Arrival(time: 0, service: 0), Arrival(time: 1, service: 1), Arrival(time: 2, service: 2), Arrival(time: 3, service: 3)]
        return Simulation.simulate(LeastContext(), setup, RunConfig(durationS: 10), arrivals: arrivals)
    }

    static func close(_ a: Double, _ b: Double, _ rel: Double = 2e-3) -> Bool { abs(a - b) <= rel * max(abs(b), 1e-12) }

    @Test func workedExample() throws {
        let r = try Self.run(device: "dev")
        // s0: device 0.5 TFLOPS → 100 GFLOP / 0.5e12 = 0.2 s (weights 1 GB / 100 GB/s = 0.01 s is less).
        // s1: device 200 / 500 = 0.4 s > SLO 0.25 s; the cloud's 0.2 s meets it → goes on; the edge
        //     estimate (1 s load + 0.2 s) breaks it, so admission sends it to the cloud: 0.2 s.
        // s2: not on_device → edge: 1 s load + 0.1 s = 1.1 s.
        // s3: m2's 3 GB does not fit the device's 2 GiB → edge: its load copies in the background
        //     while s2's pass runs (m0 and m2 fit together): 3 s load + 0.1 s = 3.1 s.
        let m = try #require(r.mobile)
        #expect(r.device == "dev" && m.device == "dev" && m.devicePrecision == "int8")
        #expect(r.requests == 4 && r.edge == 2 && r.offloaded == 1)
        #expect(r.services.map(\.device) == [1, 0, 0, 0])
        #expect(r.services.map(\.edge) == [0, 0, 1, 1])
        #expect(r.services.map(\.offloaded) == [0, 1, 0, 0])
        #expect(m.onDevice.requests == 1 && m.edge.requests == 2 && m.cloud.requests == 1)
        #expect(m.onDevice.share == 0.25 && m.edge.share == 0.5 && m.cloud.share == 0.25)
        #expect(Self.close(m.onDevice.latency.p50, 0.2) && Self.close(m.onDevice.latency.max, 0.2))
        #expect(Self.close(m.cloud.latency.p50, 0.2))
        #expect(Self.close(m.edge.latency.mean, (1.1 + 3.1) / 2) && Self.close(m.edge.latency.max, 3.1))
        #expect(Self.close(r.services[0].latency.p95, 0.2))
        // Accuracy: device 50 (m0's score, int8 penalty 0); cloud the reference 51; edge 50 and 53.
        #expect(Self.close(m.onDevice.meanAccuracy ?? 0, 50) && Self.close(m.cloud.meanAccuracy ?? 0, 51) && Self.close(m.edge.meanAccuracy ?? 0, 51.5))
        #expect(Self.close(r.meanAccuracy ?? 0, (50.0 + 51 + 50 + 53) / 4, 1e-12))
        // Energy: 5 W × 0.2 s = 1 J = 1/3.6e6 kWh; × 0.36 USD/kWh = 1e-7 USD over a 10 s window,
        // × 3600 × 730 / 10 = 0.02628 USD a month. The server's energy is reported apart.
        #expect(Self.close(m.deviceJoulesPerRequest, 1, 1e-12))
        #expect(Self.close(m.deviceEnergyKWh, 1 / 3.6e6, 1e-12))
        #expect(Self.close(m.deviceEnergyUSDPerMonth, 0.02628, 1e-9))
        #expect(m.serverEnergyKWh == r.energyKWh)
        #expect(r.measuredSeconds == 10)
    }

    @Test func withoutDeviceNothingChanges() throws {
        let r = try Self.run(device: nil)
        #expect(r.mobile == nil && r.device == nil && r.services.allSatisfy { $0.device == nil })
        // s0 now goes to the edge (1.1 s), s1 to the cloud, s2 hits m0 at the edge, s3 at the edge.
        #expect(r.edge == 3 && r.offloaded == 1)
    }

    @Test func alwaysEdgeAdmissionKeepsFeasibleRequestsOnTheDevice() throws {
        let c = try CatalogLoader.load(sources: [.init(name: "mobile.yaml", text: Self.yaml)])
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", precision: "int8", maxBatch: 1, admission: .alwaysEdge, device: "dev"))
        #expect(setup.deviceFeasible == [true, true, false, false])
        #expect(setup.deviceSeconds[0] == 0.2 && setup.deviceSeconds[1] == 0.4)
        let r = Simulation.simulate(LeastContext(), setup, RunConfig(durationS: 10), arrivals: [Arrival(time: 1, service: 1)])
        #expect(r.services[1].device == 1)   // 0.4 s breaks the SLO, but always-edge admission does not look
    }

    @Test func aPhoneCannotHoldGPT3() throws {
        let c = try CatalogLoader.loadDefault()
        let w = try #require(c.workload("metaverse"))
        let setup = try CompiledSetup(catalog: c, workload: w,
                                      config: ServerConfig(accelerator: "l40s", precision: "int8", maxBatch: 8, admission: .sloAware, device: "snapdragon-8-gen-3"))
        let feasible = Dictionary(uniqueKeysWithValues: zip(setup.serviceIds, setup.deviceFeasible))
        // GPT3-13B at int8: 12.85 GB × 1.1 plus its KV cache, far over 6 GiB usable; UniFormer and CLIP fit.
        #expect(feasible["translation"] == false && feasible["qa"] == false && feasible["arithmetic"] == false)
        #expect(feasible["driving-perception"] == true && feasible["xr-understanding"] == true)
        #expect(feasible["aigc-xr"] == false)   // on_device is not set
    }

    @Test func unknownDeviceAndScenarioKey() throws {
        let c = try CatalogLoader.load(sources: [.init(name: "mobile.yaml", text: Self.yaml)])
        #expect(throws: SetupError.self) {
            try CompiledSetup(catalog: c, workload: c.workloads[0],
                              config: ServerConfig(accelerator: "box", precision: "int8", maxBatch: 1, admission: .sloAware, device: "nope"))
        }
        let s = try Scenario.parse("schema_version: 1\nserver: {accelerator: box, device: dev}\n", file: "s.yaml")
        #expect(s.device == "dev")
    }
}
