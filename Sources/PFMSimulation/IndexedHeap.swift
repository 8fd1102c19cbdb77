/// A 4-ary min-heap over model ids with keys that can change, in the manner of swift-collections'
/// `Heap` but indexed: `position[m]` locates model m, so an update or removal costs O(log n).
/// Order: primary key, then secondary key (the last use: ties go to the least recently used),
/// then the lower id, so the order is total and the result deterministic.
///
/// Each heap slot holds its keys and id together, so a sift reads a parent's children side by side
/// (four nodes, 96 bytes) instead of looking keys up by id in arrays as large as the catalog, and
/// four children per node halve the levels: with thousands of models, far fewer cache misses.
///
/// Keys that only grow can be updated lazily: `markGrown` costs O(1) and leaves the stored key as a
/// lower bound; `leastUnpinned(_:refresh:)` brings a stale key up to date only when it reaches the
/// top. The caches' keys only grow while a model is resident (more context, more uses, a later last
/// use), so a use costs O(1) and the victim is the same as with eager updates.
struct IndexedHeap {
    struct Node {
        /// The keys as integers that order as the keys do (`orderKey`): integer comparisons
        /// compile to flag arithmetic, where floating-point ones became branches.
        var primary: Int64
        var secondary: Int64
        var id: Int32
    }

    /// An integer that orders as `x` does among doubles that are not NaN, with −0 and +0 equal.
    @inline(__always)
    static func orderKey(_ x: Double) -> Int64 {
        assert(!x.isNaN, "heap keys are never NaN")
        let bits = Int64(bitPattern: (x + 0).bitPattern)   // −0 + 0 is +0
        return bits ^ ((bits >> 63) & Int64.max)           // negative numbers: larger magnitude, smaller key
    }

    /// The heap: nodes[0 ..< count]; `FixedArray`s, so that a sift writes without copy-on-write checks.
    private let nodes: FixedArray<Node>
    private(set) var count = 0
    /// Per model id: its slot in `nodes` (-1: not in the heap), and whether its key may have grown
    /// (side by side: a use reads one and writes the other).
    struct Entry {
        var position: Int32
        var stale: Bool
    }
    private let entry: FixedArray<Entry>

    /// Children of slot i are d·i + 1 ... d·i + d.
    static let d = 4

    init(capacity: Int) {
        nodes = .init(repeating: Node(primary: 0, secondary: 0, id: -1), count: capacity)
        entry = .init(repeating: Entry(position: -1, stale: false), count: capacity)
    }

    var first: Int? { count == 0 ? nil : Int(nodes[0].id) }

    /// Without short circuits: flag arithmetic instead of branches, which on the heap's data (which
    /// child is least) the processor cannot predict. The same order as comparing key by key.
    @inline(__always)
    private static func less(_ a: Node, _ b: Node) -> Bool {
        let lt1: UInt8 = a.primary < b.primary ? 1 : 0, eq1: UInt8 = a.primary == b.primary ? 1 : 0
        let lt2: UInt8 = a.secondary < b.secondary ? 1 : 0, eq2: UInt8 = a.secondary == b.secondary ? 1 : 0
        let lt3: UInt8 = a.id < b.id ? 1 : 0
        return lt1 | (eq1 & (lt2 | (eq2 & lt3))) != 0
    }

    /// Inserts m, or moves it to its place after a key change. - Complexity: O(log n)
    mutating func set(_ m: Int, _ key: Double, _ tieBreak: Double) {
        let node = Node(primary: Self.orderKey(key), secondary: Self.orderKey(tieBreak), id: Int32(m))
        entry[m].stale = false
        if entry[m].position < 0 {
            count += 1
            siftUp(node, from: count - 1)
        } else {
            settle(node, from: Int(entry[m].position))
        }
    }

    /// - Complexity: O(log n)
    mutating func remove(_ m: Int) {
        let i = Int(entry[m].position)
        guard i >= 0 else { return }
        entry[m] = Entry(position: -1, stale: false)
        count -= 1
        guard i < count else { return }
        // The last node fills the hole, moving up or down from there.
        settle(nodes[count], from: i)
    }

    /// Places `node` into the hole at slot i, moving it up or down from there.
    private func settle(_ node: Node, from i: Int) {
        if i > 0 && Self.less(node, nodes[(i - 1) / Self.d]) { siftUp(node, from: i) } else { siftDown(node, from: i) }
    }

    @inline(__always)
    private func place(_ node: Node, at i: Int) {
        nodes[i] = node
        entry[Int(node.id)].position = Int32(i)
    }

    /// Places `node` at or above slot `i`, moving larger parents down into the hole.
    private func siftUp(_ node: Node, from start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / Self.d
            let p = nodes[parent]
            guard Self.less(node, p) else { break }
            place(p, at: i)
            i = parent
        }
        place(node, at: i)
    }

    /// Places `node` at or below slot `i`, moving smaller children up into the hole.
    private func siftDown(_ node: Node, from start: Int) {
        var i = start
        let n = count
        while true {
            let first = Self.d * i + 1
            if first >= n { break }
            // The least child, chosen by a conditional move per child (no unpredictable branches).
            var c = first
            var j = first + 1
            let end = min(first + Self.d, n)
            while j < end {
                c = Self.less(nodes[j], nodes[c]) ? j : c
                j += 1
            }
            let child = nodes[c]
            guard Self.less(child, node) else { break }
            place(child, at: i)
            i = c
        }
        place(node, at: i)
    }

    /// Notes that m's key (primary, then secondary) has grown or stayed. - Complexity: O(1)
    @inline(__always)
    func markGrown(_ m: Int) { if entry[m].position >= 0 { entry[m].stale = true } }

    /// The least unpinned model (by `models[m].pinned`), with stale keys brought up to date by `refresh(m)` (primary,
    /// secondary) as they reach the top; each refresh moves that model down. -1 if all are pinned.
    mutating func leastUnpinned(_ models: FixedArray<CacheState.ModelEntry>, refresh: (Int) -> (Double, Double)) -> Int {
        while true {
            let m = leastUnpinned(models)
            if m < 0 || !entry[m].stale { return m }
            let (key, tieBreak) = refresh(m)
            set(m, key, tieBreak)
        }
    }

    /// The least unpinned model by the stored keys, without changing the heap: the least of the
    /// unpinned items whose ancestors are all pinned (every other unpinned item has one of those
    /// above it). Pinned models are at most a pipeline's few, so this visits O(k) nodes for k
    /// pinned. -1 if all are pinned.
    func leastUnpinned(_ models: FixedArray<CacheState.ModelEntry>) -> Int {
        let i = leastUnpinned(below: 0, models)
        return i < 0 ? -1 : Int(nodes[i].id)
    }

    private func leastUnpinned(below i: Int, _ models: FixedArray<CacheState.ModelEntry>) -> Int {
        guard i < count else { return -1 }
        if !models[Int(nodes[i].id)].pinned { return i }
        var best = -1
        for c in (Self.d * i + 1)...(Self.d * i + Self.d) {
            let x = leastUnpinned(below: c, models)
            if x >= 0 && (best < 0 || Self.less(nodes[x], nodes[best])) { best = x }
        }
        return best
    }
}
