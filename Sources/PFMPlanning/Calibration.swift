import Foundation
import PFMCatalog
import PFMSimulation

/// Fitting a runtime's language constants to measurements (MODEL.md §11; issue 16): per
/// accelerator, mfu_max, mfu_half_tokens, mbu and pass_overhead_ms minimise the sum of squared
/// log errors of TTFT and TPOT over the points given (the fit half of a reference file, or a
/// user's measurements), by Nelder–Mead on unconstrained coordinates (logit for the fractions,
/// log for the others), so every constant stays in its physical range.
public enum Calibration {
    /// One accelerator's fitted constants, with the points behind them and the fit's error.
    public struct Fit: Codable, Sendable, Equatable {
        public var accelerator: String
        public var points: Int
        public var mfuMax: Double
        public var mfuHalfTokens: Double
        public var mbu: Double
        public var passOverheadMs: Double
        /// Median |error| of TTFT and TPOT on the fitted points, before and after.
        public var medianAbsErrorBefore: Double
        public var medianAbsErrorAfter: Double
    }

    /// Fewer points than this for an accelerator: its constants keep the runtime's defaults.
    public static let minimumPoints = 8

    /// The fitted constants for each accelerator with at least `minimumPoints` points, in id order.
    /// `points` are reference points (their `half` is ignored: pass the half to fit).
    public static func fit(_ points: [Validation.Point], catalog c: Catalog, runtime: String) -> [Fit] {
        let byAccelerator = Dictionary(grouping: points.filter { $0.metric != .requestLatency }, by: \.accelerator)
        var out: [Fit] = []
        for acc in byAccelerator.keys.sorted() {
            guard let ps = byAccelerator[acc], Set(ps.map(key)).count >= minimumPoints,
                  let rt = c.runtime(runtime), let base = rt.profile(.language, accelerator: acc) else { continue }
            let start = [logit(base.mfuMax), log(max(base.mfuHalfTokens, 1)), logit(base.mbu), log(max(base.passOverheadMs, 0.01))]
            let x = fitCoordinates(ps, accelerator: acc, catalog: c, runtime: runtime, start: start, iterations: 400)
            func errors(_ x: [Double]) -> [Double] { predictedErrors(ps, catalog: with(c, runtime, acc, x), runtime: runtime) }
            let p = constants(x)
            func median(_ e: [Double]) -> Double {
                let a = e.map { abs(exp($0) - 1) }.sorted()
                return a.isEmpty ? 0 : a[(a.count - 1) / 2]
            }
            let before = median(errors(start)), after = median(errors(x))
            // A fit that does not lower the median error is not kept (the model lacks what these
            // points depend on, e.g. all-reduce over PCIe): the defaults stay.
            guard after < before else { continue }
            out.append(Fit(accelerator: acc, points: Set(ps.map(key)).count, mfuMax: p.0, mfuHalfTokens: p.1, mbu: p.2, passOverheadMs: p.3,
                           medianAbsErrorBefore: before, medianAbsErrorAfter: after))
        }
        return out
    }

    /// The catalog with the accelerator's language constants at unconstrained coordinates x.
    static func with(_ c: Catalog, _ runtime: String, _ acc: String, _ x: [Double]) -> Catalog {
        var cat = c
        guard let r = cat.runtimes.firstIndex(where: { $0.id == runtime }) else { return cat }
        let p = constants(x)
        cat.runtimes[r].accelerators[acc, default: [:]][.language] = FamilyOverride(mfuMax: p.0, mfuHalfTokens: p.1, mbu: p.2, passOverheadMs: p.3)
        return cat
    }

    /// Nelder–Mead on the sum of squared log errors of the points, from `start`.
    /// Restarted from its own result `restarts` times (a fresh simplex around it), so that a start
    /// far from the optimum does not end on a collapsed simplex.
    static func fitCoordinates(_ ps: [Validation.Point], accelerator acc: String, catalog c: Catalog, runtime: String, start: [Double],
                               iterations: Int, restarts: Int = 2) -> [Double] {
        func loss(_ x: [Double]) -> Double {
            let e = predictedErrors(ps, catalog: with(c, runtime, acc, x), runtime: runtime)
            return e.isEmpty ? .infinity : e.reduce(0) { $0 + $1 * $1 }
        }
        var x = nelderMead(loss, start: start, step: 0.5, iterations: iterations)
        for _ in 0..<restarts { x = nelderMead(loss, start: x, step: 0.25, iterations: iterations) }
        return x
    }

    /// One measured point against the fitted constants and, where computed, against constants
    /// fitted without its configuration (leave-one-out).
    public struct PointCheck: Codable, Sendable, Equatable {
        public var point: Validation.Point
        /// Predicted with the accelerator's fitted constants (or the runtime's, when kept).
        public var fittedMs: Double
        /// Predicted with constants fitted to the accelerator's other configurations; nil when
        /// leave-one-out was not computed (more than `leaveOneOutLimit` configurations).
        public var leaveOneOutMs: Double?
        public var fittedError: Double { fittedMs / point.measuredMs - 1 }
        public var leaveOneOutError: Double? { leaveOneOutMs.map { $0 / point.measuredMs - 1 } }
    }

    /// Leave-one-out refits are computed for accelerators with at most this many configurations
    /// (a user's measurements; a reference grid has a held-out half instead).
    public static let leaveOneOutLimit = 64

    /// Every TTFT and TPOT point, predicted with the fitted constants, and for accelerators with
    /// few configurations, predicted by a refit without the point's configuration (each refit
    /// starts from the full fit).
    public static func check(_ points: [Validation.Point], fits: [Fit], catalog c: Catalog, runtime: String) -> [PointCheck] {
        var fitted = c
        if let r = fitted.runtimes.firstIndex(where: { $0.id == runtime }) {
            for f in fits {
                fitted.runtimes[r].accelerators[f.accelerator, default: [:]][.language] =
                    FamilyOverride(mfuMax: f.mfuMax, mfuHalfTokens: f.mfuHalfTokens, mbu: f.mbu, passOverheadMs: f.passOverheadMs)
            }
        }
        let ps = points.filter { $0.metric == .ttft || $0.metric == .tpot }
        var out: [PointCheck] = []
        for f in fits {
            let mine = ps.filter { $0.accelerator == f.accelerator }
            let keys = Array(Set(mine.map(key))).sorted()
            guard keys.count <= leaveOneOutLimit, keys.count > minimumPoints else { continue }
            let start = [logit(f.mfuMax), log(max(f.mfuHalfTokens, 1e-6)), logit(f.mbu), log(max(f.passOverheadMs, 1e-6))]
            for k in keys {
                let x = fitCoordinates(mine.filter { key($0) != k }, accelerator: f.accelerator, catalog: c, runtime: runtime, start: start,
                                       iterations: 200, restarts: 0)
                let cat = with(c, runtime, f.accelerator, x)
                for p in mine where key(p) == k {
                    out.append(PointCheck(point: p, fittedMs: predictedMs(p, catalog: fitted, runtime: runtime) ?? .nan,
                                          leaveOneOutMs: predictedMs(p, catalog: cat, runtime: runtime)))
                }
            }
        }
        let done = Set(out.map(\.point.accelerator))
        for p in ps where !done.contains(p.accelerator) {
            out.append(PointCheck(point: p, fittedMs: predictedMs(p, catalog: fitted, runtime: runtime) ?? .nan, leaveOneOutMs: nil))
        }
        return out.sorted { a, b in
            let p = a.point, q = b.point
            if (p.accelerator, p.model) != (q.accelerator, q.model) { return (p.accelerator, p.model) < (q.accelerator, q.model) }
            return (p.gpus, p.batch, p.tokensIn, p.tokensOut, p.metric == .tpot ? 1 : 0) < (q.gpus, q.batch, q.tokensIn, q.tokensOut, q.metric == .tpot ? 1 : 0)
        }
    }

    /// A point's TTFT or TPOT under the catalog, ms; nil when it cannot be estimated.
    static func predictedMs(_ p: Validation.Point, catalog c: Catalog, runtime: String) -> Double? {
        var q = LanguageEstimate.Question(model: p.model, accelerator: p.accelerator, gpus: p.gpus, precision: p.precision, runtime: runtime,
                                          batch: p.batch, tokensIn: p.tokensIn, tokensOut: p.tokensOut, rate: p.rate, requests: p.requests, seed: 1)
        q.limit = .modelWindow
        guard let e = try? LanguageEstimate.run(c, q), e.fits else { return nil }
        let v = (p.metric == .ttft ? e.ttft : e.tpot) * 1000
        return v > 0 && v.isFinite ? v : nil
    }

    static func key(_ p: Validation.Point) -> String { "\(p.model)|\(p.gpus)|\(p.batch)|\(p.tokensIn)|\(p.tokensOut)|\(p.rate.map { "\($0)" } ?? "")" }

    static func logit(_ f: Double) -> Double { let g = min(max(f, 1e-6), 1 - 1e-6); return log(g / (1 - g)) }
    static func constants(_ x: [Double]) -> (Double, Double, Double, Double) {
        // Fractions in (0, 1), rounded to 4 significant figures as the catalog will hold them.
        func round4(_ v: Double) -> Double { Double(String(format: "%.4g", v)) ?? v }
        return (round4(1 / (1 + exp(-x[0]))), round4(exp(x[1])), round4(1 / (1 + exp(-x[2]))), round4(exp(x[3])))
    }

    /// log(predicted / measured) of each point's TTFT or TPOT under the catalog; points the
    /// catalog cannot estimate are left out.
    static func predictedErrors(_ ps: [Validation.Point], catalog c: Catalog, runtime: String) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(ps.count)
        for p in ps {
            guard let v = predictedMs(p, catalog: c, runtime: runtime) else { continue }
            out.append(log(v / p.measuredMs))
        }
        return out
    }

    /// Nelder–Mead minimisation (reflection 1, expansion 2, contraction ½, shrink ½).
    static func nelderMead(_ f: ([Double]) -> Double, start: [Double], step: Double, iterations: Int) -> [Double] {
        let n = start.count
        var simplex = [start] + (0..<n).map { i -> [Double] in var v = start; v[i] += step; return v }
        var values = simplex.map(f)
        for _ in 0..<iterations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }; values = order.map { values[$0] }
            if abs(values[n] - values[0]) < 1e-10 * max(1, abs(values[0])) { break }
            let centroid = (0..<n).map { j in simplex.dropLast().reduce(0) { $0 + $1[j] } / Double(n) }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let r = along(-1), fr = f(r)
            if fr < values[0] {
                let e = along(-2), fe = f(e)
                if fe < fr { simplex[n] = e; values[n] = fe } else { simplex[n] = r; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = r; values[n] = fr
            } else {
                let cpt = along(fr < values[n] ? -0.5 : 0.5), fc = f(cpt)
                if fc < min(fr, values[n]) {
                    simplex[n] = cpt; values[n] = fc
                } else {
                    for i in 1...n { simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }; values[i] = f(simplex[i]) }
                }
            }
        }
        return simplex[values.indices.min { values[$0] < values[$1] } ?? 0]
    }

    /// The fitted constants as a runtime profile's `accelerators:` entries (YAML), with a comment
    /// naming the data and the fit's error per accelerator.
    public static func yaml(_ fits: [Fit], source: String) -> String {
        var s = "    accelerators:\n"
        for f in fits {
            s += "      # fitted to \(f.points) points of \(source) (TTFT and TPOT, least squares on log error):"
                + " median |error| \(pct(f.medianAbsErrorBefore)) -> \(pct(f.medianAbsErrorAfter))\n"
            s += "      \(f.accelerator): {language: {mfu_max: \(num(f.mfuMax)), mfu_half_tokens: \(num(f.mfuHalfTokens)), mbu: \(num(f.mbu)), pass_overhead_ms: \(num(f.passOverheadMs))}}\n"
        }
        return s
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    static func num(_ x: Double) -> String { String(format: "%.4g", x) }
}
