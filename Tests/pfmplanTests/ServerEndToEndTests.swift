import Foundation
import Testing

/// The server's layouts from the command line (pfmplan-model(7), THE SERVER).
@Suite("End to end: the v2 server")
struct ServerEndToEndTests {
    @Test func simulateWithALayoutShowsItsGroups() throws {
        let r = try Binary.run(["simulate", "--accelerator", "l4", "--count", "2", "--layout", "1x2", "--precision", "int8", "--requests", "3000"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("metaverse on l4 x2 (layout 1x2) @int8"))
        #expect(r.stdout.contains("GPU groups (layout 1x2, runtime vllm, host edge-1u-2gpu, loading dram):"))
        let json = try Binary.run(["simulate", "--accelerator", "l4", "--count", "2", "--layout", "1x2", "--precision", "int8",
                                   "--requests", "3000", "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let result = try #require((doc["results"] as? [[String: Any]])?.first)
        #expect(result["layout"] as? String == "1x2")
        #expect((result["groups"] as? [[String: Any]])?.count == 2)
    }

    /// `--llm-batching` picks the language executor (pfmplan-model(7), CONTINUOUS BATCHING): the
    /// continuous run prints TTFT, TPOT and goodput per language service and the running set per
    /// group; the JSON names the batching; a bad value is a usage error.
    @Test func llmBatchingFromTheCommandLine() throws {
        let r = try Binary.run(["simulate", "--accelerator", "l4", "--precision", "int8", "--requests", "3000", "--llm-batching", "continuous"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("language service") && r.stdout.contains("lc TTFT p95") && r.stdout.contains("goodput/s"))
        #expect(r.stdout.contains("language batching: continuous"))
        #expect(r.stdout.contains("running") && r.stdout.contains("KV use") && r.stdout.contains("preempted"))
        let json = try Binary.run(["simulate", "--accelerator", "l4", "--precision", "int8", "--requests", "3000", "--llm-batching", "static",
                                   "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let result = try #require((doc["results"] as? [[String: Any]])?.first)
        #expect(result["llmBatching"] as? String == "static")
        let qa = try #require((result["services"] as? [[String: Any]])?.first { $0["id"] as? String == "qa" })
        #expect(qa["ttft"] != nil && qa["tpot"] != nil && qa["goodputPerS"] != nil)
        let bad = try Binary.run(["simulate", "--accelerator", "l4", "--llm-batching", "dynamic"])
        #expect(bad.status == 64 && bad.stderr.contains("dynamic"))
        let sweep = try Binary.run(["sweep", "--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--replications", "1",
                                    "--duration", "120", "--llm-batching", "continuous,static"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("/llm:continuous") && sweep.stdout.contains("/llm:static"))
    }

    @Test func badLayoutsAreUsageErrors() throws {
        let r = try Binary.run(["simulate", "--accelerator", "l4", "--count", "4", "--layout", "3+1"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--layout: layout '3+1': a group of 3 GPUs is not a power of two"))
        let s = try Binary.run(["sweep", "--accelerators", "l4", "--counts", "2", "--layouts", "2x2"])
        #expect(s.status == 64)
        #expect(s.stderr.contains("fits none of the counts 2"))
        let c = try Binary.run(["compare", "l4", "x4", "3x1"])
        #expect(c.status == 64)
    }

    /// Active caching and partial residency run on the server with any layout (they were refused
    /// while they ran on the v1 engine).
    @Test func activeCachingAndPartialResidencyRunWithALayout() throws {
        for mode in [["--caching", "active"], ["--residency", "partial"]] {
            let r = try Binary.run(["simulate", "--accelerator", "l4", "--count", "2", "--layout", "1x2", "--requests", "300", "--format", "json"] + mode)
            #expect(r.status == 0, "\(mode): \(r.stderr)")
            #expect(r.stdout.contains("1x2"), "\(mode): the result names its layout")
        }
    }

    /// `--layouts auto` sweeps every uniform layout of each count, and a Jetson module, its own
    /// host, is skipped at two GPUs with the reason.
    @Test func sweepOverLayouts() throws {
        let r = try Binary.run(["sweep", "--accelerators", "l4,jetson-agx-orin-64gb", "--counts", "2", "--precisions", "int8",
                                "--layouts", "auto", "--replications", "1", "--requests", "2000", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("l4x2[1x2]@int8"))
        #expect(r.stdout.contains("l4x2[2]@int8"))
        #expect(r.stderr.contains("no host in the catalog holds 2× jetson-agx-orin-64gb (form factor module)") ||
                r.stdout.contains("no host in the catalog holds 2× jetson-agx-orin-64gb"))
    }

    @Test func compareAcceptsLayoutsWithSpaces() throws {
        let r = try Binary.run(["compare", "l4 x2 1x2 @int8", "l4", "x2", "2", "@int8", "--load-scales", "1", "--replications", "1",
                                "--duration", "300", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("l4x2[1x2]@int8"))
        #expect(r.stdout.contains("l4x2[2]@int8"))
    }
}
