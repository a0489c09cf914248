package org.rmel.figures.data;

import java.util.List;

/**
 * Bars of a statistic over a study's seeds — one bar per (series, bucket), e.g. a condition's
 * revision success in a difficulty band pooled over seeds — with its interval and the per-seed
 * values drawn as dots on the bar.
 */
public record SeedBarPanel(String title, String xLabel, String yLabel, List<Series> series) {
    public SeedBarPanel {
        series = List.copyOf(series);
    }

    /** One series (a condition, or a condition's source such as extra rollouts). */
    public record Series(String name, List<Bar> bars) {
        public Series {
            bars = List.copyOf(bars);
        }
    }

    /**
     * One bar: the pooled value and its interval, a short note above the whisker (e.g. counts or
     * the number of seeds), and each seed's own value.
     */
    public record Bar(String label, double value, double lo, double hi, String note, List<SeedPoint> seeds) {
        public Bar {
            seeds = List.copyOf(seeds);
        }
    }

    /** One seed's value (NaN when the seed has no data in this bar). */
    public record SeedPoint(int seed, double value) {
    }
}
