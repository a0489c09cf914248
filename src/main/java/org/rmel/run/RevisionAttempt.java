package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One continuation attempt of a revision: the seed cut at {@code cut} tokens (⌊τ·|y−|⌋),
 * continued with {@code tokens} newly generated tokens. {@code lcp} is the longest common
 * prefix with the seed in tokens and {@code lcp_ratio} = lcp / |y−|.
 *
 * <p>{@code prefix_bytes} (optional; written since the trainer records token offsets) is the kept
 * prefix's exact length in UTF-8 bytes of the seed text (the first {@code cut} tokens). The
 * revision's text is then exactly the seed text's whole characters within those bytes followed by
 * {@code continuation}: when the boundary splits a multi-byte character (byte-level BPE), that
 * character is part of {@code continuation}. Null in runs written before.
 */
public record RevisionAttempt(
        double tau,
        int cut,
        String continuation,
        int tokens,
        String answer,
        boolean verified,
        int lcp,
        @JsonProperty("lcp_ratio") double lcpRatio,
        boolean accepted,
        @JsonProperty("prefix_bytes") @JsonInclude(JsonInclude.Include.NON_NULL) Integer prefixBytes) {

    /** An attempt without a recorded prefix length (runs of contract v1 before token offsets). */
    public RevisionAttempt(double tau, int cut, String continuation, int tokens, String answer, boolean verified, int lcp,
                           double lcpRatio, boolean accepted) {
        this(tau, cut, continuation, tokens, answer, verified, lcp, lcpRatio, accepted, null);
    }
}
