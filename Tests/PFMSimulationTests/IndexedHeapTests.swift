import Testing
@testable import PFMSimulation

@Suite("Indexed heap")
struct IndexedHeapTests {
    /// The integer keys order exactly as the doubles compare, −0 and +0 equal, infinities included.
    @Test func orderKeysOrderAsTheDoubles() {
        let values: [Double] = [-.infinity, -.greatestFiniteMagnitude, -1e300, -2, -1, -1e-300, -.leastNonzeroMagnitude,
                                -0.0, 0.0, .leastNonzeroMagnitude, 1e-300, 0.5, 1, 2, 1e300, .greatestFiniteMagnitude, .infinity]
        for a in values {
            for b in values {
                let (ka, kb) = (IndexedHeap.orderKey(a), IndexedHeap.orderKey(b))
                #expect((ka < kb) == (a < b) && (ka == kb) == (a == b), "\(a) vs \(b)")
            }
        }
    }

    /// Random inserts, key changes, removals, pins and lazy growth against a sorted reference: the
    /// least unpinned model is always the reference's, with ties broken by the second key, then the id.
    @Test(arguments: [1, 2, 3, 4])
    func leastUnpinnedMatchesASortedReference(seed: Int) {
        var g = SplitMix64(seed: UInt64(seed))
        let n = 200
        var heap = IndexedHeap(capacity: n)
        let models = FixedArray<CacheState.ModelEntry>(repeating: CacheState.ModelEntry(), count: n)
        var keys: [(Double, Double)?] = Array(repeating: nil, count: n)   // nil: not in the heap
        // Few distinct values, so that ties on both keys are common.
        func draw() -> Double { [-Double.infinity, -0.0, 0.0, 1, 2, 2.5, 7][g.below(7)] }
        for step in 0..<20_000 {
            let m = g.below(n)
            switch g.below(10) {
            case 0...3:
                keys[m] = (draw(), draw())
                heap.set(m, keys[m]!.0, keys[m]!.1)
            case 4:
                heap.remove(m); keys[m] = nil
            case 5:
                models[m].pinned.toggle()
            case 6:
                // A key only grows: the heap is told lazily; the reference knows at once.
                if let k = keys[m] { keys[m] = (k.0 + Double(g.below(2)), k.1 + 1); heap.markGrown(m) }
            default:
                let expected = keys.indices.filter { keys[$0] != nil && !models[$0].pinned }
                    .min { (keys[$0]!.0, keys[$0]!.1, $0) < (keys[$1]!.0, keys[$1]!.1, $1) } ?? -1
                let got = heap.leastUnpinned(models) { keys[$0]! }
                #expect(got == expected, "seed \(seed), step \(step)")
            }
        }
    }
}

/// The per-request records are one cache line each (FixedArray aligns them to lines): a layout
/// change that splits one over two lines costs a miss per request with thousands of models.
@Suite("Hot-path record layout")
struct RecordLayoutTests {
    @Test func recordsAreOneCacheLine() {
        #expect(MemoryLayout<CacheState.ModelEntry>.stride == 64)
        #expect(64 % MemoryLayout<IndexedHeap.Entry>.stride == 0 && 64 % MemoryLayout<CacheState.SlotContext>.stride == 0)
    }
}

