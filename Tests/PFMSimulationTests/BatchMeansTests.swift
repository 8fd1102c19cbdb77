import PFMCatalog
import Testing
@testable import PFMSimulation

/// Within-run batch means (MODEL.md section 10): at least 10 full batches of equal size, in
/// recording order, each with its own p95 and mean accuracy.
@Suite("Batch means")
struct BatchMeansTests {
    @Test(arguments: [80, 81, 159, 160, 1000, 12_345])
    func batchesAreFullEqualAndAtLeastTen(requests: Int) {
        let b = BatchMeans(services: 2, enabled: true)
        // Service 0: latency rises with the request index, so each batch's p95 is known; service 1
        // gets every third request.
        var n0 = 0
        for i in 0..<requests {
            if i % 3 == 2 { b.record(0.5, accuracy: 0, service: 1) } else {
                b.record(Double(n0 + 1) * 1e-3, accuracy: Double(n0 % 2) * 100, service: 0)
                n0 += 1
            }
        }
        let s = b.summary()!
        let g = s.services![0]
        #expect(g.p95S.count >= min(10, n0 / 4) && g.p95S.count <= 20)
        // Only the last batch is partial, and it is left out.
        #expect(g.p95S.count * g.batchSize <= n0 && n0 < (g.p95S.count + 1) * g.batchSize)
        for (j, p95) in g.p95S.enumerated() {
            // Batch j holds requests j·m+1 … (j+1)·m (latencies in ms); its p95 is the ⌈0.95 m⌉-th.
            let m = g.batchSize
            let expected = Double(j * m + Int((0.95 * Double(m)).rounded(.up))) * 1e-3
            #expect(abs(p95 - expected) <= expected / 32 + 1e-6, "batch \(j) of size \(m): p95 \(p95), expected \(expected)")
            #expect(g.meanAccuracy[j] == 50)
        }
        #expect(s.all.p95S.count >= min(10, requests / 4))
        #expect(s.all.batchSize * s.all.p95S.count <= requests)
    }

    @Test func offUnlessAsked() throws {
        let setup = try TestCatalogs.setup(TestCatalogs.text(models: 3, slots: 2.5, paramsM: 10, gflops: 1, rates: [1, 1, 1]))
        let off = try Simulation.run(.lc, setup: setup, run: RunConfig(requests: 2_000, seed: 5))
        #expect(off.batches == nil)
        var run = RunConfig(requests: 2_000, seed: 5)
        run.batchMeans = true
        let on = try Simulation.run(.lc, setup: setup, run: run)
        let s = try #require(on.batches)
        #expect(s.services?.count == setup.services.count)
        #expect(s.services!.allSatisfy { $0.p95S.count >= 10 })
        // The same run otherwise.
        var same = on
        same.batches = nil
        #expect(same == off)
    }
}
