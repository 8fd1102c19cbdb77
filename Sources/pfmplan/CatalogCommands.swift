import ArgumentParser
import Foundation
import PFMCatalog
import PFMReporting

extension PFMPlan {
    struct CatalogCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalog",
            abstract: "List, show, validate and export catalogs.",
            discussion: "Catalogs are YAML files describing models, precisions, accelerators, the server, the cloud, the access network, services, workloads, the site and the objective. See pfmplan-catalog(5).",
            subcommands: [List.self, Show.self, Validate.self, Export.self]
        )
    }
}

extension PFMPlan.CatalogCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case models, accelerators, services, workloads }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the models, accelerators, services or workloads of the catalog.")
        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "What to list: models, accelerators, services or workloads.") var kind: Kind = .models

        func run() throws {
            let c = try catalog.load()
            let t: TextTable
            switch kind {
            case .models: t = CatalogReport.models(c)
            case .accelerators: t = CatalogReport.accelerators(c)
            case .services: t = CatalogReport.services(c)
            case .workloads: t = CatalogReport.workloads(c)
            }
            switch output.format {
            case .table: Output.print(t.render())
            case .csv: Output.print(t.csv())
            case .markdown: Output.print(t.markdown())
            case .json:
                let rows = t.rows.filter { !$0.isEmpty }.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) }
                Output.print(JSONOutput.encode(["schema": AnyEncodable("pfmplan.catalog-list/1"), kind.rawValue: AnyEncodable(rows)]) + "\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one catalog entry (model, accelerator, service, workload or precision) by id.")
        @OptionGroup var catalog: CatalogOptions
        @Argument(help: "The entry's id, e.g. gpt3-13b or l40s.") var id: String

        func run() throws {
            let c = try catalog.load()
            var t = TextTable(["field", "value"], alignments: [.left, .left])
            if let m = c.model(id) {
                t.title = "model \(m.id)\n"
                t.add(["name", m.name]); t.add(["family", m.family.rawValue])
                t.add(["parameters (M)", Fmt.number(m.parametersM)]); t.add(["GFLOPs", Fmt.number(m.gflops)])
                if let l = m.layers, let w = m.kvWidth { t.add(["layers × KV width", "\(l) × \(w)"]) }
                if m.contextWindowTokens > 0 { t.add(["context window", "\(m.contextWindowTokens) tokens, \(m.tokensPerExample) per example"]) }
                for s in m.tasks {
                    let scores = s.oneShot == nil ? Fmt.number(s.zeroShot)
                        : "\(Fmt.number(s.zeroShot)) / \(Fmt.number(s.oneShot!)) / \(s.fewShot.map(Fmt.number) ?? "-") (K=\(s.fewShotK.map(String.init) ?? "-"))"
                    t.add(["task " + s.task, scores])
                }
                for p in c.precisions {
                    t.add(["resident @\(p.id)", Fmt.fixed(MemoryModel.residentBytes(m, p, batch: 1, server: c.settings.server) / MemoryModel.bytesPerGiB, 2) + " GiB (batch 1)"])
                }
            } else if let a = c.accelerator(id) {
                t.title = "accelerator \(a.id)\n"
                t.add(["name", a.name]); t.add(["tier", a.tier.rawValue]); t.add(["memory", Fmt.number(a.memoryGiB) + " GiB"])
                t.add(["bandwidth", Fmt.number(a.bandwidthGBps) + " GB/s"]); t.add(["load bandwidth", Fmt.number(a.loadBandwidthGBps) + " GB/s"])
                for (p, v) in a.tflops.sorted(by: { $0.key < $1.key }) { t.add(["peak " + p, Fmt.number(v) + " TFLOPS (dense)"]) }
                t.add(["power busy / idle", "\(Fmt.number(a.powerBusyW)) W / \(Fmt.number(a.powerIdleW)) W"])
                t.add(["price", CatalogReport.pricing(a.pricing)])
            } else if let s = c.service(id) {
                t.title = "service \(s.id)\n"
                t.add(["name", s.name]); t.add(["task", s.task])
                for (i, st) in s.stages.enumerated() { t.add(["stage \(i + 1)", st.models.joined(separator: " | ") + (st.repeatCount > 1 ? " × \(st.repeatCount)" : "")]) }
                t.add(["tokens in / out", "\(s.tokensIn) / \(s.tokensOut)"])
                t.add(["payload up / down", "\(Fmt.number(s.requestKB)) kB / \(Fmt.number(s.responseKB)) kB"])
                t.add(["SLO", "p95 ≤ \(Fmt.latency(s.slo.p95Ms / 1000)), mean accuracy ≥ \(Fmt.number(s.slo.minAccuracy))"])
            } else if let w = c.workload(id) {
                t.title = "workload \(w.id)\n"
                t.add(["description", w.description])
                for e in w.mix { t.add(["mix " + e.service, e.ratePerS.map { Fmt.number($0) + " req/s" } ?? Fmt.percent(e.share ?? 0, 0)]) }
                t.add(["total rate", w.totalRatePerS.map { Fmt.number($0) + " req/s" } ?? "-"])
                t.add(["length", w.requests.map { "\($0) requests" } ?? w.durationS.map { Fmt.number($0) + " s" } ?? "-"])
                t.add(["warm-up", Fmt.number(w.warmupS) + " s"]); t.add(["seed", "\(w.seed)"])
                for sh in w.shifts { t.add(["shift at \(Fmt.number(sh.atS)) s", sh.mix.map(\.service).joined(separator: ", ")]) }
            } else if let p = c.precision(id) {
                t.title = "precision \(p.id)\n"
                t.add(["bytes per weight", Fmt.number(p.bytesPerWeight)]); t.add(["bytes per KV value", Fmt.number(p.bytesPerKV)])
                for f in ModelFamily.allCases { t.add(["penalty " + f.rawValue, Fmt.number(p.penalty(for: f)) + " points"]) }
            } else {
                let all = c.models.map(\.id) + c.accelerators.map(\.id) + c.services.map(\.id) + c.workloads.map(\.id) + c.precisions.map(\.id)
                throw CLIError.usage("no catalog entry has the id '\(id)'" + (YAMLReader.nearest(id, in: all).map { "; did you mean '\($0)'?" } ?? ""))
            }
            Output.print(t.render())
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check catalogs for syntax and semantic errors.",
            discussion: "Reports every error with file:line:column, the key path, what was expected and how to fix it. Exit status 1 when any error is found, 0 otherwise (warnings do not fail).")
        @OptionGroup var catalog: CatalogOptions

        func run() throws {
            let c = try catalog.load()
            Output.diagnostics(c.warnings)
            Output.print("ok: \(c.sources.count) file(s), \(c.models.count) models, \(c.accelerators.count) accelerators, \(c.precisions.count) precisions, \(c.services.count) services, \(c.workloads.count) workloads\(c.warnings.isEmpty ? "" : ", \(c.warnings.count) warning(s)")\n")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the embedded default catalog to a directory, for editing.")
        @Argument(help: "Directory to write into (created if missing).") var directory: String
        @Flag(help: "Overwrite files that already exist.") var force = false

        func run() throws {
            let fm = FileManager.default
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                Output.error("cannot create \(directory): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            for s in CatalogLoader.embeddedSources {
                let name = (s.name as NSString).lastPathComponent
                let path = (directory as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: path) && !force {
                    Output.error("\(path) exists; pass --force to overwrite")
                    throw ExitCode(1)
                }
                try Output.writeAtomically(s.text, to: path)
                Output.print("wrote \(path)\n")
            }
        }
    }
}

/// Type-erased Encodable for small ad-hoc JSON documents.
struct AnyEncodable: Encodable {
    let encodeFn: (Encoder) throws -> Void
    init<T: Encodable>(_ v: T) { encodeFn = v.encode }
    func encode(to encoder: Encoder) throws { try encodeFn(encoder) }
}
