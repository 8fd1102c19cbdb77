#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed-length array of plain values for the engine's mutable state.
///
/// A Swift `Array` checks, on every element write, that its buffer is not shared (copy on write):
/// a call into the runtime that also makes the caller spill its live floating-point registers. The
/// engine writes a dozen counters per request, so those calls were a large share of its time.
/// `FixedArray` keeps its elements in storage it owns by reference, so a write is a bounds check
/// and a store. The price is reference semantics: a copy of the struct shares the elements. The
/// engine's state is owned by one `Engine` value and used in place, never copied, so nothing
/// observes the difference; anything that leaves the engine is copied out into an `Array`.
///
/// Storage starts zero (`calloc`, or `mmap` when large) and is aligned to a cache line, so a
/// 64-byte element occupies one line, never two; a zero fill costs nothing more, and a large
/// array's pages are not touched (not even faulted in) until used, so that rarely touched state,
/// such as thousands of services' latency histograms, costs nothing to set up.
public struct FixedArray<Element: BitwiseCopyable>: RandomAccessCollection {
    final class Storage {
        static var alignment: Int { 64 }
        /// From this size on, pages come straight from `mmap`: zero, and not touched until used.
        /// (`calloc` would zero them by hand once glibc's malloc has raised its mmap threshold.)
        static var mapThreshold: Int { 8 << 20 }
        let raw: UnsafeMutableRawPointer
        let bytes: Int
        let mapped: Bool
        let base: UnsafeMutablePointer<Element>
        init(count: Int) {
            let capacity = Swift.max(count, 1)
            bytes = capacity * MemoryLayout<Element>.stride + Self.alignment
            mapped = bytes >= Self.mapThreshold
            var raw: UnsafeMutableRawPointer?
            if mapped {
                let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                raw = p == MAP_FAILED ? nil : p
                #if os(Linux)
                // Huge pages where the system allows them (a hint): thousands of services'
                // histograms spread their counters over thousands of 4 KB pages, and the
                // translation misses cost as much as the cache misses.
                if let raw { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
                #endif
            } else {
                raw = calloc(bytes, 1)
            }
            guard let raw else { fatalError("out of memory allocating \(bytes) bytes") }
            self.raw = raw
            let aligned = (UInt(bitPattern: raw) + UInt(Self.alignment - 1)) & ~UInt(Self.alignment - 1)
            base = UnsafeMutableRawPointer(bitPattern: aligned)!.bindMemory(to: Element.self, capacity: capacity)
        }
        deinit { if mapped { munmap(raw, bytes) } else { free(raw) } }
    }

    private let storage: Storage
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "negative count")
        storage = Storage(count: count)
        base = storage.base
        self.count = count
        // Zero bytes are already there (calloc).
        if withUnsafeBytes(of: value, { $0.contains { $0 != 0 } }) { base.initialize(repeating: value, count: count) }
    }

    init(_ elements: [Element]) {
        storage = Storage(count: elements.count)
        base = storage.base
        count = elements.count
        elements.withUnsafeBufferPointer { _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: $0) }
    }

    /// `old`'s elements followed by `fill` up to `count` (growing a pool: amortised, not per request).
    init(_ old: FixedArray<Element>, count: Int, repeating fill: Element) {
        precondition(count >= old.count, "a grown array is not shorter")
        self.init(repeating: fill, count: count)
        base.update(from: old.base, count: old.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Element i; the setter writes in place, shared by every copy (see the type's note).
    /// (Addressors, so that `a[i].field += 1` updates the field in place.)
    public internal(set) subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "FixedArray index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "FixedArray index out of range")
            return base + i
        }
    }

    /// A value copy of the elements, in one memory copy.
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
