import Foundation
import PFMCatalog
import Testing
@testable import PFMPlanning
@testable import PFMSimulation

@Suite("Shards: slicing and merging")
struct ShardTests {
    static let catalog = try! CatalogLoader.loadDefault()

    static func planner(policies: [PolicyName] = [.lc, .cloud], scales: [Double] = [1, 3], replications: Int = 1) throws -> Planner {
        var spec = try SweepSpec.parse("""
            schema_version: 1
            accelerators: [l4, a10, l40s]
            counts: [1, 2]
            precisions: [int8]
            workloads: [metaverse]
            run: {duration_s: 60}
            """, file: "s.yaml", catalog: catalog)
        spec.policies = policies
        spec.loadScales = scales
        spec.replications = replications
        return Planner(catalog: catalog, spec: spec)
    }

    @Test func parsesShardIDs() {
        #expect(ShardID(parsing: "0/1") == ShardID(index: 0, count: 1))
        #expect(ShardID(parsing: "6/7") == ShardID(index: 6, count: 7))
        for bad in ["", "1", "4/4", "-1/3", "1/0", "a/b", "1/2/3", "1/"] { #expect(ShardID(parsing: bad) == nil, "\(bad)") }
    }

    @Test func readsSlurmAndKubernetesEnvironments() throws {
        #expect(try ShardID.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"]) == ShardID(index: 2, count: 4))
        // Re-running one task alone: its own count is 1, --shard-count restores N.
        #expect(try ShardID.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1"], count: 4) == ShardID(index: 2, count: 4))
        #expect(try ShardID.fromEnvironment(["JOB_COMPLETION_INDEX": "3", "JOB_COMPLETION_COUNT": "5"]) == ShardID(index: 3, count: 5))
        #expect(try ShardID.fromEnvironment(["JOB_COMPLETION_INDEX": "0"], count: 2) == ShardID(index: 0, count: 2))
        #expect(throws: ShardID.EnvironmentError.noIndex) { try ShardID.fromEnvironment([:]) }
        #expect(throws: ShardID.EnvironmentError.noCount) { try ShardID.fromEnvironment(["JOB_COMPLETION_INDEX": "1"]) }
        #expect(throws: ShardID.EnvironmentError.badValue(name: "SLURM_ARRAY_TASK_ID", value: "x")) {
            try ShardID.fromEnvironment(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "2"])
        }
        #expect(throws: ShardID.EnvironmentError.outOfRange(index: 4, count: 4, from: "SLURM_ARRAY_TASK_ID")) {
            try ShardID.fromEnvironment(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"])
        }
    }

    @Test func everyUnitIsInExactlyOneShardForAnyN() throws {
        let p = try Self.planner()
        let units = p.units(p.candidates().run)
        // 6 servers × lc, the 2-GPU ones in both layouts (1x2 and 2), and the one cloud-only
        // option, × 2 load scales.
        #expect(units.count == 20)
        for n in [1, 2, 3, 7, 24, 50] {
            var seen: [Int] = []
            for i in 0..<n {
                let mine = ShardPlan.units(units, shard: ShardID(index: i, count: n), planner: p).units
                #expect(mine.map(\.index) == mine.map(\.index).sorted(), "a shard runs its units in canonical order")
                seen += mine.map(\.index)
            }
            #expect(seen.sorted() == Array(0..<units.count), "N = \(n)")
            if n > units.count {
                let empty = (0..<n).filter { ShardPlan.units(units, shard: ShardID(index: $0, count: n), planner: p).units.isEmpty }
                #expect(empty.count == n - units.count)
            }
        }
    }

    @Test func slicingIsDeterministicAndBalancedByCost() throws {
        // Load ×3 units cost three times as much, cloud units a quarter: a count split would be lopsided.
        let p = try Self.planner()
        let units = p.units(p.candidates().run)
        let costs = units.map { ShardPlan.estimatedCost($0, planner: p) }
        let lc1 = units.firstIndex { $0.candidate.policy == .lc && $0.loadScale == 1 }!
        let lc3 = units.firstIndex { $0.candidate.policy == .lc && $0.loadScale == 3 }!
        let cloud1 = units.firstIndex { $0.candidate.policy == .cloud && $0.loadScale == 1 }!
        #expect(costs[lc3] > 2.5 * costs[lc1])
        #expect(costs[cloud1] < costs[lc1])
        let a = ShardPlan.assign(costs: costs, shards: 4), b = ShardPlan.assign(costs: costs, shards: 4)
        #expect(a == b)
        let loads = a.map { $0.reduce(0) { $0 + costs[$1] } }
        #expect(loads.max()! / loads.min()! < 1.2, "\(loads)")
        // LPT never does worse than 4/3 of the optimum; the optimum is at least the mean and the largest unit.
        let bound = max(costs.reduce(0, +) / 4, costs.max()!) * 4 / 3
        #expect(loads.max()! <= bound + 1e-9)
        // Equal costs: ties go to the lower unit index and the lower shard.
        #expect(ShardPlan.assign(costs: [1, 1, 1, 1, 1], shards: 2) == [[0, 2, 4], [1, 3]])
        #expect(ShardPlan.assign(costs: [], shards: 3) == [[], [], []])
    }

    @Test func sweepDigestSeesFlagOverrides() throws {
        let p = try Self.planner()
        var other = p.spec
        other.seed += 1
        #expect(p.spec.digest == other.digest, "the spec file's digest does not change with flags")
        #expect(p.spec.effectiveDigest != other.effectiveDigest)
        var same = p.spec
        same.sloP95Ms = ["b": 1, "a": 2, "*": 3]
        var same2 = p.spec
        same2.sloP95Ms = ["*": 3, "a": 2, "b": 1]
        #expect(same.effectiveDigest == same2.effectiveDigest)
    }

    // MARK: - Merging (in memory)

    /// Part texts for N shards of the planner's sweep, evaluated for real, plus the one-process text.
    static func parts(_ p: Planner, n: Int) throws -> (parts: [(String, String)], whole: String) {
        let units = p.units(p.candidates().run)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var lines: [Int: String] = [:]
        for u in units { lines[u.index] = String(decoding: try enc.encode(try p.evaluate(u)), as: UTF8.self) + "\n" }
        var out: [(String, String)] = []
        for i in 0..<n {
            let s = ShardPlan.units(units, shard: ShardID(index: i, count: n), planner: p)
            let h = ShardHeader(planner: p, shard: ShardID(index: i, count: n), totalUnits: units.count, units: s.units, costShare: s.cost / s.total)
            out.append(("part-\(i).jsonl", h.jsonLine + s.units.map { lines[$0.index]! }.joined()))
        }
        return (out, units.map { lines[$0.index]! }.joined())
    }

    static func merge(_ parts: [(String, String)]) -> (ShardMerge.Merged?, [String]) {
        var problems: [ShardMerge.Problem] = []
        let ps = parts.compactMap { ShardMerge.parse(path: $0.0, text: $0.1, problems: &problems) }
        let m = ShardMerge.merge(ps, problems: &problems)
        return (m, problems.map(\.description))
    }

    @Test func mergeRebuildsTheOneProcessText() throws {
        let p = try Self.planner(scales: [1])
        for n in [1, 5, 20] {
            let (parts, whole) = try Self.parts(p, n: n)
            let (m, problems) = Self.merge(parts.reversed())
            #expect(problems.isEmpty, "\(problems)")
            #expect(m?.text == whole, "N = \(n)")
        }
    }

    @Test func mergeNamesEveryKindOfProblem() throws {
        let p = try Self.planner(scales: [1])
        let (parts, _) = try Self.parts(p, n: 3)
        // missing shard
        var (m, pr) = Self.merge([parts[0], parts[2]])
        #expect(m == nil)
        #expect(pr.contains { $0.hasPrefix("missing: shard 1/3: no part file") }, "\(pr)")
        #expect(pr.contains { $0.hasPrefix("missing: ") && $0.contains("units are in no part: #") }, "\(pr)")
        // duplicated shard
        (m, pr) = Self.merge(parts + [("copy.jsonl", parts[1].1)])
        #expect(pr == ["duplicated: shard 1/3 is in 2 parts: part-1.jsonl, copy.jsonl"], "\(pr)")
        // torn last line
        let torn = String(parts[1].1.dropLast(20))
        (m, pr) = Self.merge([parts[0], ("part-1.jsonl", torn), parts[2]])
        #expect(pr.contains { $0.hasPrefix("truncated: part-1.jsonl:") && $0.contains("torn last line") }, "\(pr)")
        #expect(pr.contains { $0.hasPrefix("truncated: part-1.jsonl: ") && $0.contains("missing #") }, "\(pr)")
        // fewer complete lines than the header lists
        var lines = parts[2].1.split(separator: "\n", omittingEmptySubsequences: false)
        lines.remove(at: lines.count - 2)
        (m, pr) = Self.merge([parts[0], parts[1], ("part-2.jsonl", lines.joined(separator: "\n"))])
        #expect(pr.count == 1 && pr[0].hasPrefix("truncated: part-2.jsonl: "), "\(pr)")
        // an empty file (killed before its header)
        (m, pr) = Self.merge([parts[0], parts[1], ("part-2.jsonl", "")])
        #expect(pr.contains("truncated: part-2.jsonl: empty file, not even a header line (a killed shard?)"), "\(pr)")
        // a different version
        let v = parts[1].1.replacingOccurrences(of: "\"version\":\"\(Planner.version)\"", with: "\"version\":\"9.9.9\"")
        (m, pr) = Self.merge([parts[0], ("part-1.jsonl", v), parts[2]])
        #expect(pr.contains { $0.hasPrefix("mismatched: part-1.jsonl: pfmplan version 9.9.9, but part-0.jsonl and 1 other part(s) have \(Planner.version)") }, "\(pr)")
        // a plain sweep file is not a part
        let plain = parts[1].1.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        (m, pr) = Self.merge([parts[0], ("plain.jsonl", plain), parts[2]])
        #expect(pr.contains { $0.hasPrefix("invalid: plain.jsonl: not a shard part: no header line") }, "\(pr)")
    }
}
