// The benchmarks that time whole processes: `pfmplan estimate` beside AIConfigurator's
// `estimate` on the same configuration, and `pfmplan size --workload edge-assistant` on 1 and 2
// jobs. They run the `pfmplan` binary built beside this one (`swift build -c release`).
import Foundation

/// One process's exit status and wall-clock seconds (its output is discarded). posix_spawn and
/// waitpid, not Foundation's Process: on Linux its waitUntilExit polls the run loop every 50 ms,
/// which rounds a 20 ms process up to 50.
func timeProcess(_ executable: String, _ arguments: [String]) -> (status: Int32, seconds: Double) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let t0 = now()
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return (-1, 0) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let seconds = now() - t0
    // WIFEXITED / WEXITSTATUS: exited normally when the low 7 bits are 0, the status in the next 8.
    return (status & 0x7F == 0 ? (status >> 8) & 0xFF : -1, seconds)
}

/// The fastest of `runs` timings of a process, or nil (with the failing status) if a run failed.
func fastestProcess(_ executable: String, _ arguments: [String], runs: Int) -> (seconds: Double?, status: Int32) {
    var best = Double.infinity
    for _ in 0..<runs {
        let r = timeProcess(executable, arguments)
        guard r.status == 0 else { return (nil, r.status) }
        best = min(best, r.seconds)
    }
    return (best, 0)
}

/// The `pfmplan` binary beside this benchmark, or nil with a message saying how to build it.
func pfmplanBinary() -> String? {
    let dir = Bundle.main.executableURL?.deletingLastPathComponent().path ?? "."
    let path = dir + "/pfmplan"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
    print("  skipped: no pfmplan binary in \(dir); build it first with `swift build -c release`")
    return nil
}

/// The first executable `name` on the PATH.
func onPath(_ name: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// AIConfigurator's command: $PFMPLAN_AICONFIGURATOR, else `aiconfigurator` on the PATH, else a
/// virtual environment under .build that is created (once) from PyPI. Nil, with the reason
/// printed, when none can be had.
@MainActor func aiconfiguratorBinary() -> String? {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["PFMPLAN_AICONFIGURATOR"] {
        if fm.isExecutableFile(atPath: env) { return env }
        print("  skipped: PFMPLAN_AICONFIGURATOR=\(env) is not an executable file")
        return nil
    }
    if let path = onPath("aiconfigurator") { return path }
    let venv = packageRoot() + "/.build/aiconfigurator-venv"
    let path = venv + "/bin/aiconfigurator"
    if fm.isExecutableFile(atPath: path) { return path }
    print("  installing aiconfigurator==0.12.0 from PyPI into \(venv) (once; set PFMPLAN_AICONFIGURATOR to use another)")
    guard let python = onPath("python3") else {
        print("  skipped: no python3 to install AIConfigurator with")
        return nil
    }
    guard timeProcess(python, ["-m", "venv", venv]).status == 0,
          timeProcess(venv + "/bin/pip", ["install", "--quiet", "aiconfigurator==0.12.0"]).status == 0,
          fm.isExecutableFile(atPath: path) else {
        print("  skipped: AIConfigurator could not be installed from PyPI (no network?); install it and set PFMPLAN_AICONFIGURATOR")
        return nil
    }
    return path
}

/// Qwen3-32B, bf16, one H100 SXM, vLLM, a static batch of one 1,024 → 128-token request: the
/// same configuration on both sides (a row of Tests/validation/aiconfigurator.csv).
@MainActor func estimateAgainstAIConfigurator() {
    print("estimate, whole processes (qwen3-32b bf16 on 1x h100-sxm, vllm, batch 1, 1024 -> 128 tokens):")
    guard let pfmplan = pfmplanBinary() else { return }
    let ours = fastestProcess(pfmplan, ["estimate", "--model", "qwen3-32b", "--accelerator", "h100-sxm", "--precision", "bf16",
                                        "--runtime", "vllm", "--tokens-in", "1024", "--tokens-out", "128", "--batch", "1"],
                              runs: max(repeats, 10))
    guard let mine = ours.seconds else {
        print("  pfmplan estimate failed (exit \(ours.status))")
        return
    }
    print(String(format: "%-44@ %12@ %10.1f ms (fastest of %d)", "pfmplan estimate" as NSString, "" as NSString, mine * 1000, max(repeats, 10)))
    guard let aic = aiconfiguratorBinary() else { return }
    let theirs = fastestProcess(aic, ["cli", "estimate", "--model-path", "Qwen/Qwen3-32B", "--system", "h100_sxm", "--backend", "vllm",
                                      "--isl", "1024", "--osl", "128", "--batch-size", "1", "--tp-size", "1", "--estimate-mode", "static"],
                                runs: repeats)
    guard let other = theirs.seconds else {
        print("  skipped: aiconfigurator cli estimate failed (exit \(theirs.status))")
        return
    }
    print(String(format: "%-44@ %12@ %10.1f ms (fastest of %d)", "aiconfigurator 0.12.0 cli estimate" as NSString, "" as NSString, other * 1000, repeats))
    print(String(format: "estimate speed-up over AIConfigurator: %.0fx", other / mine))
}

/// `pfmplan size --workload edge-assistant` (the default sweep: layouts auto, 3 replications) on
/// 1 and 2 jobs, whole processes.
@MainActor func sizeEdgeAssistant() {
    guard let pfmplan = pfmplanBinary() else { return }
    var times = [Double.infinity, .infinity]
    // Fewer timings than the in-process sweep (one run takes seconds to tens of seconds), in
    // alternation (1 job, 2 jobs, 1 job, …) so that a spell of contention on a shared machine
    // falls on both sides of the speed-up.
    let runs = quick ? 2 : 3
    for _ in 0..<runs {
        for (k, jobs) in [1, 2].enumerated() {
            let r = timeProcess(pfmplan, ["size", "--workload", "edge-assistant", "--jobs", "\(jobs)", "--quiet"])
            guard r.status == 0 else {
                print("  pfmplan size failed (exit \(r.status))")
                return
            }
            times[k] = min(times[k], r.seconds)
        }
    }
    for (k, jobs) in [1, 2].enumerated() {
        print(String(format: "%-44@ %12@ %10.2f s  (whole process, fastest of %d, alternated)", "size --workload edge-assistant, \(jobs) job(s)" as NSString,
                     "" as NSString, times[k], runs))
    }
    print(String(format: "size speed-up on 2 jobs: %.2fx", times[0] / times[1]))
}
