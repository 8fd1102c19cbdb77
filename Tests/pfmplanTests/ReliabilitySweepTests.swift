import Foundation
import Testing

/// Nothing lost (issue #8, part 1): a sweep killed with SIGKILL at any point continues with
/// `--resume` to the same bytes as an uninterrupted run; SIGTERM/SIGINT stop it with 143/130,
/// leaving only whole lines in FILE.partial.
@Suite("Reliability: killed sweeps resume", .serialized)
struct ReliabilitySweepTests {
    /// 42 units (7 parts × 1 GPU, 2 GPUs in layouts 1x2 and 2, × lc, lru) × 3 replications of 30
    /// simulated minutes: a few seconds in a debug build.
    static let sweep = ["sweep", "--accelerators", "t4,l4,a10,rtx-4090,l40s,a100-40gb,h100-pcie", "--counts", "1,2", "--precisions", "int8", "--policies", "lc,lru",
                        "--replications", "3", "--duration", "1800", "--jobs", "2"]

    final class Dir: @unchecked Sendable {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-resume-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func read(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
    }

    /// Starts the binary without waiting; stdout and stderr go to files in `dir`.
    static func start(_ args: [String], in dir: Dir) throws -> Process {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = args
        p.currentDirectoryURL = dir.url
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        _ = FileManager.default.createFile(atPath: dir.path("stderr.txt"), contents: nil)
        p.standardError = try FileHandle(forWritingTo: dir.url.appendingPathComponent("stderr.txt"))
        try p.run()
        return p
    }

    /// The uninterrupted run's bytes, computed once.
    static let whole: Data = {
        guard let d = try? Dir(), let r = try? Binary.run(sweep + ["--out", d.path("whole.jsonl")]), r.status == 0,
              let data = try? d.read("whole.jsonl") else { return Data() }
        return data
    }()

    @Test("SIGKILL after 0.3 s, 1 s and 2 s, then --resume: byte-identical to an uninterrupted run",
          arguments: [0.3, 1.0, 2.0])
    func killAndResume(after seconds: Double) throws {
        let whole = Self.whole
        try #require(!whole.isEmpty, "the uninterrupted sweep failed")
        #expect(whole.split(separator: 10).count == 42)
        let d = try Dir()
        let p = try Self.start(Self.sweep + ["--out", "r.jsonl"], in: d)
        Thread.sleep(forTimeInterval: seconds)
        if seconds == 1.0 {
            // This case cuts a torn last line from what was written: wait (up to 60 s) for a first
            // whole line, so that on a loaded machine the kill does not come before any result.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, ((try? d.read("r.jsonl.partial"))?.filter { $0 == 10 }.count ?? 0) < 2 {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let killed = p.terminationReason == .uncaughtSignal
        if killed {
            #expect(!d.exists("r.jsonl"), "a killed sweep must not leave a file that looks complete")
        }
        if seconds == 1.0, killed, let partial = try? d.read("r.jsonl.partial"), partial.count > 10 {
            // A kill in the middle of a write leaves a torn last line: cut one here to be sure.
            try partial.dropLast(7).write(to: URL(fileURLWithPath: d.path("r.jsonl.partial")))
        }
        let r = try Binary.run(Self.sweep + ["--out", "r.jsonl", "--resume"], cwd: d.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try d.read("r.jsonl") == whole, "resumed after \(seconds) s: \(r.stderr)")
        #expect(!d.exists("r.jsonl.partial") && !d.exists("r.jsonl.partial.sweep"), "\(r.stderr)")
        if seconds == 1.0 && killed {
            #expect(r.stderr.contains("r.jsonl.partial:") && r.stderr.contains("discarded a torn last line"), "\(r.stderr)")
        }
        if killed && d.exists("r.jsonl") {
            #expect(r.stderr.contains("--resume:") || r.stderr.contains("starting the sweep from the beginning"), "\(r.stderr)")
        }
        // Resuming a complete file does nothing.
        let again = try Binary.run(Self.sweep + ["--out", "r.jsonl", "--resume"], cwd: d.url)
        #expect(again.status == 0 && again.stderr.contains("r.jsonl is complete (42 of 42 results); nothing to resume"), "\(again.stderr)")
        #expect(try d.read("r.jsonl") == whole)
    }

    @Test("SIGTERM stops a sweep with exit 143 and SIGINT with 130; .partial holds whole lines only", arguments: [SIGTERM, SIGINT])
    func signalStopsCleanly(_ sig: Int32) throws {
        let d = try Dir()
        let p = try Self.start(Self.sweep + ["--out", "r.jsonl"], in: d)
        Thread.sleep(forTimeInterval: 1.0)
        kill(p.processIdentifier, sig)
        p.waitUntilExit()
        let stderr = String(decoding: try d.read("stderr.txt"), as: UTF8.self)
        #expect(p.terminationReason == .exit, "\(stderr)")
        #expect(p.terminationStatus == (sig == SIGTERM ? 143 : 130), "\(stderr)")
        #expect(stderr.contains("interrupted: ") && stderr.contains("run the same command with --resume to finish"), "\(stderr)")
        #expect(!d.exists("r.jsonl"))
        let partial = try d.read("r.jsonl.partial")
        #expect(partial.isEmpty || partial.last == 10, "the .partial must end with a whole line")
        for line in partial.split(separator: 10) {
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(object?["schema"] as? String == "pfmplan.sweep/2")
        }
        // and the interrupted sweep resumes to the same bytes.
        let r = try Binary.run(Self.sweep + ["--out", "r.jsonl", "--resume"], cwd: d.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try d.read("r.jsonl") == Self.whole)
    }

    @Test("--resume refuses lines from another sweep, naming the file and line")
    func resumeRefusesAnotherSweep() throws {
        let d = try Dir()
        let small = ["sweep", "--accelerators", "l4,a10", "--counts", "1", "--precisions", "int8", "--replications", "2", "--duration", "60"]
        #expect(try Binary.run(small + ["--out", "a.jsonl"], cwd: d.url).status == 0)
        let lines = try d.read("a.jsonl").split(separator: 10)
        // A .partial with the first line, as a killed run leaves it, without its record beside it.
        try (Data(lines[0]) + Data([10])).write(to: URL(fileURLWithPath: d.path("b.jsonl.partial")))
        let other = try Binary.run(small.map { $0 == "2" ? "3" : $0 } + ["--out", "b.jsonl", "--resume"], cwd: d.url)
        #expect(other.status == 1)
        #expect(other.stderr.contains("b.jsonl.partial:1:1: error: its seeds differ from this sweep's"), "\(other.stderr)")
        let seed = try Binary.run(small + ["--seed", "9", "--out", "b.jsonl", "--resume"], cwd: d.url)
        #expect(seed.status == 1 && seed.stderr.contains("b.jsonl.partial:1:1: error: its seeds differ"), "\(seed.stderr)")
        let axes = try Binary.run(small.map { $0 == "l4,a10" ? "a10,l4" : $0 } + ["--out", "b.jsonl", "--resume"], cwd: d.url)
        #expect(axes.status == 1 && axes.stderr.contains("b.jsonl.partial:1:1: error: holds unit #0"), "\(axes.stderr)")
        // With the record a killed run leaves beside the .partial, a changed flag is caught even when the lines cannot show it.
        let killed = try Self.start(Self.sweep + ["--out", "c.jsonl"], in: d)
        Thread.sleep(forTimeInterval: 0.5)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        if d.exists("c.jsonl.partial.sweep") {
            let longer = try Binary.run(Self.sweep.map { $0 == "1800" ? "1200" : $0 } + ["--out", "c.jsonl", "--resume"], cwd: d.url)
            #expect(longer.status == 1, "\(longer.stderr)")
            #expect(longer.stderr.contains("c.jsonl.partial:1:1: error: c.jsonl.partial was written by another sweep: different sweep flags"), "\(longer.stderr)")
        }
        // Garbage is not a result line.
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: d.path("e.jsonl.partial")))
        let garbage = try Binary.run(small + ["--out", "e.jsonl", "--resume"], cwd: d.url)
        #expect(garbage.status == 1 && garbage.stderr.contains("e.jsonl.partial:1:1: error: not a pfmplan sweep result line"), "\(garbage.stderr)")
        // Usage errors.
        #expect(try Binary.run(small + ["--resume"], cwd: d.url).status == 64)
        #expect(try Binary.run(small + ["--resume", "--out", "x.csv", "--format", "csv"], cwd: d.url).status == 64)
    }

    @Test("--resume continues a killed shard to the same part file")
    func resumeShard() throws {
        let d = try Dir()
        let shard = Self.sweep + ["--shard", "1/3"]
        #expect(try Binary.run(shard + ["--out", "whole-part.jsonl"], cwd: d.url).status == 0)
        let p = try Self.start(shard + ["--out", "part.jsonl"], in: d)
        Thread.sleep(forTimeInterval: 0.6)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let r = try Binary.run(shard + ["--out", "part.jsonl", "--resume"], cwd: d.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try d.read("part.jsonl") == d.read("whole-part.jsonl"))
        // Another shard's part is refused by its header.
        let wrong = try Binary.run(Self.sweep + ["--shard", "2/3", "--out", "part.jsonl", "--resume"], cwd: d.url)
        #expect(wrong.status == 1 && wrong.stderr.contains("part.jsonl:1:1: error: the header of shard 1/3, this is shard 2/3"), "\(wrong.stderr)")
    }
}
