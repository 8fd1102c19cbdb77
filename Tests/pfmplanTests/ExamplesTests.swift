import Foundation
import Testing

/// The what-if studies under Examples/ run, at reduced length, as part of the test suite.
@Suite("Examples")
struct ExamplesTests {
    static var sweeps: [String] {
        let dir = Binary.repoRoot.appendingPathComponent("Examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0)/sweep.yaml").path) }
    }

    @Test func thereAreAtLeastFourStudies() {
        #expect(Self.sweeps.count >= 4, "\(Self.sweeps)")
    }

    @Test(arguments: sweeps)
    func studyRuns(_ name: String) throws {
        let spec = "Examples/\(name)/sweep.yaml"
        let sweep = try Binary.run(["sweep", "--sweep", spec, "--duration", "300", "--replications", "1", "--format", "table"])
        #expect(sweep.status == 0, "\(name): \(sweep.stderr)")
        #expect(sweep.stdout.contains("option"))
        let size = try Binary.run(["size", "--sweep", spec, "--duration", "300", "--replications", "1", "--no-headroom"])
        #expect(size.status == 0 || size.status == 3, "\(name): \(size.stderr)")
        #expect(size.stdout.contains("PICK") || size.stdout.contains("NO FEASIBLE OPTION"))
        let readme = try String(contentsOf: Binary.repoRoot.appendingPathComponent("Examples/\(name)/README.md"), encoding: .utf8)
        #expect(readme.contains("pfmplan"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "skipped: the script needs jq (/usr/bin/jq), which is not installed"))
    func scriptedWhatIfRunsWithJq() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["Examples/scripted-what-if/what-if.sh"]
        p.currentDirectoryURL = Binary.repoRoot
        var env = ProcessInfo.processInfo.environment
        env["PFMPLAN"] = Binary.url.path
        env["DURATION"] = "300"
        env["SCALES"] = "1"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n").count >= 2)
    }

    /// Examples/where-lc-wins/run.py drives the real binary: one axis, into a scratch folder,
    /// gives its CSV rows and both plots, with the numbers the README quotes for that axis.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "skipped: run.py needs /usr/bin/python3, which is not installed"))
    func whereLCWinsStudyRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wlw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Binary.example("/usr/bin/python3", ["Examples/where-lc-wins/run.py", "--axes", "prefix", "--out", dir.path]) == 0)
        let csv = try String(contentsOf: dir.appendingPathComponent("results.csv"), encoding: .utf8)
        let committed = try String(contentsOf: Binary.repoRoot.appendingPathComponent("Examples/where-lc-wins/results.csv"), encoding: .utf8)
        let fresh = csv.split(separator: "\n").dropFirst()
        #expect(fresh.count == 2 && fresh.allSatisfy { committed.contains($0) }, "run.py's prefix rows differ from the committed results.csv")
        for f in ["prefix-cost-ratio.svg", "prefix-accuracy.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), "\(f)")
        }
    }
}
