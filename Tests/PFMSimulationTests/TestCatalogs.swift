import PFMCatalog
@testable import PFMSimulation

/// Small synthetic catalogs whose numbers are easy to check by hand.
enum TestCatalogs {
    /// The settings every synthetic catalog shares: one int8 precision, an accelerator `box` of
    /// `memoryGiB` with 1 GB/s load bandwidth and 1 TFLOPS, a server with no overheads, and the
    /// given context utility; `extra` is appended (e.g. a `caching:` section).
    static func settings(memoryGiB: Double, utility: String, extra: String = "") -> String {
        """
        schema_version: 1
        precisions:
          - {id: int8, bytes_per_weight: 1, bytes_per_kv: 1}
        accelerators:
          - {id: box, tier: edge, memory_gib: \(memoryGiB), bandwidth_gbps: 100, load_bandwidth_gbps: 1,
             tflops: {int8: 1}, power_busy_w: 100, power_idle_w: 50, price_usd: 8760, lifetime_years: 1}
        server:
          usable_fraction: 1
          runtime_overhead: 0
          mfu: 1
          mbu: 1
          multi_gpu_efficiency: 1
          load_overhead_ms: 0
          max_batch: 1
          admission: always-edge
          default_precision: int8
          host_power_w: 0
          host_price_usd: 0
          host_lifetime_years: 1
        cloud: {core_rtt_ms: 100, backhaul_mbps: 1000, serving_ms: 100, usd_per_request: 0.01}
        network: {uplink_mbps: 100, downlink_mbps: 100}
        site: {usd_per_kwh: 0.1, pue: 1}
        objective: {switching: 1, accuracy: 1, inference: 1, offloading: 1, cloud: 1, switch_cost: 1}
        context:
          utility: \(utility)

        """ + extra
    }
    /// `models` vision models of `paramsM` million int8 weights (1 byte each, no overhead), each
    /// with its own service (scores 50 + i % 40, one-shot 10 points more); an accelerator with
    /// `slots` model-sized slots; 1 GB/s load bandwidth,
    /// so a load takes paramsM/1000 s; compute 1 TFLOPS, so a 100-GFLOP inference takes 0.1 s.
    static func text(models: Int = 3, slots: Double = 2.5, paramsM: Double = 1000, gflops: Double = 100,
                     halfLife: String = "exponential\n  half_life_s: 10", rates: [Double]? = nil,
                     inContext: Bool = true) -> String {
        let memoryGiB = slots * paramsM * 1e6 / 1_073_741_824
        var s = settings(memoryGiB: memoryGiB, utility: halfLife) + "models:\n"
        for i in 0..<models {
            // Vision compute (prompt-independent), but with one-shot scores so the model keeps a context.
            if inContext {
                s += "  - {id: m\(i), family: vision, parameters_m: \(paramsM), gflops: \(gflops), context_window_tokens: 2048, tokens_per_example: 1,"
                s += " tasks: [{task: t\(i), zero_shot: \(50 + i % 40), one_shot: \(60 + i % 40)}]}\n"
            } else {
                s += "  - {id: m\(i), family: vision, parameters_m: \(paramsM), gflops: \(gflops), tasks: [{task: t\(i), score: \(50 + i % 40)}]}\n"
            }
        }
        s += "services:\n"
        for i in 0..<models {
            s += "  - {id: s\(i), task: t\(i), stages: [{model: m\(i)}], request_kb: 0, response_kb: 0, slo: {p95_ms: 100000}}\n"
        }
        s += "workloads:\n  - id: w\n    duration_s: 100\n    mix:\n"
        for i in 0..<models { s += "      - {service: s\(i), rate_per_s: \(rates?[i] ?? 1)}\n" }
        return s
    }

    static func catalog(_ text: String) throws -> Catalog {
        try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text)])
    }

    static func setup(_ text: String, batch: Int = 1, admission: Admission = .alwaysEdge) throws -> CompiledSetup {
        let c = try catalog(text)
        return try CompiledSetup(catalog: c, workload: c.workloads[0],
                                 config: ServerConfig(accelerator: "box", count: 1, precision: "int8", maxBatch: batch, admission: admission))
    }

    /// Arrivals of services by index at the given times.
    static func arrivals(_ pairs: [(Double, Int)]) -> [Arrival] {
        pairs.map { Arrival(time: $0.0, service: Int32($0.1)) }
    }
}
