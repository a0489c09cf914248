package org.rmel.figures.charts;

import java.awt.BasicStroke;
import java.awt.Color;
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
import org.jfree.data.xy.CategoryTableXYDataset;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.Numbers;
import org.rmel.figures.data.LcpData;
import org.rmel.figures.data.LcpSample;
import org.rmel.figures.tables.CsvTable;

/**
 * Histogram of LCP ratios, stacked by τ: all attempts above, accepted revisions below, with a
 * marker where τ_min falls (its label typeset) and the share of accepted revisions below 0.5 in the
 * subtitle. The bars are the run's colour, darker for larger τ; the legend shows the τ shades in
 * grey, once for a figure of several runs.
 */
public final class LcpCharts {
    public static final int DEFAULT_BINS = 20;

    private LcpCharts() {
    }

    public static ChartFigure histogram(LcpData data, FigureStyle style) {
        return histogram(data, style, DEFAULT_BINS, data.taus(), 0);
    }

    public static ChartFigure histogram(LcpData data, FigureStyle style, int bins) {
        return histogram(data, style, bins, data.taus(), 0);
    }

    /**
     * @param allTaus the τ values of every run in the figure, largest first: a τ keeps its shade in every panel
     * @param position the panel's place in the figure, for its colour when the data carry no run index
     */
    public static ChartFigure histogram(LcpData data, FigureStyle style, int bins, List<Double> allTaus, int position) {
        Color runColor = style.runColor(data.runIndex() >= 0 ? data.runIndex() : position);
        NumberAxis x = new NumberAxis("LCP ratio (shared prefix / seed length)");
        x.setRange(0, 1);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(style.basePt());
        XYPlot attempts = subplot(data, allTaus, bins, s -> true, "attempts", style, runColor, true);
        plot.add(attempts, 1);
        XYPlot accepted = subplot(data, allTaus, bins, LcpSample::accepted, "accepted", style, runColor, false);
        plot.add(accepted, 1);
        JFreeChart chart = new JFreeChart(null, style.titleFont(), plot, false);
        TextTitle title = new TextTitle(data.run(), style.titleFont());
        title.setMaximumLinesToDisplay(2);
        chart.setTitle(title);
        double below = data.acceptedShareBelow(0.5);
        String note = (Double.isNaN(below)
                ? "no accepted revisions"
                : String.format(Locale.ROOT, "accepted < 0.5: %.1f%%", 100 * below));
        String filter = String.format(Locale.ROOT, "filter rejected %d of %d verified", data.filtered(), data.verified())
                + (data.reading().isEmpty() ? "" : " (" + Typeset.unicode(data.reading(), style.tickFont()) + ")");
        TextTitle sub = new TextTitle(note, style.tickFont());
        chart.addSubtitle(sub);
        chart.addSubtitle(new TextTitle(filter, style.tickFont()));
        ChartStyler.style(chart, style);
        sub.setPaint(style.palette().role("muted"));
        List<LegendKey> keys = new ArrayList<>();
        Color grey = style.palette().role("text");
        for (int i = 0; i < allTaus.size(); i++) {
            keys.add(new LegendKey(tauName(allTaus.get(i)), shade(style, grey, i, allTaus.size()), LegendKey.Swatch.BOX, 0));
        }
        ChartFigure f = new ChartFigure(chart, List.of(csv(data)), style, keys)
                .legendAlways(true)
                .minWidthPt(13 * style.basePt())
                .proportions(1.2, 26 * style.basePt());
        f.labelVariants(x, "LCP ratio", "LCP");
        f.labelVariants(attempts.getRangeAxis(), "all");
        f.labelVariants(accepted.getRangeAxis(), "acc.");
        if (!Double.isNaN(data.tauMin())) {
            // Room at the top of the attempts plot for the τ_min label, clear of the bars.
            java.awt.font.LineMetrics lm = style.tickFont().getLineMetrics("τ", new java.awt.font.FontRenderContext(null, true, true));
            double labelH = lm.getAscent() + style.basePt() * 0.5 + 3;
            f.fitter((info, frc) -> {
                if (info.getSubplotCount() > 0) {
                    double h = info.getSubplotInfo(0).getDataArea().getHeight();
                    double share = Math.min(0.45, labelH / Math.max(1, h));
                    attempts.getRangeAxis().setUpperMargin(share / (1 - share));
                }
            });
        }
        return f;
    }

    /** τ rank i of n as a shade of the run's colour: the largest τ full strength, the smallest lightest. */
    static Color shade(FigureStyle style, Color c, int i, int n) {
        double amount = n <= 1 ? 1.0 : 1.0 - 0.7 * i / (n - 1);
        return style.palette().shade(c, amount);
    }

    private static XYPlot subplot(LcpData data, List<Double> taus, int bins, Predicate<LcpSample> keep, String label,
            FigureStyle style, Color runColor, boolean labelMarker) {
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
            renderer.setSeriesPaint(i, shade(style, runColor, i, taus.size()));
        }
        NumberAxis y = new TidyNumberAxis(label, false, true);
        XYPlot sub = new XYPlot(dataset, null, y, renderer);
        if (!Double.isNaN(data.tauMin())) {
            ValueMarker m = new ValueMarker(data.tauMin(), style.palette().role("text"), new BasicStroke(
                    (float) style.lineWidthPt(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3f, 2f}, 0f));
            sub.addDomainMarker(m);
            if (labelMarker) {
                // Accepted revisions sit right of τ_min, so the label goes left of the line where it fits.
                sub.addAnnotation(new TypesetMarkerLabel(data.tauMin(), "τ_min = " + Numbers.brief(data.tauMin()),
                        style.tickFont(), style.palette().role("text"), true));
            }
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
