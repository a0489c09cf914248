package org.rmel.app.overview;

import java.util.List;

/** What one Overview chart draws: its lines, already smoothed and downsampled. */
public record ChartData(ChartSpec spec, String xLabel, List<Line> lines) {

    /**
     * One drawn line. {@code raw} lines carry the exact logged values (drawn faint when a
     * smoothed twin exists); {@code colorIndex} is shared by a raw line and its smoothed twin.
     */
    public record Line(String label, int colorIndex, boolean raw, boolean faint, double[] x, double[] y) {
    }
}
