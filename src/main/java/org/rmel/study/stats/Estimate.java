package org.rmel.study.stats;

/**
 * A statistic over a study's seeds with its 95 % two-level bootstrap interval (percentile, type-7
 * quantiles): {@code value} is the statistic on the data as observed, {@code low}/{@code high}
 * the 2.5th and 97.5th percentiles over the resamples. Fractions, not percentages. NaN when there
 * is no data.
 *
 * @param seeds the seeds the statistic is over (for a paired difference: the seeds both conditions finished)
 */
public record Estimate(double value, double low, double high, int seeds, int resamples) {
    public static Estimate missing() {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    public boolean present() {
        return !Double.isNaN(value);
    }

    /** Whether the interval lies entirely above 0. */
    public boolean above(double x) {
        return low > x;
    }

    /** Whether the interval lies entirely below 0. */
    public boolean below(double x) {
        return high < x;
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
