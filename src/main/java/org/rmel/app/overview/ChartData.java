package org.rmel.app.overview;

import java.util.List;

/**
 * What one Overview chart draws: its lines, already smoothed and downsampled, and what an empty
 * chart says (loading, not applicable to the selected runs, not logged, or no data yet).
 */
public record ChartData(ChartSpec spec, String xLabel, List<Line> lines, String emptyMessage) {
    public ChartData(ChartSpec spec, String xLabel, List<Line> lines) {
        this(spec, xLabel, lines, "no data");
    }

    /**
     * One drawn line. {@code raw} lines carry the exact logged values (drawn faint when a
     * smoothed twin exists); {@code colorIndex} is the run's place in the selection (one colour per
     * run in every chart, panel and export) and {@code variant} the metric's place within the run
     * in this chart (line style: solid, dashed, dotted, …), both shared by a raw line and its smoothed twin.
     * For every drawn point, {@code logged} is the value the run logged at that x and
     * {@code smoothed} the EMA there (null when the chart is not smoothed), so a hover can show both.
     */
    public record Line(String label, int colorIndex, int variant, boolean raw, boolean faint, double[] x, double[] y,
                       double[] logged, double[] smoothed, String smoothing) {
        public Line(String label, int colorIndex, boolean raw, boolean faint, double[] x, double[] y) {
            this(label, colorIndex, 0, raw, faint, x, y, y, null, "");
        }

        /** The hover text of point {@code i}: the logged value, and the smoothed one labelled as such. */
        public String describe(int i, String xLabel) {
            String base = label.endsWith(")") && !raw ? label.substring(0, label.lastIndexOf(" (")) : label;
            StringBuilder sb = new StringBuilder(base).append("\n").append(xLabel).append(" ").append(number(x[i]))
                    .append("\nlogged: ").append(number(logged[i]));
            if (smoothed != null) {
                sb.append("\nsmoothed (").append(smoothing).append("): ").append(number(smoothed[i]));
            }
            return sb.toString();
        }

        private static String number(double v) {
            return Double.isNaN(v) ? "–" : new java.text.DecimalFormat("0.######",
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(v);
        }
    }
}
