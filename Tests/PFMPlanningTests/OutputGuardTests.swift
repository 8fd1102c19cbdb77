import Foundation
import PFMCatalog
@testable import PFMPlanning
@testable import PFMReporting
import PFMSimulation
import Testing

/// Issue 19 (non-finite numbers reach outputs) and issue 18 (plots): the checks every command
/// runs on results before rendering them, and what the renderers do with the rest.
@Suite("Output guards and plots")
struct OutputGuardTests {
    static func evaluation(_ acc: String, count: Int = 1, cost: Double, p95: Double = 1, slo: Double = 2, feasible: Bool = true,
                           scale: Double = 1, index: Int = 0) -> Evaluation {
        let c = Candidate(accelerator: acc, count: count, precision: "int8", policy: .lc, maxBatch: 8)
        let z = Estimate(mean: 0, low: 0, high: 0)
        let service = ServiceEstimate(id: "qa", p95S: Estimate(mean: p95, low: p95, high: p95), sloP95S: slo, meanAccuracy: nil,
                                      minAccuracy: 0, edgeRatio: 1)
        return Evaluation(version: "t", catalogDigest: "", specDigest: "", index: index, key: c.key, candidate: c, workload: "w",
                          loadScale: scale, seeds: [1], requests: 10, monthlyUSD: Estimate(mean: cost, low: cost, high: cost),
                          capexUSDMonth: 0, energyUSDMonth: 0, cloudUSDMonth: z, usdPer1kRequests: z, systemCost: z,
                          p95S: Estimate(mean: p95, low: p95, high: p95), meanAccuracy: nil, edgeRatio: z, loads: z, busyFraction: z,
                          sloAttainment: z, services: [service], feasible: feasible,
                          violations: feasible ? [] : [Violation(kind: .p95, service: "qa", value: p95, mean: p95, limit: slo)],
                          severity: p95 / slo)
    }

    @Test("a result with a non-finite figure is refused by the check sweep, size, compare, report and size --from run")
    func nonFiniteResultsRefused() {
        var e = Self.evaluation("l4", cost: 100)
        #expect(ResultsCheck.problem(e) == nil)
        e.p95S.mean = .nan
        #expect(ResultsCheck.problem(e) == "p95S.mean is not a finite number")
        e = Self.evaluation("l4", cost: 100)
        e.services[0].p95S.high = .infinity
        #expect(ResultsCheck.problem(e)?.contains("services[0].p95S.high is not a finite number") == true, "\(ResultsCheck.problem(e) ?? "nil")")
        e = Self.evaluation("l4", cost: 100)
        e.monthlyUSD.mean = -1
        #expect(ResultsCheck.problem(e) == "monthlyUSD.mean is negative (-1.0)")
    }

    /// What `simulate` checks on each SimulationResult: the key path of the first non-finite number.
    @Test("nonFiniteField names the first non-finite number by its key path, through optionals and arrays")
    func nonFiniteFieldPaths() {
        struct Inner { var p95: Double; var extra: Double? }
        struct Outer { var name: String; var values: [Double]; var inner: Inner }
        #expect(ResultsCheck.nonFiniteField(Outer(name: "x", values: [1, 2], inner: Inner(p95: 1, extra: nil))) == nil)
        #expect(ResultsCheck.nonFiniteField(Outer(name: "x", values: [1, .nan], inner: Inner(p95: 1, extra: nil))) == "values[1]")
        #expect(ResultsCheck.nonFiniteField(Outer(name: "x", values: [], inner: Inner(p95: 1, extra: -.infinity))) == "inner.extra")
    }

    @Test("JSON never holds \"inf\" or \"nan\": a non-finite number is written as null and the document stays valid JSON")
    func jsonNeverHoldsNonFiniteStrings() throws {
        var e = Self.evaluation("l4", cost: 100)
        e.p95S.mean = .nan
        e.severity = .infinity
        for json in [JSONOutput.encode(e), PlanReport.jsonLine(e)] {
            #expect(!json.contains("inf") && !json.contains("nan"), "\(json)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["severity"] is NSNull)
            #expect((object["p95S"] as? [String: Any])?["mean"] is NSNull)
            #expect((object["p95S"] as? [String: Any])?["high"] as? Double == 1)
        }
    }

    @Test("a unit that measured no request has a finite severity, larger than any measured one")
    func unmeasuredSeverityIsFinite() {
        #expect(Evaluation.unmeasuredSeverity.isFinite && Evaluation.unmeasuredSeverity > 1e300)
    }

    @Test("SVG charts never get nan or inf coordinates")
    func svgHasNoNonFiniteCoordinates() {
        var chart = SVGChart(title: "t", xLabel: "x", yLabel: "y",
                             series: [.init(name: "a", points: [(1, 2), (.nan, 3), (2, .infinity), (3, 4)])])
        chart.reference = (y: .nan, label: "ref")
        let svg = chart.render()
        #expect(!svg.contains("nan") && !svg.contains("inf"), "\(svg)")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2, "the two finite points are drawn")
        let bars = SVGBarChart(title: "t", yLabel: "y", groups: ["g1", "g2"], bars: [(name: "b", values: [.nan, 2])]).render()
        #expect(!bars.contains("nan") && !bars.contains("inf"), "\(bars)")
        var bad = Self.evaluation("l4", cost: .nan)
        bad.p95S.mean = .infinity
        let plots = PlanReport.plots([bad, Self.evaluation("l40s", cost: 200)], title: "t")
        #expect(!plots.contains("nan") && !plots.contains("\"inf"), "\(plots)")
    }

    // MARK: Plots (issue 18)

    /// 15 options over two load scales; the pick is the last one in sweep order.
    static func many() -> [Evaluation] {
        var es: [Evaluation] = []
        let accs = ["a1", "a2", "a3", "a4", "a5"]
        for (i, a) in accs.enumerated() {
            for n in 1...3 {
                for s in [1.0, 2.0] {
                    let cost = Double(1000 * (i + 1) + 100 * n) * s
                    es.append(Self.evaluation(a, count: n, cost: cost, p95: 0.5 * s * Double(n), slo: 2, feasible: 0.5 * s * Double(n) <= 2,
                                              scale: s, index: es.count))
                }
            }
        }
        return es
    }

    @Test("the per-option charts show the pick, the runners-up and the cheapest per accelerator, and say what was left out")
    func plotsShowThePickAmongMany() {
        let es = Self.many()
        let pick = Candidate(accelerator: "a5", count: 3, precision: "int8", policy: .lc, maxBatch: 8).key
        let runner = Candidate(accelerator: "a4", count: 2, precision: "int8", policy: .lc, maxBatch: 8).key
        let svg = PlanReport.plots(es, title: "t", pick: pick, runnersUp: [runner])
        #expect(svg.contains("PICK a5 ×3 int8"), "the pick is drawn although it is the last option")
        #expect(svg.contains("a4 ×2 int8"))
        for a in ["a1", "a2", "a3"] { #expect(svg.contains(">\(a) ×1 int8<"), "the cheapest \(a) option") }
        #expect(svg.contains("10 of 15 options: the pick, runners-up, the cheapest per accelerator; 5 left out"), "\(svg.prefix(2000))")
        #expect(svg.contains("worst p95 ÷ SLO versus load") && svg.contains("SLO (p95 = target)"))
        #expect(!svg.contains("p95 latency, worst service"))
    }

    @Test("one load scale still draws cost and p95 ÷ SLO per option (as bars), and the Pareto plot marks pick and feasibility")
    func oneLoadScaleDrawsEveryChart() {
        let es = Self.many().filter { $0.loadScale == 1 }
        let pick = es[0].key
        let svg = PlanReport.plots(es, title: "t", pick: pick)
        #expect(svg.contains("monthly cost by option at load ×1") && svg.contains("worst p95 ÷ SLO by option at load ×1"), "\(svg.prefix(1000))")
        #expect(svg.contains("cost against p95 latency at load ×1"))
        #expect(svg.contains(">feasible options<") && svg.contains("PICK a1 ×1 int8"))
        #expect(svg.contains("numbered: the Pareto front"))
        // Group names are slanted, so long names do not overprint.
        #expect(svg.contains("transform=\"rotate(-35"))
    }

    @Test("Pareto points stay inside the plot frame")
    func paretoPointsInsideFrame() throws {
        let es = [Self.evaluation("a", cost: 100, p95: 0.1), Self.evaluation("b", cost: 5000, p95: 3)]
        let svg = PlanReport.plots(es, title: "t")
        let scatter = try #require(svg.components(separatedBy: "cost against p95 latency").last)
        let xs = scatter.matches(of: /<circle cx="([0-9.]+)"/).compactMap { Double($0.output.1) }
        #expect(!xs.isEmpty)
        // The frame spans x = 80 … 550 (760 wide, 80 left, 210 right); markers (r ≤ 9) stay inside.
        #expect(xs.allSatisfy { $0 >= 80 + 9 && $0 <= 550 - 9 }, "\(xs)")
    }

    @Test("the SVG files render with rsvg-convert", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert"),
                                                               "rsvg-convert is not installed (apt-get install librsvg2-bin): skipped"))
    func rendersWithRsvg() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-rsvg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = Self.many()
        // The sweep's plot golden (Tests/pfmplanTests/Snapshots/sweep.svg, from `sweep --plot`) too.
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("pfmplanTests/Snapshots/sweep.svg")
        let docs = [("many", PlanReport.plots(all, title: "t", pick: all.last!.key)),
                    ("one-scale", PlanReport.plots(all.filter { $0.loadScale == 1 }, title: "t", pick: all[0].key)),
                    ("sweep-golden", try String(contentsOf: golden, encoding: .utf8))]
        for (name, svg) in docs {
            let file = dir.appendingPathComponent(name + ".svg")
            try svg.write(to: file, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
            p.arguments = [file.path, "-o", dir.appendingPathComponent(name + ".png").path]
            let err = Pipe()
            p.standardError = err
            try p.run()
            p.waitUntilExit()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(p.terminationStatus == 0, "\(name): \(message)")
            let png = try Data(contentsOf: dir.appendingPathComponent(name + ".png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "\(name): a PNG with content")
        }
    }
}
