package org.rmel.figures.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Bars of success rate per bucket with interval whiskers and counts; several series side by side.
 *
 * @param buckets the x axis, in order: every bucket of every series (a bucket a series lacks still has its place)
 */
public record RatePanel(String title, String xLabel, String yLabel, List<RateSeries> series, List<String> buckets) {
    public RatePanel {
        series = List.copyOf(series);
        List<String> all = new ArrayList<>(buckets);
        for (String b : firstSeen(series)) {
            if (!all.contains(b)) {
                all.add(b);
            }
        }
        buckets = List.copyOf(all);
    }

    /** Buckets in the order the series first show them (for buckets without a canonical order). */
    public RatePanel(String title, String xLabel, String yLabel, List<RateSeries> series) {
        this(title, xLabel, yLabel, series, List.of());
    }

    private static List<String> firstSeen(List<RateSeries> series) {
        List<String> labels = new ArrayList<>();
        for (RateSeries s : series) {
            for (RateBucket b : s.buckets()) {
                if (!labels.contains(b.label())) {
                    labels.add(b.label());
                }
            }
        }
        return labels;
    }
}
