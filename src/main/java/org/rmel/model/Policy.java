package org.rmel.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The language model as the trainer sees it: sampling, scoring and updating, with plain Java
 * types only so the training loop never touches DJL. Not thread-safe: one caller at a time.
 * Create one with {@link Policies}.
 */
public interface Policy extends AutoCloseable {

    Tokenizer tokenizer();

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

    /** Per-token log-probabilities of each completion given its prompt (no gradient). */
    List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions);

    /**
     * One AdamW step on clipped policy-gradient loss (token mean) + nllWeight * NLL (token mean).
     * Either list may be empty, not both.
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

    /** Number of optimizer steps taken so far (restored by load). */
    long optimizerSteps();

    DeviceInfo deviceInfo();

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
