package org.rmel.analysis;

import java.util.Map;

/**
 * LCP-ratio distributions: of every attempt, of accepted revisions, and of accepted revisions
 * per τ; {@code acceptedBelowHalf} is the share of accepted revisions with a ratio under 0.5
 * (33.9 % in the paper's "w/o prefix" ablation).
 */
public record LcpStats(Histogram attempts, Histogram accepted, Map<String, Histogram> acceptedByTau,
        Rate acceptedBelowHalf) {
}
