import ArgumentParser
import PFMCatalog
import PFMReporting
import PFMSimulation

extension PFMPlan {
    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimate one language model's TTFT, TPOT, latency, tokens/s and memory on one GPU group.",
            discussion: """
                For a static batch (--batch B, default 1) of B requests of --tokens-in I and --tokens-out O \
                tokens on one group of --count T GPUs (tensor-parallel degree T): one prefill pass over \
                B × I tokens, then O − 1 decode passes of B sequences, each timed by the roofline of \
                pfmplan-model(7) (attention by context length, KV read, compute efficiency by pass size, \
                pass overhead, the all-reduce over the group's interconnect, the experts a mixture of \
                experts touches). It prints TTFT, TPOT, request latency, output tokens per second, and \
                memory per GPU (weights with activations, the runtime's fixed overhead, the batch's KV in \
                blocks), and whether it fits. With --rate R instead of --batch it simulates the runtime's \
                continuous batching (max_num_seqs, max_num_batched_tokens, paged KV in the memory the \
                instance leaves, chunked prefill) under --requests Poisson arrivals at R per second, and \
                prints the mean and p50/p95/p99 of TTFT, TPOT and latency. --format json writes schema \
                pfmplan.estimate/1 (keys ttftMs, tpotMs, requestLatencyMs, tokensPerSecond, \
                memoryGiBPerGPU, fits; at a rate, the percentiles under 'continuous').

                Exit status 0 when it fits; 1 when it does not ("does not fit: needs X GiB per GPU, has \
                Y", after the figures) or the model lacks its architecture; 64 for bad flags or unknown ids.
                """)

        @OptionGroup var catalog: CatalogOptions
        @Option(help: "Language model id, e.g. gpt3-13b.") var model: String
        @Option(help: "Accelerator id, e.g. l4.") var accelerator: String
        @Option(help: "GPUs in the group (tensor-parallel degree).") var count = 1
        @Option(help: "Precision id. Default: the catalog's server default_precision.") var precision: String?
        @Option(help: "Runtime profile id. Default: the server's runtime, else the catalog's first.") var runtime: String?
        @Option(help: "Requests in the static batch (not with --rate). Default: 1.") var batch: Int?
        @Option(name: .customLong("tokens-in"), help: "Prompt tokens per request.") var tokensIn: Int
        @Option(name: .customLong("tokens-out"), help: "Output tokens per request.") var tokensOut: Int
        @Option(help: "Poisson arrivals per second: simulate continuous batching instead of a static batch.") var rate: Double?
        @Option(help: "Requests to simulate with --rate.") var requests = 2000
        @Option(help: "Random seed of the arrivals with --rate.") var seed: UInt64 = 1
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func validate() throws {
            try format.require(.estimate, command: "estimate")
            guard count >= 1 && count <= 1024 else { throw ValidationError("--count must be between 1 and 1024") }
            guard tokensIn >= 1 else { throw ValidationError("--tokens-in must be at least 1") }
            guard tokensOut >= 1 else { throw ValidationError("--tokens-out must be at least 1") }
            if let batch, batch < 1 || batch > 1 << 20 { throw ValidationError("--batch must be between 1 and \(1 << 20)") }
            if let rate {
                guard rate > 0 && rate.isFinite else { throw ValidationError("--rate must be a positive number of requests per second") }
                guard batch == nil else { throw ValidationError("--rate simulates continuous batching, --batch sizes a static batch: give one of them") }
            }
            guard requests >= 1 && requests <= 10_000_000 else { throw ValidationError("--requests must be between 1 and 10000000") }
        }

        func run() throws {
            let c = try catalog.load()
            guard c.model(model) != nil else { throw CLIError.unknown("model", model, known: c.models.map(\.id), flag: "--model") }
            guard c.accelerator(accelerator) != nil else {
                throw CLIError.unknown("accelerator", accelerator, known: c.accelerators.map(\.id), flag: "--accelerator")
            }
            if let precision, c.precision(precision) == nil {
                throw CLIError.unknown("precision", precision, known: c.precisions.map(\.id), flag: "--precision")
            }
            if let runtime, c.runtime(runtime) == nil {
                throw CLIError.unknown("runtime", runtime, known: c.runtimes.map(\.id), flag: "--runtime")
            }
            let q = LanguageEstimate.Question(model: model, accelerator: accelerator, gpus: count, precision: precision, runtime: runtime,
                                              batch: batch ?? 1, tokensIn: tokensIn, tokensOut: tokensOut, rate: rate, requests: requests,
                                              seed: seed)
            let e: LanguageEstimate
            do { e = try LanguageEstimate.run(c, q) } catch { throw Output.fail(error) }
            Output.render(.estimate(e), format)
            if let why = EstimateReport.doesNotFit(e) {
                Output.error(why)
                throw ExitCode(1)
            }
        }
    }
}
