import PFMPlanning

/// `pfmplan validate`: the error table of pfmplan's estimates against reference measurements
/// (MODEL.md §11), by metric and half.
public enum ValidationReport {
    public static func table(_ r: Validation.Report) -> TextTable {
        var t = TextTable(["metric", "half", "points", "median |error|", "p90 |error|", "worst |error|", "median error"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right],
                          title: "pfmplan's static-batch estimates against \(r.reference) (\(r.points) points)\n")
        for row in r.rows {
            t.add([row.metric.rawValue, row.half, "\(row.points)", Fmt.percent(row.medianAbsError), Fmt.percent(row.p90AbsError),
                   Fmt.percent(row.worstAbsError), (row.medianError >= 0 ? "+" : "") + Fmt.percent(row.medianError)])
        }
        return t
    }

    /// What the table does not cover, under it.
    public static func notes(_ r: Validation.Report) -> String {
        var out = "(error = predicted / measured − 1; median error < 0: pfmplan predicts too fast)\n"
        if !r.skipped.isEmpty {
            out += "skipped: " + r.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ") + "\n"
        }
        return out
    }

    public static func csv(_ r: Validation.Report) -> String {
        "metric,half,points,median_abs_error,p90_abs_error,worst_abs_error,median_error\n" + r.rows.map {
            "\($0.metric.rawValue),\($0.half),\($0.points),\($0.medianAbsError),\($0.p90AbsError),\($0.worstAbsError),\($0.medianError)\n"
        }.joined()
    }

    /// Every point of the report, one line each: what was measured, pfmplan's prediction and the
    /// relative error (`pfmplan validate --points FILE`).
    public static func pointsCSV(_ r: Validation.Report) -> String {
        "source,model,accelerator,gpus,precision,batch,tokens_in,tokens_out,half,metric,measured_ms,predicted_ms,error\n" + r.estimated.map {
            "\($0.source),\($0.model),\($0.accelerator),\($0.gpus),\($0.precision),\($0.batch),\($0.tokensIn),\($0.tokensOut),\($0.half),"
                + "\($0.metric.rawValue),\($0.measuredMs),\($0.predictedMs),\($0.error)\n"
        }.joined()
    }
}
