package org.rmel.figures.charts;

import java.awt.Color;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.SeriesLook;
import org.rmel.figures.data.RateBucket;
import org.rmel.figures.data.RatePanel;
import org.rmel.figures.data.RateSeries;
import org.rmel.figures.tables.CsvTable;

/**
 * Success rate per bucket as grouped bars with confidence-interval whiskers and counts: the
 * difficulty figure (revision success per all-negative-frequency bucket, or per log-prob
 * quintile), with several runs or sources side by side, each run in its colour (a run's second
 * source in a lighter fill of it). The value axis leaves room above the bars for the count labels
 * once the plot's size is known.
 */
public final class RateCharts {
    /** Narrowest bar worth drawing, in points; the panel's minimum width follows from it. */
    static final double MIN_BAR_PT = 5;

    private RateCharts() {
    }

    public static ChartFigure create(RatePanel panel, FigureStyle style) {
        List<String> labels = panel.buckets();
        int n = panel.series().size();
        List<String> names = panel.series().stream().map(RateSeries::name).toList();
        Double[][] values = new Double[n][labels.size()];
        WhiskerBarRenderer.Whisker[][] whiskers = new WhiskerBarRenderer.Whisker[n][labels.size()];
        int[] runs = new int[n];
        int[] variants = new int[n];
        for (int r = 0; r < n; r++) {
            RateSeries s = panel.series().get(r);
            runs[r] = s.runIndex() >= 0 ? s.runIndex() : r;
            variants[r] = s.variant();
            for (RateBucket b : s.buckets()) {
                int c = labels.indexOf(b.label());
                values[r][c] = b.rate();
                whiskers[r][c] = new WhiskerBarRenderer.Whisker(b.lo(), b.hi(), b.successes() + "/" + b.trials());
            }
        }
        return bars(panel.title(), panel.xLabel(), panel.yLabel(), names, runs, variants, labels, values, whiskers,
                List.of(csv(panel)), style);
    }

    /** The same, each series in the colour of its position (a study's conditions in their order). */
    static ChartFigure bars(String title, String xLabel, String yLabel, List<String> seriesNames, List<String> labels,
            Double[][] values, WhiskerBarRenderer.Whisker[][] whiskers, List<CsvTable> data, FigureStyle style) {
        int[] runs = new int[seriesNames.size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = i;
        }
        return bars(title, xLabel, yLabel, seriesNames, runs, new int[runs.length], labels, values, whiskers, data, style);
    }

    /**
     * Grouped bars (series side by side within each bucket) of fractions on a percent axis, with
     * whiskers, labels and optional per-bar dots: the body every bar chart of rates shares.
     *
     * @param runs [series]: the run (colour index) each series belongs to
     * @param variants [series]: 0 for a run's first source, 1 for its second (a lighter fill)
     * @param values [series][bucket], null where a series has no bar
     */
    static ChartFigure bars(String title, String xLabel, String yLabel, List<String> seriesNames, int[] runs, int[] variants,
            List<String> labels, Double[][] values, WhiskerBarRenderer.Whisker[][] whiskers, List<CsvTable> data,
            FigureStyle style) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        double top = 0.05;
        for (int r = 0; r < seriesNames.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                // every cell, empty ones as null: the columns stand in the order of labels, not in the order
                // the first series happens to have values for them
                dataset.addValue(values[r][c], seriesNames.get(r), labels.get(c));
                if (values[r][c] == null) {
                    continue;
                }
                WhiskerBarRenderer.Whisker w = whiskers[r][c];
                top = Math.max(top, w == null || Double.isNaN(w.hi()) ? values[r][c] : w.hi());
                if (w != null) {
                    for (double p : w.points()) {
                        top = Double.isNaN(p) ? top : Math.max(top, p);
                    }
                }
            }
        }
        int n = seriesNames.size();
        boolean many = n > 3;
        WordCategoryAxis x = new WordCategoryAxis(xLabel);
        x.setCategoryMargin(many ? 0.15 : 0.25);
        x.setMaximumCategoryLabelLines(2);
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        NumberAxis y = new NumberAxis(yLabel);
        y.setStandardTickUnits(percentTickUnits());
        double dataTop = Math.min(1.0, top);
        y.setRange(0, dataTop * 1.18 + 0.01);
        WhiskerBarRenderer renderer = new WhiskerBarRenderer(whiskers, style.palette().role("text"), style.thinStroke(),
                style.tickFont().deriveFont((float) Math.max(5.0, style.basePt() * 0.75)), style.palette().role("background"));
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(many ? 0.02 : 0.06);
        renderer.setDrawBarOutline(true);
        List<LegendKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Color color = style.runColor(runs[i]);
            renderer.setSeriesPaint(i, SeriesLook.barFill(style, color, variants[i]));
            renderer.setSeriesOutlinePaint(i, color);
            renderer.setSeriesOutlineStroke(i, style.thinStroke());
            keys.add(new LegendKey(seriesNames.get(i), color, LegendKey.Swatch.BOX, variants[i]));
        }
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(null, style.titleFont(), plot, false);
        // "(a) by all-negative frequency: <definition>": the definition goes under the title, smaller
        int colon = title.indexOf(": ");
        TextTitle t = new TextTitle(colon > 0 ? title.substring(0, colon) : title, style.titleFont());
        chart.setTitle(t);
        if (colon > 0) {
            chart.addSubtitle(new TextTitle(title.substring(colon + 2), style.tickFont()));
        }
        ChartStyler.style(chart, style);
        int bars = Math.max(1, n) * Math.max(1, labels.size());
        ChartFigure f = new ChartFigure(chart, data, style, keys)
                .minWidthPt(Math.max(19.5 * style.basePt(), 45 + bars * MIN_BAR_PT / 0.6))
                .proportions(0.85, 18 * style.basePt());
        f.beforeTrial(x::reset);
        f.fitter((info, frc) -> {
            x.fitAfterTrial();
            y.setRange(0, headroom(dataTop, info.getDataArea(), renderer, frc, n, labels.size()));
        });
        return f;
    }

    /**
     * The top of the value axis that leaves room above the tallest whisker for a count label: upright
     * labels need a line, rotated ones (bars narrower than the label) their length; never more than
     * 2.5 × the data, labels that still do not fit are left out.
     */
    static double headroom(double dataTop, Rectangle2D dataArea, WhiskerBarRenderer renderer, FontRenderContext frc,
            int series, int buckets) {
        double height = dataArea.getHeight();
        if (height <= 0) {
            return dataTop * 1.18 + 0.01;
        }
        java.awt.Font f = renderer.countFont();
        Rectangle2D ink = f.createGlyphVector(frc, "00/000").getVisualBounds();
        double pitch = dataArea.getWidth() * 0.92 / Math.max(1, buckets) * (series > 1 ? 0.8 / series : 1);
        if (ink.getHeight() > pitch) {
            return dataTop * 1.05 + 0.01; // bars too narrow for any count label: no room kept for them
        }
        double need = (ink.getWidth() <= pitch ? ink.getHeight() : ink.getWidth()) + 3;
        double share = Math.min(0.6, need / height);
        return Math.max(dataTop * 1.05 + 0.01, dataTop / (1 - share));
    }

    /**
     * Percent tick labels that stop at 100%: the axis runs past 1 only to make room for the count
     * labels, and a "120%" success rate would read as an error.
     */
    /**
     * Percent tick units from 0.1 % to 50 %, each printed with the decimals its size needs: a tall
     * on-screen plot of small rates picks 0.5 % steps, which a whole-percent format printed as
     * "8%, 8%, 8%, 7%" (repeated labels).
     */
    static org.jfree.chart.axis.TickUnitSource percentTickUnits() {
        org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
        for (double size : new double[] {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5}) {
            units.add(new org.jfree.chart.axis.NumberTickUnit(size, new PercentUpToOne(size < 0.01 ? 1 : 0)));
        }
        return units;
    }

    static final class PercentUpToOne extends DecimalFormat {
        private static final long serialVersionUID = 1L;

        PercentUpToOne(int decimals) {
            super(decimals == 0 ? "0%" : "0." + "0".repeat(decimals) + "%", DecimalFormatSymbols.getInstance(Locale.ROOT));
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return number > 1.0 + 1e-9 ? toAppendTo : super.format(number, toAppendTo, pos);
        }
    }

    static CsvTable csv(RatePanel panel) {
        List<List<String>> rows = new ArrayList<>();
        for (RateSeries s : panel.series()) {
            List<RateBucket> ordered = new ArrayList<>(s.buckets());
            ordered.sort(java.util.Comparator.comparingInt(b -> panel.buckets().indexOf(b.label())));
            for (RateBucket b : ordered) {
                rows.add(List.of(s.name(), b.label(), Long.toString(b.successes()), Long.toString(b.trials()),
                        CsvTable.num(b.rate()), CsvTable.num(b.lo()), CsvTable.num(b.hi())));
            }
        }
        return new CsvTable(panel.title(), List.of("series", "bucket", "successes", "trials", "rate", "ci_lo", "ci_hi"), rows);
    }
}
