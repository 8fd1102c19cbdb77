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
            out += "  mean score (mixed)     \(e.meanAccuracy.map { Fmt.fixed($0.mean, 2) } ?? "-")  (all requests, over services scored in "
                + "different metrics; each service against its floor below)\n"
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
            var t = TextTable(["service", "p95 (mean)", "p95 CI high", "SLO p95", "accuracy (mean)", "accuracy CI low", "floor", "at edge"])
            for s in e.services {
                t.add([s.id, Fmt.latency(s.p95S.mean), Fmt.latency(s.p95S.high), Fmt.latency(s.sloP95S),
                       s.meanAccuracy.map { Fmt.fixed($0.mean, 2) } ?? "-", s.meanAccuracy.map { Fmt.fixed($0.low, 2) } ?? "-",
                       s.minAccuracy > 0 ? Fmt.number(s.minAccuracy) : "-", Fmt.percent(s.edgeRatio, 0)])
            }
            out += t.render()
            out += "(feasible when every p95 CI high ≤ its SLO and every accuracy CI low ≥ its floor; binding: \(VerdictText.binding(e));\n"
            out += " each service's accuracy is in its own metric, cloud-served requests counted at the cloud model's score)\n"
            out += tokensTable(e)
            if !r.runnersUp.isEmpty {
                out += "\nRunners-up\n"
                out += summaryTable(r.runnersUp).render()
            }
            if !r.rejectedCheaper.isEmpty {
                out += "\nCheaper options ruled out\n"
                for c in r.rejectedCheaper {
                    out += "  \(option(c.candidate)) (\(Fmt.usd(c.monthlyUSD))/month): \(c.violations.isEmpty ? "infeasible" : VerdictText.worstText(c.violations))\n"
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

    /// Language services' TTFT and TPOT p95 (interval high over replications) against their SLOs,
    /// goodput, and the executors' running set, KV use and preemptions (MODEL.md §8).
    static func tokensTable(_ e: Evaluation) -> String {
        let language = e.services.filter { $0.ttftP95S != nil }
        guard !language.isEmpty else { return "" }
        func ms(_ s: Double?) -> String { s.map { Fmt.fixed($0 * 1000, $0 < 0.1 ? 1 : 0) + " ms" } ?? "-" }
        var t = TextTable(["language service", "TTFT p95 (mean)", "CI high", "TTFT SLO", "TPOT p95 (mean)", "CI high", "TPOT SLO", "goodput/s"])
        for s in language {
            t.add([s.id, ms(s.ttftP95S?.mean), ms(s.ttftP95S?.high), ms(s.ttftSloP95S), ms(s.tpotP95S?.mean), ms(s.tpotP95S?.high),
                   ms(s.tpotSloP95S), s.goodputPerS.map { Fmt.fixed($0.mean, 3) } ?? "-"])
        }
        var out = "\n" + t.render()
        if let l = e.llm {
            out += "(continuous batching: \(Fmt.fixed(l.meanRunning.mean, 2)) sequences running on average over the groups, KV use "
                + "\(Fmt.percent(l.kvUtilisation.mean)), \(Fmt.fixed(l.preemptions.mean, 0)) preemptions per run)\n"
        } else {
            out += "(static language batches)\n"
        }
        return out
    }

    public static func summaryTable(_ xs: [Planner.CandidateSummary]) -> TextTable {
        var t = TextTable(["option", "policy", "batch", "monthly", "p95 all requests", "binding constraint", "feasible"],
                          alignments: [.left, .left, .right, .right, .right, .left, .left])
        for c in xs {
            t.add([option(c.candidate), c.candidate.policy.rawValue, "\(c.candidate.maxBatch)", Fmt.usd(c.monthlyUSD),
                   Fmt.latency(c.p95S), VerdictText.binding(c), c.feasible ? "yes" : "no"])
        }
        return t
    }

    public static func sizeJSON(_ r: Planner.Recommendation) -> String { JSONOutput.encode(r) + "\n" }

    // MARK: - Sweep rows

    public static let sweepColumns = [
        "index", "key", "accelerator", "count", "precision", "policy", "max_batch", "workload", "load_scale", "requests",
        "monthly_usd", "monthly_usd_low", "monthly_usd_high", "capex_usd_month", "energy_usd_month", "cloud_usd_month",
        "usd_per_1k_requests", "system_cost", "p95_s", "p95_s_high", "mean_accuracy", "edge_ratio", "loads", "busy_fraction",
        "slo_attainment", "feasible", "violations", "llm_batching", "mean_running", "kv_utilisation", "preemptions",
        "ttft_p95_s_worst", "tpot_p95_s_worst",
    ]

    public static func sweepRow(_ e: Evaluation) -> [String] {
        let c = e.candidate
        return ["\(e.index)", e.key, c.accelerator, "\(c.count)", c.precision, c.policy.rawValue, "\(c.maxBatch)", e.workload,
                "\(e.loadScale)", "\(e.requests)", "\(e.monthlyUSD.mean)", "\(e.monthlyUSD.low)", "\(e.monthlyUSD.high)",
                "\(e.capexUSDMonth)", "\(e.energyUSDMonth)", "\(e.cloudUSDMonth.mean)", "\(e.usdPer1kRequests.mean)",
                "\(e.systemCost.mean)", "\(e.p95S.mean)", "\(e.p95S.high)", e.meanAccuracy.map { "\($0.mean)" } ?? "",
                "\(e.edgeRatio.mean)", "\(e.loads.mean)", "\(e.busyFraction.mean)", "\(e.sloAttainment.mean)",
                e.feasible ? "true" : "false", e.violations.map(VerdictText.text).joined(separator: "; "),
                c.llmBatching?.rawValue ?? "", e.llm.map { "\($0.meanRunning.mean)" } ?? "", e.llm.map { "\($0.kvUtilisation.mean)" } ?? "",
                e.llm.map { "\($0.preemptions.mean)" } ?? "",
                e.services.compactMap(\.ttftP95S?.mean).max().map { "\($0)" } ?? "",
                e.services.compactMap(\.tpotP95S?.mean).max().map { "\($0)" } ?? ""]
    }

    public static func csvHeader() -> String { sweepColumns.joined(separator: ",") + "\n" }
    public static func csvLine(_ e: Evaluation) -> String { sweepRow(e).map(CSV.escape).joined(separator: ",") + "\n" }
    public static func jsonLine(_ e: Evaluation) -> String { JSONOutput.encode(e, pretty: false) + "\n" }

    public static func sweepTable(_ es: [Evaluation]) -> TextTable {
        var t = TextTable(["option", "policy", "batch", "workload", "load", "monthly", "per 1k req", "p95 all requests", "edge",
                           "binding constraint", "feasible"],
                          alignments: [.left, .left, .right, .left, .right, .right, .right, .right, .right, .left, .left])
        for e in es {
            t.add([option(e.candidate), e.candidate.policy.rawValue, "\(e.candidate.maxBatch)", e.workload, "×" + Fmt.number(e.loadScale),
                   Fmt.usd(e.monthlyUSD.mean), Fmt.usd(e.usdPer1kRequests.mean), Fmt.latency(e.p95S.mean),
                   Fmt.percent(e.edgeRatio.mean, 0), VerdictText.binding(e),
                   e.feasible ? "yes" : "no: " + VerdictText.worstText(e.violations)])
        }
        return t
    }

    // MARK: - Plots

    /// The most options drawn as lines or bars in one chart; the rest are named as left out.
    static let maxPlotted = 10

    /// An option's figures at its worst unit, for the plots.
    struct PlotOption {
        var key: String
        var name: String
        var units: [Evaluation]
        var feasible: Bool { units.allSatisfy(\.feasible) }
        var monthly: Double { units.map(\.monthlyUSD.mean).max() ?? 0 }
        var accelerator: String { units[0].candidate.isCloudOnly ? "cloud" : units[0].candidate.accelerator }
    }

    /// The worst service's p95 over its SLO, at the upper end of the 95% interval (as feasibility
    /// is judged): ≤ 1 means every service meets its p95 target.
    static func worstP95OverSLO(_ e: Evaluation) -> Double {
        e.services.filter { $0.sloP95S > 0 }.map { $0.p95S.high / $0.sloP95S }.max() ?? 0
    }

    /// Which options the per-option charts draw when there are more than `maxPlotted`: the pick,
    /// the runners-up, then the cheapest feasible option per accelerator (the cheapest one when
    /// none is feasible), then the cheapest of the rest; and a note saying what was left out.
    static func plotSelection(_ options: [PlotOption], pick: String?, runnersUp: [String]) -> (shown: [PlotOption], note: String?) {
        guard options.count > maxPlotted else { return (options, nil) }
        var chosen: [String] = []
        func take(_ k: String?) { if let k, !chosen.contains(k), options.contains(where: { $0.key == k }), chosen.count < maxPlotted { chosen.append(k) } }
        take(pick)
        for k in runnersUp { take(k) }
        let byCost = options.sorted { ($0.monthly, $0.key) < ($1.monthly, $1.key) }
        var accelerators: [String] = []
        for o in byCost where !accelerators.contains(o.accelerator) { accelerators.append(o.accelerator) }
        for a in accelerators {
            let mine = byCost.filter { $0.accelerator == a }
            take((mine.first(where: \.feasible) ?? mine.first)?.key)
        }
        for o in byCost { take(o.key) }
        let shown = options.filter { chosen.contains($0.key) }
        var why: [String] = []
        if pick != nil { why.append("the pick") }
        if !runnersUp.isEmpty { why.append("runners-up") }
        why.append("the cheapest per accelerator")
        let note = "\(shown.count) of \(options.count) options: \(why.joined(separator: ", ")); \(options.count - shown.count) left out (all in --format json)"
        return (shown, note)
    }

    /// Monthly cost and the worst p95 ÷ SLO per option (versus load with several load scales, as
    /// bars with one), the cost/p95 plane with the Pareto front, the pick and feasibility marked,
    /// and monthly cost by policy. `pick` and `runnersUp` are option keys (as in `Candidate.key`).
    public static func plots(_ es: [Evaluation], title: String, pick: String? = nil, runnersUp: [String] = []) -> String {
        let es = es.filter { e in [e.monthlyUSD.mean, e.p95S.mean, worstP95OverSLO(e)].allSatisfy(\.isFinite) }
        var charts: [String] = []
        let severalPolicies = Set(es.map(\.candidate.policy)).count > 1
        var options: [PlotOption] = []
        for e in es {
            if let i = options.firstIndex(where: { $0.key == e.key }) { options[i].units.append(e); continue }
            options.append(PlotOption(key: e.key, name: option(e.candidate) + (severalPolicies ? " " + e.candidate.policy.rawValue : ""), units: [e]))
        }
        let (shown, note) = plotSelection(options, pick: pick, runnersUp: runnersUp)
        func name(_ o: PlotOption) -> String { (o.key == pick ? "PICK " : "") + o.name + (o.feasible ? "" : " (infeasible)") }
        let scales = Set(es.map(\.loadScale))
        let sloLine = (y: 1.0, label: "SLO (p95 = target)")
        if scales.count > 1 {
            func series(_ o: PlotOption, _ y: (Evaluation) -> Double) -> SVGChart.Series {
                var s = SVGChart.Series(name: name(o), points: o.units.map { ($0.loadScale, y($0)) })
                s.emphasis = o.key == pick
                return s
            }
            var cost = SVGChart(title: "\(title): monthly cost versus load", xLabel: "load scale (× the workload's rate)", yLabel: "monthly cost (USD)",
                                series: shown.map { series($0) { $0.monthlyUSD.mean } })
            cost.note = note
            charts.append(cost.render())
            var p95 = SVGChart(title: "\(title): worst p95 ÷ SLO versus load", xLabel: "load scale (× the workload's rate)",
                               yLabel: "p95 ÷ SLO, worst service (95% CI high)", series: shown.map { series($0, worstP95OverSLO) })
            p95.reference = sloLine
            p95.note = note ?? "above the dashed line, a service misses its p95 target"
            charts.append(p95.render())
        } else if let scale = scales.first {
            // One load scale: the same two figures per option, as bars.
            let colors = shown.map { $0.key == pick ? "#d62728" : $0.feasible ? "#1f77b4" : "#b0b0b0" }
            let legend = (pick != nil ? [(name: "the pick", color: "#d62728")] : []) + [(name: "feasible", color: "#1f77b4"), (name: "infeasible", color: "#b0b0b0")]
            var cost = SVGBarChart(title: "\(title): monthly cost by option at load ×\(Fmt.number(scale))", yLabel: "monthly cost (USD)",
                                   groups: shown.map(\.name), bars: [(name: "monthly cost", values: shown.map(\.monthly))])
            cost.groupColors = colors; cost.legend = legend; cost.note = note
            charts.append(cost.render())
            var p95 = SVGBarChart(title: "\(title): worst p95 ÷ SLO by option at load ×\(Fmt.number(scale))", yLabel: "p95 ÷ SLO, worst service (95% CI high)",
                                  groups: shown.map(\.name), bars: [(name: "p95 ÷ SLO", values: shown.map { $0.units.map(worstP95OverSLO).max() ?? 0 })])
            p95.groupColors = colors; p95.legend = legend; p95.reference = sloLine
            p95.note = note ?? "above the dashed line, a service misses its p95 target"
            charts.append(p95.render())
        }
        // The front is drawn at one load (×1, or the nearest scale) so that points are comparable.
        let base = scales.min { abs($0 - 1) < abs($1 - 1) } ?? 1
        let atBase = es.filter { $0.loadScale == base }
        let front = paretoIndices(atBase)
        func point(_ e: Evaluation) -> (x: Double, y: Double) { (e.monthlyUSD.mean, e.p95S.mean) }
        var feasible = SVGChart.Series(name: "feasible options", points: atBase.filter(\.feasible).map(point))
        feasible.color = "#1f77b4"
        var infeasible = SVGChart.Series(name: "infeasible options", points: atBase.filter { !$0.feasible }.map(point))
        infeasible.color = "#7f7f7f"; infeasible.hollow = true
        var frontSeries = SVGChart.Series(name: "Pareto front (cost, p95)", points: front.map { point(atBase[$0]) })
        frontSeries.color = "#2ca02c"; frontSeries.line = true; frontSeries.radius = 2
        // Front points are numbered on the chart and named under the legend, so names never overprint.
        frontSeries.labels = front.indices.map { "\($0 + 1)" }
        var all = [feasible, infeasible, frontSeries]
        if let pick, let p = atBase.first(where: { $0.key == pick }) {
            var s = SVGChart.Series(name: "PICK " + option(p.candidate), points: [point(p)])
            s.color = "#d62728"; s.emphasis = true; s.hollow = true; s.radius = 7
            all.append(s)
        }
        var scatter = SVGChart(title: "\(title): cost against p95 latency at load ×\(Fmt.number(base))", xLabel: "monthly cost (USD)",
                               yLabel: "p95 latency, all requests (s)", series: all.filter { !$0.points.isEmpty }, kind: .scatter)
        scatter.note = "rings: infeasible (an SLO or accuracy floor missed); numbered: the Pareto front (none cheaper and faster)"
        scatter.legendNotes = front.enumerated().map { i, k in
            "\(i + 1) " + option(atBase[k].candidate) + (severalPolicies ? " " + atBase[k].candidate.policy.rawValue : "") + (atBase[k].feasible ? "" : " (infeasible)")
        }
        charts.append(scatter.render())
        let policies = Array(Set(es.map(\.candidate.policy))).sorted { $0.rawValue < $1.rawValue }
        if policies.count > 1 {
            let all = Array(Set(es.map { option($0.candidate) })).sorted()
            let pickOption = pick.flatMap { k in es.first { $0.key == k } }.map { option($0.candidate) }
            let groups = Array(((pickOption.map { [$0] } ?? []) + all.filter { $0 != pickOption }).prefix(8))
            let bars = policies.map { pol in
                (name: pol.rawValue, values: groups.map { g in
                    es.filter { option($0.candidate) == g && $0.candidate.policy == pol }.map(\.monthlyUSD.mean).max() ?? 0 })
            }
            var chart = SVGBarChart(title: "\(title): monthly cost by policy", yLabel: "monthly cost (USD)", groups: groups, bars: bars)
            if all.count > groups.count {
                chart.note = "\(groups.count) of \(all.count) servers shown\(pickOption != nil ? " (the pick's first)" : ""); the rest are in the results"
            }
            charts.append(chart.render())
        }
        return SVGDocument.stack(charts)
    }

    /// The plots with the recommendation's pick and runners-up marked.
    public static func plots(_ es: [Evaluation], title: String, recommendation r: Planner.Recommendation) -> String {
        plots(es, title: title, pick: r.pick?.candidate.key, runnersUp: r.runnersUp.map(\.candidate.key))
    }

    /// The indices of the Pareto-optimal evaluations on (monthly cost, p95), by cost.
    static func paretoIndices(_ es: [Evaluation]) -> [Int] {
        let pts = es.map { ($0.monthlyUSD.mean, $0.p95S.mean) }
        return pts.indices.filter { i in !pts.contains { b in b.0 <= pts[i].0 && b.1 <= pts[i].1 && (b.0 < pts[i].0 || b.1 < pts[i].1) } }
            .sorted { (pts[$0].0, pts[$0].1) < (pts[$1].0, pts[$1].1) }
    }

}
