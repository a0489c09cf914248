package org.rmel.model;

import java.util.Locale;

/**
 * Device memory of a training step, estimated from the model's shape and the step's sizes before
 * anything is allocated: printed before the first step, by {@code doctor}, and with a CUDA
 * out-of-memory error. Sampling and the update do not overlap in time (the KV cache is gone before
 * the update starts), so the peak is the resident part plus the larger of the two.
 *
 * <ul>
 *   <li>weights: float32 master copy (4 B/parameter) plus, in bf16, the bfloat16 compute copy (2 B);</li>
 *   <li>gradients: float32 (4 B); optimizer: AdamW's two float32 moments (8 B);</li>
 *   <li>reference: the frozen copy for the KL loss ({@code use_kl_loss}), in the compute format;</li>
 *   <li>KV cache: rows × (prompt + new tokens) × layers × 2 × kv heads × head size, compute format;</li>
 *   <li>sampling activations: the prefill of one layer (hidden states, projections, MLP, the key/value
 *       heads repeated for attention; a long prefill runs a few rows at a time) and the sampler's
 *       float32 work on the last position's logits;</li>
 *   <li>training activations: per micro-batch, what autograd keeps per layer and token (counted from
 *       this model's forward pass: norms in float32, projections, rotary, MLP, the attention inputs and
 *       output and its float32 log-sum-exp per head) plus the float32 logits and log-probabilities over
 *       the vocabulary, and one layer's backward temporaries.</li>
 * </ul>
 *
 * Attention is PyTorch's fused {@code scaled_dot_product_attention}: on a GPU its memory-efficient
 * kernel never stores the [tokens × tokens] matrix, so nothing here grows with the square of the
 * length. (PyTorch's CPU path may; the CPU runs small models.)
 *
 * Not counted: the allocator's fragmentation and CUDA's own context (a few hundred MB), so leave
 * some headroom.
 */
public record MemoryEstimate(long weights, long gradients, long optimizer, long reference, long kvCache,
        long samplingActivations, long trainingActivations, Precision precision) {

    /**
     * The sizes of one training step.
     *
     * @param samplingRows sequences sampled together ({@code sampling_micro_batch_size}, or fewer if the step has fewer)
     * @param promptTokens the longest prompt (with any revision prefix)
     * @param newTokens {@code max_new_tokens}
     * @param trainRows sequences per forward/backward micro-batch ({@code micro_batch_size})
     * @param trainTokens the longest training sequence (prompt + response, or a MEL context + target)
     * @param klReference a frozen reference copy is kept ({@code use_kl_loss})
     */
    public record Workload(int samplingRows, int promptTokens, int newTokens, int trainRows, int trainTokens,
            boolean klReference) {
    }

    /** The estimate for {@code config} in {@code precision} (already settled: fp32 or bf16). */
    public static MemoryEstimate of(Qwen2Config c, Precision precision, Workload w) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("settle the precision for the device first");
        }
        long p = c.parameterCount();
        long act = precision.activationBytes();
        boolean bf16 = precision == Precision.BF16;
        long weights = p * 4 + (bf16 ? p * 2 : 0);
        long reference = w.klReference() ? p * act : 0;
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKvHeads() * c.headDim();
        long inter = c.intermediateSize();
        long heads = c.numHeads();
        long vocab = c.vocabSize();
        long layers = c.numLayers();

        long seq = (long) w.promptTokens() + w.newTokens();
        long cache = w.samplingRows() * seq * layers * 2 * kv * act;
        long prompt = w.promptTokens();
        // a long prefill runs a few rows at a time (Qwen2Model.CHUNK_TOKENS)
        long prefillTokens = Math.min((long) w.samplingRows() * prompt, Math.max(prompt, Qwen2Model.CHUNK_TOKENS));
        long prefillLayer = prefillTokens * (6 * h + 6 * q + 3 * kv + 5 * inter) * act;
        long sampler = w.samplingRows() * vocab * 4 * 8;
        long sampling = prefillLayer + sampler + cache / Math.max(1, layers); // one layer's cache is copied per step

        long t = w.trainTokens();
        long perTokenLayer = (bf16 ? 20 * h : 16 * h) + (q + 2 * kv) * act + 3 * (q + kv) * act + q * act
                + 5 * inter * act + 2 * h * act;
        long attention = 4 * q * act + heads * 4;
        long logits = vocab * (bf16 ? 18 : 16);
        long tokens = (long) w.trainRows() * t;
        long backwardLayer = tokens * (perTokenLayer + attention) * 2;
        long training = tokens * layers * (perTokenLayer + attention) + tokens * logits + backwardLayer;
        return new MemoryEstimate(weights, p * 4, p * 8, reference, cache, sampling, training, precision);
    }

    /** Always there: weights, gradients, optimizer state, reference copy. */
    public long resident() {
        return weights + gradients + optimizer + reference;
    }

    /** The expected peak of a step. */
    public long total() {
        return resident() + Math.max(kvCache + samplingActivations, trainingActivations);
    }

    private boolean samplingPeaks() {
        return kvCache + samplingActivations >= trainingActivations;
    }

    /** Which phase sets the peak: "sampling" or "the update". */
    public String peakPhase() {
        return samplingPeaks() ? "sampling" : "the update";
    }

    /** The setting that lowers the peak. */
    public String peakSetting() {
        return samplingPeaks() ? "sampling_micro_batch_size" : "micro_batch_size";
    }

    /** One line: every part and the total, in GiB. */
    public String describe() {
        return String.format(Locale.ROOT, "memory estimate (%s): weights %s + gradients %s + AdamW %s%s; then "
                        + "sampling: KV cache %s + activations %s, or the update: activations %s; peak %s in %s",
                precision.label(), gib(weights), gib(gradients), gib(optimizer),
                reference > 0 ? " + KL reference " + gib(reference) : "", gib(kvCache), gib(samplingActivations),
                gib(trainingActivations), gib(total()), peakPhase());
    }

    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
