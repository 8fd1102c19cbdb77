import Foundation
import Testing

/// Every command renders every format it accepts, or refuses it (exit 64): `size --format csv`
/// and `--format markdown`, and `simulate`/`fit --format markdown`, printed the plain table.
@Suite("End to end: output formats")
struct FormatTests {
    static let size = ["size", "--accelerators", "l4", "--counts", "1", "--precisions", "int8", "--duration", "120", "--replications", "1",
                       "--no-headroom"]
    static let simulate = ["simulate", "--accelerator", "a10", "--precision", "int8", "--requests", "500"]
    static let fit = ["fit", "gpt3-13b", "translation"]
    static let show = ["catalog", "show", "l40s"]
    static let list = ["catalog", "list", "accelerators"]
    static let fits = ["fits", "l4"]

    @Test(arguments: [
        (size, "csv"), (size, "markdown"), (simulate, "markdown"), (fit, "markdown"),
    ] as [([String], String)])
    func unrenderedFormatsAreRefused(args: [String], format: String) throws {
        let r = try Binary.run(args + ["--format", format])
        #expect(r.status == 64, "\(args) --format \(format): exit \(r.status)\n\(r.stdout)")
        #expect(r.stderr.contains("cannot render --format \(format)"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// The formats a command does accept give different output, each of its kind.
    @Test(arguments: [size, simulate, fit, show, list, fits])
    func acceptedFormatsAreRendered(args: [String]) throws {
        var outputs: [String: String] = [:]
        for format in ["table", "json", "csv", "markdown"] {
            let r = try Binary.run(args + ["--format", format])
            if r.status == 64 { continue }
            #expect(r.status == 0 || (args[0] == "size" && r.status == 3), "\(format): \(r.stderr)")
            outputs[format] = r.stdout
        }
        if let j = outputs["json"] { #expect((try? JSONSerialization.jsonObject(with: Data(j.utf8))) != nil) }
        if let c = outputs["csv"] { #expect(c.split(separator: "\n").first?.contains(",") == true) }
        if let m = outputs["markdown"] { #expect(m.contains("|---") || m.contains("| ---") || m.contains("| :--")) }
        #expect(Set(outputs.values).count == outputs.count, "two formats printed the same text")
    }
}
