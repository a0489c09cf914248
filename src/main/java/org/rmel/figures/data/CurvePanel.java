package org.rmel.figures.data;

import java.util.List;

/** One chart of a metric with several runs overlaid (e.g. MATH-500 Pass@1 against step). */
public record CurvePanel(String title, String xLabel, String yLabel, List<Curve> curves) {
    public CurvePanel {
        curves = List.copyOf(curves);
    }
}
