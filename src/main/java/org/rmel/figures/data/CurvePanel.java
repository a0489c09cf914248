package org.rmel.figures.data;

import java.util.List;

/**
 * One chart of a metric with several runs overlaid (e.g. MATH-500 Pass@1 against step).
 *
 * @param metric the metric's key as logged (the CSV's column name; the labels are for people)
 */
public record CurvePanel(String title, String xLabel, String yLabel, List<Curve> curves, String metric) {
    public CurvePanel {
        curves = List.copyOf(curves);
        metric = metric == null ? yLabel : metric;
    }

    public CurvePanel(String title, String xLabel, String yLabel, List<Curve> curves) {
        this(title, xLabel, yLabel, curves, yLabel);
    }
}
