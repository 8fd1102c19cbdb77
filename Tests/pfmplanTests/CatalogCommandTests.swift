import Foundation
import Testing

/// `catalog list` and `catalog show` cover every kind of entry, with --format json (issue #17).
@Suite("catalog list and show")
struct CatalogCommandTests {
    static let kinds: [(kind: String, id: String)] = [
        ("models", "llama-3.1-8b"), ("accelerators", "b200"), ("precisions", "w4a16"), ("devices", "quest-3"),
        ("hosts", "hgx-8gpu"), ("runtimes", "vllm"), ("services", "chat"), ("workloads", "edge-assistant"),
    ]

    @Test("catalog list KIND --format json lists every entry of the kind", arguments: CatalogCommandTests.kinds.map(\.kind))
    func listJSON(_ kind: String) throws {
        let r = try Binary.run(["catalog", "list", kind, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "pfmplan.catalog-list/1")
        let rows = try #require(doc[kind] as? [[String: Any]], "\(r.stdout)")
        let id = try #require(Self.kinds.first { $0.kind == kind }?.id)
        #expect(rows.contains { $0["id"] as? String == id }, "\(kind) lacks \(id)")
    }

    @Test("catalog show ID --format json names the entry's kind", arguments: CatalogCommandTests.kinds)
    func showJSON(_ entry: (kind: String, id: String)) throws {
        let r = try Binary.run(["catalog", "show", entry.id, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "pfmplan.catalog-show/1" && doc["id"] as? String == entry.id)
        #expect(doc["kind"] as? String == String(entry.kind.dropLast()), "\(r.stdout)")
        let fields = try #require(doc["fields"] as? [[String: String]])
        #expect(!fields.isEmpty)
    }

    @Test func showModelArchitecture() throws {
        let r = try Binary.run(["catalog", "show", "mixtral-8x7b"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("hidden 4096, heads 32, kv_heads 8, head_dim 128, FFN 14336, vocab 32000"), "\(r.stdout)")
        #expect(r.stdout.contains("8, 2 per token, 176.2 M each per layer"), "\(r.stdout)")
        #expect(r.stdout.contains("8192 tokens (model window 32768)"), "\(r.stdout)")
        let bad = try Binary.run(["catalog", "show", "hgx-8gpx"])
        #expect(bad.status == 64 && bad.stderr.contains("did you mean 'hgx-8gpu'?"), "\(bad.stderr)")
    }
}
