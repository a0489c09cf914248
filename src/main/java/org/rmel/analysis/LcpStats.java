package org.rmel.analysis;

import java.util.Map;

/**
 * LCP-ratio distributions: of every attempt and of accepted revisions, each overall and per τ
 * (keyed by τ as written, e.g. "0.7"); {@code acceptedBelowHalf} is the share of accepted
 * revisions with a ratio under 0.5 (33.9 % in the paper's "w/o prefix" ablation);
 * {@code filterRejected} counts the verified attempts the LCP filter rejected, over all verified
 * attempts, under the run's own reading ({@code lcp_rule}, {@code tau_min}, {@code revision_mode}).
 */
public record LcpStats(Histogram attempts, Map<String, Histogram> attemptsByTau, Histogram accepted,
        Map<String, Histogram> acceptedByTau, Rate acceptedBelowHalf, Rate filterRejected) {
}
