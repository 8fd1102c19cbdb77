import PFMPlanning

/// English for the planner's verdicts (violations, skip reasons); the planner builds values.
public enum VerdictText {
    static func seconds(_ s: Double) -> String { s < 10 ? Fmt.fixed(s, 3) + " s" : Fmt.fixed(s, 2) + " s" }

    public static func text(_ v: Violation) -> String {
        var out: String
        switch v.kind {
        case .p95:
            out = "p95 of \(v.service ?? "?") \(seconds(v.value)) > SLO \(seconds(v.limit))"
            if v.onlyThroughInterval { out += " (upper end of the interval; mean \(seconds(v.mean)))" }
        case .ttft, .tpot:
            let name = v.kind == .ttft ? "TTFT" : "TPOT"
            out = "\(name) p95 of \(v.service ?? "?") \(Fmt.fixed(v.value * 1000, 1)) ms > SLO \(Fmt.fixed(v.limit * 1000, 1)) ms"
            if v.onlyThroughInterval { out += " (upper end of the interval; mean \(Fmt.fixed(v.mean * 1000, 1)) ms)" }
        case .accuracy:
            out = "mean accuracy of \(v.service ?? "?") \(Fmt.fixed(v.value, 2)) < floor \(Fmt.fixed(v.limit, 2))"
            if v.onlyThroughInterval { out += " (lower end of the interval; mean \(Fmt.fixed(v.mean, 2)))" }
        case .budget:
            out = "monthly cost \(Fmt.usd(v.value)) > budget \(Fmt.usd(v.limit))"
        case .noRequests:
            out = "no requests were measured; lengthen the run (--duration or --requests)"
        }
        if let w = v.workload, let s = v.loadScale { out += " (\(w) ×\(Fmt.number(s)))" }
        return out
    }

    public static func text(_ r: SkipReason) -> String {
        switch r {
        case let .unsupportedPrecision(a, p): return "\(a) does not support \(p)"
        case let .noModelFits(smallest, usable):
            return "no model of the workload fits: the smallest needs \(Fmt.fixed(smallest, 1)) GiB, \(Fmt.fixed(usable, 1)) GiB usable"
        case let .noHost(a, n, form): return "no host in the catalog holds \(n)× \(a) (form factor \(form))"
        }
    }

    /// The constraint that decides an evaluation's feasibility, in a few words: for an infeasible
    /// one the violation furthest past its limit ("✗ qa p95 112% of SLO"); for a feasible one
    /// the tightest constraint ("driving-perception p95 78% of SLO", "digital-twin accuracy
    /// +0.1 over floor"). p95 is judged at the upper end of its 95% interval, accuracy at the lower.
    public static func binding(_ e: Evaluation) -> String {
        if e.violations.contains(where: { $0.kind == .noRequests }) { return "✗ no requests measured" }
        var best: (ratio: Double, text: String)?
        func consider(_ ratio: Double, _ text: String) { if ratio.isFinite, best == nil || ratio > best!.ratio { best = (ratio, text) } }
        for s in e.services {
            if s.sloP95S > 0 { consider(s.p95S.high / s.sloP95S, "\(s.id) p95 \(Fmt.fixed(s.p95S.high / s.sloP95S * 100, 0))% of SLO") }
            if let e = s.ttftP95S, let slo = s.ttftSloP95S { consider(e.high / slo, "\(s.id) TTFT \(Fmt.fixed(e.high / slo * 100, 0))% of SLO") }
            if let e = s.tpotP95S, let slo = s.tpotSloP95S { consider(e.high / slo, "\(s.id) TPOT \(Fmt.fixed(e.high / slo * 100, 0))% of SLO") }
            if s.minAccuracy > 0, let a = s.meanAccuracy {
                let margin = a.low - s.minAccuracy
                consider(s.minAccuracy / max(a.low, 1e-9), "\(s.id) accuracy \(margin >= 0 ? "+" : "")\(Fmt.fixed(margin, 2)) vs floor")
            }
        }
        for v in e.violations where v.kind == .budget { consider(v.value / v.limit, "budget \(Fmt.fixed(v.value / v.limit * 100, 0))%") }
        guard let best else { return e.feasible ? "-" : "✗" }
        return (e.feasible ? "" : "✗ ") + best.text
    }

    /// How far a violation is past its limit (> 1), the same ratio for every kind.
    static func excess(_ v: Violation) -> Double {
        switch v.kind {
        case .p95, .ttft, .tpot, .budget: return v.value / max(v.limit, 1e-300)
        case .accuracy: return v.limit / max(v.value, 1e-9)
        case .noRequests: return .greatestFiniteMagnitude
        }
    }

    /// The violation furthest past its limit (the one the binding constraint names), or nil.
    public static func worst(_ vs: [Violation]) -> Violation? {
        vs.indices.max { (excess(vs[$0]), -$0) < (excess(vs[$1]), -$1) }.map { vs[$0] }
    }

    /// The worst violation in words, with how many more there are.
    public static func worstText(_ vs: [Violation]) -> String {
        guard let w = worst(vs) else { return "" }
        return text(w) + (vs.count > 1 ? " (+\(vs.count - 1) more)" : "")
    }

    /// The binding constraint of a candidate over its units: that of its worst unit.
    public static func binding(_ c: Planner.CandidateSummary) -> String {
        guard let worst = c.evaluations.max(by: { ($0.feasible ? 0 : 1, $0.severity) < ($1.feasible ? 0 : 1, $1.severity) }) else { return "-" }
        let text = binding(worst)
        return c.evaluations.count > 1 ? text + " (\(worst.workload) ×\(Fmt.number(worst.loadScale)))" : text
    }
}
