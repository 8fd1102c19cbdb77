import Foundation
import Testing

/// Issue 19, the classes left after the first round: number flags read by the files' rules,
/// catalog file names that are not UTF-8, cancellation of size and compare while the engine
/// runs, and JSON that never holds "inf" or "nan".
@Suite("Reliability 2: flags, file names, cancelling size and compare, finite JSON", .serialized)
struct Round2LeftoverTests {
    typealias Dir = ReliabilitySweepTests.Dir

    // MARK: One set of number rules for files and flags

    @Test("hex floats, inf and nan in Double flags are refused (exit 64), as in files",
          arguments: [
              ["simulate", "--accelerator", "l4", "--duration", "0x1p3"],
              ["simulate", "--accelerator", "l4", "--warmup", "0x1p3"],
              ["simulate", "--accelerator", "l4", "--load-scale", "0x1p0"],
              ["simulate", "--accelerator", "l4", "--duration", "inf"],
              ["simulate", "--accelerator", "l4", "--load-scale", "nan"],
              ["sweep", "--duration", "0x1p3"],
              ["sweep", "--budget-usd-month", "0x1p10"],
              ["size", "--duration", "0X1P3"],
              ["compare", "l4", "--duration", "0x1p3"],
              ["trace", "generate", "--workload", "metaverse", "--requests", "10", "--warmup", "0x1p3", "--out", "t.csv"],
              ["trace", "generate", "--workload", "metaverse", "--requests", "10", "--load-scale", "0x1p0", "--out", "t.csv"],
          ])
    func hexFloatFlags(_ args: [String]) throws {
        let d = try Dir()
        let r = try Binary.run(args, cwd: d.url)
        #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains("expected a plain decimal number"), "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty && !d.exists("t.csv"))
    }

    @Test("compare --load-scales follows the sweep's rules: no hex floats, no empty items, 1e-6 to 1e6")
    func compareLoadScales() throws {
        let d = try Dir()
        for (scales, message) in [("0x1p1", "expects positive numbers, found '0x1p1'"), ("1,,2", "found an empty item"),
                                  ("1e-300", "1e-6 to 1e6"), ("1,1", "listed twice")] {
            let r = try Binary.run(["compare", "l4", "--load-scales", scales], cwd: d.url)
            #expect(r.status == 64 && r.stderr.contains(message), "\(scales): \(r.stderr)")
        }
    }

    // MARK: File names that are not UTF-8

    @Test("a catalog file whose name is not UTF-8 is named with \\xHH escapes and a reason, not reported missing")
    func nonUTF8CatalogNames() throws {
        let d = try Dir()
        #expect(try Binary.run(["catalog", "export", "cat"], cwd: d.url).status == 0)
        let tool = Binary.url.path
        // In a directory: the entry is read as bytes.
        let inDir = try Binary.run(["-c", "mv cat/services.yaml \"cat/serv$(printf '\\377')ices.yaml\" && exec '\(tool)' catalog validate --catalog cat"],
                                   cwd: d.url, shell: true)
        #expect(inDir.status == 1)
        #expect(inDir.stderr.contains("cat/serv\\xFFices.yaml: the file name is not UTF-8 text"), "\(inDir.stderr)")
        #expect(!inDir.stderr.contains("cannot read") && !inDir.stderr.contains("no such file"), "\(inDir.stderr)")
        // On the command line, as `--catalog PATH` and `--catalog=PATH`.
        for form in ["--catalog \"$f\"", "--catalog=\"$f\""] {
            let arg = try Binary.run(["-c", "f=\"x$(printf '\\377\\376').yaml\"; : > \"$f\"; exec '\(tool)' catalog validate \(form)"], cwd: d.url, shell: true)
            #expect(arg.status == 1)
            #expect(arg.stderr.contains("x\\xFF\\xFE.yaml: the path is not UTF-8 text"), "\(form): \(arg.stderr)")
            #expect(!arg.stderr.contains("no such file"), "\(arg.stderr)")
        }
        // A missing UTF-8 path is still "no such file".
        let missing = try Binary.run(["catalog", "validate", "--catalog", "nothere.yaml"], cwd: d.url)
        #expect(missing.status == 1 && missing.stderr.contains("nothere.yaml: no such file or directory"), "\(missing.stderr)")
    }

    @Test("input and output paths on the command line that are not UTF-8 are refused by escaped name (exit 64), none written elsewhere",
          arguments: ["sweep --accelerators l4 --counts 1 --precisions int8 --replications 1 --duration 60 --out \"$f\"",
                      "report \"$f\"", "simulate --accelerator l4 --trace=\"$f\"", "size --from \"$f\"",
                      "trace generate --workload metaverse --requests 10 --out \"$f\"", "merge \"$f\"",
                      "compare l4 --load-scales 1 --replications 1 --duration 60 --plot \"$f\""])
    func nonUTF8PathFlags(_ command: String) throws {
        let d = try Dir()
        let r = try Binary.run(["-c", "f=\"r$(printf '\\377').jsonl\"; exec '\(Binary.url.path)' \(command)"], cwd: d.url, shell: true)
        #expect(r.status == 64, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("r\\xFF.jsonl: the path is not UTF-8 text"), "\(command): \(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.url.path).allSatisfy { !$0.hasPrefix("r") }, "nothing written under a replaced name")
    }

    // MARK: Cancelling size and compare while the engine runs

    /// Sends `sig` after `delay` seconds and waits up to 10 s: (seconds from the signal to the
    /// exit, exit status, stderr, stdout).
    static func interrupt(_ args: [String], after delay: Double, _ sig: Int32, in d: Dir) throws -> (Double, Int32, String, String) {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = args
        p.currentDirectoryURL = d.url
        FileManager.default.createFile(atPath: d.path("stdout.txt"), contents: nil)
        FileManager.default.createFile(atPath: d.path("stderr.txt"), contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: d.url.appendingPathComponent("stdout.txt"))
        p.standardError = try FileHandle(forWritingTo: d.url.appendingPathComponent("stderr.txt"))
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        let sent = Date()
        kill(p.processIdentifier, sig)
        var waited = 0.0
        while p.isRunning && waited < 10 { Thread.sleep(forTimeInterval: 0.05); waited += 0.05 }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        let err = (try? String(contentsOfFile: d.path("stderr.txt"), encoding: .utf8)) ?? ""
        let out = (try? String(contentsOfFile: d.path("stdout.txt"), encoding: .utf8)) ?? ""
        return (took, p.terminationReason == .exit ? p.terminationStatus : -1, err, out)
    }

    @Test("SIGTERM and SIGINT stop size while a long unit runs: 143/130 at once, no recommendation", arguments: [SIGTERM, SIGINT])
    func cancelSizeDuringUnit(_ sig: Int32) throws {
        let d = try Dir()
        // One unit of 10^6 simulated seconds: about a minute in a debug build.
        let (took, status, err, out) = try Self.interrupt(
            ["size", "--accelerators", "h100-sxm", "--counts", "1", "--precisions", "int8", "--policies", "lc", "--replications", "1",
             "--duration", "1000000", "--jobs", "1", "--plot", "p.svg"], after: 1.5, sig, in: d)
        #expect(took < 5, "the running unit must not finish first (\(took) s): \(err)")
        #expect(status == (sig == SIGTERM ? 143 : 130), "\(err)")
        #expect(err.contains("interrupted after 0 of 1 options; no recommendation written"), "\(err)")
        #expect(out.isEmpty && !d.exists("p.svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.url.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test("SIGTERM stops size during the headroom bisection (it used to be ignored until the end)")
    func cancelSizeDuringBisection() throws {
        let d = try Dir()
        // The sweep is one short unit (well under a second); the bisection then runs for half a
        // minute (up to ×64 load), so a signal after 4 s comes during the bisection.
        let (took, status, err, out) = try Self.interrupt(
            ["size", "--accelerators", "h100-sxm", "--counts", "1", "--precisions", "int8", "--policies", "lc", "--replications", "1",
             "--duration", "7200", "--jobs", "1"], after: 4, SIGTERM, in: d)
        #expect(took < 5, "the bisection must stop at once (\(took) s): \(err)")
        #expect(status == 143, "\(err)")
        #expect(err.contains("interrupted during the headroom bisection of the pick, h100-sxm ×1 int8; no recommendation written")
                || err.contains("interrupted after 0 of 1 options"), "\(err)")
        #expect(out.isEmpty, "no partial recommendation: \(out)")
    }

    @Test("SIGINT and SIGTERM stop compare while a long point runs", arguments: [SIGINT, SIGTERM])
    func cancelCompare(_ sig: Int32) throws {
        let d = try Dir()
        let (took, status, err, out) = try Self.interrupt(
            ["compare", "h100-sxm@int8", "l4@int8", "--load-scales", "1", "--replications", "1", "--duration", "1000000", "--jobs", "2",
             "--plot", "p.svg"], after: 1.5, sig, in: d)
        #expect(took < 5, "the running point must not finish first (\(took) s): \(err)")
        #expect(status == (sig == SIGTERM ? 143 : 130), "\(err)")
        #expect(err.contains("interrupted after 0 of 2 points; no comparison written"), "\(err)")
        #expect(out.isEmpty && !d.exists("p.svg"))
    }

    /// The signal was handled on a dispatch queue, which waited for a free worker thread: with
    /// every thread running a unit (--jobs at least the cores) it came only after a unit ended.
    @Test("a signal stops a sweep whose every worker thread runs a long unit (--jobs above the cores)")
    func cancelSweepWithAllThreadsBusy() throws {
        let d = try Dir()
        let jobs = ProcessInfo.processInfo.activeProcessorCount + 2
        let (took, status, err, _) = try Self.interrupt(
            ["sweep", "--accelerators", "all", "--counts", "1", "--precisions", "int8", "--replications", "1", "--duration", "1000000",
             "--jobs", "\(jobs)", "--out", "r.jsonl"], after: 2, SIGTERM, in: d)
        #expect(took < 5, "the running units must not finish first (\(took) s): \(err)")
        #expect(status == 143 && err.contains("interrupted: 0 of "), "\(err)")
    }

    // MARK: Finite numbers in JSON

    @Test("JSON output never holds \"inf\" or \"nan\": a run that measured nothing has a finite severity",
          arguments: [
              ["sweep", "--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--replications", "1", "--duration", "0.000001", "--format", "json"],
              ["size", "--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--replications", "1", "--duration", "0.000001", "--format", "json"],
              ["simulate", "--accelerator", "l4", "--duration", "0.000001", "--format", "json"],
              ["compare", "l4", "--load-scales", "1", "--replications", "1", "--duration", "0.000001", "--format", "json"],
          ])
    func finiteJSON(_ args: [String]) throws {
        let d = try Dir()
        let r = try Binary.run(args, cwd: d.url)
        #expect(r.status == 0 || r.status == 3, "\(args): \(r.stderr)")
        #expect(!r.stdout.isEmpty)
        for bad in ["\"inf\"", "\"-inf\"", "\"nan\"", "Infinity", "NaN"] {
            #expect(!r.stdout.contains(bad), "\(args): \(bad) in \(r.stdout.prefix(400))")
        }
        // Every line (sweep: JSON lines) or the whole document parses as strict JSON.
        let docs = args[0] == "sweep" ? r.stdout.split(separator: "\n").map(String.init) : [r.stdout]
        for doc in docs { #expect((try? JSONSerialization.jsonObject(with: Data(doc.utf8))) != nil, "\(args): \(doc.prefix(200))") }
    }
}
