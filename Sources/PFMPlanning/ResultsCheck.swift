import Foundation
import PFMCatalog

/// Checks on result lines read back from a file (`report`, `size --from`, `sweep --resume`,
/// `merge`): a line must be a sweep's own, with finite numbers and costs that cannot be negative,
/// and a file must hold one sweep, each unit once.
public enum ResultsCheck {
    /// Why one result line cannot be trusted, or nil. Every number must be finite (files written
    /// before severities were kept finite may hold "inf" for an infeasible unit that measured
    /// nothing: read as such); costs, requests and rates cannot be negative.
    public static func problem(_ e: Evaluation) -> String? {
        if e.schema != Evaluation.schemaName { return "schema '\(e.schema)' is not \(Evaluation.schemaName)" }
        if let path = nonFinite(e, path: "") {
            if !(path == "severity" && e.severity == .infinity && !e.feasible) {
                return "\(path) is not a finite number"
            }
        }
        let costs: [(String, Double)] = [
            ("monthlyUSD.mean", e.monthlyUSD.mean), ("capexUSDMonth", e.capexUSDMonth), ("energyUSDMonth", e.energyUSDMonth),
            ("cloudUSDMonth.mean", e.cloudUSDMonth.mean), ("usdPer1kRequests.mean", e.usdPer1kRequests.mean),
            ("systemCost.mean", e.systemCost.mean), ("p95S.mean", e.p95S.mean),
        ]
        for (name, v) in costs where v < 0 { return "\(name) is negative (\(v))" }
        if e.requests < 0 { return "requests is negative" }
        if !(e.loadScale > 0) { return "loadScale must be positive" }
        if e.index < 0 { return "index is negative" }
        if e.feasible != e.violations.isEmpty { return "feasible is \(e.feasible) but \(e.violations.count) violation(s) are listed" }
        return nil
    }

    /// The key path of the first non-finite number in any value (a simulation's result), or nil.
    public static func nonFiniteField(_ value: Any) -> String? { nonFinite(value, path: "") }

    /// The key path of the first non-finite Double inside `value`, or nil.
    static func nonFinite(_ value: Any, path: String) -> String? {
        if let d = value as? Double { return d.isFinite ? nil : (path.isEmpty ? "value" : path) }
        let m = Mirror(reflecting: value)
        if m.displayStyle == .optional {
            guard let inner = m.children.first else { return nil }
            return nonFinite(inner.value, path: path)
        }
        for (i, child) in m.children.enumerated() {
            let name = child.label ?? "[\(i)]"
            let p = path.isEmpty ? name : (child.label == nil ? path + name : path + "." + name)
            if let bad = nonFinite(child.value, path: p) { return bad }
        }
        return nil
    }

    /// Checks a whole results file's lines together: one sweep (pfmplan version, catalog digest,
    /// spec digest all equal to the first line's) and each unit once (by index, and by option,
    /// workload and load scale). Returns (line number from 1, message) for the first problem.
    public static func consistency(_ es: [(line: Int, evaluation: Evaluation)]) -> (line: Int, message: String)? {
        guard let first = es.first?.evaluation else { return nil }
        var seenIndex: [Int: Int] = [:]
        var seenUnit: [String: Int] = [:]
        for (line, e) in es {
            if e.catalogDigest != first.catalogDigest {
                return (line, "written with another catalog (digest \(e.catalogDigest.prefix(12))) than line \(es[0].line) (\(first.catalogDigest.prefix(12))): a file mixing two sweeps")
            }
            if e.specDigest != first.specDigest {
                return (line, "written from another sweep spec than line \(es[0].line): a file mixing two sweeps")
            }
            if e.version != first.version {
                return (line, "written by pfmplan \(e.version), line \(es[0].line) by \(first.version): a file mixing two sweeps")
            }
            let unit = "\(e.key)|\(e.workload)|\(e.loadScale)"
            if let was = seenUnit[unit] {
                return (line, "\(e.key) on \(e.workload) ×\(e.loadScale) appears again (first on line \(was)): a duplicated result line")
            }
            if let was = seenIndex[e.index] {
                return (line, "unit #\(e.index) appears again (first on line \(was)): a duplicated result line")
            }
            seenUnit[unit] = line
            seenIndex[e.index] = line
        }
        return nil
    }
}
