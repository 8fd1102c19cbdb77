import Foundation
import Testing

@Suite("Planner on traces")
struct PlannerTraceTests {
    /// `sweep --trace` replays a log for every option; a load scale of 2 replays it twice as fast,
    /// so the same requests arrive at twice the rate.
    @Test func sweepAndSizeReplayATrace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-ptrace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let trace = dir.appendingPathComponent("t.csv").path
        let gen = try Binary.run(["trace", "generate", "--workload", "metaverse", "--requests", "3000", "--seed", "5", "--out", trace])
        #expect(gen.status == 0, "\(gen.stderr)")
        let sweep = try Binary.run(["sweep", "--trace", trace, "--accelerators", "h200", "--counts", "1", "--precisions", "int8",
                                    "--load-scales", "1,2", "--replications", "1"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let lines: [[String: Any]] = sweep.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        #expect(lines.count == 2)
        let requests = lines.map { $0["requests"] as? Int }
        #expect(requests[0] != nil && requests[0] == requests[1], "the same requests at both scales")
        #expect(lines.first?["workload"] as? String == "trace:t.csv")
        let size = try Binary.run(["size", "--trace", trace, "--accelerators", "h200,l40s", "--counts", "1", "--precisions", "int8",
                                   "--replications", "1", "--no-headroom"])
        #expect(size.status == 0 || size.status == 3, "\(size.stderr)")
        #expect(size.stdout.hasPrefix("Sizing for the trace"))
        let bad = try Binary.run(["size", "--trace", dir.appendingPathComponent("missing.csv").path])
        #expect(bad.status == 64)
    }
}
