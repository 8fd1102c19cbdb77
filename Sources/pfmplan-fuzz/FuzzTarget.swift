// Fuzz harness for pfmplan's input readers: catalogs, sweep specs and scenarios (YAML) and request
// traces (pfmplan and libCacheSim CSV). Any input must end in a value or a diagnostic, never a trap.
//
// .ci/fuzz.sh builds it with libFuzzer and AddressSanitizer:
//   swift build --scratch-path .build-fuzz -c debug --product pfmplan-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DPFMPLAN_LIBFUZZER
// and runs `pfmplan-fuzz -max_total_time=60 Tests/fuzz/corpus/catalog` with PFMPLAN_FUZZ=yaml, then
// the traces with PFMPLAN_FUZZ=trace. A plain `swift build` gives a driver that runs files (a seed
// corpus, a crash reproducer) through the same harness: `pfmplan-fuzz FILE|DIR…`.
import Foundation
import PFMCatalog
import PFMPlanning
import PFMSimulation

/// What the bytes are fed to: PFMPLAN_FUZZ=yaml, trace, setup (a catalog taken through the
/// engine's set-up and a short run), or all (the default).
enum FuzzMode: String, Sendable { case yaml, trace, setup, all }

let fuzzMode = FuzzMode(rawValue: ProcessInfo.processInfo.environment["PFMPLAN_FUZZ"] ?? "all") ?? .all
/// The embedded catalog, for sweep specs (which name its ids).
let fuzzCatalog: Catalog? = try? CatalogLoader.loadDefault()
/// One scratch file per process: TraceReader streams from a path.
let fuzzTracePath = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-fuzz-\(getpid()).csv").path

/// Feeds one input to every reader of the mode. Returns the number of readers that accepted it.
@discardableResult
func fuzzOne(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var accepted = 0
    if fuzzMode == .setup || fuzzMode == .all {
        accepted += fuzzSetup(String(decoding: bytes, as: UTF8.self))
        if fuzzMode == .setup { return accepted }
    }
    if fuzzMode != .trace {
        let text = String(decoding: bytes, as: UTF8.self)
        if (try? CatalogLoader.load(sources: [CatalogLoader.Source(name: "fuzz.yaml", text: text)])) != nil { accepted += 1 }
        if (try? Scenario.parse(text, file: "fuzz.yaml")) != nil { accepted += 1 }
        if let c = fuzzCatalog, (try? SweepSpec.parse(text, file: "fuzz.yaml", catalog: c)) != nil { accepted += 1 }
    }
    if fuzzMode != .yaml {
        guard let f = fopen(fuzzTracePath, "wb") else { return accepted }
        if bytes.count > 0 { _ = fwrite(bytes.baseAddress!, 1, bytes.count, f) }
        fclose(f)
        let services: [String: Int32] = ["translation": 0, "qa": 1, "arithmetic": 2, "driving-perception": 3]
        for (skip, keys) in [(0, TraceReader.Keys.known(services, what: "service")), (2, .intern)] {
            do {
                var reader = try TraceReader(path: fuzzTracePath, skipBadLines: skip, warn: { _ in }, keys: { format in
                    format == .pfmplan ? keys : (keys.isIntern ? .intern : .known(["gpt3-13b": 0, "clip-vit-l-14": 1], what: "model"))
                })
                var n = 0
                while let _ = try reader.next() { n += 1; if n > 100_000 { break } }
                accepted += 1
            } catch {}
        }
    }
    return accepted
}

/// A catalog that loads goes through what a command does with it: the work estimate, the
/// engine's set-up for its first workload on its first two accelerators, and a short run on each
/// (passive, then active caching when the catalog has it). Returns the runs made.
func fuzzSetup(_ text: String) -> Int {
    guard let c = try? CatalogLoader.load(sources: [CatalogLoader.Source(name: "fuzz.yaml", text: text)]) else { return 0 }
    var runs = 0
    for w in c.workloads.prefix(1) {
        // Two short runs per input (each run's summary dominates under ASan): the first
        // accelerator passive, the second with active caching when the catalog has it.
        for (n, a) in c.accelerators.prefix(2).enumerated() {
            guard let p = c.precisions.first(where: { a.supports($0.id) }) ?? c.precisions.first else { continue }
            let caching: CachingMode = n == 1 && c.caching != nil ? .active : .passive
            let config = ServerConfig(accelerator: a.id, count: 1, precision: p.id, maxBatch: c.settings.server.maxBatch,
                                      admission: c.settings.server.admission, caching: caching)
            let run = RunConfig(durationS: nil, requests: 32, warmupS: 0, seed: 1)
            if WorkLimits.problem(w, run, caching: c.caching, activeCaching: caching == .active) != nil { continue }
            guard let setup = try? CompiledSetup(catalog: c, workload: w, config: config) else { continue }
            if (try? Simulation.run(n == 0 ? .lc : .lru, setup: setup, run: run)) != nil { runs += 1 }
        }
        var spec = SweepSpec.defaults(for: c, workload: w.id)
        spec.requests = 64
        spec.replications = 1
        _ = Planner(catalog: c, spec: spec).workProblem()
    }
    return runs
}

extension TraceReader.Keys {
    var isIntern: Bool { if case .intern = self { return true } else { return false } }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(UnsafeBufferPointer(start: data, count: size))
    return 0
}

#if PFMPLAN_LIBFUZZER
/// libFuzzer's driver, for a program with its own `main` (SwiftPM names the executable's entry point).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#endif

@main
enum FuzzDriver {
    static func main() {
        #if PFMPLAN_LIBFUZZER
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzOne(UnsafeBufferPointer(start: data, count: size))
            return 0
        })
        #else
        // Without libFuzzer: run the files given (or every file in the folders given) through the harness.
        let fm = FileManager.default
        var files: [String] = []
        for arg in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else {
                try? FileHandle.standardError.write(contentsOf: Data("pfmplan-fuzz: \(arg): no such file or directory\n".utf8))
                exit(64)
            }
            if isDir.boolValue {
                files += ((try? fm.contentsOfDirectory(atPath: arg)) ?? []).sorted().map { (arg as NSString).appendingPathComponent($0) }
            } else {
                files.append(arg)
            }
        }
        if files.isEmpty {
            try? FileHandle.standardError.write(contentsOf: Data("usage: pfmplan-fuzz FILE|DIR… (PFMPLAN_FUZZ=yaml|trace|setup|all)\n".utf8))
            exit(64)
        }
        var accepted = 0
        for f in files {
            let data = fm.contents(atPath: f) ?? Data()
            accepted += data.withUnsafeBytes { fuzzOne($0.bindMemory(to: UInt8.self)) } > 0 ? 1 : 0
        }
        unlink(fuzzTracePath)
        print("pfmplan-fuzz: ran \(files.count) input(s) without a crash; \(accepted) accepted by at least one reader")
        #endif
    }
}
