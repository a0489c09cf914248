package org.rmel.model;

import java.util.Arrays;
import java.util.List;

/**
 * How per-token losses of a mini-batch become one number, with VERL's names and meaning
 * ({@code loss_agg_mode}). Every mode is a fixed weight per token, computed over the whole
 * mini-batch, so summing weighted token losses micro-batch by micro-batch gives exactly the
 * mini-batch's value. N is the number of sequences in the mini-batch, L_i the length of sequence
 * i, T = Σ L_i; every sequence counts, including those whose advantage is 0.
 */
public enum LossAggregation {
    /** Σ_i Σ_t ℓ_it / T: every token of the mini-batch weighs the same. */
    TOKEN_MEAN("token-mean"),
    /** (1/N) Σ_i Σ_t ℓ_it: a sequence's loss is its token sum; sequences are averaged. */
    SEQ_MEAN_TOKEN_SUM("seq-mean-token-sum"),
    /** (1/N) Σ_i (1/L_i) Σ_t ℓ_it: a sequence's loss is its token mean; sequences are averaged. */
    SEQ_MEAN_TOKEN_MEAN("seq-mean-token-mean");

    /** The wire names, as in VERL's {@code loss_agg_mode}. */
    public static final List<String> NAMES = Arrays.stream(values()).map(LossAggregation::wireName).toList();

    private final String wireName;

    LossAggregation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static LossAggregation fromName(String name) {
        for (LossAggregation a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown loss aggregation '" + name + "'; one of " + String.join(", ", NAMES));
    }

    /**
     * The weight of each token of a sequence of {@code length} tokens in a mini-batch of
     * {@code sequences} sequences holding {@code tokens} tokens in all (0 for an empty batch).
     */
    public double tokenWeight(int length, int sequences, long tokens) {
        if (sequences == 0 || tokens == 0 || length == 0) {
            return 0;
        }
        return switch (this) {
            case TOKEN_MEAN -> 1.0 / tokens;
            case SEQ_MEAN_TOKEN_SUM -> 1.0 / sequences;
            case SEQ_MEAN_TOKEN_MEAN -> 1.0 / ((double) sequences * length);
        };
    }

    /** {@link #tokenWeight} for each sequence of the given lengths (one mini-batch). */
    public double[] tokenWeights(int[] lengths) {
        long tokens = 0;
        for (int l : lengths) {
            tokens += l;
        }
        double[] out = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            out[i] = tokenWeight(lengths[i], lengths.length, tokens);
        }
        return out;
    }
}
