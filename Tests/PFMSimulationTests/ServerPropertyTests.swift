import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

@Suite("v2 server: layouts, set-up errors, invariants")
struct ServerPropertyTests {
    @Test func layoutsParseAndPrint() throws {
        for (text, groups) in [("1x4", [1, 1, 1, 1]), ("2x2", [2, 2]), ("4", [4]), ("2+1+1", [2, 1, 1]), ("1+2+1", [2, 1, 1])] {
            let l = try Layout.parse(text, count: 4).get()
            #expect(l.groups == groups, "\(text)")
        }
        #expect(try Layout.parse("1+2+1", count: 4).get().description == "2+1+1")
        #expect(Layout.uniform(4).map(\.description) == ["1x4", "2x2", "4"])
        #expect(Layout.uniform(6).map(\.description) == ["1x6", "2x3"])
        #expect(Layout.uniform(1).map(\.description) == ["1"])
    }

    @Test(arguments: [("3+1", "not a power of two"), ("2x3", "has 6 GPU(s), but the option has 4"), ("abc", "is not a group size"),
                      ("", "empty layout"), ("2x", "is not a group size"), ("0x4", "is not a group size")])
    func badLayoutsSayWhatIsWrong(_ text: String, _ expected: String) {
        switch Layout.parse(text, count: 4) {
        case .success(let l): Issue.record("'\(text)' parsed as \(l)")
        case .failure(let e):
            #expect(e.message.contains(expected), "\(e.message)")
            #expect(e.hint.contains("1x4, 2x2, 4"))
        }
    }

    static func catalog(_ extra: String, form: String = "pcie", hosts: String = "", batching: String = "static") throws -> Catalog {
        var text = ServerCatalogs.text(models: [("a", 1000, 100, 1)], extra: hosts)
        text = text.replacingOccurrences(of: "price_usd: 8760, lifetime_years: 1}", with: "price_usd: 8760, lifetime_years: 1, form_factor: \(form)}")
        // Continuous batching needs the scheduler's keys (pfmplan-catalog(5)).
        let scheduler = batching == "continuous"
            ? "\n    max_num_seqs: 8\n    max_num_batched_tokens: 64\n    kv_block_tokens: 16\n    chunked_prefill: true\n    prefix_caching: true" : ""
        text = text.replacingOccurrences(of: "llm_batching: static", with: "llm_batching: \(batching)\(scheduler)")
        return try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text + extra)])
    }

    static func plan(_ c: Catalog, count: Int = 1, runtime: String? = nil, batching: LLMBatching? = nil) throws(SetupError) -> ServerPlan {
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", count: count, precision: "int8", maxBatch: 4, admission: .alwaysEdge,
                                                           llmBatching: batching))
        return try ServerPlan(catalog: c, setup: setup, layout: .dataParallel(count), runtime: runtime, loading: nil)
    }

    static let hosts = """
    hosts:
      - {id: small, form_factor: pcie, max_gpus: 2, price_usd: 1000, lifetime_years: 5, power_w: 100, storage_read_gbps: 5, dram_gib: 64, dram_read_gbps: 0.5}
      - {id: big, form_factor: pcie, max_gpus: 8, price_usd: 4000, lifetime_years: 5, power_w: 400, storage_read_gbps: 10, dram_gib: 512, dram_read_gbps: 40}

    """

    @Test func anOptionUsesTheCheapestHostThatHoldsIt() throws {
        let c = try Self.catalog("", hosts: Self.hosts)
        #expect(try Self.plan(c, count: 2).host?.id == "small")
        #expect(try Self.plan(c, count: 4).host?.id == "big")
        // loading: dram copies at min(DRAM read, t × host link): the small host's 0.5 GB/s DRAM
        // makes a 1 GB load 2 s; the big host's links (1 GB/s per GPU) make it 1 s.
        #expect(abs(try Self.plan(c, count: 2).loadSeconds(model: 0, group: 0) - 2) < 1e-9)
        #expect(abs(try Self.plan(c, count: 4).loadSeconds(model: 0, group: 0) - 1) < 1e-9)
    }

    /// A runtime's checkpoint reader (checkpoint_read_gbps, per GPU) caps loads that read a file
    /// (nvme, cold), not a swap-in from host memory: 1 GB at 0.25 GB/s is 4 s from NVMe, while
    /// from DRAM the big host's 1 GB/s links still make it 1 s.
    @Test func theRuntimesCheckpointReaderCapsFileLoadsOnly() throws {
        var c = try Self.catalog("", hosts: Self.hosts)
        c.runtimes[0].checkpointReadGBps = 0.25
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0],
                                      config: ServerConfig(accelerator: "box", count: 4, precision: "int8", maxBatch: 4, admission: .alwaysEdge))
        func load(_ source: LoadingSource) throws -> Double {
            try ServerPlan(catalog: c, setup: setup, layout: .dataParallel(4), runtime: nil, loading: source).loadSeconds(model: 0, group: 0)
        }
        #expect(abs(try load(.nvme) - 4) < 1e-9)
        #expect(abs(try load(.cold) - 4) < 1e-9)
        #expect(abs(try load(.dram) - 1) < 1e-9)
        // A 2-GPU group reads its two shards side by side: twice the reader's rate.
        let pair = try ServerPlan(catalog: c, setup: setup, layout: try Layout.parse("2x2", count: 4).get(), runtime: nil, loading: .nvme)
        #expect(abs(pair.loadSeconds(model: 0, group: 0) - 2) < 1e-9)
        // Parsed from the runtime's YAML, positive.
        let text = ServerCatalogs.text(models: [("a", 1000, 100, 1)]).replacingOccurrences(of: "fixed_overhead_gib: 0", with: "fixed_overhead_gib: 0\n    checkpoint_read_gbps: 3.3")
        #expect(try CatalogLoader.load(sources: [.init(name: "t.yaml", text: text)]).runtimes[0].checkpointReadGBps == 3.3)
        let bad = text.replacingOccurrences(of: "checkpoint_read_gbps: 3.3", with: "checkpoint_read_gbps: 0")
        do throws(DiagnosticError) { _ = try CatalogLoader.load(sources: [.init(name: "t.yaml", text: bad)]); Issue.record("accepted checkpoint_read_gbps 0") } catch {
            #expect(error.errors.contains { $0.path == "runtimes[0].checkpoint_read_gbps" && $0.message.contains("positive") }, "\(error.errors)")
        }
    }

    @Test func anSXMPartWithoutAnHGXHostIsAClearError() throws {
        let c = try Self.catalog("", form: "sxm", hosts: Self.hosts)
        #expect(throws: SetupError.self) { try Self.plan(c) }
        do { _ = try Self.plan(c) } catch {
            #expect(error.message == "no host in the catalog holds 1× box (form factor sxm)")
            #expect(error.hint?.contains("add a host with form_factor: sxm") == true)
        }
    }

    @Test func unknownRuntimesAndContinuousBatchingWithoutASchedulerAreRefused() throws {
        let c = try Self.catalog("")
        do { _ = try Self.plan(c, runtime: "nope"); Issue.record("accepted an unknown runtime") } catch {
            #expect(error.message == "unknown runtime 'nope'")
            #expect(error.hint == "one of: plain")
        }
        // The runtime's llm_batching, overridden per run (--llm-batching).
        let cont = try Self.catalog("", batching: "continuous")
        #expect(try Self.plan(cont).continuous)
        #expect(try !Self.plan(cont, batching: .static).continuous)
        #expect(try !Self.plan(c).continuous)
        // Asking a static runtime without scheduler constants for continuous batching.
        do { _ = try Self.plan(c, batching: .continuous); Issue.record("accepted continuous batching without a scheduler") } catch {
            #expect(error.message == "runtime 'plain' has no continuous-batching scheduler (max_num_seqs, max_num_batched_tokens, kv_block_tokens, chunked_prefill, prefix_caching)")
            #expect(error.hint?.contains("--llm-batching static") == true)
        }
    }

    @Test func catalogErrorsForTheV2SectionsArePositioned() throws {
        let bad = ServerCatalogs.text(models: [("a", 1000, 100, 1)])
            .replacingOccurrences(of: "lifetime_years: 1}", with: "lifetime_years: 1, interconnect: {kind: infiniband, link_gbps: 1, latency_us: 1}}")
        do { _ = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: bad)]); Issue.record("accepted") } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.path == "accelerators[0].interconnect.kind")
            #expect(d.location?.line == 6)   // the accelerator flow mapping continues on line 6
        }
        // A runtime without a profile for a family the catalog's models use.
        let missing = ServerCatalogs.text(models: [("a", 1000, 100, 1)])
            .replacingOccurrences(of: "families:\n      vision:", with: "families:\n      speech:")
        do { _ = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: missing)]); Issue.record("accepted") } catch {
            // (warnings such as an unsourced figure may come first)
            let d = try #require(error.diagnostics.first { $0.path.hasPrefix("runtimes[0]") && $0.message.contains("no profile") })
            #expect(d.message.contains("no profile for the vision family"))
        }
    }

    /// Random catalogs and arrivals: requests are conserved, no group's memory ever exceeds its
    /// usable memory (the engine checks at every load), and the same inputs give the same result.
    @Test(arguments: 0..<12)
    func randomServersConserveAndStayWithinMemory(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let n = 2 + Int(rng.next() % 5)
        let models = (0..<n).map { i in ("m\(i)", Double(200 + rng.next() % 1200), Double(10 + rng.next() % 400), 1 + Int(rng.next() % 3)) }
        let text = ServerCatalogs.text(models: models, slo: Double(200 + rng.next() % 2000), admission: "slo-aware")
        let count = [1, 2, 4][Int(rng.next() % 3)]
        let layout = Layout.uniform(count)[Int(rng.next() % UInt64(Layout.uniform(count).count))].description
        var t = 0.0
        let arrivals = (0..<400).map { _ -> (Double, Int) in
            t += Double(rng.next() % 1000) / 4000
            return (t, Int(rng.next() % UInt64(n)))
        }
        for policy in [PolicyName.lc, .lfu, .fifo, .random] {
            for admission in [Admission.sloAware, .alwaysEdge] {
                let r = try ServerCatalogs.run(text, count: count, layout: layout, arrivals: arrivals, policy: policy, admission: admission)
                #expect(r.requests == 400)
                #expect(r.edge + r.offloaded == r.requests, "\(policy) \(admission) \(layout)")
                for g in r.groups ?? [] { #expect(g.peakMemoryGiB <= g.usableMemoryGiB * (1 + 1e-12)) }
                let again = try ServerCatalogs.run(text, count: count, layout: layout, arrivals: arrivals, policy: policy, admission: admission)
                #expect(again == r)
            }
        }
    }

    /// Every model fits in one GPU beside the others (no evictions), always-edge: on the same
    /// arrivals, one more GPU group never raises the mean latency over all requests by more than 1%.
    @Test(arguments: 0..<10)
    func anotherGroupDoesNotRaiseMeanLatency(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = 2 + Int(rng.next() % 4)
        let models = (0..<n).map { i in ("m\(i)", Double(50 + rng.next() % 200), Double(10 + rng.next() % 200), 1 + Int(rng.next() % 3)) }
        let text = ServerCatalogs.text(models: models, perGPUGiB: 2)
        var t = 0.0
        let arrivals = (0..<300).map { _ -> (Double, Int) in
            t += Double(rng.next() % 1000) / 2000
            return (t, Int(rng.next() % UInt64(n)))
        }
        for groups in 1...3 {
            let fewer = try ServerCatalogs.run(text, count: groups, layout: "1x\(groups)", arrivals: arrivals)
            let more = try ServerCatalogs.run(text, count: groups + 1, layout: "1x\(groups + 1)", arrivals: arrivals)
            #expect(more.evictions == 0 && fewer.evictions == 0)
            #expect(more.latency.mean <= fewer.latency.mean * 1.01, "\(groups) → \(groups + 1) groups: \(fewer.latency.mean) → \(more.latency.mean)")
        }
    }

    /// M/D/1 on a one-group server: one resident model, Poisson arrivals, deterministic service.
    /// Mean time in system = S + ρS / (2(1 − ρ)) (Pollaczek–Khinchine), within 3%.
    @Test(arguments: [0.3, 0.6])
    func oneGroupIsAnMD1Queue(rho: Double) throws {
        let text = ServerCatalogs.text(models: [("a", 500, 100, 1)])
        let c = try CatalogLoader.load(sources: [.init(name: "test.yaml", text: text)])
        var config = ServerConfig(accelerator: "box", count: 1, precision: "int8", maxBatch: 1, admission: .alwaysEdge)
        config.maxBatch = 1
        let setup = try CompiledSetup(catalog: c, workload: c.workloads[0], config: config)
        let plan = try ServerPlan(catalog: c, setup: setup, layout: .dataParallel(1), runtime: nil, loading: nil)
        let s = 0.1, rate = rho / s
        var rng = SplitMix64(seed: 42)
        var t = 0.0
        var arrivals: [Arrival] = []
        for _ in 0..<200_000 {
            t += -log(Double(rng.next() >> 11 | 1) / Double(1 << 53)) / rate
            arrivals.append(Arrival(time: t, service: 0))
        }
        let r = ServerSimulation.run(.lru, setup: setup, plan: plan, run: RunConfig(durationS: t, warmupS: 100), arrivals: arrivals)
        let expected = s + rho * s / (2 * (1 - rho))
        #expect(abs(r.latency.mean - expected) / expected < 0.03, "mean \(r.latency.mean) vs \(expected)")
    }
}
