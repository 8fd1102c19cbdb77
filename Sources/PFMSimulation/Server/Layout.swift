/// How a server's GPUs are partitioned into groups (MODEL.md §2): aligned groups whose sizes are
/// powers of two. Each group is one executor (an engine with tensor-parallel degree = its size)
/// and one cache; groups run concurrently and nothing is pooled across them.
///
/// Written `1x4` (four groups of one GPU), `2x2`, `4` (one group of four) or `2+1+1`; groups are
/// kept largest first, so consecutive placement keeps every group aligned.
public struct Layout: Sendable, Hashable, CustomStringConvertible {
    /// GPUs per group, largest first.
    public let groups: [Int]

    public var gpus: Int { groups.reduce(0, +) }

    public init(groups: [Int]) { self.groups = groups.sorted(by: >) }

    /// One group per GPU: data-parallel replicas of single-GPU engines.
    public static func dataParallel(_ n: Int) -> Layout { Layout(groups: Array(repeating: 1, count: n)) }

    /// The uniform layouts of n GPUs: groups of t GPUs for every power of two t dividing n
    /// (n = 4: `1x4`, `2x2`, `4`), smallest groups first (`layouts: auto`, MODEL.md §10).
    public static func uniform(_ n: Int) -> [Layout] {
        var out: [Layout] = []
        var t = 1
        while t <= n {
            if n % t == 0 { out.append(Layout(groups: Array(repeating: t, count: n / t))) }
            t *= 2
        }
        return out
    }

    /// `TxK` for K groups of T GPUs (`T` alone when K = 1), `A+B+…` for mixed sizes.
    public var description: String {
        guard let first = groups.first else { return "" }
        if groups.allSatisfy({ $0 == first }) { return groups.count == 1 ? "\(first)" : "\(first)x\(groups.count)" }
        return groups.map(String.init).joined(separator: "+")
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var hint: String
        public var description: String { message + "\n  hint: " + hint }
        public init(message: String, hint: String) { self.message = message; self.hint = hint }
    }

    /// Parses a layout of `count` GPUs. Terms joined by `+`, each `T` (one group of T GPUs) or
    /// `TxK` (K groups of T); every T a power of two, the sizes summing to `count`.
    public static func parse(_ text: String, count: Int) -> Result<Layout, ParseError> {
        let hint = "write groups of power-of-two sizes that add up to \(count) GPUs, e.g. "
            + uniform(count).map(\.description).joined(separator: ", ") + (count >= 4 ? ", 2+1+1" : "")
        let s = text.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return .failure(ParseError(message: "empty layout", hint: hint)) }
        var groups: [Int] = []
        for term in s.split(separator: "+", omittingEmptySubsequences: false) {
            let parts = term.split(separator: "x", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let t = Int(parts[0]), t >= 1, t <= 1024,
                  let k = parts.count == 2 ? Int(parts[1]) : 1, k >= 1, k <= 1024 else {
                return .failure(ParseError(message: "layout '\(text)': '\(term)' is not a group size T or TxK (K groups of T GPUs)", hint: hint))
            }
            guard t & (t - 1) == 0 else {
                return .failure(ParseError(message: "layout '\(text)': a group of \(t) GPUs is not a power of two", hint: hint))
            }
            groups += Array(repeating: t, count: k)
            if groups.count > 1024 { break }
        }
        let sum = groups.reduce(0, +)
        guard sum == count else {
            return .failure(ParseError(message: "layout '\(text)' has \(sum) GPU(s), but the option has \(count)", hint: hint))
        }
        return .success(Layout(groups: groups))
    }
}

import Foundation
