import Foundation
import Testing

/// One error type and one printer (issue 18): every message starts "pfmplan: error:", a usage
/// error exits 64 with the usage line of the command that was run, and an id given on the
/// command line that the catalog lacks is a usage error in every command, with a did-you-mean.
@Suite("End to end: errors")
struct ErrorTests {
    @Test(arguments: [
        (["siz"], "unknown subcommand 'siz'; did you mean 'size'?", "Usage: pfmplan <subcommand>"),
        (["simulate", "--accelerator", "h300", "--requests", "10"], "unknown accelerator 'h300' in --accelerator; did you mean 'h200'?", "Usage: pfmplan simulate"),
        (["fits", "h300"], "unknown accelerator 'h300' in the ACCELERATOR argument; did you mean 'h200'?", "Usage: pfmplan fits"),
        (["size", "--accelerators", "h300"], "unknown accelerator 'h300'; did you mean 'h200'?", "Usage: pfmplan size"),
        (["compare", "l4", "--workload", "metavers"], "unknown workload 'metavers' in --workload; did you mean 'metaverse'?", "Usage: pfmplan compare"),
        (["simulate", "--accelerator", "l4", "--workload", "metavers", "--requests", "10"], "did you mean 'metaverse'?", "Usage: pfmplan simulate"),
        (["simulate", "--accelerator", "l4", "--device", "quest3", "--requests", "10"], "unknown device 'quest3' in --device; did you mean 'quest-3'?", "Usage: pfmplan simulate"),
        (["fit", "gpt3-13", "translation"], "unknown model 'gpt3-13' in the MODEL argument; did you mean", "Usage: pfmplan fit"),
        (["size", "--counts", "x"], "--counts expects a range", "Usage: pfmplan size"),
        (["size", "--bogus"], "Unknown option '--bogus'", "Usage: pfmplan size"),
    ] as [([String], String, String)])
    func usageErrorsExit64WithTheirCommandsUsage(args: [String], message: String, usage: String) throws {
        let r = try Binary.run(args)
        #expect(r.status == 64, "\(args): exit \(r.status)\n\(r.stderr)")
        #expect(r.stderr.hasPrefix("pfmplan: error: "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.contains(usage), "\(r.stderr)")
        #expect(!r.stderr.contains("Error: "), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// `--workload all`, as `workloads: all` in a sweep spec.
    @Test func workloadAllSweepsEveryWorkload() throws {
        let r = try Binary.run(["size", "--workload", "all", "--accelerators", "l40s", "--counts", "1", "--precisions", "int8",
                                "--duration", "120", "--replications", "1", "--no-headroom"])
        #expect(r.status == 0 || r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("Sizing for edge-assistant, edge-vision, metaverse, metaverse-diurnal, metaverse-shift"), "\(r.stdout)")
    }
}
