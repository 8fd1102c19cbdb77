import PFMCatalog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes arrivals as a trace (pfmplan-trace(5)), streaming: a temporary file in the target's
/// folder, renamed over the target at the end, so a failed run never leaves a partial trace.
public enum TraceWriter {
    public struct Summary: Sendable, Equatable {
        /// Requests written (warm-up included).
        public var requests: Int
        /// Requests before the warm-up ends.
        public var warmup: Int
        /// Lines written, header excluded (libCacheSim: one per model per request).
        public var lines: Int
    }

    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Writes arrivals from `source` until `measured` requests at or after `warmupS` (nil: until
    /// the source ends). `.pfmplan` writes `time_s,service`; `.libcachesim` writes, per request,
    /// one `time,model,size_bytes` line per distinct model its stages would load, with that
    /// model's resident bytes in `setup`.
    public static func write<S: ArrivalSource>(_ source: inout S, setup: CompiledSetup, format: TraceFormat, measured: Int?,
                                               warmupS: Double, to path: String) throws(WriteError) -> Summary {
        let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let tmp = "\(dir)/.\(base).tmp-\(getpid())"
        guard let f = fopen(tmp, "wb") else {
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        var ok = true
        func flush() {
            if out.isEmpty { return }
            let n = out.withUnsafeBufferPointer { fwrite($0.baseAddress!, 1, $0.count, f) }
            if n != out.count { ok = false }
            out.removeAll(keepingCapacity: true)
        }
        out += Array((format.header + "\n").utf8)
        let objects = CacheOnlyReplay.serviceObjects(setup)
        let ids = setup.serviceIds.map { Array($0.utf8) }
        let models = setup.modelIds.map { Array($0.utf8) }
        let bytes = objects.modelBytes.map { Array(String($0).utf8) }
        var summary = Summary(requests: 0, warmup: 0, lines: 0)
        var counted = 0
        let limit = measured ?? Int.max
        while counted < limit, let a = source.next() {
            // A time its own reader would reject (pfmplan-trace(5): 0 to 1e15 s) is not written.
            guard a.time.isFinite else {
                fclose(f)
                unlink(tmp)
                throw WriteError(description: "cannot write \(path): arrival \(summary.requests + 1) is at \(a.time) s, which a trace cannot hold; lower --requests or raise the workload's rate")
            }
            summary.requests += 1
            if a.time >= warmupS { counted += 1 } else { summary.warmup += 1 }
            let si = Int(a.service)
            switch format {
            case .pfmplan:
                // The shortest text that reads back as the same Double: replays are exact.
                out += Array("\(a.time),".utf8)
                out += ids[si]
                out.append(10)
                summary.lines += 1
            case .libcachesim:
                let t = Array(fixed(a.time).utf8)
                for m in objects.objects[si] {
                    out += t; out.append(44)
                    out += models[Int(m)]; out.append(44)
                    out += bytes[Int(m)]; out.append(10)
                    summary.lines += 1
                }
            }
            if out.count >= 1 << 16 { flush() }
        }
        flush()
        if fclose(f) != 0 { ok = false }
        if !ok {
            unlink(tmp)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw WriteError(description: "cannot write \(path): \(reason)")
        }
        return summary
    }

    /// Seconds with six decimals, never in exponent notation (libCacheSim reads the time column as
    /// an integer, and truncates at the point).
    static func fixed(_ t: Double) -> String {
        let micros = Int64((t * 1e6).rounded())
        let whole = micros / 1_000_000
        let frac = micros % 1_000_000
        let f = String(frac)
        return "\(whole)." + String(repeating: "0", count: 6 - f.count) + f
    }
}
