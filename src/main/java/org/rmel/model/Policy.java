package org.rmel.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmel.chat.ChatTemplate;

/**
 * The language model as the trainer sees it: sampling, scoring and updating, with plain Java
 * types only so the training loop never touches DJL. Not thread-safe: one caller at a time.
 * Create one with {@link Policies}.
 */
public interface Policy extends AutoCloseable {

    Tokenizer tokenizer();

    /** The model folder's chat template (Hugging Face {@code chat_template}), when it has one. */
    default Optional<ChatTemplate> chatTemplate() {
        return Optional.empty();
    }

    /**
     * Ids that always end a sample (kept as its last token): the end-of-sequence ids of
     * config.json, generation_config.json and the tokenizer, and the chat template's end-of-turn
     * token. A sample that ends otherwise was cut at the length limit ({@link Sample#stopped()}).
     */
    default Set<Integer> stopTokenIds() {
        return Set.of(tokenizer().eosId());
    }

    /** One sample per prompt (repeat a prompt to get several); batched with a KV cache. */
    List<Sample> sample(List<int[]> prompts, SamplingParams params);

    /** {@code groupSize} samples for each prompt, in prompt order. */
    default List<List<Sample>> sampleGroups(List<int[]> prompts, int groupSize, SamplingParams params) {
        List<int[]> repeated = new ArrayList<>();
        for (int[] p : prompts) {
            for (int k = 0; k < groupSize; k++) {
                repeated.add(p);
            }
        }
        List<Sample> flat = sample(repeated, params);
        List<List<Sample>> groups = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            groups.add(List.copyOf(flat.subList(i * groupSize, (i + 1) * groupSize)));
        }
        return groups;
    }

    /**
     * Continues each {@code prompts[i] + prefixes[i]}; the samples hold only the tokens after the
     * prefix. This is what revision does with a truncated failed trajectory.
     */
    default List<Sample> continueFrom(List<int[]> prompts, List<int[]> prefixes, SamplingParams params) {
        if (prompts.size() != prefixes.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + prefixes.size() + " prefixes");
        }
        List<int[]> joined = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            joined.add(concat(prompts.get(i), prefixes.get(i)));
        }
        return sample(joined, params);
    }

    /** Per-token log-probabilities of each completion given its prompt (no gradient), at temperature 1. */
    List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions);

    /**
     * Per-token log-probabilities of each completion under softmax(logits / {@code temperature})
     * (no gradient), scored in consecutive micro-batches of {@code microBatchSize} sequences — the
     * batching {@link #trainStep} uses for its policy-gradient samples, so the old log-probabilities
     * of a PPO update come from exactly the forward pass its first mini-batch repeats.
     */
    List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
            int microBatchSize);

    /**
     * As {@link #sequenceLogprobs(List, List, double, int)} under the frozen reference policy.
     *
     * @throws IllegalStateException when there is no reference ({@link #freezeReference()})
     */
    List<float[]> referenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
            int microBatchSize);

    /**
     * Keeps a frozen copy of the current weights as the KL reference π_ref (one more copy of the
     * weights in device memory). Call it on the starting policy, before any update.
     */
    void freezeReference();

    boolean hasReference();

    /**
     * One optimizer step on one PPO mini-batch: VERL's clipped policy loss (dual clip, log-ratio
     * clamp) over every response of {@code pg} (zero-advantage ones count in the aggregation), plus
     * {@code klCoef} × the KL loss when on, plus {@code nllWeight} × NLL of {@code nll}; see
     * {@link TrainStepParams} and {@link LossAggregation}. The mini-batch is run in micro-batches
     * with accumulated gradients. A non-finite gradient norm leaves the weights and optimizer state
     * unchanged and returns a result with {@code skipped} set. Either list may be empty, not both.
     */
    TrainStepResult trainStep(List<PolicyGradientSample> pg, List<NllSample> nll, TrainStepParams params);

    /** A plain supervised step (warm start): NLL only. */
    default TrainStepResult supervisedStep(List<NllSample> nll, TrainStepParams params) {
        return trainStep(List.of(), nll, params);
    }

    /**
     * Writes a Hugging Face style folder (config.json, model.safetensors, tokenizer) plus the
     * optimizer state; {@link Policies#load} restores it exactly.
     */
    void save(Path dir);

    /**
     * Loads the weights and optimizer state of a checkpoint written by {@link #save} into this
     * policy, keeping its reference: how a resumed run continues with the reference frozen from
     * its starting point.
     *
     * @throws org.rmel.base.BadInputException when the checkpoint does not fit this model
     */
    void restore(Path checkpoint);

    /** Number of optimizer steps taken so far (restored by load); skipped steps do not count. */
    long optimizerSteps();

    DeviceInfo deviceInfo();

    /** The number format the model computes in (fp32 or bf16); a wrapper should delegate. */
    default Precision precision() {
        return Precision.FP32;
    }

    /** The architecture's sizes (for memory estimates); null when unknown. A wrapper should delegate. */
    default Qwen2Config config() {
        return null;
    }

    /**
     * At most this many sequences are sampled together ({@code sampling_micro_batch_size}); the
     * KV cache of that many rows is in memory at once. A wrapper should delegate.
     */
    default void setSamplingMicroBatchSize(int rows) {
    }

    /** A one-line description: architecture, sizes, parameter count. */
    String describe();

    @Override
    void close();

    static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
