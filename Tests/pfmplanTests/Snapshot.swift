import Foundation
import Testing

/// Golden files under Tests/pfmplanTests/Snapshots. A missing golden, or PFMPLAN_RECORD=1,
/// records the current output and fails, so every new golden is looked at before it is trusted.
enum Snapshot {
    static let dir = Binary.repoRoot.appendingPathComponent("Tests/pfmplanTests/Snapshots")

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = dir.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["PFMPLAN_RECORD"] != nil
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded golden \(name); check it and run again", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-actual-\(name)")
            try actual.write(to: tmp, atomically: true, encoding: .utf8)
            Issue.record("output differs from golden \(name); see: git diff --no-index \(url.path) \(tmp.path)", sourceLocation: sourceLocation)
        }
    }
}
