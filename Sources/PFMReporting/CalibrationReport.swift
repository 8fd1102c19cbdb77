import PFMCatalog
import PFMPlanning

/// `pfmplan calibrate`: the fitted constants per accelerator, and the runtime profile that holds them.
public enum CalibrationReport {
    public static func table(_ fits: [Calibration.Fit], runtime: String, all accelerators: Set<String>) -> TextTable {
        var t = TextTable(["accelerator", "points", "mfu_max", "mfu_half_tokens", "mbu", "pass_overhead_ms", "median |error| before", "after"],
                          alignments: [.left, .right, .right, .right, .right, .right, .right, .right],
                          title: "runtime \(runtime), language family: constants fitted to TTFT and TPOT (least squares on log error)\n")
        for f in fits {
            t.add([f.accelerator, "\(f.points)", Fmt.number(f.mfuMax), Fmt.number(f.mfuHalfTokens), Fmt.number(f.mbu), Fmt.number(f.passOverheadMs),
                   Fmt.percent(f.medianAbsErrorBefore), Fmt.percent(f.medianAbsErrorAfter)])
        }
        let fitted = Set(fits.map(\.accelerator))
        for a in accelerators.subtracting(fitted).sorted() {
            t.add([a, "-", "-", "-", "-", "-", "-", "kept"])
        }
        return t
    }

    /// Each point measured against the fitted constants and its leave-one-out prediction.
    public static func points(_ checks: [Calibration.PointCheck]) -> TextTable {
        var t = TextTable(["accelerator", "model", "gpus", "batch", "in", "out", "metric", "measured ms", "fitted ms", "error", "leave-one-out ms", "error"],
                          alignments: [.left, .left, .right, .right, .right, .right, .left, .right, .right, .right, .right, .right],
                          title: "each point against the fit, and against a fit without its configuration (leave-one-out)\n")
        for c in checks {
            let p = c.point
            func signed(_ e: Double?) -> String { e.map { ($0 >= 0 ? "+" : "") + Fmt.percent($0) } ?? "-" }
            // A run at a rate (vllm bench serve) shows its rate where a static batch shows its size.
            let batch = p.rate.map { "@" + Fmt.number($0) + "/s" } ?? "\(p.batch)"
            t.add([p.accelerator, p.model, "\(p.gpus)", batch, "\(p.tokensIn)", "\(p.tokensOut)", p.metric.rawValue, Fmt.number(p.measuredMs),
                   Fmt.number(c.fittedMs), signed(c.fittedError), c.leaveOneOutMs.map(Fmt.number) ?? "-", signed(c.leaveOneOutError)])
        }
        return t
    }

    public static func pointsCSV(_ checks: [Calibration.PointCheck]) -> String {
        "accelerator,model,gpus,precision,batch,tokens_in,tokens_out,metric,measured_ms,fitted_ms,fitted_error,leave_one_out_ms,leave_one_out_error,rate_per_s\n"
            + checks.map { c in
                let p = c.point
                return "\(p.accelerator),\(p.model),\(p.gpus),\(p.precision),\(p.batch),\(p.tokensIn),\(p.tokensOut),\(p.metric.rawValue),"
                    + "\(p.measuredMs),\(c.fittedMs),\(c.fittedError),\(c.leaveOneOutMs.map { "\($0)" } ?? ""),\(c.leaveOneOutError.map { "\($0)" } ?? ""),\(p.rate.map { "\($0)" } ?? "")\n"
            }.joined()
    }

    /// Under the table: what "defaults kept" means.
    public static let legend = "(before: the runtime's constants for the accelerator; kept: they stay, with fewer than \(Calibration.minimumPoints) points or no fit that lowers the median |error|)\n"

    /// A catalog file with the runtime, its constants as given, and the fitted accelerators.
    public static func profile(_ rt: RuntimeSpec, fits: [Calibration.Fit], source: String) -> String {
        var s = "# pfmplan runtime profile written by `pfmplan calibrate --measurements \(source)`\n"
            + "# --catalog THIS_FILE reads it on top of the embedded catalog (or after the catalog files before it):\n"
            + "# its runtime replaces the one with the same id.\nschema_version: 1\noverlay: embedded\nruntimes:\n"
        s += "  - id: \(rt.id)\n    name: \(yamlString(rt.name))\n    llm_batching: \(rt.llmBatching.rawValue)\n"
        if let q = rt.scheduler {
            s += "    max_num_seqs: \(q.maxNumSeqs)\n    max_num_batched_tokens: \(q.maxNumBatchedTokens)\n    kv_block_tokens: \(q.kvBlockTokens)\n"
            s += "    chunked_prefill: \(q.chunkedPrefill)\n    prefix_caching: \(q.prefixCaching)\n"
        }
        s += "    fixed_overhead_gib: \(Fmt.number(rt.fixedOverheadGiB))\n    activation_fraction: \(Fmt.number(rt.activationFraction))\n"
        if let r = rt.checkpointReadGBps { s += "    checkpoint_read_gbps: \(Fmt.number(r))\n" }
        s += "    families:\n"
        for f in ModelFamily.allCases {
            guard let p = rt.families[f] else { continue }
            let start = LoadingSource.allCases.map { "\($0.rawValue): \(Fmt.number(p.startS[$0] ?? 0))" }.joined(separator: ", ")
            s += "      \(f.rawValue): {mfu_max: \(Fmt.number(p.mfuMax)), mfu_half_tokens: \(Fmt.number(p.mfuHalfTokens)), mbu: \(Fmt.number(p.mbu)), pass_overhead_ms: \(Fmt.number(p.passOverheadMs))"
                + (p.mfuHalfWidth > 0 ? ", mfu_half_width: \(Fmt.number(p.mfuHalfWidth))" : "") + ", start_s: {\(start)}}\n"
        }
        // The runtime's own per-accelerator entries stay where nothing better was fitted.
        let fitted = Set(fits.map(\.accelerator))
        var kept = ""
        for (acc, fams) in rt.accelerators.sorted(by: { $0.key < $1.key }) where !fitted.contains(acc) {
            guard fams[.language] != nil, let p = rt.profile(.language, accelerator: acc) else { continue }
            kept += "      \(acc): {language: {mfu_max: \(Fmt.number(p.mfuMax)), mfu_half_tokens: \(Fmt.number(p.mfuHalfTokens)), mbu: \(Fmt.number(p.mbu)), pass_overhead_ms: \(Fmt.number(p.passOverheadMs))}}   # kept from the runtime\n"
        }
        if fits.isEmpty && kept.isEmpty { return s }
        return s + (fits.isEmpty ? "    accelerators:\n" : Calibration.yaml(fits, source: source)) + kept
    }

    static func yamlString(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
