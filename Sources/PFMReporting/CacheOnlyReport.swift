import PFMCatalog
import PFMSimulation

/// The cache-only replay's output: one row per policy.
public enum CacheOnlyReport {
    public static let schema = "pfmplan.cache-only/1"
    static let header = ["policy", "capacity_bytes", "requests", "hits", "misses", "object_miss_ratio",
                         "bytes_requested", "bytes_missed", "byte_miss_ratio", "evictions", "too_large", "objects"]

    static func fields(_ r: CacheOnlyResult, exact: Bool) -> [String] {
        let ratio: (Double) -> String = { exact ? "\($0)" : Fmt.fixed($0, 6) }
        return [r.policy, "\(r.capacityBytes)", "\(r.requests)", "\(r.hits)", "\(r.misses)", ratio(r.objectMissRatio),
                "\(r.bytesRequested)", "\(r.bytesMissed)", ratio(r.byteMissRatio), "\(r.evictions)", "\(r.tooLarge)", "\(r.objects)"]
    }

    public static func table(_ results: [CacheOnlyResult]) -> TextTable {
        var t = TextTable(header, alignments: [.left] + Array(repeating: .right, count: header.count - 1), title: "Cache-only replay")
        for r in results { t.add(fields(r, exact: false)) }
        return t
    }

    public static func csv(_ results: [CacheOnlyResult]) -> String {
        ([header.joined(separator: ",")] + results.map { fields($0, exact: true).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    public static func json(_ results: [CacheOnlyResult]) -> String {
        let rows = results.map { r -> String in
            let f = fields(r, exact: true)
            let items = zip(header, f).enumerated().map { i, kv in "\"\(kv.0)\": " + (i == 0 ? "\"\(kv.1)\"" : kv.1) }
            return "    {" + items.joined(separator: ", ") + "}"
        }
        return "{\n  \"cache_only\": [\n" + rows.joined(separator: ",\n") + "\n  ],\n  \"schema\": \"\(schema)\"\n}\n"
    }
}
