/// Everything pfmplan knows about hardware, models, services and prices: the union of one or
/// more catalog files. Ids are unique across the files.
public struct Catalog: Sendable {
    public var models: [ModelSpec] = []
    public var precisions: [PrecisionSpec] = []
    public var accelerators: [AcceleratorSpec] = []
    /// Users' devices for the mobile tier (optional).
    public var devices: [DeviceSpec] = []
    /// Serving stacks' constants and chassis (MODEL.md §1; the v2 server).
    public var runtimes: [RuntimeSpec] = []
    public var hosts: [HostSpec] = []
    public var services: [ServiceSpec] = []
    public var workloads: [WorkloadSpec] = []
    public var server: ServerSpec?
    public var cloud: CloudSpec?
    public var network: NetworkSpec?
    public var site: SiteSpec?
    public var objective: ObjectiveSpec?
    public var context: ContextSpec?
    /// Optional: needed only by the active caching and partial residency modes.
    public var caching: CachingSpec?
    /// The files it was read from, in order (`<embedded>/name.yaml` for the bundled ones).
    public var sources: [String] = []
    /// The file said `overlay: embedded` (parsing only; the loader reads the embedded catalog first).
    var overlaysEmbedded = false
    /// SHA-256 of the sources' bytes in order: names results so mixed catalogs are caught.
    public var digest: String = ""
    /// Warnings found while loading (errors are thrown).
    public var warnings: [Diagnostic] = []

    public init() {}

    public func model(_ id: String) -> ModelSpec? { models.first { $0.id == id } }
    public func precision(_ id: String) -> PrecisionSpec? { precisions.first { $0.id == id } }
    public func accelerator(_ id: String) -> AcceleratorSpec? { accelerators.first { $0.id == id } }

    /// How far a precision moves the knee of the compute curve (`mfu_half_tokens`) on an
    /// accelerator, against the 16-bit precision the constants are fitted at: the tokens per pass
    /// at which streaming the weights and computing with them take equal time scale with
    /// peak × bytes per weight, so weight-only int4 (a 16-bit rate, a quarter of the bytes) reaches
    /// the compute bound at a quarter of the tokens, and fp8 (twice the rate, half the bytes) at the
    /// same. The reference is the accelerator's bf16 rate with the catalog's bf16 bytes (fp16 where
    /// it has no bf16 rate); 1 where either is missing (pfmplan-model(7), TIME PER PASS).
    public func kneeScale(accelerator a: AcceleratorSpec, precision p: PrecisionSpec) -> Double {
        for ref in ["bf16", "fp16"] {
            guard let refRate = a.tflops[ref], let refSpec = precision(ref), refRate > 0, refSpec.bytesPerWeight > 0 else { continue }
            guard let rate = a.tflops[p.id] else { return 1 }
            return rate * p.bytesPerWeight / (refRate * refSpec.bytesPerWeight)
        }
        return 1
    }
    public func device(_ id: String) -> DeviceSpec? { devices.first { $0.id == id } }
    public func runtime(_ id: String) -> RuntimeSpec? { runtimes.first { $0.id == id } }
    public func host(_ id: String) -> HostSpec? { hosts.first { $0.id == id } }
    public func service(_ id: String) -> ServiceSpec? { services.first { $0.id == id } }
    public func workload(_ id: String) -> WorkloadSpec? { workloads.first { $0.id == id } }

    /// The singleton sections, all required once loading has finished.
    public struct Settings: Sendable {
        public var server: ServerSpec
        public var cloud: CloudSpec
        public var network: NetworkSpec
        public var site: SiteSpec
        public var objective: ObjectiveSpec
        public var context: ContextSpec
        public var caching: CachingSpec?
    }

    /// Non-nil after a successful `CatalogLoader.load` (which reports missing sections).
    public var settings: Settings {
        Settings(server: server!, cloud: cloud!, network: network!, site: site!, objective: objective!, context: context!, caching: caching)
    }
}

/// Bytes of memory a model needs at a precision (MODEL.md section 2).
public enum MemoryModel {
    public static let bytesPerGiB = 1_073_741_824.0

    public static func weightBytes(_ m: ModelSpec, _ p: PrecisionSpec) -> Double {
        m.residentParametersM * 1e6 * p.bytesPerWeight
    }

    public static func kvBytesPerToken(_ m: ModelSpec, _ p: PrecisionSpec) -> Double {
        guard let layers = m.layers, let width = m.kvWidth else { return 0 }
        return 2 * Double(layers) * Double(width) * p.bytesPerKV
    }

    public static func residentBytes(_ m: ModelSpec, _ p: PrecisionSpec, batch: Int, server: ServerSpec) -> Double {
        weightBytes(m, p) * (1 + server.runtimeOverhead)
            + Double(batch) * Double(m.contextWindowTokens) * kvBytesPerToken(m, p)
    }

    /// With a fraction f of the layers resident (partial residency): f of the weights and their
    /// runtime overhead, and the whole KV cache (every layer's KV lives on the GPU).
    public static func residentBytes(_ m: ModelSpec, _ p: PrecisionSpec, batch: Int, server: ServerSpec, fraction f: Double) -> Double {
        if f >= 1 { return residentBytes(m, p, batch: batch, server: server) }
        return f * weightBytes(m, p) * (1 + server.runtimeOverhead)
            + Double(batch) * Double(m.contextWindowTokens) * kvBytesPerToken(m, p)
    }

    public static func usableBytes(_ a: AcceleratorSpec, count: Int, server: ServerSpec) -> Double {
        Double(count) * a.memoryGiB * bytesPerGiB * server.usableFraction
    }
}
