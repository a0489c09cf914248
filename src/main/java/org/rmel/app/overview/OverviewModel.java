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
        int color = 0;
        boolean overlay = runs.size() > 1;
        for (FollowedRun.Snapshot run : runs) {
            for (Series series : run.series().values()) {
                if (!spec.metric().test(series.name())) {
                    continue;
                }
                String label = (overlay ? run.name() + " · " : "") + spec.shortName(series.name());
                double[] x = scaled(series.x(mode), mode.scale());
                double from = visible == null ? Double.NEGATIVE_INFINITY : visible.from();
                double to = visible == null ? Double.POSITIVE_INFINITY : visible.to();
                boolean smooth = emaWeight > 0 && !spec.sparse();
                lines.add(line(label, color, true, smooth, x, series.values(), from, to, buckets));
                if (smooth) {
                    lines.add(line(label + " (EMA " + emaWeight + ")", color, false, false, x,
                            Ema.smooth(series.values(), emaWeight), from, to, buckets));
                }
                color++;
            }
        }
        return new ChartData(spec, mode.label(), lines);
    }

    private static ChartData.Line line(String label, int color, boolean raw, boolean faint, double[] x, double[] y,
                                       double from, double to, int buckets) {
        double lo = Double.isInfinite(from) && x.length > 0 ? x[0] : from;
        double hi = Double.isInfinite(to) && x.length > 0 ? x[x.length - 1] : to;
        int[] keep = x.length == 0 ? new int[0] : Downsampler.select(x, y, lo, hi, buckets);
        double[] px = new double[keep.length];
        double[] py = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            px[i] = x[keep[i]];
            py[i] = y[keep[i]];
        }
        return new ChartData.Line(label, color, raw, faint, px, py);
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
