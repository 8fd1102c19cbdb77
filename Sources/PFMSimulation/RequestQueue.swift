import CPrefetch

/// The edge server's queue (MODEL.md section 5): one FIFO of every waiting request, in arrival
/// order, with each service's requests chained in arrival order too, so that the head (the oldest
/// request, whatever its service) and the oldest b of one service (a batch) are both O(1) each.
///
/// Requests live in one ring buffer indexed by a sequence number (its arrival order); a request a
/// batch takes ahead of the head is marked taken and skipped when the head reaches it. The ring
/// doubles when full, so a steady-state run allocates nothing per request.
struct RequestQueue {
    struct Entry {
        var arrival: Double
        var estimate: Double
        /// Sequence number of the next request of the same service (-1: none yet).
        var next: Int
        var service: Int32
        var measured: Bool
        var taken: Bool
    }

    private var ring: FixedArray<Entry>
    private var mask: Int
    /// The ring holds sequence numbers head ..< tail; `head` is untaken unless the queue is empty.
    private var head = 0
    private var tail = 0
    /// Per service: the oldest and newest waiting request's sequence number, and how many wait.
    struct Chain {
        var first = -1
        var last = -1
        var waiting = 0
    }
    private let chains: FixedArray<Chain>
    /// Requests waiting, all services.
    private(set) var count = 0

    init(services: Int, capacity: Int = 256) {
        var c = 1
        while c < capacity { c <<= 1 }
        ring = FixedArray(repeating: Entry(arrival: 0, estimate: 0, next: -1, service: 0, measured: false, taken: true), count: c)
        mask = c - 1
        chains = FixedArray(repeating: Chain(), count: services)
    }

    /// The service of the oldest waiting request. - Precondition: the queue is not empty.
    @inline(__always)
    var headService: Int {
        precondition(count > 0, "the queue is empty")
        return Int(ring[head & mask].service)
    }

    /// Starts loading service s's chain (see `Engine.prefetch`).
    @inline(__always)
    func prefetch(service s: Int) { pfm_prefetch(chains.base + s) }

    /// Requests of service s waiting.
    @inline(__always)
    func waiting(_ s: Int) -> Int { chains[s].waiting }

    @inline(__always)
    mutating func append(service s: Int, arrival: Double, estimate: Double, measured: Bool) {
        if tail - head == ring.count { grow() }
        ring[tail & mask] = Entry(arrival: arrival, estimate: estimate, next: -1, service: Int32(s), measured: measured, taken: false)
        if chains[s].waiting == 0 { chains[s].first = tail } else { ring[chains[s].last & mask].next = tail }
        chains[s].last = tail
        chains[s].waiting += 1
        tail += 1
        count += 1
    }

    /// Removes and returns the oldest waiting request of service s. - Precondition: one waits.
    @inline(__always)
    mutating func take(_ s: Int) -> Entry {
        precondition(chains[s].waiting > 0, "no request of this service waits")
        let seq = chains[s].first
        let e = ring[seq & mask]
        ring[seq & mask].taken = true
        chains[s].first = e.next
        chains[s].waiting -= 1
        count -= 1
        while head < tail && ring[head & mask].taken { head += 1 }
        return e
    }

    private mutating func grow() {
        let bigger = FixedArray(repeating: ring[0], count: ring.count * 2)
        let newMask = bigger.count - 1
        for seq in head..<tail { bigger[seq & newMask] = ring[seq & mask] }
        ring = bigger
        mask = newMask
    }
}
