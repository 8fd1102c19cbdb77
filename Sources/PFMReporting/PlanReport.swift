import PFMCatalog
import PFMPlanning
import PFMSimulation

/// Renders the planner's recommendation, sweep tables and plots.
public enum PlanReport {
    /// "l4 ×2 int8", plus the caching and residency modes when they are not the defaults.
    static func option(_ c: Candidate) -> String { c.label }
    static func config(_ c: Candidate) -> String { "policy \(c.policy.rawValue), batch ≤ \(c.maxBatch)" }

    /// A bisection's result as the bracket it ended in: "×3.05–3.11" (feasible at the lower end,
    /// infeasible at the upper), or "≥ ×64" when the search reached its cap.
    static func headroom(_ h: Planner.Headroom) -> String {
        guard let bad = h.infeasible else { return "≥ ×\(Fmt.number(h.feasible))" }
        return "×\(Fmt.fixed(h.feasible, 2))–\(Fmt.fixed(bad, 2))"
    }

    public static func sizeText(_ r: Planner.Recommendation, spec: SweepSpec) -> String {
        var out = ""
        let objective = r.objective == .usd ? "monthly USD" : "system cost"
        out += "Sizing for " + (spec.trace.map { "the trace \($0)" } ?? spec.workloads.joined(separator: ", "))
        if spec.loadScales != [1] { out += " at load ×" + spec.loadScales.map(Fmt.number).joined(separator: ", ×") }
        out += " (objective: \(objective); \(r.evaluated) option\(r.evaluated == 1 ? "" : "s") × \(spec.replications) replication\(spec.replications == 1 ? "" : "s"); "
        out += "an option is feasible when every SLO holds at the upper end of its 95% interval)\n\n"
        if let p = r.pick {
            let e = p.evaluations.max { $0.monthlyUSD.mean < $1.monthlyUSD.mean }!
            out += "PICK  \(option(p.candidate)), \(config(p.candidate))\n"
            out += "  expected monthly cost  \(Fmt.usd(e.monthlyUSD.mean))  "
            out += e.monthlyUSD.hasInterval ? "(95% CI \(Fmt.usd(e.monthlyUSD.low)) – \(Fmt.usd(e.monthlyUSD.high)))\n"
                : "(one replication: no interval; use --replications 2 or more)\n"
            out += "    edge capex           \(Fmt.usd(e.capexUSDMonth))\n"
            out += "    edge energy          \(Fmt.usd(e.energyUSDMonth))\n"
            out += "    cloud spend          \(Fmt.usd(e.cloudUSDMonth.mean))\n"
            out += "  cost per 1k requests   \(Fmt.usd(e.usdPer1kRequests.mean))\n"
            out += "  mean accuracy          \(e.meanAccuracy.map { Fmt.fixed($0.mean, 2) } ?? "-")\n"
            out += "  edge execution ratio   \(Fmt.percent(e.edgeRatio.mean))\n"
            out += "  system cost            \(Fmt.number(e.systemCost.mean)) per request\n"
            if let h = r.headroom {
                out += "  SLO headroom           \(headroom(h)) load still meets every SLO"
                out += h.capped ? " (search capped at ×\(Fmt.number(h.limit)): the cloud absorbs the overflow)\n" : "\n"
            }
            if let h = r.edgeHeadroom {
                out += "  edge headroom          \(headroom(h)) load before the edge share drops 10 points"
                out += h.capped ? " (capped at ×\(Fmt.number(h.limit)))\n" : "; beyond it, growth goes to the cloud\n"
            }
            out += "\n"
            var t = TextTable(["service", "p95", "95% CI high", "SLO p95", "mean accuracy", "floor", "at edge"])
            for s in e.services {
                t.add([s.id, Fmt.latency(s.p95S.mean), Fmt.latency(s.p95S.high), Fmt.latency(s.sloP95S),
                       s.meanAccuracy.map { Fmt.fixed($0.mean, 2) } ?? "-", s.minAccuracy > 0 ? Fmt.number(s.minAccuracy) : "-",
                       Fmt.percent(s.edgeRatio, 0)])
            }
            out += t.render()
            if !r.runnersUp.isEmpty {
                out += "\nRunners-up\n"
                out += summaryTable(r.runnersUp).render()
            }
            if !r.rejectedCheaper.isEmpty {
                out += "\nCheaper options ruled out\n"
                for c in r.rejectedCheaper {
                    out += "  \(option(c.candidate)) (\(Fmt.usd(c.monthlyUSD))/month): \(c.violations.first.map(VerdictText.text) ?? "infeasible")"
                    out += c.violations.count > 1 ? " (+\(c.violations.count - 1) more)\n" : "\n"
                }
            }
        } else {
            out += "NO FEASIBLE OPTION: no candidate meets every SLO.\n\nNearest misses (closest to feasible first)\n"
            for c in r.nearestMisses {
                out += "  \(option(c.candidate)), \(config(c.candidate)) (\(Fmt.usd(c.monthlyUSD))/month)\n"
                for v in c.violations { out += "      \(VerdictText.text(v))\n" }
            }
            if r.nearestMisses.contains(where: \.infeasibleOnlyThroughIntervals) {
                out += "\nOnly the intervals' width rules out \(r.nearestMisses.first(where: \.infeasibleOnlyThroughIntervals).map { option($0.candidate) } ?? "")"
                out += ": its means meet every limit, the upper (or lower) ends of the 95% intervals do not. "
                out += "More replications (--replications) or longer runs (--duration, --requests) narrow the intervals.\n"
            }
            out += "\nTo find a feasible option: relax the SLOs that fail above (--slo-p95-ms SERVICE=MS, --min-accuracy), "
            out += "add larger accelerators or more GPUs (--accelerators, --counts), allow int8 (--precisions), or raise the budget.\n"
        }
        if !r.skipped.isEmpty {
            out += "\nSkipped \(r.skipped.count) option(s) that cannot work\n"
            for s in r.skipped.prefix(12) { out += "  \(option(s.candidate)): \(VerdictText.text(s.reason))\n" }
            if r.skipped.count > 12 { out += "  … and \(r.skipped.count - 12) more (see --format json)\n" }
        }
        return out
    }

    public static func summaryTable(_ xs: [Planner.CandidateSummary]) -> TextTable {
        var t = TextTable(["option", "policy", "batch", "monthly", "p95 (worst)", "accuracy", "feasible"],
                          alignments: [.left, .left, .right, .right, .right, .right, .left])
        for c in xs {
            t.add([option(c.candidate), c.candidate.policy.rawValue, "\(c.candidate.maxBatch)", Fmt.usd(c.monthlyUSD),
                   Fmt.latency(c.p95S), c.meanAccuracy.map { Fmt.fixed($0, 2) } ?? "-", c.feasible ? "yes" : "no"])
        }
        return t
    }

    public static func sizeJSON(_ r: Planner.Recommendation) -> String { JSONOutput.encode(r) + "\n" }

    // MARK: - Sweep rows

    public static let sweepColumns = [
        "index", "key", "accelerator", "count", "precision", "policy", "max_batch", "workload", "load_scale", "requests",
        "monthly_usd", "monthly_usd_low", "monthly_usd_high", "capex_usd_month", "energy_usd_month", "cloud_usd_month",
        "usd_per_1k_requests", "system_cost", "p95_s", "p95_s_high", "mean_accuracy", "edge_ratio", "loads", "busy_fraction",
        "slo_attainment", "feasible", "violations",
    ]

    public static func sweepRow(_ e: Evaluation) -> [String] {
        let c = e.candidate
        return ["\(e.index)", e.key, c.accelerator, "\(c.count)", c.precision, c.policy.rawValue, "\(c.maxBatch)", e.workload,
                "\(e.loadScale)", "\(e.requests)", "\(e.monthlyUSD.mean)", "\(e.monthlyUSD.low)", "\(e.monthlyUSD.high)",
                "\(e.capexUSDMonth)", "\(e.energyUSDMonth)", "\(e.cloudUSDMonth.mean)", "\(e.usdPer1kRequests.mean)",
                "\(e.systemCost.mean)", "\(e.p95S.mean)", "\(e.p95S.high)", e.meanAccuracy.map { "\($0.mean)" } ?? "",
                "\(e.edgeRatio.mean)", "\(e.loads.mean)", "\(e.busyFraction.mean)", "\(e.sloAttainment.mean)",
                e.feasible ? "true" : "false", e.violations.map(VerdictText.text).joined(separator: "; ")]
    }

    public static func csvHeader() -> String { sweepColumns.joined(separator: ",") + "\n" }
    public static func csvLine(_ e: Evaluation) -> String { sweepRow(e).map(CSV.escape).joined(separator: ",") + "\n" }
    public static func jsonLine(_ e: Evaluation) -> String { JSONOutput.encode(e, pretty: false) + "\n" }

    public static func sweepTable(_ es: [Evaluation]) -> TextTable {
        var t = TextTable(["option", "policy", "batch", "workload", "load", "monthly", "per 1k req", "p95 (all)", "accuracy", "edge", "feasible"],
                          alignments: [.left, .left, .right, .left, .right, .right, .right, .right, .right, .right, .left])
        for e in es {
            t.add([option(e.candidate), e.candidate.policy.rawValue, "\(e.candidate.maxBatch)", e.workload, "×" + Fmt.number(e.loadScale),
                   Fmt.usd(e.monthlyUSD.mean), Fmt.usd(e.usdPer1kRequests.mean), Fmt.latency(e.p95S.mean),
                   e.meanAccuracy.map { Fmt.fixed($0.mean, 2) } ?? "-", Fmt.percent(e.edgeRatio.mean, 0),
                   e.feasible ? "yes" : "no: " + (e.violations.first.map(VerdictText.text) ?? "")])
        }
        return t
    }

    // MARK: - Plots

    /// Monthly cost and p95 versus load scale per option, the Pareto front, and policy bars.
    public static func plots(_ es: [Evaluation], title: String) -> String {
        var charts: [String] = []
        var byOption: [String: [Evaluation]] = [:]
        var order: [String] = []
        for e in es {
            let k = option(e.candidate) + (Set(es.map(\.candidate.policy)).count > 1 ? " " + e.candidate.policy.rawValue : "")
            if byOption[k] == nil { order.append(k) }
            byOption[k, default: []].append(e)
        }
        let shown = Array(order.prefix(10))
        let scales = Set(es.map(\.loadScale))
        if scales.count > 1 {
            charts.append(SVGChart(title: "\(title): monthly cost versus load", xLabel: "load scale (× the workload's rate)", yLabel: "monthly cost (USD)",
                                   series: shown.map { k in .init(name: k, points: byOption[k]!.map { ($0.loadScale, $0.monthlyUSD.mean) }) }).render())
            var p95 = SVGChart(title: "\(title): p95 latency versus load", xLabel: "load scale (× the workload's rate)", yLabel: "p95 latency, worst service (s)",
                               series: shown.map { k in .init(name: k, points: byOption[k]!.map { ($0.loadScale, $0.services.map(\.p95S.mean).max() ?? 0) }) })
            p95.reference = nil
            charts.append(p95.render())
        }
        // The front is drawn at one load (×1, or the nearest scale) so that points are comparable.
        let base = scales.min { abs($0 - 1) < abs($1 - 1) } ?? 1
        let atBase = es.filter { $0.loadScale == base }
        let front = paretoPoints(atBase)
        var scatter = SVGChart(title: "\(title): cost against p95 latency at load ×\(Fmt.number(base))", xLabel: "monthly cost (USD)",
                               yLabel: "p95 latency, all requests (s)",
                               series: [.init(name: "all options", points: atBase.map { ($0.monthlyUSD.mean, $0.p95S.mean) }),
                                        .init(name: "Pareto front", points: front)], kind: .scatter)
        scatter.reference = nil
        charts.append(scatter.render())
        let policies = Array(Set(es.map(\.candidate.policy))).sorted { $0.rawValue < $1.rawValue }
        if policies.count > 1 {
            let groups = Array(Set(es.map { option($0.candidate) })).sorted().prefix(8)
            let bars = policies.map { pol in
                (name: pol.rawValue, values: groups.map { g in
                    es.filter { option($0.candidate) == g && $0.candidate.policy == pol }.map(\.monthlyUSD.mean).min() ?? 0 })
            }
            charts.append(SVGBarChart(title: "\(title): monthly cost by policy", yLabel: "monthly cost (USD)", groups: Array(groups), bars: bars).render())
        }
        return SVGDocument.stack(charts)
    }

    static func paretoPoints(_ es: [Evaluation]) -> [(x: Double, y: Double)] {
        let pts = es.map { ($0.monthlyUSD.mean, $0.p95S.mean) }
        return pts.filter { a in !pts.contains { b in b.0 <= a.0 && b.1 <= a.1 && (b.0 < a.0 || b.1 < a.1) } }
            .sorted { $0.0 < $1.0 }.map { (x: $0.0, y: $0.1) }
    }
}
