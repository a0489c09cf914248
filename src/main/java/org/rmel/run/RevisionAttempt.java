package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One continuation attempt of a revision: the seed cut at {@code cut} tokens (⌊τ·|y−|⌋),
 * continued with {@code tokens} newly generated tokens. {@code lcp} is the longest common
 * prefix with the seed in tokens and {@code lcp_ratio} = lcp / |y−|.
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
        boolean accepted) {
}
