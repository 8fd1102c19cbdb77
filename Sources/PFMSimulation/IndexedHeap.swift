/// A binary min-heap over model ids with keys that can change, in the manner of swift-collections'
/// `Heap` but indexed: `position[m]` locates model m, so an update or removal costs O(log n).
/// Order: primary key, then secondary key (the last use: ties go to the least recently used),
/// then the lower id, so the order is total and the result deterministic.
struct IndexedHeap {
    private(set) var items: [Int32] = []
    private var position: [Int32]
    private var primary: [Double]
    private var secondary: [Double]

    init(capacity: Int) {
        position = .init(repeating: -1, count: capacity)
        primary = .init(repeating: 0, count: capacity)
        secondary = .init(repeating: 0, count: capacity)
        items.reserveCapacity(capacity)
    }

    var isEmpty: Bool { items.isEmpty }
    var first: Int? { items.first.map(Int.init) }
    func contains(_ m: Int) -> Bool { position[m] >= 0 }

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
        if position[m] < 0 {
            position[m] = Int32(items.count)
            items.append(Int32(m))
            siftUp(items.count - 1)
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
        let last = items.count - 1
        if i != last {
            items.swapAt(i, last)
            position[Int(items[i])] = Int32(i)
        }
        items.removeLast()
        position[m] = -1
        if i < items.count {
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
            items.swapAt(i, parent)
            position[Int(items[i])] = Int32(i)
            position[Int(items[parent])] = Int32(parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = items.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < n && less(items[l], items[smallest]) { smallest = l }
            if r < n && less(items[r], items[smallest]) { smallest = r }
            if smallest == i { return }
            items.swapAt(i, smallest)
            position[Int(items[i])] = Int32(i)
            position[Int(items[smallest])] = Int32(smallest)
            i = smallest
        }
    }

    /// The least unpinned model, without removing it. Pinned models (at most a pipeline's few) are
    /// lifted out and put back. - Complexity: O(k log n) for k pinned models on top.
    mutating func leastUnpinned(_ pinned: [Bool]) -> Int {
        guard let top = first else { return -1 }
        if !pinned[top] { return top }
        var lifted: [(Int, Double, Double)] = []
        var found = -1
        while let m = first {
            if !pinned[m] { found = m; break }
            lifted.append((m, primary[m], secondary[m]))
            remove(m)
        }
        for (m, k, t) in lifted { set(m, k, t) }
        return found
    }
}
