import Foundation
import Testing

/// Progress on a terminal for every phase longer than a second (the headroom bisection was 25 s
/// silent), none when stderr is not a terminal or under --quiet, and no escape codes with
/// TERM=dumb. A terminal comes from script(1) (util-linux); without it the tests are skipped.
/// The runs are sized so that the phase under test lasts a few seconds on a 2-core machine
/// (the display starts only after one).
@Suite("End to end: progress")
struct ProgressTests {
    static let script = "/usr/bin/script"
    static let hasScript = FileManager.default.isExecutableFile(atPath: script)
    static let size = ["size", "--accelerators", "rtx-4090", "--counts", "2", "--layouts", "1x2", "--precisions", "int8", "--duration", "4800", "--replications", "1"]

    /// Runs pfmplan on a pseudo-terminal; returns what it wrote to stderr (stdout goes to /dev/null).
    func onTerminal(_ args: [String], term: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.script)
        let command = ([Binary.url.path] + args).map { "'\($0)'" }.joined(separator: " ") + " >/dev/null"
        p.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = term
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: hasScript, "needs script(1) for a pseudo-terminal"))
    func headroomBisectionShowsProgressOnATerminal() throws {
        let tty = try onTerminal(Self.size, term: "xterm")
        #expect(tty.contains("headroom bisection: "), "\(tty)")
        #expect(tty.contains("\u{1B}[K"))
        let dumb = try onTerminal(Self.size, term: "dumb")
        #expect(dumb.contains("headroom bisection: "), "\(dumb)")
        #expect(!dumb.contains("\u{1B}"), "escape codes with TERM=dumb")
        let quiet = try onTerminal(Self.size + ["--quiet"], term: "xterm")
        #expect(!quiet.contains("headroom bisection"), "\(quiet)")
        #expect(!quiet.contains("\r"))
    }

    @Test(.enabled(if: hasScript, "needs script(1) for a pseudo-terminal"))
    func simulateShowsProgressOnATerminal() throws {
        let tty = try onTerminal(["simulate", "--accelerator", "l4", "--policies", "lc,lfu,lru", "--requests", "500000"], term: "xterm")
        #expect(tty.contains(" policies  "), "\(tty)")
        #expect(tty.contains("simulating "), "\(tty)")
    }

    @Test func noProgressWhenStderrIsNotATerminal() throws {
        let r = try Binary.run(Self.size)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("headroom bisection") && !r.stderr.contains("\r"), "\(r.stderr)")
    }
}
