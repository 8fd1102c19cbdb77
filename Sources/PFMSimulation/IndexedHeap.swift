/// A binary min-heap over model ids with keys that can change, in the manner of swift-collections'
/// `Heap` but indexed: `position[m]` locates model m, so an update or removal costs O(log n).
/// Order: primary key, then secondary key (the last use: ties go to the least recently used),
/// then the lower id, so the order is total and the result deterministic.
///
/// Keys that only grow can be updated lazily: `markGrown` costs O(1) and leaves the stored key as a
/// lower bound; `leastUnpinned(_:refresh:)` brings a stale key up to date only when it reaches the
/// top. The caches' keys only grow while a model is resident (more context, more uses, a later last
/// use), so a use costs O(1) and the victim is the same as with eager updates.
struct IndexedHeap {
    /// The heap: items[0 ..< count]; `FixedArray`s, so that a sift writes without copy-on-write checks.
    private let items: FixedArray<Int32>
    private(set) var count = 0
    private let position: FixedArray<Int32>
    private let primary: FixedArray<Double>
    private let secondary: FixedArray<Double>
    /// The model's key may have grown since it was stored.
    private let stale: FixedArray<Bool>

    init(capacity: Int) {
        stale = .init(repeating: false, count: capacity)
        items = .init(repeating: -1, count: capacity)
        position = .init(repeating: -1, count: capacity)
        primary = .init(repeating: 0, count: capacity)
        secondary = .init(repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }
    var first: Int? { count == 0 ? nil : Int(items[0]) }
    func contains(_ m: Int) -> Bool { position[m] >= 0 }

    @inline(__always)
    private func swapAt(_ i: Int, _ j: Int) {
        let a = items[i]
        items[i] = items[j]
        items[j] = a
    }

    @inline(__always)
    private func less(_ a: Int32, _ b: Int32) -> Bool {
        let i = Int(a), j = Int(b)
        if primary[i] != primary[j] { return primary[i] < primary[j] }
        if secondary[i] != secondary[j] { return secondary[i] < secondary[j] }
        return a < b
    }

    /// Inserts m, or moves it to its place after a key change. - Complexity: O(log n)
    mutating func set(_ m: Int, _ key: Double, _ tieBreak: Double) {
        primary[m] = key
        secondary[m] = tieBreak
        stale[m] = false
        if position[m] < 0 {
            position[m] = Int32(count)
            items[count] = Int32(m)
            count += 1
            siftUp(count - 1)
        } else {
            let i = Int(position[m])
            siftUp(i)
            siftDown(Int(position[m]))
        }
    }

    /// - Complexity: O(log n)
    mutating func remove(_ m: Int) {
        let i = Int(position[m])
        guard i >= 0 else { return }
        let last = count - 1
        if i != last {
            swapAt(i, last)
            position[Int(items[i])] = Int32(i)
        }
        count -= 1
        position[m] = -1
        stale[m] = false
        if i < count {
            let moved = items[i]
            siftUp(i)
            siftDown(Int(position[Int(moved)]))
        }
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(items[i], items[parent]) else { break }
            swapAt(i, parent)
            position[Int(items[i])] = Int32(i)
            position[Int(items[parent])] = Int32(parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = count
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < n && less(items[l], items[smallest]) { smallest = l }
            if r < n && less(items[r], items[smallest]) { smallest = r }
            if smallest == i { return }
            swapAt(i, smallest)
            position[Int(items[i])] = Int32(i)
            position[Int(items[smallest])] = Int32(smallest)
            i = smallest
        }
    }

    /// Notes that m's key (primary, then secondary) has grown or stayed. - Complexity: O(1)
    @inline(__always)
    func markGrown(_ m: Int) { if position[m] >= 0 { stale[m] = true } }

    /// The least unpinned model, with stale keys brought up to date by `refresh(m)` (primary,
    /// secondary) as they reach the top; each refresh moves that model down. -1 if all are pinned.
    mutating func leastUnpinned(_ pinned: FixedArray<Bool>, refresh: (Int) -> (Double, Double)) -> Int {
        while true {
            let m = leastUnpinned(pinned)
            if m < 0 || !stale[m] { return m }
            let (key, tieBreak) = refresh(m)
            set(m, key, tieBreak)
        }
    }

    /// The least unpinned model by the stored keys, without changing the heap: the least of the unpinned items whose
    /// ancestors are all pinned (every other unpinned item has one of those above it). Pinned models
    /// are at most a pipeline's few, so this visits O(k) nodes for k pinned. -1 if all are pinned.
    func leastUnpinned(_ pinned: FixedArray<Bool>) -> Int {
        let i = leastUnpinned(below: 0, pinned)
        return i < 0 ? -1 : Int(items[i])
    }

    private func leastUnpinned(below i: Int, _ pinned: FixedArray<Bool>) -> Int {
        guard i < count else { return -1 }
        if !pinned[Int(items[i])] { return i }
        let a = leastUnpinned(below: 2 * i + 1, pinned), b = leastUnpinned(below: 2 * i + 2, pinned)
        if a < 0 { return b }
        if b < 0 { return a }
        return less(items[a], items[b]) ? a : b
    }
}
