import Foundation
import Testing
import PFMCatalog

/// A corpus of broken catalogs (Fixtures/broken/, one defect per file), each with the exact first error
/// it must produce: line, column, key path and message. Semantic defects (duplicate ids, dangling
/// references, undefined precisions) are loaded after the bundled Catalogs/*.yaml, as a user's extra
/// catalog file would be; syntax and type defects are loaded alone.
struct BrokenCatalogTests {
    /// The package root: this file is Tests/PFMCatalogTests/BrokenCatalogTests.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let brokenDir = "Tests/PFMCatalogTests/Fixtures/broken"

    /// `path` relative to the package root, as the CLI prints it when run from the root.
    static func relative(_ path: String) -> String {
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func relative(_ d: Diagnostic) -> Diagnostic {
        var d = d
        if let loc = d.location { d.location = SourceLocation(file: relative(loc.file), line: loc.line, column: loc.column) }
        return d
    }

    /// Reads files the way `--catalog` does (so a non-UTF-8 file fails the same way), naming each
    /// source by its path relative to the package root.
    static func read(_ relativePaths: [String]) throws(DiagnosticError) -> [CatalogLoader.Source] {
        do throws(DiagnosticError) {
            let sources = try CatalogLoader.readSources(paths: relativePaths.map { root.appendingPathComponent($0).path })
            return sources.map { CatalogLoader.Source(name: relative($0.name), text: $0.text) }
        } catch {
            throw DiagnosticError(error.diagnostics.map(relative))
        }
    }

    /// The errors (not warnings) from loading `fixture`, after the bundled catalogs when asked; empty when it loads.
    static func errors(loading fixture: String, withBundled: Bool) -> [Diagnostic] {
        do throws(DiagnosticError) {
            let sources = try read((withBundled ? ["Catalogs"] : []) + [brokenDir + "/" + fixture])
            _ = try CatalogLoader.load(sources: sources)
            return []
        } catch {
            return error.errors
        }
    }

    static func fixtureNames() -> [String] {
        let dir = root.appendingPathComponent(brokenDir).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    enum PathMatch: Sendable, CustomStringConvertible {
        /// The key path must equal this.
        case exact(String)
        /// The key path must end with this. Used for semantic errors, whose list index counts entries
        /// across all loaded files.
        case suffix(String)

        func matches(_ path: String) -> Bool {
            switch self {
            case .exact(let p): return path == p
            case .suffix(let p): return path.hasSuffix(p)
            }
        }

        var description: String {
            switch self {
            case .exact(let p): return "== \"\(p)\""
            case .suffix(let p): return "ends with \"\(p)\""
            }
        }
    }

    struct Expectation: Sendable, CustomTestStringConvertible {
        var fixture: String
        var withBundled = false
        var line: Int
        var column: Int
        var path: PathMatch
        var message: String
        var hint: String? = nil

        var testDescription: String { fixture }
    }

    static let expectations: [Expectation] = [
        Expectation(fixture: "01-unknown-top-level-key.yaml", line: 3, column: 1, path: .exact("acelerators"),
                    message: "unknown key 'acelerators'", hint: "did you mean 'accelerators'?"),
        Expectation(fixture: "02-unknown-accelerator-key.yaml", line: 4, column: 5, path: .exact("accelerators[0].nmae"),
                    message: "unknown key 'nmae'", hint: "did you mean 'name'?"),
        Expectation(fixture: "03-missing-schema-version.yaml", line: 2, column: 1, path: .exact("schema_version"),
                    message: "missing required key 'schema_version'"),
        Expectation(fixture: "04-wrong-schema-version.yaml", line: 1, column: 17, path: .exact("schema_version"),
                    message: "unsupported schema_version 2; this pfmplan reads version 1"),
        Expectation(fixture: "05-wrong-type-memory.yaml", line: 6, column: 17, path: .exact("accelerators[0].memory_gib"),
                    message: "expected a positive number, found \"lots\""),
        Expectation(fixture: "06-negative-memory.yaml", line: 6, column: 17, path: .exact("accelerators[0].memory_gib"),
                    message: "expected a positive number, found -16"),
        Expectation(fixture: "07-zero-parameters.yaml", line: 5, column: 19, path: .exact("models[0].parameters_m"),
                    message: "expected a positive number, found 0"),
        Expectation(fixture: "08-score-above-100.yaml", line: 8, column: 45, path: .exact("models[0].tasks[0].score"),
                    message: "expected a score in [0, 100], found 101.5"),
        Expectation(fixture: "09-nan-value.yaml", line: 6, column: 13, path: .exact("models[0].gflops"),
                    message: "found the non-finite value \".nan\"", hint: "write a finite number"),
        Expectation(fixture: "10-inf-value.yaml", line: 6, column: 17, path: .exact("accelerators[0].memory_gib"),
                    message: "found the non-finite value \".inf\"", hint: "write a finite number"),
        Expectation(fixture: "11-quoted-number.yaml", line: 6, column: 17, path: .exact("accelerators[0].memory_gib"),
                    message: "expected a positive number, found \"16\"", hint: "numbers are written without quotes"),
        // LibYAML reports the mapping's first occurrence of the key; the reader has no key path yet.
        Expectation(fixture: "12-duplicate-key.yaml", line: 6, column: 5, path: .exact(""),
                    message: "duplicate key 'memory_gib' in one mapping"),
        Expectation(fixture: "13-duplicate-accelerator-id.yaml", withBundled: true, line: 3, column: 5, path: .exact("accelerators[0].id"),
                    message: "duplicate accelerator id 'l4' (first defined at Catalogs/accelerators.yaml:140:5)"),
        Expectation(fixture: "14-dangling-model.yaml", withBundled: true, line: 7, column: 9,
                    path: .exact("services[0].stages[0].models[0]"), message: "unknown model 'uniformer-xl'"),
        Expectation(fixture: "15-dangling-service.yaml", withBundled: true, line: 6, column: 9, path: .exact("workloads[0].mix[0].service"),
                    message: "unknown service 'translaton'", hint: "did you mean 'translation'?"),
        Expectation(fixture: "16-no-table-fit.yaml", line: 10, column: 9, path: .exact("models[0].tasks[0]"),
                    message: "task 'translation' has no Table I fit: one-shot score equals zero-shot score"),
        Expectation(fixture: "17-few-shot-without-k.yaml", line: 10, column: 9, path: .exact("models[0].tasks[0]"),
                    message: "give 'few_shot' together with 'few_shot_k'"),
        Expectation(fixture: "18-idle-above-busy.yaml", line: 11, column: 19, path: .exact("accelerators[0].power_idle_w"),
                    message: "is above busy power"),
        Expectation(fixture: "19-price-and-hourly.yaml", line: 14, column: 5, path: .exact("accelerators[0].usd_per_hour"),
                    message: "give 'price_usd' with 'lifetime_years' (bought) or 'usd_per_hour' (rented), not both"),
        Expectation(fixture: "20-undefined-precision.yaml", withBundled: true, line: 3, column: 5, path: .exact("accelerators[0].tflops.tf32"),
                    message: "precision 'tf32' is not defined in 'precisions'"),
        Expectation(fixture: "21-bad-indentation.yaml", line: 5, column: 4, path: .exact(""),
                    message: "YAML syntax:", hint: "check indentation"),
        Expectation(fixture: "22-tab-indentation.yaml", line: 3, column: 1, path: .exact(""),
                    message: "YAML syntax:", hint: "check indentation"),
        Expectation(fixture: "23-empty-file.yaml", line: 1, column: 1, path: .exact(""),
                    message: "the file is empty"),
        Expectation(fixture: "24-binary-garbage.yaml", line: 1, column: 1, path: .exact(""),
                    message: "the file is not UTF-8 text"),
        Expectation(fixture: "25-models-as-mapping.yaml", line: 3, column: 3, path: .exact("models"),
                    message: "expected a list, found a mapping"),
        Expectation(fixture: "26-enormous-number.yaml", line: 6, column: 17, path: .exact("accelerators[0].memory_gib"),
                    message: "found 1e400, which is out of range"),
        // The byte-order mark must not shift the column.
        Expectation(fixture: "27-bom.yaml", line: 1, column: 17, path: .exact("schema_version"),
                    message: "unsupported schema_version 3"),
        // CR LF line ends must count as one line each.
        Expectation(fixture: "28-crlf-line-endings.yaml", line: 3, column: 1, path: .exact("servr"),
                    message: "unknown key 'servr'", hint: "did you mean 'server'?"),
        Expectation(fixture: "29-unknown-utility.yaml", line: 3, column: 12, path: .exact("context.utility"),
                    message: "expected one of exponential, linear, window, found \"exponentail\"",
                    hint: "did you mean 'exponential'?"),
        Expectation(fixture: "30-step-without-steps.yaml", line: 3, column: 5, path: .exact("workloads[0].steps"),
                    message: "a step arrival needs 'steps:"),
        Expectation(fixture: "31-nul-byte.yaml", line: 2, column: 1, path: .exact(""),
                    message: "the file contains a control character (U+0000)"),
        // Language-model architecture (MODEL.md §1).
        Expectation(fixture: "32-experts-per-token-above-experts.yaml", line: 11, column: 24, path: .exact("models[0].experts_per_token"),
                    message: "experts_per_token 16 is above experts 8"),
        Expectation(fixture: "33-experts-keys-apart.yaml", line: 3, column: 5, path: .exact("models[0]"),
                    message: "a mixture-of-experts model gives 'experts', 'experts_per_token' and 'expert_params_m' together; missing: 'experts_per_token', 'expert_params_m'"),
        Expectation(fixture: "34-kv-heads-without-head-dim.yaml", line: 3, column: 5, path: .exact("models[0]"),
                    message: "give 'kv_heads' together with 'head_dim'", hint: "num_key_value_heads"),
        Expectation(fixture: "35-kv-width-mismatch.yaml", line: 11, column: 15, path: .exact("models[0].kv_width"),
                    message: "kv_width 2048 differs from kv_heads × head_dim = 8 × 64 = 512"),
        Expectation(fixture: "36-max-context-above-window.yaml", line: 11, column: 25, path: .exact("models[0].max_context_tokens"),
                    message: "max_context_tokens 131072 is above the model's context_window_tokens 8192"),
        Expectation(fixture: "37-zero-kv-heads.yaml", line: 8, column: 15, path: .exact("models[0].kv_heads"),
                    message: "expected a whole number between 1 and 65536, found 0"),
        Expectation(fixture: "38-experts-above-parameters.yaml", line: 12, column: 22, path: .exact("models[0].expert_params_m"),
                    message: "layers × experts × expert_params_m = 16 × 8 × 10 = 1280 M is not below parameters_m 1000"),
    ]

    @Test("each broken catalog's first error has the expected position, key path and message", arguments: BrokenCatalogTests.expectations)
    func firstError(_ e: Expectation) throws {
        let errors = Self.errors(loading: e.fixture, withBundled: e.withBundled)
        let first = try #require(errors.first, "\(e.fixture) loaded without errors")
        let file = Self.brokenDir + "/" + e.fixture
        #expect(first.location?.file == file, "\(first)")
        #expect(first.location?.line == e.line, "\(first)")
        #expect(first.location?.column == e.column, "\(first)")
        #expect(e.path.matches(first.path), "path \(e.path): \(first)")
        #expect(first.message.contains(e.message), "\(first)")
        if let hint = e.hint {
            #expect(first.hint?.contains(hint) == true, "hint should contain \"\(hint)\": \(first)")
        }
    }

    @Test("every broken fixture yields a positioned error in its own file")
    func everyFixtureIsBroken() {
        let names = Self.fixtureNames()
        #expect(names.count >= 24, "fixtures found: \(names)")
        for name in names {
            // Loaded after the bundled catalogs, so semantic defects surface as well as syntax ones.
            let errors = Self.errors(loading: name, withBundled: true)
            let file = Self.brokenDir + "/" + name
            #expect(errors.contains { $0.location?.file == file && ($0.location?.line ?? 0) >= 1 },
                    "\(name): no error positioned in the file; got \(errors)")
        }
    }

    @Test("every broken fixture has an exact expectation")
    func everyFixtureHasAnExpectation() {
        let expected = Set(Self.expectations.map(\.fixture))
        for name in Self.fixtureNames() {
            #expect(expected.contains(name), "\(name) has no entry in BrokenCatalogTests.expectations")
        }
        for e in Self.expectations {
            #expect(Self.fixtureNames().contains(e.fixture), "\(e.fixture) is expected but missing from \(Self.brokenDir)")
        }
    }

    @Test("the bundled catalogs load with no errors")
    func bundledCatalogsLoad() throws {
        let sources = try Self.read(["Catalogs"])
        #expect(sources.count >= 5)
        let catalog = try CatalogLoader.load(sources: sources)
        #expect(!catalog.models.isEmpty)
        #expect(!catalog.accelerators.isEmpty)
        #expect(!catalog.precisions.isEmpty)
        #expect(catalog.server != nil)
    }
}
