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
            func errors(_ x: [Double]) -> [Double] {
                var cat = c
                guard let r = cat.runtimes.firstIndex(where: { $0.id == runtime }) else { return [] }
                let p = constants(x)
                cat.runtimes[r].accelerators[acc, default: [:]][.language] = FamilyOverride(mfuMax: p.0, mfuHalfTokens: p.1, mbu: p.2, passOverheadMs: p.3)
                return predictedErrors(ps, catalog: cat, runtime: runtime)
            }
            func loss(_ x: [Double]) -> Double {
                let e = errors(x)
                return e.isEmpty ? .infinity : e.reduce(0) { $0 + $1 * $1 }
            }
            let start = [logit(base.mfuMax), log(max(base.mfuHalfTokens, 1)), logit(base.mbu), log(max(base.passOverheadMs, 0.01))]
            let x = nelderMead(loss, start: start, step: 0.5, iterations: 400)
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

    static func key(_ p: Validation.Point) -> String { "\(p.model)|\(p.gpus)|\(p.batch)|\(p.tokensIn)|\(p.tokensOut)" }

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
            let q = LanguageEstimate.Question(model: p.model, accelerator: p.accelerator, gpus: p.gpus, precision: p.precision, runtime: runtime,
                                              batch: p.batch, tokensIn: p.tokensIn, tokensOut: p.tokensOut, rate: nil, requests: 0, seed: 1)
            guard let e = try? LanguageEstimate.run(c, q), e.fits else { continue }
            let v = p.metric == .ttft ? e.ttft : e.tpot
            guard v > 0, v.isFinite else { continue }
            out.append(log(v * 1000 / p.measuredMs))
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
