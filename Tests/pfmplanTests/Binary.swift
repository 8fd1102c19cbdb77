import Foundation

/// Runs the real `pfmplan` binary, built beside the test bundle.
enum Binary {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var url: URL { url("pfmplan") }

    static func url(_ tool: String) -> URL {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir, dir.deletingLastPathComponent(), repoRoot.appendingPathComponent(".build/debug")]
        for c in candidates {
            let u = c.appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        return repoRoot.appendingPathComponent(".build/debug/" + tool)
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// With PFMPLAN_TEST_TIMES=FILE, each run's wall seconds and arguments are appended to FILE,
    /// to find the end-to-end tests that make `swift test` slow (a profile, never an assertion).
    static func logTime(_ seconds: Double, _ args: [String]) {
        guard let path = ProcessInfo.processInfo.environment["PFMPLAN_TEST_TIMES"],
              let h = FileHandle(forWritingAtPath: path) ?? {
                  _ = FileManager.default.createFile(atPath: path, contents: nil)
                  return FileHandle(forWritingAtPath: path)
              }() else { return }
        defer { try? h.close() }
        _ = h.seekToEndOfFile()
        h.write(Data((String(format: "%.2f\t", seconds) + args.joined(separator: " ") + "\n").utf8))
    }

    /// `shell`: run /bin/sh (or /bin/bash with `bash`) with `args` instead of the binary; `tool`: which of the package's binaries.
    static func run(_ args: [String], cwd: URL? = nil, environment: [String: String]? = nil, shell: Bool = false, bash: Bool = false,
                    tool: String = "pfmplan") throws -> Run {
        let p = Process()
        p.executableURL = shell ? URL(fileURLWithPath: bash ? "/bin/bash" : "/bin/sh") : url(tool)
        p.arguments = args
        p.currentDirectoryURL = cwd ?? repoRoot
        if let environment { p.environment = environment }
        // stderr goes to a file and stdout to a pipe, so a large output cannot block the child.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("pfmplan-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = errHandle
        let started = Date()
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        logTime(Date().timeIntervalSince(started), args)
        try errHandle.close()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Run(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs one of the Examples' scripts with `interpreter` from the repository's root, with
    /// PFMPLAN naming the binary under test and its output discarded; returns its exit status.
    static func example(_ interpreter: String, _ args: [String], environment extra: [String: String] = [:]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: interpreter)
        p.arguments = args
        p.currentDirectoryURL = repoRoot
        var env = ProcessInfo.processInfo.environment
        env["PFMPLAN"] = url.path
        for (k, v) in extra { env[k] = v }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}
