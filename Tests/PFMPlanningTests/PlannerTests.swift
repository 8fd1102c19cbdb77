import Foundation
import PFMCatalog
import Testing
@testable import PFMPlanning
@testable import PFMReporting
@testable import PFMSimulation

@Suite("Planner")
struct PlannerTests {
    static let catalog = try! CatalogLoader.loadDefault()

    @Test func confidenceIntervalUsesStudentT() {
        let e = Estimate([1, 2, 3])
        #expect(e.mean == 2)
        // s = 1, n = 3, t(2) = 4.303 → half-width 4.303 / √3
        #expect(abs((e.high - e.mean) - 4.303 / 3.0.squareRoot()) < 1e-9)
        #expect(Estimate([5]).low == 5 && Estimate([5]).high == 5)
    }

    @Test func specParsesAndRejectsUnknownIdsWithPositions() throws {
        let spec = try SweepSpec.parse("""
            schema_version: 1
            accelerators: [l4, a10]
            counts: 1-3
            precisions: [int8]
            policies: [lc, lfu]
            load_scales: [1, 2]
            slo:
              p95_ms: 5000
              services:
                aigc-xr: {p95_ms: 9000}
            replications: 2
            run: {duration_s: 600}
            """, file: "s.yaml", catalog: Self.catalog)
        #expect(spec.accelerators == ["l4", "a10"] && spec.counts == [1, 2, 3] && spec.policies == [.lc, .lfu])
        #expect(spec.sloP95Ms == ["*": 5000, "aigc-xr": 9000])
        #expect(spec.digest.count == 64)
        do {
            _ = try SweepSpec.parse("schema_version: 1\naccelerators: [l4, h300]\nbogus: 1\n", file: "s.yaml", catalog: Self.catalog)
            Issue.record("expected errors")
        } catch {
            let d = error.diagnostics
            #expect(d.contains { $0.location?.line == 2 && $0.location?.column == 20 && $0.message == "unknown accelerator 'h300'" })
            #expect(d.contains { $0.path == "bogus" && $0.message == "unknown key 'bogus'" })
        }
    }

    @Test func candidatesSkipUnsupportedPrecisions() {
        var spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        spec.accelerators = ["t4", "l4"]; spec.precisions = ["fp8"]; spec.counts = [1]
        let (run, skipped) = Planner(catalog: Self.catalog, spec: spec).candidates()
        #expect(run.map(\.accelerator) == ["l4"])
        #expect(skipped.map(\.reason) == [.unsupportedPrecision(accelerator: "t4", precision: "fp8")])
        #expect(skipped.map { VerdictText.text($0.reason) } == ["t4 does not support fp8"])
    }

    @Test func seedsAreCommonAcrossOptionsAndIndependentOfOrder() throws {
        var spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        spec.accelerators = ["l40s", "a10"]; spec.counts = [1]; spec.precisions = ["int8"]; spec.replications = 2; spec.durationS = 300
        let p = Planner(catalog: Self.catalog, spec: spec)
        let units = p.units(p.candidates().run)
        let forward = try units.map { try p.evaluate($0) }
        let reversed = try units.reversed().map { try p.evaluate($0) }.reversed()
        #expect(forward == Array(reversed))
        // Common random numbers: both options see the same arrivals; replications differ.
        #expect(forward[0].seeds == forward[1].seeds)
        #expect(Set(forward[0].seeds).count == 2)
        #expect(forward[0].seeds.allSatisfy { $0 < 1 << 53 })
    }

    /// Replications run on several threads (the headroom bisection's evaluations) give the same
    /// evaluation, and the same bisection, as on one; an error from a replication still surfaces.
    @Test func replicationsOnSeveralThreadsGiveTheSameEvaluation() throws {
        var spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        spec.replications = 3; spec.durationS = 300; spec.admission = .alwaysEdge
        let p = Planner(catalog: Self.catalog, spec: spec)
        let c = Candidate(accelerator: "l4", count: 1, precision: "int8", policy: .lc, maxBatch: 8)
        let u = Planner.Unit(index: 0, candidate: c, workload: "metaverse", loadScale: 1.5)
        let one = try p.evaluate(u)
        #expect(one.seeds.count == 3 && Set(one.seeds).count == 3)
        for jobs in [2, 3, 8] { #expect(try p.evaluate(u, jobs: jobs) == one, "jobs \(jobs)") }
        #expect(try p.headroom(c, limit: 8, jobs: 2) == p.headroom(c, limit: 8))
        let squares = try ParallelMap.run(50, jobs: 4) { i throws(SetupError) in i * i }
        #expect(squares == (0..<50).map { $0 * $0 })
        #expect(throws: SetupError.self) {
            try ParallelMap.run(10, jobs: 3) { i throws(SetupError) in
                if i == 7 { throw SetupError("replication \(i) failed") }
                return i
            }
        }
    }

    @Test func recommendationPicksCheapestFeasibleAndExplainsCheaperOnes() {
        func summary(_ acc: String, cost: Double, feasible: Bool) -> Evaluation {
            let c = Candidate(accelerator: acc, count: 1, precision: "int8", policy: .lc, maxBatch: 8)
            let z = Estimate(mean: 0, low: 0, high: 0)
            return Evaluation(version: "t", catalogDigest: "", specDigest: "", index: 0, key: c.key, candidate: c, workload: "w",
                              loadScale: 1, seeds: [1], requests: 10, monthlyUSD: Estimate(mean: cost, low: cost, high: cost),
                              capexUSDMonth: 0, energyUSDMonth: 0, cloudUSDMonth: z, usdPer1kRequests: z, systemCost: z,
                              p95S: Estimate(mean: 1, low: 1, high: 1), meanAccuracy: nil, edgeRatio: z, loads: z, busyFraction: z,
                              sloAttainment: z, services: [], feasible: feasible, violations: feasible ? [] : [Violation(kind: .p95, service: "x", value: 2, mean: 1.5, limit: 1)],
                              severity: feasible ? 0.5 : 2)
        }
        let spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        let rec = Planner(catalog: Self.catalog, spec: spec).recommend(
            [summary("a", cost: 100, feasible: false), summary("b", cost: 200, feasible: true), summary("c", cost: 300, feasible: true)], skipped: [])
        #expect(rec.pick?.candidate.accelerator == "b")
        #expect(rec.runnersUp.map(\.candidate.accelerator) == ["c"])
        #expect(rec.rejectedCheaper.map(\.candidate.accelerator) == ["a"])
        #expect(rec.rejectedCheaper.first?.violations.map(VerdictText.text) == ["p95 of x 2.000 s > SLO 1.000 s"])
        #expect(rec.pareto.map(\.candidate.accelerator) == ["a"])
        let none = Planner(catalog: Self.catalog, spec: spec).recommend([summary("a", cost: 100, feasible: false)], skipped: [])
        #expect(none.pick == nil && none.nearestMisses.count == 1)
    }

    /// `size --objective system-cost --policies lc,cloud` picked an H200 with policy cloud:
    /// cloud latency was missing from the system cost, every server carried the cloud baseline
    /// with its own GPU capex, and the tie between them went to the option key.
    @Test func cloudBaselineIsOneOptionWithoutCapexAndPaysItsLatency() throws {
        var spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        spec.accelerators = ["h200", "l4"]; spec.counts = [1, 2]; spec.precisions = ["int8"]; spec.policies = [.lc, .cloud]
        spec.replications = 1; spec.durationS = 300; spec.objective = .systemCost
        let p = Planner(catalog: Self.catalog, spec: spec)
        let run = p.candidates().run
        let cloud = run.filter(\.isCloudOnly)
        #expect(cloud.count == 1)
        #expect(cloud.first?.label == "no edge server (cloud only)")
        let es = try p.units(run).map { try p.evaluate($0) }
        let c = try #require(es.first { $0.candidate.isCloudOnly })
        #expect(c.capexUSDMonth == 0 && c.energyUSDMonth == 0)
        #expect(c.monthlyUSD.mean == c.cloudUSDMonth.mean)
        // Every request goes to the cloud, and its latency is in the system cost's offloading term.
        let r = try Simulation.run(.cloud, setup: CompiledSetup(catalog: p.catalog, workload: p.catalog.workload("metaverse")!, config: ServerConfig(
            accelerator: "l4", count: 1, precision: "int8", maxBatch: 8, admission: .sloAware)), run: p.runConfig(p.catalog.workload("metaverse")!, scale: 1, seed: 1))
        #expect(r.edge == 0 && r.cost.offloadingLatency >= r.latency.mean * 0.999)
    }

    /// Ties between equally good options go to the simpler one: fewer GPUs, then cheaper hardware.
    @Test func tiesGoToFewerGPUsThenCheaperHardware() {
        func eval(_ acc: String, _ n: Int, capex: Double) -> Evaluation {
            let c = Candidate(accelerator: acc, count: n, precision: "int8", policy: .lc, maxBatch: 8)
            let z = Estimate(mean: 0, low: 0, high: 0), cost = Estimate(mean: 500, low: 500, high: 500)
            return Evaluation(version: "t", catalogDigest: "", specDigest: "", index: 0, key: c.key, candidate: c, workload: "w",
                              loadScale: 1, seeds: [1], requests: 10, monthlyUSD: cost, capexUSDMonth: capex, energyUSDMonth: 0,
                              cloudUSDMonth: z, usdPer1kRequests: z, systemCost: z, p95S: z, meanAccuracy: nil, edgeRatio: z, loads: z,
                              busyFraction: z, sloAttainment: z, services: [], feasible: true, violations: [], severity: 0)
        }
        let spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        let rec = Planner(catalog: Self.catalog, spec: spec).recommend(
            [eval("a100", 2, capex: 100), eval("h200", 1, capex: 400), eval("b200", 1, capex: 300)], skipped: [])
        #expect(rec.pick?.candidate.accelerator == "b200")
        #expect(rec.runnersUp.map(\.candidate.accelerator) == ["h200", "a100"])
    }

    /// When nothing is feasible only because of the intervals' width, the hint says so and
    /// suggests more replications or longer runs; a real miss (the mean breaks the SLO) does not.
    @Test func hintNamesIntervalWidth() {
        func eval(mean: Double, high: Double) -> Evaluation {
            let c = Candidate(accelerator: "l4", count: 1, precision: "int8", policy: .lc, maxBatch: 8)
            let z = Estimate(mean: 0, low: 0, high: 0)
            let v = Violation(kind: .p95, service: "x", value: high, mean: mean, limit: 1)
            return Evaluation(version: "t", catalogDigest: "", specDigest: "", index: 0, key: c.key, candidate: c, workload: "w",
                              loadScale: 1, seeds: [1], requests: 10, monthlyUSD: Estimate(mean: 100, low: 100, high: 100),
                              capexUSDMonth: 0, energyUSDMonth: 0, cloudUSDMonth: z, usdPer1kRequests: z, systemCost: z,
                              p95S: Estimate(mean: mean, low: mean, high: high), meanAccuracy: nil, edgeRatio: z, loads: z, busyFraction: z,
                              sloAttainment: z, services: [], feasible: false, violations: [v], severity: high)
        }
        let spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        let p = Planner(catalog: Self.catalog, spec: spec)
        let wide = PlanReport.sizeText(p.recommend([eval(mean: 0.8, high: 1.3)], skipped: []), spec: spec)
        #expect(wide.contains("Only the intervals' width rules out l4 ×1 int8"))
        #expect(wide.contains("More replications (--replications) or longer runs"))
        #expect(wide.contains("p95 of x 1.300 s > SLO 1.000 s (upper end of the interval; mean 0.800 s)"))
        let real = PlanReport.sizeText(p.recommend([eval(mean: 1.2, high: 1.3)], skipped: []), spec: spec)
        #expect(!real.contains("intervals' width"))
    }

    @Test func headroomBracketsTheSLOBoundary() throws {
        var spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        // Every request at the edge, so the SLOs bound the load (with SLO-aware admission the
        // cloud absorbs the overflow and headroom is unbounded).
        spec.replications = 1; spec.durationS = 600; spec.admission = .alwaysEdge
        let p = Planner(catalog: Self.catalog, spec: spec)
        // The first of a few one-GPU options that meets every SLO at ×1 with every request at the
        // edge (the bisection starts from a feasible ×1).
        let feasibleAtOne = try ["l4", "l40s", "a100-80gb", "h100-pcie"].map {
            Candidate(accelerator: $0, count: 1, precision: "int8", policy: .lc, maxBatch: 8)
        }.first { try p.evaluate(.init(index: 0, candidate: $0, workload: "metaverse", loadScale: 1)).feasible }
        let c = try #require(feasibleAtOne, "no one-GPU option is feasible at ×1 with always-edge admission")
        let h = try p.headroom(c, limit: 16)
        #expect(h.feasible >= 1)
        let bad = try #require(h.infeasible, "the search reached its cap; pick a smaller option")
        #expect(bad > h.feasible && bad / h.feasible <= 1.02 + 1e-9)
        // The bracket is repeatable: common random numbers make each end's verdict the bisection's.
        #expect(try p.evaluate(.init(index: 0, candidate: c, workload: "metaverse", loadScale: h.feasible)).feasible)
        #expect(try !p.evaluate(.init(index: 0, candidate: c, workload: "metaverse", loadScale: bad)).feasible)
        // The report gives the bracket, not one exact-looking number.
        var rec = p.recommend([], skipped: [])
        rec.headroom = h
        rec.pick = p.summaries([try p.evaluate(.init(index: 0, candidate: c, workload: "metaverse", loadScale: 1))]).first
        let text = PlanReport.sizeText(rec, spec: spec)
        #expect(text.contains("SLO headroom           ×\(Fmt.fixed(h.feasible, 2))–\(Fmt.fixed(bad, 2)) load"))
        // One replication: the cost claims no interval (it printed a zero-width "95% CI").
        #expect(text.contains("(one replication: no interval; use --replications 2 or more)"))
        #expect(!text.contains("(95% CI"))
    }

    /// Load scales share their random numbers: every scale replays the same arrivals (same seeds)
    /// compressed in time, so a scale 0.1% away gives nearly the same p95 and the same verdict.
    /// With independent draws per scale (the issue's ×6.80 feasible, ×6.8 not), neighbouring
    /// scales differed by sampling noise.
    @Test func loadScalesShareSeedsSoNeighbouringScalesAgree() throws {
        var spec = SweepSpec.defaults(for: Self.catalog, workload: "metaverse")
        spec.replications = 2; spec.durationS = 600; spec.admission = .alwaysEdge
        let p = Planner(catalog: Self.catalog, spec: spec)
        let c = Candidate(accelerator: "l4", count: 1, precision: "int8", policy: .lc, maxBatch: 8)
        var flips = 0, diffs: [Double] = []
        for m in stride(from: 1.0, through: 4.0, by: 0.5) {
            let a = try p.evaluate(.init(index: 0, candidate: c, workload: "metaverse", loadScale: m))
            let b = try p.evaluate(.init(index: 0, candidate: c, workload: "metaverse", loadScale: m * 1.001))
            #expect(a.seeds == b.seeds)
            diffs += zip(a.services, b.services).map { abs($0.p95S.mean - $1.p95S.mean) / $0.p95S.mean }
            if a.feasible != b.feasible { flips += 1 }
        }
        // The median service's p95 moves by well under 1% (independent draws: several percent).
        let median = diffs.sorted()[diffs.count / 2]
        #expect(median < 0.005, "median relative change of p95 \(median); all: \(diffs)")
        #expect(flips <= 1)
    }

    /// Intervals usable at any replication count (MODEL.md section 10): within-run batch means
    /// pooled across replications. With 2 replications Student's t over replications was 12.7,
    /// so every unit of Examples/slurm/sweep.yaml was infeasible and a p95 interval reached below
    /// 0; with 1 replication the interval had zero width.
    @Test(arguments: [1, 2])
    func intervalsHoldAtLowReplicationCounts(replications: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var spec = try SweepSpec.load(path: root.appendingPathComponent("Examples/slurm/sweep.yaml").path, catalog: Self.catalog)
        spec.replications = replications; spec.loadScales = [1]; spec.accelerators = ["l40s", "a10"]
        let p = Planner(catalog: Self.catalog, spec: spec)
        let es = try p.units(p.candidates().run).map { try p.evaluate($0) }
        let feasible = es.filter(\.feasible).count
        #expect(feasible > 0, "every unit infeasible: \(es.map(\.violations))")
        for e in es {
            let all = [e.monthlyUSD, e.cloudUSDMonth, e.usdPer1kRequests, e.systemCost, e.p95S, e.edgeRatio, e.loads, e.busyFraction, e.sloAttainment]
                + e.services.flatMap { [$0.p95S] + ($0.meanAccuracy.map { [$0] } ?? []) }
            #expect(all.allSatisfy { $0.low >= 0 && $0.low <= $0.mean && $0.mean <= $0.high }, "\(e.key): \(all)")
            #expect(e.p95S.samples ?? 0 >= 10 * replications)
            for s in e.services where s.p95S.mean > 0 {
                // Pooled batches (fewer than 10 only for a service with under 40 requests a run),
                // never a zero-width interval claimed from one replication.
                #expect(s.p95S.samples ?? 0 >= 5 * replications, "\(e.key) \(s.id): \(s.p95S)")
                #expect(s.p95S.hasInterval)
            }
        }
        if replications == 1 {
            // Where latencies vary, the interval has width even from one replication.
            #expect(es.flatMap(\.services).contains { $0.p95S.high > $0.p95S.mean })
        }
    }

    /// The device tier is a sweep axis: "none" and a device are separate options, evaluated on the
    /// same arrivals; with a headset running the vision services locally, fewer go to the edge.
    @Test func devicesAreASweepAxis() throws {
        let spec = try SweepSpec.parse("""
            schema_version: 1
            accelerators: [l4]
            counts: [1]
            precisions: [int8]
            devices: [none, quest-3]
            replications: 1
            run: {duration_s: 300}
            """, file: "d.yaml", catalog: Self.catalog)
        #expect(spec.devices == [nil, "quest-3"])
        let p = Planner(catalog: Self.catalog, spec: spec)
        let run = p.candidates().run
        #expect(run.map(\.key) == ["l4x1[1]@int8/lc/b8", "l4x1[1]@int8/lc/b8/device:quest-3"])
        let es = try p.units(run).map { try p.evaluate($0) }
        #expect(es[0].seeds == es[1].seeds)
        #expect(es[1].edgeRatio.mean < es[0].edgeRatio.mean)
    }
}
