package org.rmel.model;

import java.util.Set;

/**
 * How to draw new tokens.
 *
 * @param temperature divides the logits before sampling (ignored when {@code greedy})
 * @param topP nucleus size in (0, 1]; 1 keeps the whole vocabulary
 * @param greedy take the most likely token every step
 * @param maxNewTokens at most this many new tokens per sample
 * @param stopTokenIds sampling of a row ends after any of these (the tokenizer's eos always stops)
 * @param seed makes a call reproducible: the same prompts, parameters and seed give the same tokens
 */
public record SamplingParams(
        double temperature, double topP, boolean greedy, int maxNewTokens, Set<Integer> stopTokenIds, long seed) {

    public SamplingParams {
        if (!greedy && !(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0 when sampling, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be >= 1, got " + maxNewTokens);
        }
        stopTokenIds = Set.copyOf(stopTokenIds);
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(1.0, 1.0, true, maxNewTokens, Set.of(), 0L);
    }

    public static SamplingParams sampled(double temperature, double topP, int maxNewTokens, long seed) {
        return new SamplingParams(temperature, topP, false, maxNewTokens, Set.of(), seed);
    }

    public SamplingParams withStopTokens(Set<Integer> ids) {
        return new SamplingParams(temperature, topP, greedy, maxNewTokens, ids, seed);
    }

    public SamplingParams withSeed(long newSeed) {
        return new SamplingParams(temperature, topP, greedy, maxNewTokens, stopTokenIds, newSeed);
    }

    public SamplingParams withMaxNewTokens(int n) {
        return new SamplingParams(temperature, topP, greedy, n, stopTokenIds, seed);
    }
}
