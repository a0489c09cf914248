package org.rmel.app.overview;

import java.util.ArrayList;
import java.util.List;
import org.rmel.figures.series.Downsampler;
import org.rmel.figures.series.Ema;

/**
 * Turns run snapshots into the Overview's chart data: picks each chart's metrics, applies the
 * x-axis mode, the EMA (drawn over the faint raw values, as TensorBoard does) and the min/max/last
 * downsampling for the visible range. Pure computation, run off the FX thread.
 */
public final class OverviewModel {
    private OverviewModel() {
    }

    /** The visible x range of a chart in display units, or {@code null} for everything. */
    public record Range(double from, double to) {
    }

    public static ChartData chart(ChartSpec spec, List<FollowedRun.Snapshot> runs, XAxisMode mode, double emaWeight,
                                  Range visible, int buckets) {
        List<ChartData.Line> lines = new ArrayList<>();
        boolean overlay = runs.size() > 1;
        for (int color = 0; color < runs.size(); color++) { // the run's colour: its place in the selection
            FollowedRun.Snapshot run = runs.get(color);
            int variant = 0; // the run's metrics in this chart differ by line style, not by colour
            for (Series series : run.series().values()) {
                if (!spec.metric().test(series.name()) || allNaN(series.values())) {
                    continue; // a metric logged only as null (e.g. MEL's revision rate) is not a line
                }
                String label = (overlay ? run.name() + " · " : "") + spec.shortName(series.name());
                double[] x = scaled(series.x(mode), mode.scale());
                double from = visible == null ? Double.NEGATIVE_INFINITY : visible.from();
                double to = visible == null ? Double.POSITIVE_INFINITY : visible.to();
                boolean smooth = emaWeight > 0 && !spec.sparse();
                double[] ema = smooth ? Ema.smooth(series.values(), emaWeight) : null;
                String smoothing = "EMA " + emaWeight;
                lines.add(line(label, color, variant, true, smooth, x, series.values(), series.values(), ema, smoothing,
                        from, to, buckets));
                if (smooth) {
                    lines.add(line(label + " (" + smoothing + ")", color, variant, false, false, x, ema, series.values(),
                            ema, smoothing, from, to, buckets));
                }
                variant++;
            }
        }
        return new ChartData(spec, mode.label(), lines, emptyMessage(spec, runs));
    }

    /** Charts that only runs which revise can fill. */
    static final java.util.Set<String> REVISION_CHARTS = java.util.Set.of("revision");

    /**
     * What a chart without lines says: "loading…" while a run is still being read, "not applicable"
     * for a revision chart of runs that never revise (MEL, MEL+Extra), "no data yet" while a
     * running run has not logged it, else that the runs did not log it — never "no data yet" for
     * a finished run that will never have any.
     */
    static String emptyMessage(ChartSpec spec, List<FollowedRun.Snapshot> runs) {
        if (runs.isEmpty()) {
            return "select a run in the library";
        }
        if (runs.stream().anyMatch(r -> r.loadedFraction() < 1)) {
            return "loading…";
        }
        if (REVISION_CHARTS.contains(spec.id()) && runs.stream().noneMatch(FollowedRun.Snapshot::revises)) {
            return "not applicable to MEL runs: only the R-MEL conditions revise";
        }
        if (runs.stream().anyMatch(FollowedRun.Snapshot::running)) {
            return spec.sparse() ? "no evaluation yet" : "no data yet";
        }
        return spec.sparse() ? "no evaluations in " + (runs.size() == 1 ? "this run" : "these runs")
                : "not logged by " + (runs.size() == 1 ? "this run" : "these runs");
    }

    private static ChartData.Line line(String label, int color, int variant, boolean raw, boolean faint, double[] x, double[] y,
                                       double[] logged, double[] smoothed, String smoothing, double from, double to,
                                       int buckets) {
        double lo = Double.isInfinite(from) && x.length > 0 ? x[0] : from;
        double hi = Double.isInfinite(to) && x.length > 0 ? x[x.length - 1] : to;
        int[] keep = x.length == 0 ? new int[0] : Downsampler.select(x, y, lo, hi, buckets);
        double[] px = new double[keep.length];
        double[] py = new double[keep.length];
        double[] pl = new double[keep.length];
        double[] ps = smoothed == null ? null : new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            px[i] = x[keep[i]];
            py[i] = y[keep[i]];
            pl[i] = logged[keep[i]];
            if (ps != null) {
                ps[i] = smoothed[keep[i]];
            }
        }
        return new ChartData.Line(label, color, variant, raw, faint, px, py, pl, ps, smoothing);
    }

    private static boolean allNaN(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] scaled(double[] x, double scale) {
        if (scale == 1) {
            return x;
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale;
        }
        return out;
    }
}
