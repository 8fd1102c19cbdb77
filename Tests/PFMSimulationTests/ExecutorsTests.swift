import Testing
@testable import PFMSimulation

@Suite("Executors")
struct ExecutorsTests {
    /// The two-level work bitmap against a plain scan: after random changes of queues and batches
    /// (and loads in progress), `firstWork` finds the lowest instance with work in any range and
    /// `pick` the round robin's next loaded one, across word and summary-word boundaries.
    @Test(arguments: [(3, 10), (2, 130), (1, 10_000)])
    func workBitmapMatchesAPlainScan(groups: Int, models: Int) {
        var g = SplitMix64(seed: UInt64(models))
        var x = Executors(groups: groups, models: models)
        // Work on few instances, as in a server with many models cached and few busy.
        let busy = (0..<min(models, 40)).map { _ in g.below(models) } + [0, models - 1, min(models - 1, 64), min(models - 1, 4095)]
        for step in 0..<(models > 1_000 ? 600 : 4_000) {
            let grp = g.below(groups), m = busy[g.below(busy.count)], i = x.instance(grp, m)
            switch g.below(3) {
            case 0: x.queued[i] = x.queued[i] > 0 ? 0 : 1
            case 1: x.passesLeft[i] = x.passesLeft[i] > 0 ? 0 : 3
            default: x.readyAt[i] = x.readyAt[i] > 0 ? 0 : 5
            }
            x.updateWork(i)
            x.cursor[grp] = Int32(g.below(models + 1) - 1)
            let t = g.below(2) == 0 ? 0.0 : 10.0
            func work(_ m: Int) -> Bool { x.queued[x.instance(grp, m)] > 0 || x.passesLeft[x.instance(grp, m)] > 0 }
            let lo = g.below(models), hi = lo + g.below(models - lo + 1)
            #expect(x.firstWork(group: grp, from: lo, below: hi) == ((lo..<hi).first(where: work) ?? -1), "step \(step)")
            let after = Int(x.cursor[grp])
            let order = Array((after + 1)..<models) + Array(0...max(0, after)).prefix(after + 1)
            let expected = order.first { work($0) && x.readyAt[x.instance(grp, $0)] <= t } ?? -1
            #expect(x.pick(group: grp, at: t) == expected, "step \(step)")
        }
    }
}
