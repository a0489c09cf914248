package org.rmel.figures.data;

/**
 * The LCP ratio of one revision attempt (LCP with the seed over the seed's length) at truncation
 * ratio τ; {@code verified} and not {@code accepted} means the LCP filter rejected it.
 */
public record LcpSample(double tau, double lcpRatio, boolean accepted, boolean verified) {
    public LcpSample(double tau, double lcpRatio, boolean accepted) {
        this(tau, lcpRatio, accepted, accepted);
    }

    /** Verified but refused by the LCP filter. */
    public boolean filtered() {
        return verified && !accepted;
    }
}
