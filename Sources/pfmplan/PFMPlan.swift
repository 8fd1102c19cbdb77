import ArgumentParser
import PFMCatalog

@main
struct PFMPlan: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "pfmplan",
        abstract: "Capacity planner for serving pretrained foundation models on edge servers with a cloud behind them.",
        discussion: """
            pfmplan simulates an edge server that caches foundation models (GPT-3, CLIP, UniFormer, \
            Stable Diffusion and their successors) in limited GPU memory, serves requests at the edge \
            or offloads them to the cloud, and evicts models by a policy such as the paper's Least \
            Context (LC). Its planner sweeps accelerators, GPU counts, precisions, policies and request \
            mixes, and recommends the cheapest server sizing that meets the SLOs.

            With no --catalog, every command uses the catalog embedded in the binary \
            ('pfmplan catalog export DIR' writes it out for editing). The catalog format is described \
            in pfmplan-catalog(5) and the system model in pfmplan-model(7).

            EXIT STATUS: 0 success; 1 invalid input (catalog, scenario, sweep spec or trace: the \
            message names the file, line, column and key); 3 'size' found no feasible candidate; \
            64 bad command-line usage; 130 interrupted (SIGINT); 143 terminated (SIGTERM).
            """,
        version: version,
        subcommands: [Size.self, Sweep.self, Merge.self, Compare.self, Report.self, Simulate.self, Trace.self, CatalogCommand.self, Fit.self, Fits.self],
        defaultSubcommand: nil
    )
}
