import Foundation
import Testing
import PFMCatalog

/// Hostile YAML: every limit of `YAMLLimits` with its own message, alias bombs, and numbers that
/// are not finite or do not fit (issue #8, part 2).
@Suite("Reliability: YAML limits and hostile numbers")
struct ReliabilityYAMLTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first error from loading `text` as one catalog file, alone.
    static func firstError(_ text: String, file: String = "hostile.yaml", limits: YAMLLimits = .default) -> Diagnostic? {
        do {
            _ = try CatalogLoader.load(sources: [CatalogLoader.Source(name: file, text: text)], limits: limits)
            return nil
        } catch {
            return error.errors.first
        }
    }

    /// The bundled defaults.yaml, with `old` replaced by `new`: a catalog file that is valid except for one value.
    static func defaults(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("Catalogs/defaults.yaml"), encoding: .utf8)
        #expect(text.contains(old), "defaults.yaml no longer holds '\(old)'")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The billion-laughs bomb in YAML: `levels` anchors, each a list of `fanOut` aliases to the one before.
    static func aliasBomb(levels: Int, fanOut: Int, under key: String = "models") -> String {
        var lines = ["schema_version: 1", "x0: &a0 [" + Array(repeating: "\"lol\"", count: fanOut).joined(separator: ", ") + "]"]
        for i in 1..<levels {
            lines.append("x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: fanOut).joined(separator: ", ") + "]")
        }
        lines.append("\(key): *a\(levels - 1)")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a billion-laughs bomb over the alias limit is refused with the alias error, before anything expands")
    func billionLaughsRefused() throws {
        // 10 levels × 10 aliases: 10^10 nodes if expanded; 100+ alias references.
        let d = try #require(Self.firstError(Self.aliasBomb(levels: 12, fanOut: 10)))
        #expect(d.message.contains("more than 100 alias references (*name); refusing a possible alias bomb"), "\(d)")
        #expect(d.location?.file == "hostile.yaml" && d.location?.line == 13, "\(d)")
        #expect(d.hint?.contains("write the values out") == true)
    }

    @Test("the classic 9 × 9 billion laughs (72 aliases, under the alias limit) is still refused, without expanding")
    func classicBillionLaughsRefused() throws {
        // Wikipedia's YAML form. Below 100 aliases it gets past the alias count, so this checks that
        // nothing walks the expanded tree: the reader stops at the node limit or at the wrong shape.
        let d = try #require(Self.firstError(Self.aliasBomb(levels: 9, fanOut: 9)))
        #expect(d.location?.file == "hostile.yaml", "\(d)")
        let d2 = try #require(Self.firstError(Self.aliasBomb(levels: 9, fanOut: 9, under: "accelerators")))
        #expect(d2.location != nil, "\(d2)")
    }

    @Test("maxAliases: its own message, at the first alias over the limit")
    func aliasLimit() throws {
        var limits = YAMLLimits()
        limits.maxAliases = 2
        let text = "schema_version: 1\nx: &a [1]\ny: [*a, *a, *a]\n"
        let d = try #require(Self.firstError(text, limits: limits))
        #expect(d.message == "more than 2 alias references (*name); refusing a possible alias bomb", "\(d)")
        #expect(d.location?.line == 3 && d.location?.column == 13, "\(d)")
        // Quoted and commented asterisks are not aliases.
        let quiet = "schema_version: 1\n# *a *a *a\nx: \"*a *a *a\"\n"
        #expect(Self.firstError(quiet, limits: limits)?.message.contains("alias") != true)
    }

    @Test("maxFileBytes: its own message")
    func fileSizeLimit() throws {
        var limits = YAMLLimits()
        limits.maxFileBytes = 100
        let text = "schema_version: 1\n" + String(repeating: "# padding to go over the limit\n", count: 5)
        let d = try #require(Self.firstError(text, limits: limits))
        #expect(d.message == "file is \(text.utf8.count) bytes, over the limit of 100", "\(d)")
        #expect(d.location?.line == 1 && d.location?.column == 1)
        // The default limit is 16 MiB.
        #expect(YAMLLimits.default.maxFileBytes == 16 << 20)
    }

    @Test("maxDepth: its own message for block indentation and for flow brackets")
    func depthLimit() throws {
        var limits = YAMLLimits()
        limits.maxDepth = 4
        let flow = "schema_version: 1\nmodels: [[[[[[1]]]]]]\n"
        let d = try #require(Self.firstError(flow, limits: limits))
        #expect(d.message == "nesting deeper than 4 levels", "\(d)")
        #expect(d.location?.line == 2 && d.location?.column == 13, "\(d)")
        var block = "schema_version: 1\nmodels:\n"
        for i in 1...8 { block += String(repeating: "  ", count: i) + "k\(i):\n" }
        let b = try #require(Self.firstError(block, limits: limits))
        #expect(b.message == "nesting deeper than 4 levels (indentation over 10 columns)", "\(b)")
        #expect(b.location?.line == 8 && b.location?.column == 11, "\(b)")   // k6, indented 12 columns
        // The default allows 64 levels: 80 brackets are refused.
        let deep = "schema_version: 1\nmodels: " + String(repeating: "[", count: 80) + String(repeating: "]", count: 80) + "\n"
        #expect(Self.firstError(deep)?.message == "nesting deeper than 64 levels")
    }

    @Test("maxScalarBytes: its own message")
    func scalarLimit() throws {
        var limits = YAMLLimits()
        limits.maxScalarBytes = 16
        let text = try Self.defaults(replacing: "default_precision: fp16", with: "default_precision: " + String(repeating: "x", count: 40))
        let d = try #require(Self.firstError(text, limits: limits))
        #expect(d.message == "string of 40 bytes is over the limit of 16", "\(d)")
        #expect(d.path.hasSuffix("default_precision"), "\(d)")
    }

    @Test("maxNodes: its own message once the walk passes the limit")
    func nodeLimit() throws {
        var limits = YAMLLimits()
        limits.maxNodes = 10
        let text = try String(contentsOf: Self.root.appendingPathComponent("Catalogs/defaults.yaml"), encoding: .utf8)
        let d = try #require(Self.firstError(text, file: "defaults.yaml", limits: limits))
        #expect(d.message == "document expands to more than 10 nodes", "\(d)")
        #expect(d.hint?.contains("nested aliases") == true)
        #expect(YAMLLimits.default.maxNodes == 1_000_000)
    }

    struct BadNumber: Sendable, CustomTestStringConvertible {
        var replace: String
        var with: String
        var message: String
        var testDescription: String { with }
    }

    static let badNumbers: [BadNumber] = [
        BadNumber(replace: "max_batch: 8", with: "max_batch: 99999999999999999999",
                  message: "expected a whole number between 1 and 4096, found \"99999999999999999999\""),
        BadNumber(replace: "max_batch: 8", with: "max_batch: 1e400", message: "expected a whole number"),
        BadNumber(replace: "max_batch: 8", with: "max_batch: .nan", message: "expected a whole number"),
        BadNumber(replace: "max_batch: 8", with: "max_batch: -9223372036854775809", message: "expected a whole number"),
        BadNumber(replace: "max_batch: 8", with: "max_batch: 9223372036854775807", message: "found 9223372036854775807"),
    ]

    @Test("an integer key rejects numbers that overflow or are not whole", arguments: ReliabilityYAMLTests.badNumbers)
    func integerOverflow(_ b: BadNumber) throws {
        let text = try Self.defaults(replacing: b.replace, with: b.with)
        let d = try #require(Self.firstError(text, file: "defaults.yaml"), "\(b.with) was accepted")
        #expect(d.message.contains(b.message), "\(d)")
        #expect(d.path == "server.max_batch", "\(d)")
        #expect(d.location?.line == 13 && d.location?.column == 14, "\(d)")
    }

    @Test("a number key rejects non-finite values and numbers that overflow",
          arguments: ["1e400", "-1e400", ".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e16", "99999999999999999999"])
    func nonFiniteNumbers(_ value: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Tests/PFMCatalogTests/Fixtures/broken/10-inf-value.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "memory_gib: .inf", with: "memory_gib: \(value)")
        let d = try #require(Self.firstError(text), "\(value) was accepted")
        #expect(d.path == "accelerators[0].memory_gib", "\(d)")
        #expect(d.location?.line == 6 && d.location?.column == 17, "\(d)")
        #expect(d.message.contains("non-finite") || d.message.contains("out of range"), "\(d)")
    }
}
