package org.rmel.figures.data;

/**
 * A success rate in one bucket with its confidence interval (Wilson, computed by the analysis package).
 *
 * @param label bucket name as shown on the axis, e.g. "2/3" or "Q3"
 */
public record RateBucket(String label, long successes, long trials, double rate, double lo, double hi) {
}
