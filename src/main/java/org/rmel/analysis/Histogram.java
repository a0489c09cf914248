package org.rmel.analysis;

import java.util.Arrays;

/**
 * Counts of LCP ratios in ten bins of width 0.1 over [0, 1]; bin i holds [i/10, (i+1)/10), the
 * last bin also holds 1.0. Fixed bins keep the live state constant-size however long the run.
 */
public record Histogram(long[] counts) {
    public static final int BINS = 10;

    public static int bin(double ratio) {
        if (!(ratio >= 0)) {
            return 0;
        }
        return Math.min(BINS - 1, (int) Math.floor(ratio * BINS + 1e-9));
    }

    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
