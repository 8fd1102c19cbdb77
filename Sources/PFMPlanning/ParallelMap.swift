import Dispatch
import Foundation
import PFMSimulation

/// `body(0) … body(count − 1)` on up to `jobs` threads, results in index order. For synchronous
/// callers outside Swift concurrency's task pool (the headroom bisection); the sweep parallelises
/// with a task group instead. The first error (by index) is thrown after every started call ends.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) throws(SetupError) -> T) throws(SetupError) -> [T] {
        let width = min(max(1, jobs), count)
        if width <= 1 {
            var out: [T] = []
            out.reserveCapacity(count)
            for i in 0..<count { out.append(try body(i)) }
            return out
        }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while let i = slots.claim() {
                do throws(SetupError) { slots.set(i, .success(try body(i))) } catch { slots.set(i, .failure(error)) }
            }
        }
        return try slots.results()
    }

    /// The shared work counter and result slots, behind one lock (a handful of simulations,
    /// each seconds long: the lock is never contended in a way that matters).
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var values: [Result<T, SetupError>?]
        init(_ count: Int) { values = Array(repeating: nil, count: count) }
        func claim() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }
        func set(_ i: Int, _ r: Result<T, SetupError>) { lock.lock(); values[i] = r; lock.unlock() }
        func results() throws(SetupError) -> [T] {
            lock.lock(); defer { lock.unlock() }
            var out: [T] = []
            out.reserveCapacity(values.count)
            for v in values { out.append(try v!.get()) }
            return out
        }
    }
}
