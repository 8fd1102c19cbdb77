#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A language model's shape as the iteration time needs it (MODEL.md §1, §4), in engine units
/// (bytes, parameters, tokens). Built from the catalog's architecture by the caller; the
/// iteration time reads nothing else.
public struct LanguageShape: Sendable, Hashable {
    public var layers: Double
    public var hidden: Double
    public var heads: Double
    public var kvHeads: Double
    public var headDim: Double
    /// 2 × layers × kv_heads × head_dim × bytes_per_kv.
    public var kvBytesPerToken: Double
    /// Every weight resident on the group (dense: all of them; MoE: shared + experts × expertBytes).
    public var weightBytes: Double
    /// Parameters computed per token (P_active: a mixture of experts counts k experts).
    public var activeParams: Double
    /// Mixture of experts: experts per layer (0: dense), experts each token is routed to.
    public var experts: Double
    public var expertsPerToken: Double
    /// One expert's weights summed over all layers, bytes.
    public var expertBytes: Double
    /// Weights every token touches (attention, embeddings, shared experts), bytes; MoE only.
    public var sharedBytes: Double
    /// Parameters computed per token in routed experts (k experts × all layers); 0 for a dense model.
    public var routedParams: Double
    /// The narrow dimension of the weight matrices before tensor parallelism splits it: `hidden`
    /// for the dense products, an expert's `intermediate` for the routed ones (MoE).
    public var denseWidth: Double
    public var expertWidth: Double

    public init(layers: Double, hidden: Double, heads: Double, kvHeads: Double, headDim: Double, kvBytesPerToken: Double,
                weightBytes: Double, activeParams: Double, experts: Double = 0, expertsPerToken: Double = 0,
                expertBytes: Double = 0, sharedBytes: Double = 0, routedParams: Double = 0, denseWidth: Double = 0,
                expertWidth: Double = 0) {
        self.layers = layers; self.hidden = hidden; self.heads = heads; self.kvHeads = kvHeads; self.headDim = headDim
        self.kvBytesPerToken = kvBytesPerToken; self.weightBytes = weightBytes; self.activeParams = activeParams
        self.experts = experts; self.expertsPerToken = expertsPerToken; self.expertBytes = expertBytes; self.sharedBytes = sharedBytes
        self.routedParams = routedParams; self.denseWidth = denseWidth; self.expertWidth = expertWidth
    }

    public var isMixtureOfExperts: Bool { experts > 0 }

    /// FLOPs of attention per (context token × new token): 4 × layers × heads × head_dim
    /// (QKᵀ and the weighted sum of V, a multiply-add counted as 2).
    @inline(__always)
    public var attentionFlopsPerContextToken: Double { 4 * layers * heads * headDim }

    /// Expected distinct experts a layer touches for n tokens under uniform routing:
    /// E × (1 − (1 − k/E)^n). - Complexity: O(1)
    @inline(__always)
    public func expectedExperts(tokens n: Double) -> Double {
        guard experts > 0 else { return 0 }
        return experts * (1 - _pow(1 - expertsPerToken / experts, n))
    }

    /// Tokens each expert a pass over n tokens touches takes in its matrix products: the n × k
    /// routed tokens over the expected distinct experts (uniform routing); at least 1.
    @inline(__always)
    public func tokensPerExpert(tokens n: Double) -> Double { n * expertsPerToken / expectedExperts(tokens: n) }

    /// Weight bytes one pass over n tokens reads: all of them for a dense model; the shared
    /// weights plus the expected distinct experts for a mixture of experts.
    @inline(__always)
    public func weightBytesTouched(tokens n: Double) -> Double {
        guard experts > 0 else { return weightBytes }
        return sharedBytes + expectedExperts(tokens: n) * expertBytes
    }
}

/// A GPU group's roofline for one (model family, precision, runtime) (MODEL.md §4), the same
/// constants `ServerPlan` keeps per model and per GPU, gathered for a pure function.
public struct GroupRoofline: Sendable, Hashable {
    /// GPUs in the group: the tensor-parallel degree t.
    public var gpus: Int
    /// Dense peak per GPU at the precision, FLOP/s.
    public var peakFlops: Double
    /// Memory bandwidth per GPU, bytes/s.
    public var bandwidth: Double
    public var mfuMax: Double
    public var mfuHalfTokens: Double
    public var mbu: Double
    public var passOverheadS: Double
    /// The per-GPU matrix width at which products reach half of C(n) (0: no width effect).
    public var mfuHalfWidth: Double
    /// The interconnect between the group's GPUs: bytes/s per link, latency per message (s).
    public var linkBytesPerS: Double
    public var linkLatencyS: Double

    public init(gpus: Int, peakFlops: Double, bandwidth: Double, mfuMax: Double, mfuHalfTokens: Double, mbu: Double,
                passOverheadS: Double, linkBytesPerS: Double, linkLatencyS: Double, mfuHalfWidth: Double = 0) {
        self.gpus = gpus; self.peakFlops = peakFlops; self.bandwidth = bandwidth; self.mfuMax = mfuMax
        self.mfuHalfTokens = mfuHalfTokens; self.mbu = mbu; self.passOverheadS = passOverheadS
        self.linkBytesPerS = linkBytesPerS; self.linkLatencyS = linkLatencyS; self.mfuHalfWidth = mfuHalfWidth
    }

    /// The share of C(n) a matrix of `width` (before the split) reaches on this group:
    /// w / (w + mfu_half_width) with w = width / t; 1 without a width effect or a width.
    @inline(__always)
    public func widthFactor(_ width: Double) -> Double {
        guard mfuHalfWidth > 0, width > 0 else { return 1 }
        let w = width / Double(gpus)
        return w / (w + mfuHalfWidth)
    }

    /// C(n) = t × peak × mfu_max × n / (n + mfu_half_tokens).
    @inline(__always)
    public func compute(tokens n: Double) -> Double {
        Double(gpus) * peakFlops * mfuMax * n / (n + mfuHalfTokens)
    }

    /// The compute time of a pass over n tokens whose FLOPs are `flops`: the weights' dense
    /// products at C(n) × widthFactor(hidden), a mixture of experts' routed products at
    /// C(tokens per touched expert) × widthFactor(expert intermediate) (each expert's grouped
    /// product takes only its share of the tokens), and attention at C(n).
    @inline(__always)
    public func computeSeconds(_ m: LanguageShape, tokens n: Double, flops: Double) -> Double {
        let weights = 2 * m.activeParams * n
        let routed = 2 * m.routedParams * n
        let c = compute(tokens: n)
        var s = (flops - weights) / c + (weights - routed) / (c * widthFactor(m.denseWidth))
        if routed > 0 { s += routed / (compute(tokens: m.tokensPerExpert(tokens: n)) * widthFactor(m.expertWidth)) }
        return s
    }

    /// W = t × bandwidth × mbu.
    @inline(__always)
    public var memoryBytesPerS: Double { Double(gpus) * bandwidth * mbu }

    /// comm(t) = 2 × layers × (latency + 2(t−1)/t × N × hidden × 2 bytes / link), 0 for one GPU
    /// (two all-reduces of the activations per layer, ring all-reduce volume, 16-bit activations).
    @inline(__always)
    public func comm(layers: Double, hidden: Double, tokens n: Double) -> Double {
        guard gpus > 1 else { return 0 }
        let t = Double(gpus)
        return 2 * layers * (linkLatencyS + 2 * (t - 1) / t * n * hidden * 2 / linkBytesPerS)
    }
}

/// The time of one language iteration (MODEL.md §4) as a pure function of what the pass holds.
public enum LanguageIteration {
    /// One iteration over `tokens` new tokens (decode tokens plus prefill chunk tokens), with
    /// `attention` = Σ_seq ctx_i × new_i (context each new token attends, times new tokens) and
    /// `kvRead` = Σ_seq ctx_i (cached tokens whose KV the pass reads):
    /// overhead + max(FLOPs / C(N), Bytes / W) + comm(t) (the weights' products at the efficiency
    /// of their per-GPU width and, for a mixture of experts, of the tokens each expert takes:
    /// `GroupRoofline.computeSeconds`), where
    /// FLOPs = 2 × P_active × N + 4 × layers × heads × head_dim × attention and
    /// Bytes = weights touched(N) + kvRead × kv_per_token + N × kv_per_token. 0 for no tokens.
    @inline(__always)
    public static func seconds(_ m: LanguageShape, _ g: GroupRoofline, tokens n: Double, attention: Double, kvRead: Double) -> Double {
        guard n > 0 else { return 0 }
        let flops = 2 * m.activeParams * n + m.attentionFlopsPerContextToken * attention
        let bytes = m.weightBytesTouched(tokens: n) + (kvRead + n) * m.kvBytesPerToken
        return g.passOverheadS + max(g.computeSeconds(m, tokens: n, flops: flops), bytes / g.memoryBytesPerS)
            + g.comm(layers: m.layers, hidden: m.hidden, tokens: n)
    }

    /// A run of `count` pure-decode iterations of `batch` sequences that hold `cached` tokens of
    /// KV in all before the first: iteration j (0-based) reads cached + j × batch tokens and
    /// attends cached + (j + 1) × batch. Returns the run's total time in closed form: each
    /// iteration's time is overhead + comm + max of two linear functions of j, summed on each
    /// side of their crossing. Equal to summing `seconds` iteration by iteration to rounding.
    /// - Complexity: O(1)
    public static func decodeRunSeconds(_ m: LanguageShape, _ g: GroupRoofline, batch b: Double, cached c0: Double, count n: Int) -> Double {
        DecodeRun(m, g, batch: b, cached: c0).seconds(count: n)
    }

    /// `decodeRunSeconds` with its run-length-independent terms computed once, for callers that
    /// try several lengths of one run (the bisection of `ContinuousBatcher.advanceDecodeOnly`).
    public struct DecodeRun {
        let fixed: Double, f0: Double, f1: Double, y0: Double, y1: Double, valid: Bool

        public init(_ m: LanguageShape, _ g: GroupRoofline, batch b: Double, cached c0: Double) {
            valid = b > 0
            fixed = g.passOverheadS + g.comm(layers: m.layers, hidden: m.hidden, tokens: b)
            let cN = g.compute(tokens: b), w = g.memoryBytesPerS
            let a = m.attentionFlopsPerContextToken
            // compute side: f(j) = (the pass's weight FLOPs at their efficiency + a (c0 + b) / C) + (a b / C) j
            f0 = g.computeSeconds(m, tokens: b, flops: 2 * m.activeParams * b) + a * (c0 + b) / cN
            f1 = a * b / cN
            // memory side: y(j) = (weights(b) + (c0 + b) kv) / W + (b kv / W) j
            y0 = (m.weightBytesTouched(tokens: b) + (c0 + b) * m.kvBytesPerToken) / w
            y1 = b * m.kvBytesPerToken / w
        }

        /// The run's total time over its first `n` iterations. - Complexity: O(1)
        public func seconds(count n: Int) -> Double {
            guard n > 0, valid else { return 0 }
            let nd = Double(n)
            // Σ_{j=lo}^{hi-1} (v0 + v1 j)
            func sum(_ v0: Double, _ v1: Double, _ lo: Double, _ hi: Double) -> Double {
                guard hi > lo else { return 0 }
                return (hi - lo) * v0 + v1 * (hi - lo) * (lo + hi - 1) / 2
            }
            let d0 = f0 - y0, d1 = f1 - y1
            var split: Double   // j < split: the first side; j ≥ split: the second
            let first: (Double, Double), second: (Double, Double)
            if d1 > 0 {        // compute overtakes memory from j ≥ −d0/d1 on
                split = (-d0 / d1).rounded(.up)
                first = (y0, y1); second = (f0, f1)
            } else if d1 < 0 { // memory overtakes compute after j ≤ −d0/d1
                split = (-d0 / d1).rounded(.down) + 1
                first = (f0, f1); second = (y0, y1)
            } else {
                split = d0 >= 0 ? 0 : nd
                first = (y0, y1); second = (f0, f1)
            }
            split = min(max(split, 0), nd)
            return nd * fixed + sum(first.0, first.1, 0, split) + sum(second.0, second.1, split, nd)
        }
    }
}

@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.pow(x, y)
    #else
    return Darwin.pow(x, y)
    #endif
}
