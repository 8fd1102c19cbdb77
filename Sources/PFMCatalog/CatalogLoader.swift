import Foundation

/// Loads catalogs from files, directories or the embedded defaults, merges them and checks the
/// whole for semantic errors (duplicate ids, dangling references, impossible fits).
public enum CatalogLoader {
    /// A catalog source: a file's path and text.
    public struct Source: Sendable {
        public var name: String
        public var text: String
        public init(name: String, text: String) { self.name = name; self.text = text }
    }

    /// The catalogs compiled into the binary.
    public static var embeddedSources: [Source] {
        EmbeddedCatalogs.files.map { Source(name: "<embedded>/" + $0.name, text: $0.text + "\n") }
    }

    /// Loads the embedded default catalog.
    public static func loadDefault() throws(DiagnosticError) -> Catalog {
        try load(sources: embeddedSources)
    }

    /// Reads paths (files, or directories whose `*.yaml`/`*.yml` files are read in name order).
    public static func readSources(paths: [String]) throws(DiagnosticError) -> [Source] {
        var out: [Source] = []
        var problems: [Diagnostic] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                if let raw = FileNames.escapedArgument(path) {
                    // The argument's bytes are not UTF-8: the decoded String names no file.
                    problems.append(Diagnostic(.error, at: nil, path: "", "\(raw): the path is not UTF-8 text (bytes shown as \\xHH), so pfmplan cannot open it",
                                               hint: "rename the file or directory to a UTF-8 name and give that to --catalog"))
                } else {
                    problems.append(Diagnostic(.error, at: nil, path: "", "\(path): no such file or directory",
                                               hint: "check the --catalog path; 'pfmplan catalog export DIR' writes the defaults to edit"))
                }
                continue
            }
            var files = [path]
            if isDir.boolValue {
                // Names as bytes: a .yaml file whose name is not UTF-8 is reported by that name,
                // not skipped or called missing.
                var names: [String] = []
                for bytes in FileNames.entries(of: path) ?? [] {
                    guard bytes.suffix(5).elementsEqual(".yaml".utf8) || bytes.suffix(4).elementsEqual(".yml".utf8) else { continue }
                    if FileNames.isNotUTF8(bytes) {
                        problems.append(Diagnostic(.error, at: nil, path: "",
                                                   "\((path as NSString).appendingPathComponent(FileNames.escaped(bytes))): the file name is not UTF-8 text (bytes shown as \\xHH), so the catalog file cannot be read",
                                                   hint: "rename it to a UTF-8 name ending in .yaml, or move it out of \(path)"))
                        continue
                    }
                    names.append(String(decoding: bytes, as: UTF8.self))
                }
                files = names.sorted().map { (path as NSString).appendingPathComponent($0) }
                if files.isEmpty && problems.isEmpty {
                    problems.append(Diagnostic(.error, at: nil, path: "", "\(path): directory holds no .yaml files"))
                }
            }
            for f in files {
                guard let data = fm.contents(atPath: f) else {
                    problems.append(Diagnostic(.error, at: nil, path: "", "\(f): cannot read the file"))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    problems.append(Diagnostic(.error, at: SourceLocation(file: f, line: 1, column: 1), path: "",
                                               "the file is not UTF-8 text", hint: "save the catalog as UTF-8 YAML"))
                    continue
                }
                out.append(Source(name: f, text: text))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return out
    }

    /// Loads catalog files given on the command line, or the embedded defaults when `paths` is empty.
    /// A file with `overlay: embedded` replaces the entries (and sections) with the same id of
    /// the files read before it; given alone (or with other overlays), on top of the embedded
    /// catalog.
    public static func load(paths: [String], limits: YAMLLimits = .default) throws(DiagnosticError) -> Catalog {
        if paths.isEmpty { return try loadDefault() }
        return try load(sources: readSources(paths: paths), limits: limits)
    }

    public static func load(sources given: [Source], limits: YAMLLimits = .default) throws(DiagnosticError) -> Catalog {
        var merged = Catalog()
        var diagnostics: [Diagnostic] = []
        var singletonOrigin: [String: SourceLocation?] = [:]
        var parsed = given.map { ($0, CatalogParser.parse($0.text, file: $0.name, limits: limits)) }
        // Only overlays given: they are read on top of the embedded catalog. Beside whole catalog
        // files they replace entries of the files read before them.
        var sources = given
        if !parsed.isEmpty && parsed.allSatisfy({ $0.1.0.overlaysEmbedded }) {
            let embedded = embeddedSources
            parsed = embedded.map { ($0, CatalogParser.parse($0.text, file: $0.name, limits: limits)) } + parsed
            sources = embedded + given
        }
        for (source, (part, ds)) in parsed {
            diagnostics += ds
            if !ds.contains(where: { $0.severity == .error }) { diagnostics += SourceComments.warnings(source.text, file: source.name) }
            merged.sources.append(source.name)
            // An overlay's entries replace the same-id ones read before them.
            func add<T>(_ list: inout [T], _ items: [T], id: (T) -> String) {
                if part.overlaysEmbedded {
                    let replaced = Set(items.map(id))
                    list.removeAll { replaced.contains(id($0)) }
                }
                list += items
            }
            add(&merged.models, part.models, id: \.id)
            add(&merged.precisions, part.precisions, id: \.id)
            add(&merged.accelerators, part.accelerators, id: \.id)
            add(&merged.devices, part.devices, id: \.id)
            add(&merged.runtimes, part.runtimes, id: \.id)
            add(&merged.hosts, part.hosts, id: \.id)
            add(&merged.services, part.services, id: \.id)
            add(&merged.workloads, part.workloads, id: \.id)
            func take<T>(_ key: String, _ value: T?, _ loc: SourceLocation?, into slot: inout T?) {
                guard let value else { return }
                if let first = singletonOrigin[key], !part.overlaysEmbedded {
                    diagnostics.append(Diagnostic(.error, at: loc ?? SourceLocation(file: source.name, line: 1, column: 1), path: key,
                                                  "section '\(key)' is given twice (first at \(first?.description ?? "?"))",
                                                  hint: "keep one '\(key):' section across all catalog files"))
                } else {
                    singletonOrigin[key] = loc
                    slot = value
                }
            }
            take("server", part.server, part.server?.location, into: &merged.server)
            take("cloud", part.cloud, part.cloud?.location, into: &merged.cloud)
            take("network", part.network, part.network?.location, into: &merged.network)
            take("site", part.site, part.site?.location, into: &merged.site)
            take("objective", part.objective, part.objective?.location, into: &merged.objective)
            take("context", part.context, part.context?.location, into: &merged.context)
            take("caching", part.caching, part.caching?.location, into: &merged.caching)
        }
        merged.digest = SHA256.hex(sources.map { $0.name.hasPrefix("<embedded>") ? $0.text : $0.text }.joined(separator: "\u{0}"))
        // Semantic checks only make sense once the syntax is clean; otherwise they repeat the same faults.
        if !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics += CatalogValidator.validate(merged)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(diagnostics.sorted(by: order)) }
        merged.warnings = diagnostics.sorted(by: order)
        return merged
    }

    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        default: return false
        }
    }
}
