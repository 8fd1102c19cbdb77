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
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case models, accelerators, precisions, devices, hosts, runtimes, services, workloads
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the models, accelerators, precisions, devices, hosts, runtimes, services or workloads of the catalog.")
        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "What to list: models, accelerators, precisions, devices, hosts, runtimes, services or workloads.") var kind: Kind = .models

        func run() throws {
            let c = try catalog.load()
            let t: TextTable
            switch kind {
            case .models: t = CatalogReport.models(c)
            case .accelerators: t = CatalogReport.accelerators(c)
            case .precisions: t = CatalogReport.precisions(c)
            case .devices: t = CatalogReport.devices(c)
            case .hosts: t = CatalogReport.hosts(c)
            case .runtimes: t = CatalogReport.runtimes(c)
            case .services: t = CatalogReport.services(c)
            case .workloads: t = CatalogReport.workloads(c)
            }
            Output.render(.catalogList(kind: kind.rawValue, t), output.format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one catalog entry (model, accelerator, precision, device, host, runtime, service or workload) by id.")
        @OptionGroup var catalog: CatalogOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The entry's id, e.g. gpt3-13b or l40s.") var id: String

        func run() throws {
            let c = try catalog.load()
            guard let (kind, t) = CatalogReport.entry(c, id: id) else {
                throw CLIError.usage("no catalog entry has the id '\(id)'" + (YAMLReader.nearest(id, in: CatalogReport.allIds(c)).map { "; did you mean '\($0)'?" } ?? ""))
            }
            Output.render(.catalogEntry(kind: kind, id: id, t), output.format)
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check catalogs for syntax and semantic errors.",
            discussion: "Reports every error with file:line:column, the key path, what was expected and how to fix it. Exit status 1 when any error is found, 0 otherwise (warnings do not fail).")
        @OptionGroup var catalog: CatalogOptions

        func run() throws {
            let c = try catalog.load()
            Output.diagnostics(c.warnings + CatalogValidator.notes(c))
            Output.print(CatalogReport.validateSummary(c))
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
