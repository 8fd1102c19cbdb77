import CMallocCounter
import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// The hot loop makes no heap allocation per request (STYLE.md, pfmplan-model(7)): counted with
/// an interposed malloc on the test's own thread, as the difference between a short and a ten
/// times longer run, so set-up cancels out. A few allocations may differ (a queue ring doubling
/// once more in the longer run); one per request, or even one per thousand, would not fit.
@Suite("Allocations per request")
struct AllocationTests {
    static let counting = pfm_malloc_counting() == 1
    static let slack: UInt64 = 8

    /// Allocations made on this thread while `body` runs.
    func allocations(_ body: () throws -> Void) rethrows -> UInt64 {
        let before = pfm_malloc_thread_count()
        try body()
        return pfm_malloc_thread_count() - before
    }

    static func paperSetup(layout: Layout? = nil) throws -> CompiledSetup {
        let path = PaperTableIITests.root.appendingPathComponent("Examples/paper-table2/scenario.yaml").path
        let sc = try Scenario.load(path: path)
        let catalog = try CatalogLoader.load(paths: sc.catalogs)
        return try CompiledSetup(catalog: catalog, workload: catalog.workload("paper-mix")!, config: ServerConfig(
            accelerator: "l4", count: layout?.gpus ?? 1, precision: "int8", maxBatch: catalog.settings.server.maxBatch, admission: .sloAware,
            layout: layout))
    }

    /// The v2 server (groups, executors, placement, background loads and replicas) on the paper
    /// mix, on one GPU and on two 1-GPU groups, and with 40 models on two groups. (The extra
    /// allocations a longer run once made were traced, with backtraces from the interposed malloc,
    /// to the result's resident-model lists, whose string sort depended on which models were
    /// resident at the end; the lists are now taken in a precomputed id order.)
    @Test("v2 server: no allocation per request", .enabled(if: counting, "needs glibc malloc interposition, without a sanitizer"),
          arguments: [PolicyName.lc, .lfu, .random])
    func serverEngine(policy: PolicyName) throws {
        for layout in [Layout.dataParallel(1), .dataParallel(2)] {
            let setup = try Self.paperSetup(layout: layout)
            let short = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 5_000, seed: 3)) }
            let long = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 50_000, seed: 3)) }
            #expect(long <= short + Self.slack, "\(policy) \(layout): \(long) allocations for 50,000 requests against \(short) for 5,000")
        }
        let rates = (0..<40).map { 1.0 / Double($0 + 1) }
        let c = try TestCatalogs.catalog(TestCatalogs.text(models: 40, slots: 6.5, paramsM: 10, gflops: 1, rates: rates))
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: ServerConfig(
            accelerator: "box", count: 2, precision: "int8", maxBatch: 1, admission: .alwaysEdge, layout: .dataParallel(2)))
        let short = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 5_000, seed: 5)) }
        var loads = 0
        let long = try allocations { loads = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 50_000, seed: 5)).loads }
        #expect(loads > 5_000, "evictions are exercised")
        #expect(long <= short + Self.slack, "\(policy) 40 models: \(long) allocations for 50,000 requests against \(short) for 5,000")
    }

    @Test("generated arrivals: no allocation per request", .enabled(if: counting, "needs glibc malloc interposition, without a sanitizer"),
          arguments: PolicyName.allCases.filter { $0 != .belady })
    func generatedArrivals(policy: PolicyName) throws {
        let setup = try Self.paperSetup()
        let short = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 5_000, seed: 3)) }
        let long = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 50_000, seed: 3)) }
        #expect(short > 0, "the counter saw the set-up's allocations")
        #expect(long <= short + Self.slack, "\(policy): \(long) allocations for 50,000 requests against \(short) for 5,000")
    }

    /// The planner's within-run batch means (BatchMeans.swift) record without allocating.
    @Test("batch means: no allocation per request", .enabled(if: counting, "needs glibc malloc interposition, without a sanitizer"))
    func batchMeans() throws {
        let setup = try Self.paperSetup()
        var short = RunConfig(requests: 5_000, seed: 3), long = RunConfig(requests: 50_000, seed: 3)
        short.batchMeans = true; long.batchMeans = true
        // One unmeasured long run first: a code path the short run never reaches may allocate one-time
        // runtime state on its first use in the process, and which test gets there first depends on
        // the order the parallel tests run in (a full run once saw 10 such allocations); none is per request.
        _ = try Simulation.run(.lc, setup: setup, run: long)
        let a = try allocations { _ = try Simulation.run(.lc, setup: setup, run: short) }
        let b = try allocations { _ = try Simulation.run(.lc, setup: setup, run: long) }
        #expect(b <= a + Self.slack, "\(b) allocations for 50,000 requests against \(a) for 5,000")
    }

    /// Many models and evictions every few requests: the heaps and the victim search allocate nothing.
    @Test("40 models, 6 cached: no allocation per request", .enabled(if: counting, "needs glibc malloc interposition, without a sanitizer"),
          arguments: [PolicyName.lc, .lfu, .lru, .fifo, .random])
    func manyModels(policy: PolicyName) throws {
        let rates = (0..<40).map { 1.0 / Double($0 + 1) }
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 40, slots: 6.5, paramsM: 10, gflops: 1, rates: rates))
        let short = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 5_000, seed: 5)) }
        var loads = 0
        let long = try allocations { loads = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 50_000, seed: 5)).loads }
        #expect(loads > 5_000, "evictions are exercised")
        #expect(long <= short + Self.slack, "\(policy): \(long) allocations for 50,000 requests against \(short) for 5,000")
    }

    /// Continuous batching (issue 15): the embedded catalog's metaverse mix on one L4, whose GPT-3
    /// instances run the executor and are evicted and reloaded: the executors are pooled, their
    /// rings and heaps sized once, so a longer run allocates nothing more.
    @Test("continuous batching: no allocation per request", .enabled(if: counting, "needs glibc malloc interposition, without a sanitizer"),
          arguments: [PolicyName.lc, .lfu, .random])
    func continuousBatching(policy: PolicyName) throws {
        let c = try CatalogLoader.loadDefault()
        let setup = try CompiledSetup(catalog: c, workload: try #require(c.workload("metaverse")),
                                      config: ServerConfig(accelerator: "l4", precision: "int8", maxBatch: 8, admission: .sloAware,
                                                           llmBatching: .continuous))
        let short = try allocations { _ = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 5_000, seed: 3)) }
        var loads = 0
        let long = try allocations { loads = try Simulation.run(policy, setup: setup, run: RunConfig(requests: 50_000, seed: 3)).loads }
        #expect(loads > 100, "evictions and reloads are exercised (\(loads) loads)")
        #expect(long <= short + Self.slack, "\(policy): \(long) allocations for 50,000 requests against \(short) for 5,000")
    }

    /// Replaying a trace from disk: ordinary lines are parsed without allocating.
    @Test("trace replay: no allocation per line", .enabled(if: counting, "needs glibc malloc interposition, without a sanitizer"))
    func traceReplay() throws {
        let setup = try Self.paperSetup()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-alloc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var counts: [UInt64] = []
        for n in [5_000, 50_000] {
            let path = dir.appendingPathComponent("t\(n).csv").path
            var source = try Simulation.arrivals(setup, RunConfig(requests: n, seed: 9))
            _ = try TraceWriter.write(&source, setup: setup, format: .pfmplan, measured: n, warmupS: 0, to: path)
            counts.append(try allocations {
                _ = try TraceReplay.run(.lc, setup: setup, run: RunConfig(seed: 9), path: path, skipBadLines: 0, warn: { _ in })
            })
        }
        #expect(counts[1] <= counts[0] + Self.slack, "\(counts[1]) allocations for 50,000 lines against \(counts[0]) for 5,000")
    }
}
