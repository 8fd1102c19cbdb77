import Foundation
import Testing
@testable import PFMCatalog

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Catalogs")
struct CatalogTests {
    @Test func bundledCatalogsAreValid() throws {
        let c = try CatalogLoader.loadDefault()
        #expect(c.models.count >= 9)
        #expect(c.accelerators.count >= 12)
        #expect(Set(c.accelerators.map(\.tier)) == [.edge, .datacenter])
        #expect(c.warnings.filter { $0.severity == .error }.isEmpty)
        #expect(c.digest.count == 64)
    }

    /// Every Table I model, task and score, exactly as printed in the paper; UniFormer's GFLOPs,
    /// which Table I prints as multiply-accumulates, doubled (MODEL.md's FLOP convention).
    @Test func tableIFiguresAreExact() throws {
        let c = try CatalogLoader.loadDefault()
        let expected: [(String, Double, Double, [(String, Double, Double?, Double?, Int?)])] = [
            ("gpt3-13b", 12850, 26.54, [("translation", 15.45, 26.12, 30.83, 64), ("arithmetic", 3.79, 15.98, 14.34, 50), ("superglue", 54.4, 64.3, 66.9, 32)]),
            ("gpt3-175b", 174600, 354.03, [("translation", 22.03, 29.63, 33.77, 64), ("arithmetic", 25.99, 40.71, 49.55, 50), ("superglue", 58.2, 68.9, 73.2, 32)]),
            ("uniformer-s", 22, 3.6 * 2, [("image-classification", 82.9, nil, nil, nil), ("video-classification", 82.8, nil, nil, nil),
                                      ("detection-segmentation", 45.6, nil, nil, nil), ("semantic-segmentation", 46.6, nil, nil, nil), ("pose-estimation", 74.0, nil, nil, nil)]),
            ("uniformer-b", 50, 8.3 * 2, [("image-classification", 83.9, nil, nil, nil), ("video-classification", 84.0, nil, nil, nil),
                                      ("detection-segmentation", 47.4, nil, nil, nil), ("semantic-segmentation", 48.0, nil, nil, nil), ("pose-estimation", 75.0, nil, nil, nil)]),
            ("clip-vit-l-14", 428, 175.5, [("classification", 75.20, nil, nil, nil), ("image-retrieval", 71.08, nil, nil, nil), ("text-retrieval", 84.00, nil, nil, nil)]),
            ("clip-vit-h-14", 986, 381.9, [("classification", 77.97, nil, nil, nil), ("image-retrieval", 73.43, nil, nil, nil), ("text-retrieval", 86.04, nil, nil, nil)]),
        ]
        for (id, params, gflops, tasks) in expected {
            let m = try #require(c.model(id))
            #expect(m.parametersM == params && m.gflops == gflops, "\(id)")
            #expect(m.tasks.map(\.task) == tasks.map(\.0), "\(id)")
            for (task, zero, one, few, k) in tasks {
                let s = try #require(m.scores(for: task))
                #expect(s.zeroShot == zero && s.oneShot == one && s.fewShot == few && s.fewShotK == k, "\(id) \(task)")
            }
        }
        for id in ["sd-text-encoder", "sd-unet", "sd-vae-decoder"] { #expect(c.model(id) != nil) }
    }

    /// The Fig. 4 fit passes through the three Table I points (issue: 15.45 / 26.12 / 30.83).
    @Test func fitReproducesTableIPoints() throws {
        let c = try CatalogLoader.loadDefault()
        for m in c.models {
            for s in m.tasks where s.fewShot != nil {
                let curve = try AccuracyCurve.fit(s).get()
                #expect(abs(curve.accuracy(examples: 0) - s.zeroShot) < 1e-9)
                #expect(abs(curve.accuracy(examples: 1) - s.oneShot!) < 1e-9)
                #expect(abs(curve.accuracy(examples: s.fewShotK!) - s.fewShot!) < 1e-9, "\(m.id) \(s.task)")
            }
        }
        let s = try #require(c.model("gpt3-13b")?.scores(for: "translation"))
        let curve = try AccuracyCurve.fit(s).get()
        #expect(String(format: "%.2f", curve.accuracy(examples: 64)) == "30.83")
    }

    @Test func unsolvableFitsAreErrors() {
        #expect(AccuracyCurve.fit(TaskScores(task: "t", zeroShot: 10, oneShot: 10, fewShot: 20, fewShotK: 8)) == .failure(.flatOneShot))
        // a_few far below a0: 2^((few−a0)/(a1−a0)) − 1 ≤ 0
        if case .failure(.noSolution) = AccuracyCurve.fit(TaskScores(task: "t", zeroShot: 10, oneShot: 20, fewShot: 5, fewShotK: 8)) {} else {
            Issue.record("expected noSolution")
        }
        // explicit alpha wins
        #expect((try? AccuracyCurve.fit(TaskScores(task: "t", zeroShot: 10, oneShot: 10, fewShot: 20, fewShotK: 8, alpha: 0.5)).get()) != nil)
    }

    @Test func severalFilesMergeAndIdsMustBeUnique() throws {
        let sources = CatalogLoader.embeddedSources
        let extra = CatalogLoader.Source(name: "mine.yaml", text: """
            schema_version: 1
            accelerators:
              - {id: my-gpu, tier: edge, memory_gib: 32, bandwidth_gbps: 500, load_bandwidth_gbps: 20,
                 tflops: {fp16: 100}, power_busy_w: 200, power_idle_w: 20, usd_per_hour: 1.5}
            """)
        let c = try CatalogLoader.load(sources: sources + [extra])
        #expect(c.accelerator("my-gpu")?.pricing == .hourly(usd: 1.5))
        let dup = CatalogLoader.Source(name: "dup.yaml", text: """
            schema_version: 1
            accelerators:
              - {id: l4, tier: edge, memory_gib: 32, bandwidth_gbps: 500, load_bandwidth_gbps: 20,
                 tflops: {fp16: 100}, power_busy_w: 200, power_idle_w: 20, usd_per_hour: 1.5}
            """)
        #expect(throws: DiagnosticError.self) { try CatalogLoader.load(sources: sources + [dup]) }
        do { _ = try CatalogLoader.load(sources: sources + [dup]) } catch {
            let d = try #require(error.errors.first)
            #expect(d.location?.file == "dup.yaml" && d.location?.line == 3)
            #expect(d.message.contains("duplicate accelerator id 'l4'"))
        }
    }

    @Test func allErrorsInAFileAreReported() throws {
        let text = """
            schema_version: 1
            accelerators:
              - {id: a, tier: edge, memory_gib: lots, bandwidth_gbps: -1, load_bandwidth_gbps: 20,
                 tflops: {fp16: 100}, power_busy_w: 200, power_idle_w: 20, usd_per_hour: 1.5, colour: red}
            """
        do {
            _ = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: text)])
            Issue.record("expected errors")
        } catch {
            let paths = error.diagnostics.map(\.path)
            #expect(paths.contains("accelerators[0].memory_gib"))
            #expect(paths.contains("accelerators[0].bandwidth_gbps"))
            #expect(paths.contains("accelerators[0].colour"))
            let mem = try #require(error.diagnostics.first { $0.path == "accelerators[0].memory_gib" })
            #expect(mem.description == "x.yaml:3:37: error: accelerators[0].memory_gib: expected a positive number, found \"lots\"")
        }
    }

    /// The embedded catalogs are generated from Catalogs/*.yaml; this test regenerates them with
    /// PFMPLAN_RECORD=1 and fails when they are out of date.
    @Test func embeddedCatalogsMatchCatalogsFolder() throws {
        let dir = repoRoot.appendingPathComponent("Catalogs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var out = "// Generated from Catalogs/*.yaml by `PFMPLAN_RECORD=1 swift test --filter EmbeddedCatalog`. Do not edit.\nenum EmbeddedCatalogs {\n    static let files: [(name: String, text: String)] = [\n"
        for n in names {
            let text = try String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8)
            out += "        (\"\(n)\", ##\"\"\"\n\(text)\"\"\"##),\n"
        }
        out += "    ]\n}\n"
        let file = repoRoot.appendingPathComponent("Sources/PFMCatalog/EmbeddedCatalogs.swift")
        let current = try String(contentsOf: file, encoding: .utf8)
        if current != out {
            if ProcessInfo.processInfo.environment["PFMPLAN_RECORD"] != nil {
                try out.write(to: file, atomically: true, encoding: .utf8)
            }
            Issue.record("Sources/PFMCatalog/EmbeddedCatalogs.swift is out of date with Catalogs/; run PFMPLAN_RECORD=1 swift test --filter EmbeddedCatalog and rebuild")
        }
        #expect(EmbeddedCatalogs.files.map(\.name) == names)
    }
}
