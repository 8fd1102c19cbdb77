import Foundation
import PFMCatalog
import Testing

/// Active caching and partial residency work on any catalog: the `caching` section's keys have
/// documented defaults, and a catalog without the section gets them. `simulate --scenario
/// Examples/paper-table2/scenario.yaml --caching active` failed with "need the catalog's
/// 'caching' section", which pfmplan-catalog(5) did not document.
@Suite("Caching defaults")
struct CachingDefaultsTests {
    @Test(arguments: [["--caching", "active"], ["--residency", "partial"]])
    func paperScenarioRunsActiveAndPartial(mode: [String]) throws {
        let r = try Binary.run(["simulate", "--scenario", "Examples/paper-table2/scenario.yaml", "--requests", "2000", "--format", "json"] + mode)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(mode[0] == "--caching" ? "\"caching\" : \"active\"" : "\"residency\" : \"partial\""), "\(r.stdout.prefix(400))")
    }

    @Test func everyKeyHasItsDocumentedDefault() throws {
        let base = try String(contentsOf: Binary.repoRoot.appendingPathComponent("Catalogs/defaults.yaml"), encoding: .utf8)
        // The embedded defaults with a caching section that gives only `demand`.
        var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(lines.firstIndex(of: "caching:"))
        var j = i + 1
        while j < lines.count && lines[j].hasPrefix("  ") { j += 1 }
        lines.replaceSubrange(i..<j, with: ["caching:", "  demand: profile"])
        let text = lines.joined(separator: "\n")
        let sources = CatalogLoader.embeddedSources.map { $0.name.hasSuffix("/defaults.yaml") ? CatalogLoader.Source(name: "t.yaml", text: text) : $0 }
        #expect(sources.contains { $0.name == "t.yaml" })
        let c = try CatalogLoader.load(sources: sources)
        let d = CachingSpec.defaults
        #expect(c.caching?.demand == .profile)
        #expect(c.caching?.halfLifeS == d.halfLifeS && c.caching?.intervalS == d.intervalS)
        #expect(c.caching?.postShiftWindowS == d.postShiftWindowS && c.caching?.partialFractions == d.partialFractions)
        let page = try String(contentsOf: Binary.repoRoot.appendingPathComponent("man/pfmplan-catalog.5"), encoding: .utf8)
        #expect(page.contains(".SS caching (singleton, optional)"))
        for key in ["demand", "half_life_s", "interval_s", "post_shift_window_s", "partial_fractions"] {
            #expect(page.contains(".BR \(key) \" (") , "\(key) undocumented")
        }
        #expect(page.contains("default 120") && page.contains("default 30") && page.contains("default 300") && page.contains("default [0.25, 0.5, 0.75]"))
    }
}
