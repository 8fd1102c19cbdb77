/// A fixed-length array of plain values for the engine's mutable state.
///
/// A Swift `Array` checks, on every element write, that its buffer is not shared (copy on write):
/// a call into the runtime that also makes the caller spill its live floating-point registers. The
/// engine writes a dozen counters per request, so those calls were a large share of its time.
/// `FixedArray` keeps its elements in storage it owns by reference, so a write is a bounds check
/// and a store. The price is reference semantics: a copy of the struct shares the elements. The
/// engine's state is owned by one `Engine` value and used in place, never copied, so nothing
/// observes the difference; anything that leaves the engine is copied out into an `Array`.
public struct FixedArray<Element: BitwiseCopyable>: RandomAccessCollection {
    final class Storage {
        let base: UnsafeMutablePointer<Element>
        init(count: Int) { base = .allocate(capacity: Swift.max(count, 1)) }
        deinit { base.deallocate() }
    }

    private let storage: Storage
    @usableFromInline let base: UnsafeMutablePointer<Element>
    public let count: Int

    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "negative count")
        storage = Storage(count: count)
        base = storage.base
        self.count = count
        base.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        storage = Storage(count: elements.count)
        base = storage.base
        count = elements.count
        elements.withUnsafeBufferPointer { _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: $0) }
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

    /// Sets every element to `value`.
    func fill(_ value: Element) { base.update(repeating: value, count: count) }

    /// A value copy of the elements, in one memory copy.
    public var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
