import Foundation
import PFMCatalog
import PFMSimulation

/// One of N slices of a sweep's unit list: `index` counts from 0, `count` ≥ 1.
public struct ShardID: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    /// "I/N" with 0 ≤ I < N, N ≥ 1.
    public init?(parsing s: String) {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Where a shard comes from in a batch system's environment.
    public enum EnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
        case noIndex
        case badValue(name: String, value: String)
        case noCount
        case outOfRange(index: Int, count: Int, from: String)

        public var description: String {
            switch self {
            case .noIndex:
                return "--shard-from-env: neither SLURM_ARRAY_TASK_ID (Slurm job array) nor JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set"
            case let .badValue(name, value):
                return "--shard-from-env: \(name)='\(value)' is not a whole number"
            case .noCount:
                return "--shard-from-env: the shard count is unknown; give --shard-count N, or set SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_COUNT"
            case let .outOfRange(i, n, from):
                return "--shard-from-env: shard index \(i) (from \(from)) is not below the shard count \(n); the array must be 0-\(max(0, n - 1)) (shard indices count from 0; give --shard-count N when re-running some shards alone)"
            }
        }
    }

    /// Reads the shard from the environment of a Slurm job array task or a Kubernetes Indexed Job pod.
    ///
    /// - Slurm: I = SLURM_ARRAY_TASK_ID (so the array is `--array=0-(N-1)`), N = SLURM_ARRAY_TASK_COUNT.
    ///   Give `count` (`--shard-count N`) to re-run some shards alone (`sbatch --array=2,5`), whose
    ///   SLURM_ARRAY_TASK_COUNT is smaller. A `%` throttle is fine.
    /// - Kubernetes: I = JOB_COMPLETION_INDEX, N = `count` (the `--shard-count` flag) or JOB_COMPLETION_COUNT
    ///   (which the manifest must set: Kubernetes does not export the job's `completions`).
    /// `count`, when given, overrides the count from the environment.
    public static func fromEnvironment(_ env: [String: String], count: Int? = nil) throws(EnvironmentError) -> ShardID {
        func int(_ name: String) throws(EnvironmentError) -> Int? {
            guard let raw = env[name] else { return nil }
            let v = raw.trimmingCharacters(in: .whitespaces)
            if v.isEmpty { return nil }
            guard let n = Int(v), n >= 0 else { throw .badValue(name: name, value: raw) }
            return n
        }
        let index: Int, from: String
        var n: Int?
        if let i = try int("SLURM_ARRAY_TASK_ID") {
            index = i
            from = "SLURM_ARRAY_TASK_ID"
            n = try int("SLURM_ARRAY_TASK_COUNT")
        } else if let i = try int("JOB_COMPLETION_INDEX") {
            index = i
            from = "JOB_COMPLETION_INDEX"
            n = try int("JOB_COMPLETION_COUNT")
        } else {
            throw .noIndex
        }
        if let count { n = count }
        guard let n, n >= 1 else { throw .noCount }
        guard index >= 0, index < n else { throw .outOfRange(index: index, count: n, from: from) }
        return ShardID(index: index, count: n)
    }
}

/// Deterministic, cost-balanced slicing of a sweep's units over N shards.
///
/// Each unit's cost is estimated from the spec and catalog alone (so every shard computes the
/// same plan without talking to the others): expected simulated requests per replication
/// (rate × load scale × (warm-up + duration), or the request count + warm-up arrivals) × the
/// mix's mean pipeline length (stage repeats per request) × replications × a policy factor, plus a
/// fixed per-unit setup cost. Units are then assigned by greedy longest-processing-time: the
/// dearest unit first (ties: the lower unit index first) to the least-loaded shard (ties: the
/// lower shard number). Within a shard, units run and are written in canonical (index) order.
public enum ShardPlan {
    /// Relative simulation cost per request of each policy: `cloud` never runs the edge engine;
    /// `belady` looks ahead over the future arrivals.
    public static func policyFactor(_ p: PolicyName) -> Double {
        switch p {
        case .cloud: return 0.25
        case .belady: return 1.5
        case .random, .randomCache, .fifo, .lru, .lfu, .lc: return 1.0
        }
    }

    /// Setup cost of one unit (compiling the candidate, summarising), in request-equivalents.
    public static let unitOverhead = 50.0

    /// The estimated cost of one unit, in request-equivalents (only ratios matter).
    public static func estimatedCost(_ u: Planner.Unit, planner: Planner) -> Double {
        let c = planner.catalog
        guard let w = c.workload(u.workload) else { return unitOverhead }
        var rate = 0.0, stageWork = 0.0
        for e in w.mix {
            let r = max(0, e.ratePerS ?? (e.share ?? 0) * (w.totalRatePerS ?? 0))
            rate += r
            let stages = c.service(e.service).map { s in s.stages.reduce(0) { $0 + max(1, $1.repeatCount) } } ?? 1
            stageWork += r * Double(max(1, stages))
        }
        let pipeline = rate > 0 ? stageWork / rate : 1
        rate *= u.loadScale
        let run = planner.runConfig(w, scale: u.loadScale, seed: 0)
        var requests: Double
        if let n = run.requests {
            requests = Double(n) + rate * run.warmupS
        } else {
            requests = rate * ((run.durationS ?? 600) + run.warmupS)
        }
        if !requests.isFinite || requests < 0 { requests = 0 }
        let perReplication = requests * pipeline * policyFactor(u.candidate.policy) + unitOverhead
        return perReplication * Double(max(1, planner.spec.replications))
    }

    /// For each shard, the positions (into `costs`) of its units, ascending.
    public static func assign(costs: [Double], shards n: Int) -> [[Int]] {
        precondition(n >= 1)
        var out = [[Int]](repeating: [], count: min(n, max(1, costs.count)))
        for (u, s) in assignment(costs: costs, shards: n) { out[s].append(u) }
        if out.count < n { out += [[Int]](repeating: [], count: n - out.count) }
        return out.map { $0.sorted() }
    }

    /// The positions of shard `shard`'s units, ascending; memory and time do not grow with the
    /// shard count (only min(N, units) shards can receive a unit).
    public static func positions(costs: [Double], shards n: Int, shard: Int) -> [Int] {
        assignment(costs: costs, shards: n).filter { $0.shard == shard }.map(\.unit).sorted()
    }

    /// Greedy longest-processing-time: the dearest unit first (ties: lower index) to the
    /// least-loaded shard (ties: lower shard number), with a binary heap over (load, shard).
    /// - Complexity: O(U log U) for U units.
    static func assignment(costs: [Double], shards n: Int) -> [(unit: Int, shard: Int)] {
        let order = costs.indices.sorted { a, b in costs[a] != costs[b] ? costs[a] > costs[b] : a < b }
        // Shards beyond the unit count never get a unit (every cost is > 0, and an empty shard
        // with a lower number is always preferred), so the heap holds at most U shards.
        let k = min(n, max(1, costs.count))
        var heap: [(load: Double, shard: Int)] = (0..<k).map { (0, $0) }
        func less(_ a: (load: Double, shard: Int), _ b: (load: Double, shard: Int)) -> Bool {
            a.load != b.load ? a.load < b.load : a.shard < b.shard
        }
        func down(_ i: Int) {
            var i = i
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && less(heap[l], heap[m]) { m = l }
                if r < heap.count && less(heap[r], heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        var out: [(unit: Int, shard: Int)] = []
        out.reserveCapacity(costs.count)
        for u in order {
            out.append((u, heap[0].shard))
            heap[0].load += costs[u]
            down(0)
        }
        return out
    }

    /// The units of one shard, in canonical order, and its share of the estimated cost.
    public static func units(_ all: [Planner.Unit], shard: ShardID, planner: Planner) -> (units: [Planner.Unit], cost: Double, total: Double) {
        let costs = all.map { estimatedCost($0, planner: planner) }
        let mine = positions(costs: costs, shards: shard.count, shard: shard.index)
        return (mine.map { all[$0] }, mine.reduce(0) { $0 + costs[$1] }, costs.reduce(0, +))
    }
}

extension SweepSpec {
    /// Every setting of the effective spec (the spec file after command-line overrides), in a
    /// fixed order and format: equal texts mean equal sweeps. Dictionaries are sorted by key.
    public var canonicalText: String {
        func d(_ x: Double?) -> String { x.map { "\($0)" } ?? "-" }
        func m(_ x: [String: Double]) -> String { x.keys.sorted().map { "\($0)=\(x[$0]!)" }.joined(separator: ",") }
        var lines: [String] = []
        lines.append("accelerators=" + accelerators.joined(separator: ","))
        lines.append("counts=" + counts.map(String.init).joined(separator: ","))
        lines.append("precisions=" + precisions.joined(separator: ","))
        lines.append("policies=" + policies.map(\.rawValue).joined(separator: ","))
        lines.append("max_batch=" + maxBatch.map(String.init).joined(separator: ","))
        lines.append("workloads=" + workloads.joined(separator: ","))
        lines.append("load_scales=" + loadScales.map { "\($0)" }.joined(separator: ","))
        lines.append("slo_p95_ms=" + m(sloP95Ms))
        lines.append("min_accuracy=" + m(minAccuracy))
        lines.append("budget_usd_month=" + d(budgetUSDMonth))
        lines.append("objective=" + objective.rawValue)
        lines.append("replications=\(replications)")
        lines.append("duration_s=" + d(durationS))
        lines.append("requests=" + (requests.map { String($0) } ?? "-"))
        lines.append("warmup_s=" + d(warmupS))
        lines.append("seed=\(seed)")
        lines.append("admission=" + (admission?.rawValue ?? "-"))
        lines.append("spec_digest=" + digest)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The digest of `canonicalText`: catches flag overrides that the spec file's digest misses.
    public var effectiveDigest: String { SHA256.hex(canonicalText) }
}

/// The first line of a shard's part file: which sweep, which slice, which units.
public struct ShardHeader: Codable, Sendable, Equatable {
    public static let schemaName = "pfmplan.sweep-part/1"

    public var schema = ShardHeader.schemaName
    public var version: String
    /// The spec file's text digest, as in every result line ("" for a spec built from flags only).
    public var specDigest: String
    /// The digest of the effective sweep (spec after command-line overrides): `SweepSpec.effectiveDigest`.
    public var sweepDigest: String
    public var catalogDigest: String
    public var shard: ShardID
    /// Units in the whole sweep (over all shards).
    public var totalUnits: Int
    /// The unit indices this part covers, ascending; one result line each, in this order.
    public var units: [Int]
    /// A label per unit ("KEY on WORKLOAD ×SCALE"), parallel to `units`, for messages.
    public var labels: [String]
    /// This shard's share of the sweep's estimated cost (0-1).
    public var costShare: Double

    public init(version: String, specDigest: String, sweepDigest: String, catalogDigest: String, shard: ShardID,
                totalUnits: Int, units: [Int], labels: [String], costShare: Double) {
        self.version = version; self.specDigest = specDigest; self.sweepDigest = sweepDigest; self.catalogDigest = catalogDigest
        self.shard = shard; self.totalUnits = totalUnits; self.units = units; self.labels = labels; self.costShare = costShare
    }

    public init(planner: Planner, shard: ShardID, totalUnits: Int, units: [Planner.Unit], costShare: Double) {
        self.init(version: Planner.version, specDigest: planner.spec.digest, sweepDigest: planner.spec.effectiveDigest,
                  catalogDigest: planner.catalog.digest, shard: shard, totalUnits: totalUnits, units: units.map(\.index),
                  labels: units.map(Self.label), costShare: costShare)
    }

    public static func label(_ u: Planner.Unit) -> String { "\(u.candidate.key) on \(u.workload) ×\(u.loadScale)" }

    /// One line of JSON with sorted keys, ending in a newline.
    public var jsonLine: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = (try? e.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
