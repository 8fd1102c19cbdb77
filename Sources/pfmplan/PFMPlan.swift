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
            64 bad command-line usage (an unknown flag, a bad value, an id on the command line the \
            catalog lacks; the message names the flag and the usage line of the command follows); \
            130 interrupted (SIGINT); 143 terminated (SIGTERM). Every error message starts \
            "pfmplan: error:", or "FILE:LINE:COLUMN: error:" for a problem in a file.

            SHELL COMPLETION: 'pfmplan --generate-completion-script bash' (or zsh, fish) prints a \
            completion script, e.g. 'pfmplan --generate-completion-script bash > \
            /etc/bash_completion.d/pfmplan'.
            """,
        version: version,
        subcommands: [Size.self, Sweep.self, Merge.self, Compare.self, Report.self, Simulate.self, Trace.self, CatalogCommand.self, Fit.self, Fits.self, Estimate.self, Validate.self, Calibrate.self],
        defaultSubcommand: nil
    )
}
