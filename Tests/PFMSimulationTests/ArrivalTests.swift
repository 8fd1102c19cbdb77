import PFMCatalog
import Testing
@testable import PFMSimulation

@Suite("Arrivals")
struct ArrivalTests {
    /// Common random numbers across load scales (MODEL.md section 10): scale λ replays the
    /// arrivals of scale 1, the same services in the same order, at times divided by λ.
    @Test func loadScalesReplayTheSameArrivalsCompressed() throws {
        let catalog = try CatalogLoader.loadDefault()
        let w = try #require(catalog.workload("metaverse"))
        let ids = catalog.services.map(\.id)
        var base = try PoissonArrivals(workload: w, serviceIds: ids, seed: 7, loadScale: 1, endTime: nil)
        let one = (0..<5000).map { _ in base.next()! }
        for scale in [0.5, 1.7, 6.8, 6.800425] {
            var a = try PoissonArrivals(workload: w, serviceIds: ids, seed: 7, loadScale: scale, endTime: nil)
            let xs = (0..<5000).map { _ in a.next()! }
            #expect(xs.map(\.service) == one.map(\.service), "scale \(scale) picked other services")
            let worst = zip(xs, one).map { abs($0.time * scale - $1.time) / max($1.time, 1e-12) }.max() ?? 0
            #expect(worst < 1e-9, "scale \(scale): times are not scale 1's divided by \(scale) (relative error \(worst))")
        }
    }

    /// With more than 16 services a guide table starts the search for the picked service; it must
    /// find exactly what a binary search over the cumulative rates finds, for every pick, including
    /// picks on and next to the guide's bucket edges, zero-rate services and a popularity shift.
    @Test func guideTablePicksWhatBinarySearchPicks() throws {
        var g = SplitMix64(seed: 99)
        let n = 300
        var text = TestCatalogs.settings(memoryGiB: 1, utility: "exponential\n  half_life_s: 10")
        text += "models:\n  - {id: m, family: vision, parameters_m: 10, gflops: 1, tasks: [{task: t, score: 50}]}\nservices:\n"
        for i in 0..<n { text += "  - {id: s\(i), task: t, stages: [{model: m}], request_kb: 0, response_kb: 0, slo: {p95_ms: 1000}}\n" }
        func rate(_ i: Int) -> Double { g.below(5) == 0 ? 0 : Double(1 + g.below(1000)) / Double(i + 1) }
        text += "workloads:\n  - id: w\n    duration_s: 100\n    mix:\n"
        for i in 0..<n { text += "      - {service: s\(i), rate_per_s: \(rate(i))}\n" }
        text += "    popularity_shifts:\n      - at_s: 50\n        mix:\n"
        for i in 0..<n { text += "          - {service: s\(i), rate_per_s: \(rate(n - i))}\n" }
        let catalog = try TestCatalogs.catalog(text)
        let w = catalog.workloads[0]
        let a = try PoissonArrivals(workload: w, serviceIds: (0..<n).map { "s\($0)" }, seed: 1, loadScale: 1, endTime: 100)
        #expect(a.segTotal.count == 2)
        func reference(_ pick: Double, _ seg: Int) -> Int {
            var lo = 0, hi = n - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if a.cumulative[seg * n + mid] < pick { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var mismatches = 0
        for seg in 0..<2 {
            let total = a.segTotal[seg]
            var picks = (0..<20_000).map { _ in g.unit() * total }
            for j in 0...n {
                let edge: Double = Double(j) * total / Double(n)
                picks += [edge, edge.nextUp, edge.nextDown, edge.nextUp.nextUp]
            }
            for i in 0..<n {
                let c: Double = a.cumulative[seg * n + i]
                picks += [c, c.nextUp, c.nextDown]
            }
            picks += [total, Double.leastNonzeroMagnitude]
            for p in picks where p > 0 && p <= total && a.service(for: p, segment: seg) != reference(p, seg) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// From 256 services on, a constant-rate workload draws each pick one arrival ahead (to prefetch
    /// its look-up). The arrivals must be exactly those drawn one at a time, with a popularity shift
    /// whose lower total rate makes thinning draws (where drawing ahead must not happen).
    @Test(arguments: [false, true])
    func drawingAheadDrawsTheSameArrivals(shift: Bool) throws {
        var g = SplitMix64(seed: 5)
        let n = 300
        var text = TestCatalogs.settings(memoryGiB: 1, utility: "exponential\n  half_life_s: 10")
        text += "models:\n  - {id: m, family: vision, parameters_m: 10, gflops: 1, tasks: [{task: t, score: 50}]}\nservices:\n"
        for i in 0..<n { text += "  - {id: s\(i), task: t, stages: [{model: m}], request_kb: 0, response_kb: 0, slo: {p95_ms: 1000}}\n" }
        text += "workloads:\n  - id: w\n    duration_s: 2000\n    mix:\n"
        for i in 0..<n { text += "      - {service: s\(i), rate_per_s: \(Double(1 + g.below(100)) / Double(i + 1))}\n" }
        if shift {
            text += "    popularity_shifts:\n      - at_s: 500\n        mix:\n"
            for i in 0..<n { text += "          - {service: s\(i), rate_per_s: \(Double(1 + g.below(50)) / Double(n - i))}\n" }
        }
        let w = try TestCatalogs.catalog(text).workloads[0]
        var ahead = try PoissonArrivals(workload: w, serviceIds: (0..<n).map { "s\($0)" }, seed: 9, loadScale: 1, endTime: 2000)
        var plain = ahead
        plain.lookahead = false
        #expect(ahead.lookahead)
        var count = 0, drawnAhead = 0
        while true {
            let a = ahead.next(), b = plain.next()
            #expect(a == b, "arrival \(count)")
            if a == nil || b == nil || a != b { break }
            if ahead.nextPick >= 0 { drawnAhead += 1 }
            count += 1
        }
        #expect(count > 1_000 && drawnAhead > 0, "\(count) arrivals, \(drawnAhead) drawn ahead")
    }
}
