package org.rmel.figures.charts;

import org.rmel.figures.Numbers;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.CategoryTableXYDataset;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.data.LcpData;
import org.rmel.figures.data.LcpSample;
import org.rmel.figures.tables.CsvTable;

/**
 * Histogram of LCP ratios, stacked by τ: all attempts above, accepted revisions below, with a
 * marker where τ_min falls and the share of accepted revisions below 0.5 in the subtitle.
 */
public final class LcpCharts {
    public static final int DEFAULT_BINS = 20;

    private LcpCharts() {
    }

    public static ChartFigure histogram(LcpData data, FigureStyle style) {
        return histogram(data, style, DEFAULT_BINS);
    }

    public static ChartFigure histogram(LcpData data, FigureStyle style, int bins) {
        List<Double> taus = data.taus();
        NumberAxis x = new NumberAxis("LCP ratio (shared prefix / seed length)");
        x.setRange(0, 1);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(style.basePt());
        XYPlot attempts = subplot(data, taus, bins, s -> true, "attempts", style, true);
        plot.add(attempts, 1);
        plot.add(subplot(data, taus, bins, LcpSample::accepted, "accepted", style, false), 1);
        // Both subplots have the same τ series; list them once.
        plot.setFixedLegendItems(attempts.getLegendItems());
        JFreeChart chart = new JFreeChart("LCP ratio by τ — " + data.run(), style.titleFont(), plot, true);
        double below = data.acceptedShareBelow(0.5);
        String note = (Double.isNaN(below)
                ? "no accepted revisions"
                : String.format(Locale.ROOT, "accepted with LCP ratio < 0.5: %.1f%%", 100 * below))
                + String.format(Locale.ROOT, "; LCP filter rejected %d of %d verified", data.filtered(), data.verified())
                + (data.reading().isEmpty() ? "" : " (" + data.reading() + ")");
        TextTitle sub = new TextTitle(note, style.tickFont());
        chart.addSubtitle(sub);
        ChartStyler.style(chart, style);
        sub.setPaint(style.palette().role("muted"));
        return new ChartFigure(chart, List.of(csv(data)));
    }

    private static XYPlot subplot(LcpData data, List<Double> taus, int bins, Predicate<LcpSample> keep, String label,
            FigureStyle style, boolean labelMarker) {
        CategoryTableXYDataset dataset = new CategoryTableXYDataset();
        double w = 1.0 / bins;
        for (double tau : taus) {
            long[] counts = counts(data, tau, bins, keep);
            for (int b = 0; b < bins; b++) {
                dataset.add((b + 0.5) * w, counts[b], tauName(tau));
            }
        }
        dataset.setIntervalWidth(w);
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.08);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        for (int i = 0; i < taus.size(); i++) {
            renderer.setSeriesPaint(i, style.palette().series(i));
        }
        NumberAxis y = new NumberAxis(label);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot sub = new XYPlot(dataset, null, y, renderer);
        if (!Double.isNaN(data.tauMin())) {
            ValueMarker m = new ValueMarker(data.tauMin(), style.palette().role("text"), new BasicStroke(
                    (float) style.lineWidthPt(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3f, 2f}, 0f));
            if (labelMarker) {
                m.setLabel("τ_min = " + Numbers.brief(data.tauMin()));
                m.setLabelFont(style.tickFont());
                m.setLabelPaint(style.palette().role("text"));
                m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 0));
                // Accepted revisions sit right of τ_min, so the label goes left of the line unless that is off the axis.
                boolean left = data.tauMin() > 0.2;
                m.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(left ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            }
            sub.addDomainMarker(m);
        }
        return sub;
    }

    static long[] counts(LcpData data, double tau, int bins, Predicate<LcpSample> keep) {
        long[] counts = new long[bins];
        for (LcpSample s : data.samples()) {
            if (s.tau() == tau && keep.test(s)) {
                counts[bin(s.lcpRatio(), bins)]++;
            }
        }
        return counts;
    }

    /** Bins are [lo, hi); a ratio of exactly 1 (revision equal to the seed prefix throughout) falls in the last. */
    static int bin(double ratio, int bins) {
        return Math.max(0, Math.min(bins - 1, (int) Math.floor(ratio * bins)));
    }

    static String tauName(double tau) {
        return "τ = " + Numbers.brief(tau);
    }

    /** Every attempt, unbinned: the histogram can be rebuilt with any binning from this. */
    static CsvTable csv(LcpData data) {
        List<List<String>> rows = new ArrayList<>();
        for (LcpSample s : data.samples()) {
            rows.add(List.of(data.run(), CsvTable.num(s.tau()), CsvTable.num(s.lcpRatio()), Boolean.toString(s.accepted())));
        }
        return new CsvTable("lcp " + data.run(), List.of("run", "tau", "lcp_ratio", "accepted"), rows);
    }
}
