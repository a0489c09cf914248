package org.rmel.figures.data;

import java.util.List;

/** Bars of success rate per bucket with interval whiskers and counts; several series side by side. */
public record RatePanel(String title, String xLabel, String yLabel, List<RateSeries> series) {
    public RatePanel {
        series = List.copyOf(series);
    }
}
