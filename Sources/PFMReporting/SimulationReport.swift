import PFMCatalog
import PFMSimulation

/// Renders simulation results: one column per policy, in the layout of the paper's Table II.
public enum SimulationReport {
    public static let schema = "pfmplan.simulate/1"

    public static func table(_ results: [SimulationResult]) -> String {
        guard let first = results.first else { return "" }
        var t = TextTable(["metric (per request unless stated)"] + results.map(\.policy),
                          title: "\(first.workload) on \(first.accelerator) x\(first.count)\(first.layout.map { " (layout \($0))" } ?? "") @\(first.precision), batch ≤ \(first.maxBatch), \(first.admission) admission; \(first.requests) requests over \(Fmt.fixed(first.measuredSeconds, 0)) s, seed \(first.seed)\n")
        func row(_ name: String, _ f: (SimulationResult) -> String) { t.add([name] + results.map(f)) }
        row("system cost") { Fmt.number($0.cost.systemCost) }
        row("switching cost") { Fmt.number($0.cost.switchingCost) }
        row("total accuracy cost") { Fmt.number($0.cost.totalAccuracyCost) }
        row("average accuracy cost (edge)") { Fmt.number($0.cost.averageAccuracyCost) }
        row("inference latency (s)") { Fmt.number($0.cost.inferenceLatency) }
        row("offloading latency (s)") { Fmt.number($0.cost.offloadingLatency) }
        row("cloud cost (USD)") { Fmt.number($0.cost.cloudCost) }
        row("edge execution ratio") { Fmt.percent($0.cost.edgeExecutionRatio) }
        t.separator()
        row("latency p50") { Fmt.latency($0.latency.p50) }
        row("latency p95 (all requests)") { Fmt.latency($0.latency.p95) }
        row("latency p99") { Fmt.latency($0.latency.p99) }
        row("SLO attainment") { Fmt.percent($0.sloAttainment) }
        row("all SLOs met") { $0.meetsSLOs ? "yes" : "no" }
        row("mean score, all requests (mixed metrics)") { $0.meanAccuracy.map { Fmt.fixed($0, 2) } ?? "-" }
        row("loads (switches)") { "\($0.loads)" }
        if results.contains(where: { $0.preloads != nil }) {
            row("caching") { $0.caching ?? "passive" }
            row("preloads (switches)") { "\($0.preloads ?? 0)" }
            row("preload engine time") { Fmt.fixed($0.preloadSeconds ?? 0, 1) + " s" }
        }
        if results.contains(where: { $0.residency != nil }) {
            row("residency") { $0.residency ?? "binary" }
            row("partial loads (of loads)") { "\($0.partialLoads ?? 0)" }
            row("top-ups (idle time)") { "\($0.topUps ?? 0)" }
            row("top-up engine time") { Fmt.fixed($0.topUpSeconds ?? 0, 1) + " s" }
            row("streaming engine time") { Fmt.fixed($0.streamingSeconds ?? 0, 1) + " s" }
        }
        if results.contains(where: { $0.postShiftLatency != nil }) {
            row("after-shift latency p95") { $0.postShiftLatency.map { Fmt.latency($0.p95) } ?? "-" }
            row("after-shift latency max") { $0.postShiftLatency.map { Fmt.latency($0.max) } ?? "-" }
        }
        if results.contains(where: { $0.mobile != nil }) {
            row("device") { $0.mobile.map { "\($0.device) @\($0.devicePrecision)" } ?? "-" }
            for (name, tier) in [("device", \MobileTierMetrics.onDevice), ("edge", \.edge), ("cloud", \.cloud)] {
                row("\(name) tier: requests") { $0.mobile.map { "\($0[keyPath: tier].requests) (" + Fmt.percent($0[keyPath: tier].share) + ")" } ?? "-" }
                row("\(name) tier: latency p50 / p95") {
                    $0.mobile.map { $0[keyPath: tier].requests > 0 ? Fmt.latency($0[keyPath: tier].latency.p50) + " / " + Fmt.latency($0[keyPath: tier].latency.p95) : "-" } ?? "-"
                }
                row("\(name) tier: mean accuracy") { $0.mobile.flatMap { $0[keyPath: tier].meanAccuracy }.map { Fmt.fixed($0, 2) } ?? "-" }
            }
            row("device energy (kWh, users')") { $0.mobile.map { Fmt.number($0.deviceEnergyKWh) } ?? "-" }
            row("device energy / request (J)") { $0.mobile.map { Fmt.fixed($0.deviceJoulesPerRequest, 2) } ?? "-" }
            row("device energy / month (users')") { $0.mobile.map { Fmt.usd($0.deviceEnergyUSDPerMonth) } ?? "-" }
        }
        row("hit ratio (edge)") { Fmt.percent($0.hitRatio) }
        row("engine busy") { Fmt.percent($0.busyFraction) }
        row("peak memory (GiB)") { Fmt.fixed($0.peakMemoryGiB, 1) + " / " + Fmt.fixed($0.usableMemoryGiB, 1) }
        row("energy (kWh, at the wall)") { Fmt.fixed($0.energyKWh, 3) }
        t.separator()
        row("edge capex / month") { Fmt.usd($0.money.capexUSDPerMonth) }
        row("edge energy / month") { Fmt.usd($0.money.energyUSDPerMonth) }
        row("cloud / month") { Fmt.usd($0.money.cloudUSDPerMonth) }
        row("total / month") { Fmt.usd($0.money.totalUSDPerMonth) }
        row("cost per 1k requests") { Fmt.usd($0.money.usdPer1kRequests) }
        var out = t.render()
        out += "\n" + servicesTable(results)
        out += tokensTable(results)
        out += groupsTable(results)
        return out
    }

    /// Per GPU group and policy (the v2 server, MODEL.md §8): busy share, mean batch, loads,
    /// evictions, replicas, and the models resident at the end.
    public static func groupsTable(_ results: [SimulationResult]) -> String {
        guard let first = results.first, let groups = first.groups else { return "" }
        // Continuous batching adds the running set, KV use and preemptions (MODEL.md §8).
        let cont = results.contains { ($0.groups ?? []).contains { $0.meanRunning != nil } }
        var t = TextTable(["policy", "group", "GPUs", "busy", "mean batch"] + (cont ? ["running", "KV use", "preempted"] : [])
                          + ["loads", "evictions", "replicas", "peak GiB", "resident at end"],
                          alignments: [.left, .right, .right, .right, .right] + (cont ? [.right, .right, .right] : [])
                          + [.right, .right, .right, .right, .left])
        for r in results {
            for (g, x) in (r.groups ?? []).enumerated() {
                var row = [r.policy, "\(g)", "\(x.gpus)", Fmt.percent(x.busyFraction), Fmt.fixed(x.meanBatch, 2)]
                if cont {
                    row += [x.meanRunning.map { Fmt.fixed($0, 2) } ?? "-", x.kvUtilisation.map { Fmt.percent($0) } ?? "-",
                            x.preemptions.map { "\($0)" } ?? "-"]
                }
                t.add(row + ["\(x.loads)", "\(x.evictions)",
                       "\(x.replicas)", Fmt.fixed(x.peakMemoryGiB, 1) + " / " + Fmt.fixed(x.usableMemoryGiB, 1),
                       x.residentAtEnd.isEmpty ? "-" : x.residentAtEnd.joined(separator: ", ")])
            }
        }
        return "\nGPU groups (layout \(first.layout ?? "\(groups.count)"), runtime \(first.runtime ?? "-"), host \(first.host ?? "-"), loading \(first.loading ?? "-")):\n" + t.render()
    }

    /// p95 latency and accuracy per service and policy, against the SLO and the accuracy floor.
    public static func servicesTable(_ results: [SimulationResult]) -> String {
        guard let first = results.first else { return "" }
        let mobile = results.contains { $0.mobile != nil }
        var t = TextTable(["service", "SLO p95", "floor"] + results.flatMap {
            mobile ? ["\($0.policy) p95", "accuracy", "device", "edge"] : ["\($0.policy) p95", "accuracy", "edge"]
        })
        for (i, s) in first.services.enumerated() {
            var row = [s.id, Fmt.latency(s.sloP95S), s.minAccuracy > 0 ? Fmt.number(s.minAccuracy) : "-"]
            for r in results {
                let m = r.services[i]
                row.append(Fmt.latency(m.latency.p95) + (m.meetsP95 ? "" : " !"))
                row.append(m.meanAccuracy.map { Fmt.fixed($0, 2) + (m.minAccuracy > 0 && $0 < m.minAccuracy ? " !" : "") } ?? "-")
                if mobile { row.append(m.requests > 0 ? Fmt.percent(Double(m.device ?? 0) / Double(m.requests), 0) : "-") }
                row.append(m.requests > 0 ? Fmt.percent(Double(m.edge) / Double(m.requests), 0) : "-")
            }
            t.add(row)
        }
        return t.render() + "(! marks a p95 over its SLO or an accuracy below its floor; each service's accuracy is in its own metric, "
            + "cloud-served requests counted at the cloud model's score)\n"
    }

    /// Language services (MODEL.md §8): TTFT and TPOT p95 against their SLOs, and goodput (requests
    /// per second that met every SLO of the service), per policy. Empty without language services.
    public static func tokensTable(_ results: [SimulationResult]) -> String {
        guard let first = results.first else { return "" }
        let language = first.services.indices.filter { i in results.contains { $0.services[i].ttft != nil } }
        guard !language.isEmpty else { return "" }
        func ms(_ s: Double?) -> String { s.map { Fmt.fixed($0 * 1000, $0 < 0.1 ? 1 : 0) + " ms" } ?? "-" }
        var t = TextTable(["language service", "TTFT SLO", "TPOT SLO"] + results.flatMap {
            ["\($0.policy) TTFT p95", "TPOT p95", "goodput/s"]
        })
        for i in language {
            let s = first.services[i]
            var row = [s.id, ms(s.ttftSloP95S), ms(s.tpotSloP95S)]
            for r in results {
                let m = r.services[i]
                row.append(ms(m.ttft?.p95) + (m.ttft.map { x in m.ttftSloP95S.map { x.p95 > $0 } ?? false } == true ? " !" : ""))
                row.append(ms(m.tpot?.p95) + (m.tpot.map { x in m.tpotSloP95S.map { x.p95 > $0 } ?? false } == true ? " !" : ""))
                row.append(m.goodputPerS.map { Fmt.fixed($0, 3) } ?? "-")
            }
            t.add(row)
        }
        return "\n" + t.render() + "(TTFT includes the uplink; cloud-served requests count at the cloud's TTFT and TPOT; language batching: "
            + (first.llmBatching ?? "-") + ")\n"
    }

    struct Document: Encodable {
        var schema: String
        var results: [SimulationResult]
    }

    public static func json(_ results: [SimulationResult]) -> String {
        JSONOutput.encode(Document(schema: schema, results: results)) + "\n"
    }

    public static let csvColumns = [
        "policy", "accelerator", "count", "precision", "max_batch", "admission", "workload", "seed", "load_scale",
        "requests", "edge", "offloaded", "edge_ratio", "hit_ratio", "loads", "evictions",
        "system_cost", "switching_cost", "total_accuracy_cost", "average_accuracy_cost", "inference_latency_s",
        "offloading_latency_s", "cloud_cost_usd", "latency_p50_s", "latency_p95_s", "latency_p99_s", "latency_max_s",
        "slo_attainment", "meets_slos", "mean_accuracy", "busy_fraction", "peak_memory_gib", "energy_kwh",
        "capex_usd_month", "energy_usd_month", "cloud_usd_month", "total_usd_month", "usd_per_1k_requests",
    ]

    public static func csvRow(_ r: SimulationResult) -> [String] {
        func g(_ x: Double) -> String { "\(x)" }
        return [
            r.policy, r.accelerator, "\(r.count)", r.precision, "\(r.maxBatch)", r.admission, r.workload, "\(r.seed)", g(r.loadScale),
            "\(r.requests)", "\(r.edge)", "\(r.offloaded)", g(r.edgeRatio), g(r.hitRatio), "\(r.loads)", "\(r.evictions)",
            g(r.cost.systemCost), g(r.cost.switchingCost), g(r.cost.totalAccuracyCost), g(r.cost.averageAccuracyCost),
            g(r.cost.inferenceLatency), g(r.cost.offloadingLatency), g(r.cost.cloudCost), g(r.latency.p50), g(r.latency.p95),
            g(r.latency.p99), g(r.latency.max), g(r.sloAttainment), r.meetsSLOs ? "true" : "false",
            r.meanAccuracy.map(g) ?? "", g(r.busyFraction), g(r.peakMemoryGiB), g(r.energyKWh),
            g(r.money.capexUSDPerMonth), g(r.money.energyUSDPerMonth), g(r.money.cloudUSDPerMonth),
            g(r.money.totalUSDPerMonth), g(r.money.usdPer1kRequests),
        ]
    }

    public static func csv(_ results: [SimulationResult]) -> String {
        ([csvColumns] + results.map(csvRow)).map { $0.map(CSV.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
