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
}
