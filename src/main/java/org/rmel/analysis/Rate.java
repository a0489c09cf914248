package org.rmel.analysis;

/**
 * A success count over trials with its Wilson score interval (95 % by default), the interval
 * that stays inside [0, 1] and behaves at small counts — revision success per difficulty
 * bucket is often a handful of successes in a few dozen tries.
 */
public record Rate(long successes, long trials, double value, double low, double high) {
    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    public static Rate of(long successes, long trials) {
        return of(successes, trials, Z95);
    }

    /** NaN value and bounds when there are no trials. */
    public static Rate of(long successes, long trials, double z) {
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes out of " + trials + " trials");
        }
        if (trials == 0) {
            return new Rate(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
        return new Rate(successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
