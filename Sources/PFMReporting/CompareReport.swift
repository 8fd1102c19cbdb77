import PFMPlanning

/// `pfmplan compare`: options side by side, and where each next option becomes cheaper.
public enum CompareReport {
    public struct Row: Codable, Sendable {
        public var option: String
        public var candidate: Candidate
        /// The evaluation at load ×1 (or the scale nearest to it).
        public var atOne: Evaluation
        public var curve: [Evaluation]
        /// Load scale at which the next (more expensive at ×1) option becomes cheaper; nil if never within the range.
        public var breakEvenWithNext: Double?
        public var nextOption: String?
    }

    public struct Document: Encodable {
        public var schema = "pfmplan.compare/1"
        public var rows: [Row]
        public init(rows: [Row]) { self.rows = rows }
    }

    public static func build(candidates: [Candidate], evaluations: [Evaluation], scales: [Double]) -> [Row] {
        let one = scales.min { abs($0 - 1) < abs($1 - 1) } ?? 1
        var rows: [Row] = candidates.map { c in
            let curve = evaluations.filter { $0.candidate == c }.sorted { $0.loadScale < $1.loadScale }
            return Row(option: "\(c.accelerator) ×\(c.count) \(c.precision)", candidate: c,
                       atOne: curve.first { $0.loadScale == one } ?? curve[0], curve: curve, breakEvenWithNext: nil, nextOption: nil)
        }
        rows.sort { $0.atOne.monthlyUSD.mean < $1.atOne.monthlyUSD.mean }
        for i in rows.indices.dropLast() {
            let a = rows[i], b = rows[i + 1]
            rows[i].nextOption = b.option
            rows[i].breakEvenWithNext = crossing(a.curve, b.curve, from: one)
        }
        return rows
    }

    /// First load ≥ `from` at which cost(b) ≤ cost(a), interpolated linearly between scales.
    static func crossing(_ a: [Evaluation], _ b: [Evaluation], from: Double) -> Double? {
        let pts = zip(a, b).map { ($0.loadScale, $1.monthlyUSD.mean - $0.monthlyUSD.mean) }.filter { $0.0 >= from }
        guard let first = pts.first else { return nil }
        if first.1 <= 0 { return first.0 }
        for (p, q) in zip(pts, pts.dropFirst()) where q.1 <= 0 {
            return p.0 + (q.0 - p.0) * p.1 / (p.1 - q.1)
        }
        return nil
    }

    public static func table(_ rows: [Row], workload: String) -> TextTable {
        var t = TextTable(["option", "monthly", "capex", "energy", "cloud", "per 1k req", "p95 all requests", "worst TTFT p95", "worst TPOT p95",
                           "edge", "busy", "meets SLOs", "binding constraint"],
                          alignments: [.left, .right, .right, .right, .right, .right, .right, .right, .right, .right, .right, .left, .left],
                          title: "\(workload) at load ×\(Fmt.number(rows.first?.atOne.loadScale ?? 1)), policy \(rows.first?.candidate.policy.rawValue ?? "")\n")
        for r in rows {
            let e = r.atOne
            t.add([r.option, Fmt.usd(e.monthlyUSD.mean), Fmt.usd(e.capexUSDMonth), Fmt.usd(e.energyUSDMonth), Fmt.usd(e.cloudUSDMonth.mean),
                   Fmt.usd(e.usdPer1kRequests.mean), Fmt.latency(e.p95S.mean), worst(e, \.ttftP95S), worst(e, \.tpotP95S),
                   Fmt.percent(e.edgeRatio.mean, 0), Fmt.percent(e.busyFraction.mean, 0),
                   e.feasible ? "yes" : "no", VerdictText.binding(e)])
        }
        return t
    }

    /// The largest p95 (mean over replications) of a token metric over the language services, in ms.
    static func worst(_ e: Evaluation, _ key: KeyPath<ServiceEstimate, Estimate?>) -> String {
        guard let w = e.services.compactMap({ $0[keyPath: key]?.mean }).max() else { return "-" }
        return Fmt.fixed(w * 1000, w < 0.1 ? 1 : 0) + " ms"
    }

    /// What the table's columns measure (under the table).
    public static let legend = "(p95 all requests: over every request of the mix; worst TTFT/TPOT p95: the largest over the language services;\n"
        + " meets SLOs: every service's p95, TTFT and TPOT p95 (95% CI high) within its SLOs\n"
        + " and its accuracy (95% CI low) at or above its floor; binding constraint: the one that decides it, against its limit)\n"

    public static func breakEvenText(_ rows: [Row]) -> String {
        guard rows.count > 1 else { return "" }
        var s = "\nBreak-even loads (cheapest at ×1 first)\n"
        let maxScale = rows.first?.curve.last?.loadScale ?? 1
        for r in rows.dropLast() {
            guard let next = r.nextOption else { continue }
            if let x = r.breakEvenWithNext {
                s += "  \(r.option) → \(next): \(next) becomes cheaper above ×\(Fmt.fixed(x, 2)) load\n"
            } else {
                s += "  \(r.option) → \(next): \(r.option) stays cheaper up to ×\(Fmt.number(maxScale)) load\n"
            }
        }
        return s
    }
}
