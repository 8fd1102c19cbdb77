import CMallocCounter
import Foundation
import PFMCatalog
import Testing
@testable import PFMSimulation

/// Continuous batching (MODEL.md §3.2) and the language iteration time (§4), issue 15.
///
/// The model: 10 B active parameters, 20 GB of weights, 40 layers × 32 heads × 128 (attention
/// 4 × 40 × 32 × 128 = 655,360 FLOP per context token), 100 kB of KV per token. The group: one
/// GPU of 100 TFLOP/s and 1 TB/s, mfu_max 0.5 reached half at 8 tokens, mbu 0.5, 1 ms per pass:
/// C(n) = 5e13 × n / (n + 8), W = 5e11 B/s. A decode is memory-bound (20 GB / W = 40 ms), a
/// 100-token prefill compute-bound (2e12 FLOP / 4.63e13 = 43 ms).
enum LLMFixture {
    static let shape = LanguageShape(layers: 40, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, kvBytesPerToken: 1e5,
                                     weightBytes: 2e10, activeParams: 1e10)
    static let gpu = GroupRoofline(gpus: 1, peakFlops: 1e14, bandwidth: 1e12, mfuMax: 0.5, mfuHalfTokens: 8, mbu: 0.5,
                                   passOverheadS: 0.001, linkBytesPerS: 1e11, linkLatencyS: 1e-5)
    static func config(seqs: Int = 8, tokens: Int = 512, block: Int = 16, chunked: Bool = true, prefix: Bool = true,
                       blocks: Int = 10_000, tasks: Int = 2) -> BatcherConfig {
        BatcherConfig(maxNumSeqs: seqs, maxNumBatchedTokens: tokens, kvBlockTokens: block, chunkedPrefill: chunked,
                      prefixCaching: prefix, kvBlocks: blocks, tasks: tasks)
    }

    /// The formula of §4 written out for this fixture (no shared code with `LanguageIteration`).
    static func pass(tokens n: Double, attention: Double, kvRead: Double) -> Double {
        let c = 1e14 * 0.5 * n / (n + 8)
        let flops = 2 * 1e10 * n + 4 * 40 * 32 * 128 * attention
        let bytes = 2e10 + (kvRead + n) * 1e5
        return 0.001 + max(flops / c, bytes / 5e11)
    }

    static func close(_ a: Double, _ b: Double, _ rel: Double = 1e-9) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b), 1e-300) }

    /// Runs a batcher until it has no work, feeding `arrivals` (time, request) through `enqueue`.
    static func drain(_ b: ContinuousBatcher, from t0: Double, _ completions: inout [Int32: LLMCompletion]) -> Double {
        var t = t0
        var events = LLMEvents()
        while b.hasWork {
            events.removeAll()
            t = b.runIteration(now: t, events: &events)
            for c in events.completions { completions[c.request] = c }
        }
        return t
    }
}

@Suite("Continuous batching: hand-worked")
struct ContinuousBatchingWorkedTests {
    typealias F = LLMFixture

    /// One 100-token prompt, 11 output tokens: TTFT is one prefill pass (100 tokens attending 50.5
    /// on average, causally); then 10 decode passes, the j-th reading 100 + j cached tokens and
    /// attending 101 + j.
    @Test func oneSequenceTTFTAndTPOT() {
        let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(),
                                                arrivals: [LLMArrival(time: 2, promptTokens: 100, outputTokens: 11)])
        let ttft = F.pass(tokens: 100, attention: 50.5 * 100, kvRead: 0)
        var decode = 0.0
        for j in 0..<10 { decode += F.pass(tokens: 1, attention: Double(101 + j), kvRead: Double(100 + j)) }
        #expect(F.close(r.firstToken[0] - 2, ttft), "TTFT \(r.firstToken[0] - 2) vs \(ttft)")
        #expect(F.close(r.tpot(0, [LLMArrival(time: 2, promptTokens: 100, outputTokens: 11)]), decode / 10))
        #expect(F.close(r.completion[0] - 2, ttft + decode))
        // The decode is memory-bound, the prefill compute-bound, as the fixture says.
        #expect(abs(decode / 10 - (0.001 + (2e10 + 105.5 * 1e5) / 5e11)) < 1e-12)
        #expect(ttft > 0.001 + (2e10 + 100 * 1e5) / 5e11)
        #expect(r.stats.iterations == 11)
    }

    /// A (100 → 40 tokens) at 0; B (60 → 40) arrives during A's decode. B is admitted by the
    /// first iteration that starts at or after its arrival, which carries A's decode token and
    /// B's 60 prompt tokens; from the next one on both decode together (two tokens a pass).
    /// Then C arrives during both decodes and joins the same way.
    @Test func sequencesArrivingDuringADecodeJoinAtTheNextIteration() {
        let a = LLMArrival(time: 0, promptTokens: 100, outputTokens: 40)
        let tB = 0.3
        let arrivals = [a, LLMArrival(time: tB, promptTokens: 60, outputTokens: 40), LLMArrival(time: 0.9, promptTokens: 30, outputTokens: 5)]
        let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(), arrivals: arrivals)
        // A alone until the iteration boundary at or after tB.
        var t = F.pass(tokens: 100, attention: 50.5 * 100, kvRead: 0)
        var aCached = 100
        while t < tB {
            t += F.pass(tokens: 1, attention: Double(aCached + 1), kvRead: Double(aCached))
            aCached += 1
        }
        // The joint iteration: A's decode and B's prefill.
        let joint = F.pass(tokens: 61, attention: Double(aCached + 1) + 30.5 * 60, kvRead: Double(aCached))
        #expect(F.close(r.firstToken[1], t + joint), "B's first token \(r.firstToken[1]) vs \(t + joint)")
        // Next: both decode (A with aCached + 1 cached, B with 60).
        let both = F.pass(tokens: 2, attention: Double(aCached + 1 + 1 + 61), kvRead: Double(aCached + 1 + 60))
        // B's TPOT is at least one joint decode pass, A's TPOT grew from A-alone passes.
        #expect(r.tpot(1, arrivals) >= both * 0.999)
        #expect(r.firstToken[2] > 0.9 && r.firstToken[2] < 0.9 + 0.2, "C joins within one decode pass and its prefill")
        #expect(r.completion[0] > r.firstToken[1], "A was still decoding when B joined")
        #expect(r.stats.preemptions == 0)
    }

    /// A 200-token prompt with a 64-token budget prefills in chunks of 64, 64, 64 and 8 over four
    /// iterations; each chunk attends the cached tokens before it plus half its own.
    @Test func chunkedPrefillSplitsALongPrompt() {
        let arrivals = [LLMArrival(time: 0, promptTokens: 200, outputTokens: 2)]
        let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(seqs: 4, tokens: 64), arrivals: arrivals)
        var ttft = 0.0
        for (start, n) in [(0, 64), (64, 64), (128, 64), (192, 8)] {
            ttft += F.pass(tokens: Double(n), attention: (Double(start) + Double(n + 1) / 2) * Double(n), kvRead: Double(start))
        }
        #expect(F.close(r.firstToken[0], ttft))
        #expect(r.stats.iterations == 5)   // four chunks, one decode
        // Without chunked prefill the prompt goes alone in one pass over the budget.
        let whole = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(seqs: 4, tokens: 64, chunked: false),
                                                    arrivals: arrivals)
        #expect(F.close(whole.firstToken[0], F.pass(tokens: 200, attention: 100.5 * 200, kvRead: 0)))
        #expect(whole.stats.iterations == 2)
    }

    /// A pool of 20 blocks of 16 tokens (320 tokens) and two sequences of 100 → 150 tokens (250 each):
    /// both are admitted, and when the pool runs out the most recent (B) is preempted, returns to
    /// the head of the queue and completes after A, its prompt and tokens recomputed.
    @Test func aKVPoolThatRunsOutPreemptsTheMostRecentSequence() {
        let arrivals = [LLMArrival(time: 0, promptTokens: 100, outputTokens: 150), LLMArrival(time: 0.01, promptTokens: 100, outputTokens: 150)]
        let config = F.config(blocks: 20)
        let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: config, arrivals: arrivals)
        #expect(r.preemptions[0] == 0)
        #expect(r.preemptions[1] >= 1)
        #expect(r.stats.preemptions == Int(r.preemptions[1]))
        #expect(r.completion[1] > r.completion[0])
        #expect(r.completion.allSatisfy { $0.isFinite })
        // Recompute: the prefill tokens exceed the prompts by what B had generated when preempted.
        #expect(r.stats.prefillTokens > 200)
        #expect(r.stats.decodeTokens + r.stats.prefillsCompleted == 300)
        // The same run without the shortage has no preemption.
        let roomy = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(blocks: 40), arrivals: arrivals)
        #expect(roomy.stats.preemptions == 0)
        #expect(roomy.completion[1] < r.completion[1])
    }

    /// Task 0 wants 1,000 tokens of in-context examples in front of a 50-token prompt. The first
    /// request prefills all 1,050; the second (after the first completes) finds the prefix cached
    /// and prefills its 50 tokens attending the 1,000; after the prefix is freed (an eviction) the
    /// third pays the full prefill again. Without prefix caching every request pays it.
    @Test func prefixCachingMakesTheSecondRequestCheaperAndEvictionRemovesIt() {
        let full = F.pass(tokens: 1050, attention: 525.5 * 1050, kvRead: 0)
        let hit = F.pass(tokens: 50, attention: (1000 + 25.5) * 50, kvRead: 1000)
        for caching in [true, false] {
            let b = ContinuousBatcher(config: F.config(tokens: 2048, prefix: caching), shape: F.shape, roofline: F.gpu)
            var done: [Int32: LLMCompletion] = [:]
            var t = 0.0
            var ttft: [Double] = []
            for i in 0..<3 {
                if i == 2 { b.freePrefix(task: 0) }
                #expect(b.enqueue(request: Int32(i), task: 0, promptTokens: 50, contextTokens: 1000, outputTokens: 1, arrival: t))
                t = F.drain(b, from: t, &done)
                ttft.append(done[Int32(i)]!.firstToken - done[Int32(i)]!.arrival)
                t += 1
            }
            #expect(F.close(ttft[0], full))
            #expect(F.close(ttft[1], caching ? hit : full), "caching \(caching): \(ttft[1])")
            #expect(F.close(ttft[2], full))
            #expect(b.prefix(task: 0) == (caching ? 1000 : 0))
            #expect(b.usedBlocks == (caching ? 63 : 0), "the prefix's 1,000 tokens hold 63 blocks of 16 while resident")
            #expect(b.stats.prefixHitTokens == (caching ? 1000 : 0))
        }
    }

    /// Another task's prefix is separate; a request wanting more examples than are cached
    /// prefills only the new ones, and the prefix grows to them.
    @Test func newExamplesArePrefilledOnTopOfTheCachedPrefix() {
        let b = ContinuousBatcher(config: F.config(tokens: 2048), shape: F.shape, roofline: F.gpu)
        var done: [Int32: LLMCompletion] = [:]
        #expect(b.setPrefix(task: 1, tokens: 600))
        #expect(b.enqueue(request: 0, task: 1, promptTokens: 40, contextTokens: 800, outputTokens: 1, arrival: 0))
        _ = F.drain(b, from: 0, &done)
        let expected = F.pass(tokens: 240, attention: (600 + 120.5) * 240, kvRead: 600)
        #expect(F.close(done[0]!.firstToken, expected))
        #expect(b.prefix(task: 1) == 800)
        #expect(b.prefix(task: 0) == 0)
        #expect(!b.setPrefix(task: 0, tokens: 16 * 10_000), "a prefix larger than the pool is refused")
    }
}

extension ContinuousBatchingWorkedTests {
    /// Two tasks' prefixes fill a 100-block pool (50 blocks each). A request on task 1's prefix
    /// needs one more block: task 0's unused prefix yields (its own is spared). With task 0's
    /// prefix set again, a request of task 2 reclaims the least recently used one: task 0's (never
    /// used), not task 1's (used by the first request). A request of task 0 then prefills its
    /// 800 examples again and takes task 1's blocks. No preemption anywhere.
    @Test func unusedPrefixesYieldLeastRecentlyUsedFirst() {
        let b = ContinuousBatcher(config: F.config(tokens: 2048, blocks: 100, tasks: 3), shape: F.shape, roofline: F.gpu)
        #expect(b.setPrefix(task: 0, tokens: 800) && b.setPrefix(task: 1, tokens: 800))
        #expect(b.freeBlocks == 0 && b.reclaimableBlocks == 100)
        var done: [Int32: LLMCompletion] = [:]
        #expect(b.enqueue(request: 0, task: 1, promptTokens: 10, contextTokens: 800, outputTokens: 2, arrival: 0))
        var t = F.drain(b, from: 0, &done)
        #expect(done[0] != nil && b.prefix(task: 0) == 0 && b.prefix(task: 1) == 800 && b.stats.prefixReclaims == 1)
        #expect(b.setPrefix(task: 0, tokens: 800))
        #expect(b.enqueue(request: 1, task: 2, promptTokens: 100, contextTokens: 0, outputTokens: 10, arrival: t))
        t = F.drain(b, from: t, &done)
        #expect(done[1] != nil && b.prefix(task: 0) == 0 && b.prefix(task: 1) == 800 && b.stats.prefixReclaims == 2)
        #expect(b.enqueue(request: 2, task: 0, promptTokens: 10, contextTokens: 800, outputTokens: 2, arrival: t))
        t = F.drain(b, from: t, &done)
        #expect(done[2] != nil && b.prefix(task: 1) == 0 && b.prefix(task: 0) == 800 && b.stats.prefixReclaims == 3)
        #expect(b.stats.preemptions == 0)
    }
}

extension ContinuousBatchingWorkedTests {
    /// Admission's predictions: alone on an idle instance a request's TTFT is predicted exactly
    /// (one pass, or the chunks of a long prompt); a sequence joining a decode set of one is
    /// predicted the TPOT of a two-sequence decode; work queued ahead raises the prediction.
    @Test func predictionsReadTheInstancesState() {
        let b = ContinuousBatcher(config: F.config(tokens: 64), shape: F.shape, roofline: F.gpu)
        var done: [Int32: LLMCompletion] = [:]
        let predicted = b.predictTTFT(prefillTokens: 200)
        #expect(b.enqueue(request: 0, task: 0, promptTokens: 200, contextTokens: 0, outputTokens: 1, arrival: 0))
        _ = F.drain(b, from: 0, &done)
        var chunks = 0.0
        for (start, n) in [(0, 64), (64, 64), (128, 64), (192, 8)] {
            chunks += F.pass(tokens: Double(n), attention: (Double(start) + Double(n + 1) / 2) * Double(n), kvRead: Double(start))
        }
        // The predictor treats each chunk as fresh (no cached part): below the truth, within the attention share.
        #expect(predicted <= chunks && predicted > 0.95 * chunks, "\(predicted) vs \(chunks)")
        let single = ContinuousBatcher(config: F.config(tokens: 512), shape: F.shape, roofline: F.gpu)
        let p1 = single.predictTTFT(prefillTokens: 100)
        #expect(F.close(p1, F.pass(tokens: 100, attention: 50.5 * 100, kvRead: 0)))
        // One sequence decoding with 100 cached tokens; a newcomer with 50 would decode two a pass.
        #expect(single.enqueue(request: 1, task: 0, promptTokens: 100, contextTokens: 0, outputTokens: 50, arrival: 0))
        var events = LLMEvents()
        _ = single.runIteration(now: 0, events: &events)
        #expect(F.close(single.predictTPOT(context: 50), F.pass(tokens: 2, attention: 100 + 50 + 2, kvRead: 150)))
        #expect(single.predictTTFT(prefillTokens: 100) > p1 * 0.99, "the decode token rides along")
        #expect(single.enqueue(request: 2, task: 0, promptTokens: 900, contextTokens: 0, outputTokens: 5, arrival: 0))
        #expect(single.waitingPrefillTokens == 900)
        #expect(single.predictTTFT(prefillTokens: 100) > 2 * p1, "900 tokens queued ahead")
        _ = F.drain(single, from: 1, &done)
        #expect(single.waitingPrefillTokens == 0 && single.runningPrefillTokensLeft == 0)
        // The pool grows any time, shrinks only when idle and above its prefixes.
        #expect(single.setPoolBlocks(20_000) && single.freeBlocks == 20_000 - single.usedBlocks)
        #expect(single.setPoolBlocks(5))
        #expect(!single.setPoolBlocks(0))
    }
}

extension ContinuousBatchingWorkedTests {
    /// A 15-block prefix of task 0 leaves 5 of 20 blocks; a task-0 request using 16 of its tokens
    /// needs 10 blocks of its own by the end. It decodes until the pool runs out, is preempted
    /// with nothing else running, takes the pool back from the (now unused) prefix, and completes.
    @Test func aLoneSequenceTakesThePoolBackFromThePrefixes() {
        let b = ContinuousBatcher(config: F.config(blocks: 20), shape: F.shape, roofline: F.gpu)
        #expect(b.setPrefix(task: 0, tokens: 240))
        #expect(b.enqueue(request: 0, task: 0, promptTokens: 50, contextTokens: 16, outputTokens: 100, arrival: 0))
        var done: [Int32: LLMCompletion] = [:]
        let end = F.drain(b, from: 0, &done)
        #expect(done[0]?.preemptions == 1)
        #expect(b.stats.prefixReclaims == 1)
        #expect(b.prefix(task: 0) == 16, "its recompute cached the 16 tokens it uses")
        #expect(end < 100, "no endless recompute")
    }
}

@Suite("Continuous batching: properties")
struct ContinuousBatchingPropertyTests {
    typealias F = LLMFixture

    static func poisson(seed: UInt64, count: Int, rate: Double, prompt: ClosedRange<Int>, output: ClosedRange<Int>,
                        context: Int = 0, tasks: Int = 1) -> [LLMArrival] {
        var rng = SplitMix64(seed: seed)
        var t = 0.0
        return (0..<count).map { _ in
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            t += -log(1 - u) / rate
            let p = prompt.lowerBound + Int(rng.next() % UInt64(prompt.count))
            let o = output.lowerBound + Int(rng.next() % UInt64(output.count))
            let task = Int(rng.next() % UInt64(tasks))
            return LLMArrival(time: t, task: task, promptTokens: p, contextTokens: context > 0 ? Int(rng.next() % UInt64(context)) : 0,
                              outputTokens: o)
        }
    }

    /// Little's law on the running set: its time-average size (the executor's integral) equals
    /// throughput × mean time a sequence spends in it (summed per sequence), within 2%, on a long
    /// Poisson run at a load that keeps several sequences running. And tokens are conserved.
    @Test func littlesLawOnTheRunningSetAndTokenConservation() {
        let arrivals = Self.poisson(seed: 11, count: 4000, rate: 3, prompt: 20...400, output: 10...200)
        let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(seqs: 32, tokens: 1024), arrivals: arrivals)
        #expect(r.completion.allSatisfy { $0.isFinite })
        let horizon = r.end
        let meanRunning = r.stats.runningSeqSeconds / horizon
        let throughput = Double(arrivals.count) / horizon
        let meanTime = r.runningSeconds.reduce(0, +) / Double(arrivals.count)
        #expect(meanRunning > 2, "the load keeps several sequences running (\(meanRunning))")
        #expect(abs(meanRunning - throughput * meanTime) <= 0.02 * meanRunning, "L \(meanRunning) vs λW \(throughput * meanTime)")
        // Every prompt token prefilled once (no preemption here), every later output token decoded once.
        #expect(r.stats.preemptions == 0)
        #expect(r.stats.prefillTokens == arrivals.reduce(0) { $0 + $1.promptTokens })
        #expect(r.stats.decodeTokens == arrivals.reduce(0) { $0 + $1.outputTokens - 1 })
        #expect(r.stats.busySeconds <= horizon)
    }

    /// Tokens are conserved under preemption too: Σ O = decode tokens + completed prefills, and
    /// the prefill tokens are the prompts plus what recompute prefilled again.
    @Test func tokensAreConservedUnderPreemption() {
        let arrivals = Self.poisson(seed: 5, count: 300, rate: 4, prompt: 20...200, output: 20...300)
        let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: F.config(seqs: 16, tokens: 512, blocks: 60), arrivals: arrivals)
        #expect(r.stats.preemptions > 0, "the small pool preempts")
        #expect(r.completion.allSatisfy { $0.isFinite }, "every preempted sequence completes")
        #expect(r.stats.decodeTokens + r.stats.prefillsCompleted == arrivals.reduce(0) { $0 + $1.outputTokens })
        #expect(r.stats.prefillTokens > arrivals.reduce(0) { $0 + $1.promptTokens })
    }

    /// The fast path (aggregates, heap, closed-form decode runs) against the plain reference
    /// stepper on random cases, small pools (preemptions), prefixes, chunking on and off:
    /// identical TTFT, TPOT and E2E to 1e-9 relative, identical preemption and iteration counts.
    @Test(arguments: 0..<16)
    func fastPathMatchesTheReferenceStepper(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        func pick(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(rng.next() % UInt64(r.count)) }
        let seqs = pick(2...24)
        let config = BatcherConfig(maxNumSeqs: seqs, maxNumBatchedTokens: seqs + pick(0...600), kvBlockTokens: [1, 4, 16, 32][pick(0...3)],
                                   chunkedPrefill: rng.next() % 4 != 0, prefixCaching: rng.next() % 2 == 0,
                                   kvBlocks: 0, tasks: 5)
        var c = config
        c.kvBlocks = (rng.next() % 3 == 0 ? 2_000 : 200) * 16 / config.kvBlockTokens
        let arrivals = Self.poisson(seed: UInt64(seed), count: 250, rate: Double(pick(1...12)), prompt: 1...300, output: 1...120,
                                    context: [0, 400, 1500][pick(0...2)], tasks: 5)
        let fast = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: c, arrivals: arrivals, fastPath: true)
        let slow = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: c, arrivals: arrivals, fastPath: false)
        let ref = ReferenceBatcher.run(shape: F.shape, roofline: F.gpu, config: c, arrivals: arrivals)
        #expect(fast.stats.iterations == ref.iterations && slow.stats.iterations == ref.iterations,
                "iterations fast \(fast.stats.iterations) slow \(slow.stats.iterations) reference \(ref.iterations)")
        #expect(fast.stats.preemptions == ref.preemptions && slow.stats.preemptions == ref.preemptions)
        #expect(fast.stats.prefixReclaims == ref.prefixReclaims && slow.stats.prefixReclaims == ref.prefixReclaims)
        #expect(fast.stats.prefillTokens == ref.prefillTokens && fast.stats.decodeTokens == ref.decodeTokens)
        #expect(fast.refused == arrivals.count - ref.seqs.count)
        var mismatches = 0
        for i in arrivals.indices {
            guard let s = ref.seq(request: i) else { #expect(fast.completion[i].isNaN); continue }
            for (x, y) in [(fast.firstToken[i], s.firstToken), (slow.firstToken[i], s.firstToken),
                           (fast.completion[i], s.completion), (slow.completion[i], s.completion)] where !F.close(x - arrivals[i].time, y - arrivals[i].time) {
                mismatches += 1
            }
            if fast.preemptions[i] != Int32(s.preemptions) { mismatches += 1 }
        }
        #expect(mismatches == 0, "seed \(seed): \(mismatches) mismatches (config \(c))")
        #expect(fast.stats.closedFormIterations > 0 && slow.stats.closedFormIterations == 0)
        #expect(F.close(fast.stats.runningSeqSeconds, slow.stats.runningSeqSeconds, 1e-9))
    }
}

@Suite("Language iteration time")
struct IterationTimeTests {
    typealias F = LLMFixture

    @Test func passMatchesTheFormulaAndAllReduceCostsOnTwoGPUs() {
        for (n, attn, kv) in [(1.0, 101.0, 100.0), (100, 5050, 0), (4096, 8e6, 2e4)] {
            #expect(F.close(LanguageIteration.seconds(F.shape, F.gpu, tokens: n, attention: attn, kvRead: kv), F.pass(tokens: n, attention: attn, kvRead: kv)))
        }
        #expect(LanguageIteration.seconds(F.shape, F.gpu, tokens: 0, attention: 0, kvRead: 0) == 0)
        var two = F.gpu
        two.gpus = 2
        // comm(2) = 2 × 40 × (10 µs + 2·1/2 × N × 4096 × 2 B / 100 GB/s); compute and memory halve.
        let n = 64.0
        let comm = 2 * 40 * (1e-5 + 1 * n * 4096 * 2 / 1e11)
        let c = 2 * 1e14 * 0.5 * n / (n + 8), w = 2 * 5e11
        let expected = 0.001 + max((2 * 1e10 * n + 655_360 * 100 * n) / c, (2e10 + (100 + n) * 1e5) / w) + comm
        #expect(F.close(LanguageIteration.seconds(F.shape, two, tokens: n, attention: 100 * n, kvRead: 100), expected))
    }

    /// E × (1 − (1 − k/E)^N): one token touches k experts, two tokens 8 × (1 − 0.75²) = 3.5 of
    /// 8 with k = 2, many tokens all of them; bytes are the shared weights plus those experts.
    @Test func mixtureOfExpertsTouchesTheExpectedDistinctExperts() {
        var moe = F.shape
        moe.experts = 8; moe.expertsPerToken = 2; moe.expertBytes = 2e9; moe.sharedBytes = 4e9
        moe.weightBytes = 4e9 + 8 * 2e9; moe.activeParams = 2e9 + 2 * 1e9
        #expect(F.close(moe.expectedExperts(tokens: 1), 2))
        #expect(F.close(moe.expectedExperts(tokens: 2), 3.5))
        #expect(F.close(moe.expectedExperts(tokens: 1000), 8))
        #expect(F.close(moe.weightBytesTouched(tokens: 2), 4e9 + 3.5 * 2e9))
        #expect(F.shape.weightBytesTouched(tokens: 5) == 2e10)
        // A decode pass of one token reads 8 GB, not the 20 GB resident.
        let t = LanguageIteration.seconds(moe, F.gpu, tokens: 1, attention: 101, kvRead: 100)
        let flops: Double = 2 * 4e9 + 655_360 * 101, bytes: Double = 8e9 + 101 * 1e5
        let expected: Double = 0.001 + max(flops / (5e13 / 9), bytes / 5e11)
        #expect(F.close(t, expected))
    }

    /// Calibration's two efficiency effects (pfmplan-model(7), DEPARTURES): a weight matrix split
    /// t ways runs at (w/t) / (w/t + mfu_half_width) of C(n), and a mixture of experts' routed
    /// products at the efficiency of the tokens each touched expert takes and of its width.
    @Test func narrowMatricesAndRoutedExpertsRunBelowThePlateau() {
        var shape = F.shape
        shape.denseWidth = 4096
        var g = F.gpu
        g.mfuHalfWidth = 256
        let n = 4096.0   // compute-bound: 8.2e13 FLOPs against 2.04e10 bytes
        for t in [1, 8] {
            g.gpus = t
            g.linkLatencyS = 0; g.linkBytesPerS = .infinity
            let w = 4096 / Double(t), f = w / (w + 256)
            let c = Double(t) * 1e14 * 0.5 * n / (n + 8)
            let expected = 0.001 + 2 * 1e10 * n / (c * f) + 655_360 * 100 * n / c
            #expect(F.close(LanguageIteration.seconds(shape, g, tokens: n, attention: 100 * n, kvRead: 0), expected), "t = \(t)")
        }
        #expect(F.close(g.widthFactor(4096), 512.0 / 768) && F.gpu.widthFactor(4096) == 1 && g.widthFactor(0) == 1)
        // 128 experts, 8 per token: 512 tokens touch D = 128 (1 − (120/128)^512) experts, each taking 4096 / D tokens.
        var moe = shape
        moe.experts = 128; moe.expertsPerToken = 8; moe.expertBytes = 1e8; moe.sharedBytes = 2e9
        moe.weightBytes = 2e9 + 128 * 1e8; moe.activeParams = 3e9; moe.routedParams = 2e9; moe.expertWidth = 768
        g.gpus = 1
        let m = 512.0, d = 128 * (1 - Foundation.pow(120.0 / 128, m)), perExpert = m * 8 / d
        let cN = 1e14 * 0.5 * m / (m + 8), cE = 1e14 * 0.5 * perExpert / (perExpert + 8)
        let compute = 2 * 1e9 * m / (cN * (4096 / 4352.0)) + 2 * 2e9 * m / (cE * (768 / 1024.0)) + 655_360 * 10 * m / cN
        let bytes = moe.weightBytesTouched(tokens: m) + m * 1e5
        #expect(compute > bytes / 5e11)
        #expect(F.close(LanguageIteration.seconds(moe, g, tokens: m, attention: 10 * m, kvRead: 0), 0.001 + compute))
    }

    /// The closed form of a decode run equals the iteration-by-iteration sum, on either side of
    /// the compute/memory crossing and across it.
    @Test(arguments: [(1.0, 100.0), (64, 1_000), (256, 30_000), (2048, 1e6)])
    func decodeRunClosedFormEqualsTheSum(batch: Double, cached: Double) {
        var moe = F.shape
        moe.experts = 16; moe.expertsPerToken = 2; moe.expertBytes = 1e9; moe.sharedBytes = 4e9
        var routed = moe
        routed.routedParams = 1e9; routed.denseWidth = 4096; routed.expertWidth = 1024
        var narrow = F.gpu
        narrow.gpus = 4; narrow.mfuHalfWidth = 256
        for (shape, gpu) in [(F.shape, F.gpu), (moe, F.gpu), (routed, narrow)] {
            for count in [1, 7, 500] {
                var sum = 0.0
                for j in 0..<count {
                    let c = cached + Double(j) * batch
                    sum += LanguageIteration.seconds(shape, gpu, tokens: batch, attention: c + batch, kvRead: c)
                }
                #expect(F.close(LanguageIteration.decodeRunSeconds(shape, gpu, batch: batch, cached: cached, count: count), sum, 1e-11))
            }
        }
    }
}

@Suite("Continuous batching: bad input")
struct ContinuousBatchingBadInputTests {
    typealias F = LLMFixture

    @Test func configsAndRequestsThatCannotRunAreRefused() {
        #expect(F.config(seqs: 0).problem != nil)
        #expect(F.config(seqs: 8, tokens: 4).problem?.contains("at least max_num_seqs") == true)
        #expect(F.config(block: 0).problem != nil)
        #expect(F.config(blocks: 0).problem != nil)
        #expect(F.config().problem == nil)
        let b = ContinuousBatcher(config: F.config(blocks: 10), shape: F.shape, roofline: F.gpu)
        #expect(!b.enqueue(request: 0, task: 0, promptTokens: 100, contextTokens: 0, outputTokens: 100, arrival: 0), "201 tokens in 160")
        #expect(!b.enqueue(request: 0, task: 0, promptTokens: 0, contextTokens: 0, outputTokens: 1, arrival: 0))
        #expect(!b.enqueue(request: 0, task: 0, promptTokens: 1, contextTokens: 0, outputTokens: 0, arrival: 0))
        #expect(!b.enqueue(request: 0, task: 7, promptTokens: 1, contextTokens: 0, outputTokens: 1, arrival: 0))
        #expect(b.waitingCount == 0 && !b.hasWork)
    }

    static func runtime(_ keys: String, batching: String = "continuous") -> String {
        ServerCatalogs.text(models: [("a", 1000, 100, 1)])
            .replacingOccurrences(of: "llm_batching: static", with: "llm_batching: \(batching)\(keys)")
    }

    static let good = "\n    max_num_seqs: 8\n    max_num_batched_tokens: 64\n    kv_block_tokens: 16\n    chunked_prefill: true\n    prefix_caching: false"

    @Test func schedulerKeysParseAndAreRequiredWithContinuousBatching() throws {
        let c = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: Self.runtime(Self.good))])
        #expect(c.runtimes[0].scheduler == LLMSchedulerSpec(maxNumSeqs: 8, maxNumBatchedTokens: 64, kvBlockTokens: 16, chunkedPrefill: true, prefixCaching: false))
        let plain = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: Self.runtime("", batching: "static"))])
        #expect(plain.runtimes[0].scheduler == nil)
        let embedded = try CatalogLoader.load(sources: CatalogLoader.embeddedSources)
        let vllm = try #require(embedded.runtime("vllm")?.scheduler)
        #expect(vllm.maxNumSeqs >= 1 && vllm.maxNumBatchedTokens >= vllm.maxNumSeqs && vllm.kvBlockTokens >= 1)
    }

    @Test(arguments: [
        ("", "runtimes[0].max_num_seqs", "missing required key 'max_num_seqs'"),
        ("\n    max_num_seqs: 8", "runtimes[0].max_num_batched_tokens", "missing required key"),
        (ContinuousBatchingBadInputTests.good.replacingOccurrences(of: "kv_block_tokens: 16", with: "kv_block_tokens: 0"), "runtimes[0].kv_block_tokens", "between 1 and"),
        (ContinuousBatchingBadInputTests.good.replacingOccurrences(of: "max_num_batched_tokens: 64", with: "max_num_batched_tokens: 4"), "runtimes[0].max_num_batched_tokens",
         "below max_num_seqs"),
        (ContinuousBatchingBadInputTests.good.replacingOccurrences(of: "max_num_seqs: 8", with: "max_num_seqs: -3"), "runtimes[0].max_num_seqs", "between 1 and"),
        (ContinuousBatchingBadInputTests.good.replacingOccurrences(of: "chunked_prefill: true", with: "chunked_prefill: sometimes"), "runtimes[0].chunked_prefill", "true or false"),
    ])
    func badSchedulerKeysArePositionedErrors(_ keys: String, _ path: String, _ message: String) {
        do {
            _ = try CatalogLoader.load(sources: [.init(name: "x.yaml", text: Self.runtime(keys))])
            Issue.record("accepted \(keys)")
        } catch {
            let d = error.diagnostics.first { $0.path == path }
            #expect(d != nil, "\(error.diagnostics.map { "\($0.path): \($0.message)" })")
            #expect(d?.message.contains(message) == true, "\(d?.message ?? "")")
            #expect(d?.location?.line ?? 0 > 0)
        }
        // A static runtime given only some of the keys is refused as well.
        #expect(throws: (any Error).self) {
            try CatalogLoader.load(sources: [.init(name: "x.yaml", text: Self.runtime("\n    max_num_seqs: 8", batching: "static"))])
        }
    }
}

@Suite("Continuous batching: allocations")
struct ContinuousBatchingAllocationTests {
    typealias F = LLMFixture

    /// The executor allocates nothing per request or per iteration: a run ten times longer makes
    /// the same allocations, but for the waiting ring's doublings and the result arrays' sizes.
    @Test(.enabled(if: AllocationTests.counting, "needs glibc malloc interposition, without a sanitizer"))
    func noAllocationPerRequest() {
        let config = F.config(seqs: 32, tokens: 1024, blocks: 400)   // preemptions too
        let short = ContinuousBatchingPropertyTests.poisson(seed: 3, count: 2_000, rate: 4, prompt: 20...300, output: 10...150,
                                                            context: 300, tasks: 2)
        let long = ContinuousBatchingPropertyTests.poisson(seed: 3, count: 20_000, rate: 4, prompt: 20...300, output: 10...150,
                                                           context: 300, tasks: 2)
        var preempted = 0
        func count(_ a: [LLMArrival]) -> UInt64 {
            let before = pfm_malloc_thread_count()
            let r = SingleInstanceLLMSimulation.run(shape: F.shape, roofline: F.gpu, config: config, arrivals: a)
            preempted = r.stats.preemptions
            return pfm_malloc_thread_count() - before
        }
        let s = count(short), l = count(long)
        #expect(preempted > 0)
        #expect(l <= s + 16, "\(l) allocations for 20,000 requests against \(s) for 2,000")
    }
}

@Suite("Language estimate")
struct LanguageEstimateTests {
    typealias F = LLMFixture

    /// A catalog language model's shape: a dense one computes all its parameters; a mixture of
    /// experts resides whole, computes the shared part plus k experts, and reads the shared bytes
    /// plus the experts its tokens touch. Without its architecture it is refused.
    @Test func shapesFromTheCatalog() throws {
        let p = try #require(CatalogLoader.loadDefault().precision("fp16"))
        #expect(p.bytesPerWeight == 2 && p.bytesPerKV == 2)
        let arch = LanguageArchitecture(layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, experts: 8, expertsPerToken: 2,
                                        expertParamsM: 176)
        let moe = ModelSpec(id: "mix", name: "mix", family: .language, parametersM: 46_700, gflops: 26, layers: 32, kvWidth: 1024,
                            tasks: [], architecture: arch)
        let s = try LanguageShape.of(moe, p)
        let expert = 32 * 176e6
        #expect(s.expertBytes == expert * 2)
        #expect(s.weightBytes == 46_700e6 * 2)
        #expect(s.sharedBytes == 46_700e6 * 2 - 8 * expert * 2)
        #expect(s.activeParams == 46_700e6 - 6 * expert)
        #expect(s.kvBytesPerToken == 2 * 32 * 1024 * 2)
        #expect(s.weightBytesTouched(tokens: 1) == s.sharedBytes + 2 * s.expertBytes)
        var dense = moe
        dense.architecture?.experts = nil
        #expect(try LanguageShape.of(dense, p).activeParams == 46_700e6)
        var bare = moe
        bare.architecture = nil
        #expect(throws: SetupError.self) { try LanguageShape.of(bare, p) }
    }

    /// The static estimate is one prefill pass and O − 1 decode passes of the batch, each the
    /// §4 iteration time; at a rate it runs the continuous-batching executor.
    @Test func staticAndRateEstimatesOnTheEmbeddedCatalog() throws {
        let c = try CatalogLoader.loadDefault()
        let q = LanguageEstimate.Question(model: "gpt3-13b", accelerator: "l4", gpus: 1, precision: "int8", runtime: "vllm", batch: 4,
                                          tokensIn: 100, tokensOut: 20, rate: nil, requests: 0, seed: 1)
        let e = try LanguageEstimate.run(c, q)
        let shape = try LanguageShape.of(c.model("gpt3-13b")!, c.precision("int8")!)
        let group = try GroupRoofline.of(c.accelerator("l4")!, gpus: 1, precision: c.precision("int8")!, profile: c.runtime("vllm")!.families[.language]!,
                                         kneeScale: c.kneeScale(accelerator: c.accelerator("l4")!, precision: c.precision("int8")!))
        #expect(F.close(e.ttft, LanguageIteration.seconds(shape, group, tokens: 400, attention: 4 * 100 * 50.5, kvRead: 0)))
        var decode = 0.0
        for j in 0..<19 { decode += LanguageIteration.seconds(shape, group, tokens: 4, attention: Double(400 + 4 * j + 4), kvRead: Double(400 + 4 * j)) }
        #expect(F.close(e.tpot, decode / 19))
        #expect(e.fits)
        var r = q
        r.rate = 2; r.requests = 200; r.batch = 1
        let cont = try LanguageEstimate.run(c, r)
        #expect(cont.fits && cont.rateResult?.requests == 200)
        #expect(cont.rateResult!.ttft.p95 >= cont.rateResult!.ttft.p50)
        // The vision model has no language iteration.
        var v = q
        v.model = "uniformer-s"
        #expect(throws: SetupError.self) { try LanguageEstimate.run(c, v) }
    }
}
