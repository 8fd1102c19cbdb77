import Foundation
import PFMCatalog

/// A what-if in one file: catalog references, workload, server and run settings, policies.
public struct Scenario: Sendable {
    public var file: String
    /// Catalog paths, resolved against the scenario's folder; empty means the embedded catalog.
    public var catalogs: [String]
    public var workload: String?
    public var accelerator: String?
    public var count: Int?
    public var precision: String?
    public var maxBatch: Int?
    public var admission: Admission?
    public var caching: CachingMode?
    public var residency: Residency?
    /// The users' device profile (mobile tier).
    public var device: String?
    public var policies: [PolicyName]
    public var durationS: Double?
    public var requests: Int?
    public var warmupS: Double?
    public var seed: UInt64?
    public var contextUtility: ContextUtility?
    /// Where each id-valued key was written (`workload`, `server.accelerator`, …), for `check`.
    public var locations: [String: SourceLocation] = [:]

    /// The scenario's ids checked against the catalog it loads: each unknown one is an error at
    /// its position, with the catalog's ids (or a did-you-mean hint).
    public func check(_ c: Catalog) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func id(_ key: String, _ value: String?, _ known: [String], _ what: String) {
            guard let value, !known.contains(value) else { return }
            out.append(Diagnostic(.error, at: locations[key], path: key, "unknown \(what) '\(value)'",
                                  hint: YAMLReader.nearest(value, in: known).map { "did you mean '\($0)'?" } ?? "the catalog has: \(YAMLReader.list(known))"))
        }
        id("workload", workload, c.workloads.map(\.id), "workload")
        id("server.accelerator", accelerator, c.accelerators.map(\.id), "accelerator")
        id("server.precision", precision, c.precisions.map(\.id), "precision")
        id("server.device", device, c.devices.map(\.id), "device")
        return out
    }

    public static func load(path: String) throws(DiagnosticError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(Diagnostic(.error, at: nil, path: "", "\(path): cannot read the scenario file",
                                             hint: "check the --scenario path"))
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(DiagnosticError) -> Scenario {
        guard let root = try YAMLDocument.parse(text, file: file) else {
            throw DiagnosticError(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), path: "",
                                             "the scenario file is empty; it starts with 'schema_version: 1'"))
        }
        let r = YAMLReader(file: file)
        var s = Scenario(file: file, catalogs: [], policies: [])
        if let top = r.mapping(root, "", allowed: ["schema_version", "catalogs", "workload", "server", "run", "policies", "context"]) {
            if let v = top.require("schema_version", "the scenario format version, 1"),
               let n = r.integer(v, "schema_version", min: 0, max: 1 << 30), n != 1 {
                r.error(v, "schema_version", "unsupported schema_version \(n); this pfmplan reads version 1")
            }
            let base = (file as NSString).deletingLastPathComponent
            if let items = top.list("catalogs") {
                for (node, path) in items {
                    guard let p = r.string(node, path) else { continue }
                    let full = p.hasPrefix("/") ? p : (base as NSString).appendingPathComponent(p)
                    if !FileManager.default.fileExists(atPath: full) {
                        r.error(node, path, "no catalog file or folder at \(full)", hint: "a relative path is read from the scenario's folder")
                    }
                    s.catalogs.append(full)
                }
            }
            s.workload = top.identifier("workload")
            s.locations["workload"] = r.location(top.value("workload"))
            if let n = top.value("server"), let m = r.mapping(n, "server", allowed: ["accelerator", "count", "precision", "max_batch", "admission", "caching", "residency", "device"]) {
                s.accelerator = m.identifier("accelerator")
                s.count = m.integer("count", min: 1, max: 1024)
                s.precision = m.identifier("precision")
                s.maxBatch = m.integer("max_batch", min: 1, max: 4096)
                s.admission = m.choice("admission", Admission.self)
                s.caching = m.choice("caching", CachingMode.self)
                s.residency = m.choice("residency", Residency.self)
                s.device = m.identifier("device")
                for k in ["accelerator", "precision", "device"] { s.locations["server." + k] = r.location(m.value(k)) }
            }
            if let n = top.value("run"), let m = r.mapping(n, "run", allowed: ["duration_s", "requests", "warmup_s", "seed"]) {
                s.durationS = m.number("duration_s", .positive)
                s.requests = m.integer("requests", min: 1, max: 1 << 40)
                s.warmupS = m.number("warmup_s", .nonNegative)
                s.seed = m.integer("seed", min: 0, max: Int.max).map(UInt64.init)
            }
            if let items = top.list("policies") {
                s.policies = items.compactMap { r.choice($0.0, $0.1, PolicyName.self) }
            }
            if let n = top.value("context"), let m = r.mapping(n, "context", allowed: ["utility", "half_life_s", "drain_per_s", "window_s"]) {
                switch m.string("utility") {
                case "exponential": s.contextUtility = m.number("half_life_s", .positive, required: "half-life in s").map { .exponential(halfLifeS: $0) }
                case "linear": s.contextUtility = m.number("drain_per_s", .positive, required: "drain per s").map { .linear(drainPerS: $0) }
                case "window": s.contextUtility = m.number("window_s", .positive, required: "window in s").map { .window(seconds: $0) }
                default: r.error(m.value("utility") ?? m.node, "context.utility", "expected one of exponential, linear, window",
                                 hint: m.has("utility") ? nil : "add 'utility:' to the context section")
                }
            }
        }
        if r.sink.hasErrors { throw DiagnosticError(r.sink.diagnostics) }
        return s
    }
}
