package org.rmel.figures.charts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.data.RateBucket;
import org.rmel.figures.data.RatePanel;
import org.rmel.figures.data.RateSeries;
import org.rmel.figures.tables.CsvTable;

/**
 * Success rate per bucket as grouped bars with confidence-interval whiskers and counts: the
 * difficulty figure (revision success per all-negative-frequency bucket, or per log-prob
 * quintile), with several runs or sources side by side.
 */
public final class RateCharts {
    private RateCharts() {
    }

    public static ChartFigure create(RatePanel panel, FigureStyle style) {
        List<String> labels = bucketLabels(panel);
        List<String> names = panel.series().stream().map(RateSeries::name).toList();
        Double[][] values = new Double[panel.series().size()][labels.size()];
        WhiskerBarRenderer.Whisker[][] whiskers = new WhiskerBarRenderer.Whisker[panel.series().size()][labels.size()];
        for (int r = 0; r < panel.series().size(); r++) {
            for (RateBucket b : panel.series().get(r).buckets()) {
                int c = labels.indexOf(b.label());
                values[r][c] = b.rate();
                whiskers[r][c] = new WhiskerBarRenderer.Whisker(b.lo(), b.hi(), b.successes() + "/" + b.trials());
            }
        }
        return bars(panel.title(), panel.xLabel(), panel.yLabel(), names, labels, values, whiskers, List.of(csv(panel)), style);
    }

    /**
     * Grouped bars (series side by side within each bucket) of fractions on a percent axis, with
     * whiskers, labels and optional per-bar dots: the body every bar chart of rates shares.
     *
     * @param values [series][bucket], null where a series has no bar
     */
    static ChartFigure bars(String title, String xLabel, String yLabel, List<String> seriesNames, List<String> labels,
            Double[][] values, WhiskerBarRenderer.Whisker[][] whiskers, List<CsvTable> data, FigureStyle style) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        double top = 0.05;
        for (int r = 0; r < seriesNames.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                if (values[r][c] == null) {
                    continue;
                }
                dataset.addValue(values[r][c], seriesNames.get(r), labels.get(c));
                WhiskerBarRenderer.Whisker w = whiskers[r][c];
                top = Math.max(top, w == null || Double.isNaN(w.hi()) ? values[r][c] : w.hi());
                if (w != null) {
                    for (double p : w.points()) {
                        top = Double.isNaN(p) ? top : Math.max(top, p);
                    }
                }
            }
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        x.setCategoryMargin(0.25);
        x.setMaximumCategoryLabelLines(2);
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        NumberAxis y = new NumberAxis(yLabel);
        y.setNumberFormatOverride(new PercentUpToOne());
        // Headroom above the tallest whisker for its count label (upright or, for narrow bars, rotated).
        y.setRange(0, Math.min(1.0, top) * (seriesNames.size() > 2 ? 1.3 : 1.18) + 0.01);
        WhiskerBarRenderer renderer = new WhiskerBarRenderer(whiskers, style.palette().role("text"), style.thinStroke(),
                style.tickFont().deriveFont((float) (style.basePt() * 0.85)));
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.06);
        renderer.setDrawBarOutline(false);
        for (int i = 0; i < seriesNames.size(); i++) {
            renderer.setSeriesPaint(i, style.palette().series(i));
        }
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(title, style.titleFont(), plot, seriesNames.size() > 1);
        return new ChartFigure(ChartStyler.style(chart, style), data);
    }

    /**
     * Percent tick labels that stop at 100%: the axis runs past 1 only to make room for the count
     * labels, and a "120%" success rate would read as an error.
     */
    static final class PercentUpToOne extends DecimalFormat {
        private static final long serialVersionUID = 1L;

        PercentUpToOne() {
            super("0%", DecimalFormatSymbols.getInstance(Locale.ROOT));
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return number > 1.0 + 1e-9 ? toAppendTo : super.format(number, toAppendTo, pos);
        }
    }

    /** Bucket labels in first-seen order across series, so a bucket missing from one series still lines up. */
    static List<String> bucketLabels(RatePanel panel) {
        List<String> labels = new ArrayList<>();
        for (RateSeries s : panel.series()) {
            for (RateBucket b : s.buckets()) {
                if (!labels.contains(b.label())) {
                    labels.add(b.label());
                }
            }
        }
        return labels;
    }

    static CsvTable csv(RatePanel panel) {
        List<List<String>> rows = new ArrayList<>();
        for (RateSeries s : panel.series()) {
            for (RateBucket b : s.buckets()) {
                rows.add(List.of(s.name(), b.label(), Long.toString(b.successes()), Long.toString(b.trials()),
                        CsvTable.num(b.rate()), CsvTable.num(b.lo()), CsvTable.num(b.hi())));
            }
        }
        return new CsvTable(panel.title(), List.of("series", "bucket", "successes", "trials", "rate", "ci_lo", "ci_hi"), rows);
    }
}
