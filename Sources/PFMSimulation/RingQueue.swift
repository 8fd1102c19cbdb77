/// A FIFO ring buffer of plain values with power-of-two capacity, indexed with a mask. Grows by
/// doubling, so a steady-state run allocates nothing per request.
struct RingQueue<Element> {
    private var storage: ContiguousArray<Element?>
    private var head = 0
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 16) {
        var c = 1
        while c < capacity { c <<= 1 }
        storage = ContiguousArray(repeating: nil, count: c)
        mask = c - 1
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    var first: Element? { count == 0 ? nil : storage[head] }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & mask] = e
        count += 1
    }

    @inline(__always)
    mutating func removeFirst() -> Element {
        let e = storage[head]!
        storage[head] = nil
        head = (head + 1) & mask
        count -= 1
        return e
    }

    private mutating func grow() {
        var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for i in 0..<count { bigger[i] = storage[(head + i) & mask] }
        storage = bigger
        head = 0
        mask = storage.count - 1
    }
}
