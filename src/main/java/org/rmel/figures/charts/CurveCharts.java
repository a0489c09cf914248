package org.rmel.figures.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.MetricLabels;
import org.rmel.figures.SeriesLook;
import org.rmel.figures.data.Curve;
import org.rmel.figures.data.CurvePanel;
import org.rmel.figures.tables.CsvTable;

/**
 * Line charts of step metrics with several runs overlaid, each run in its own colour (its place in
 * the selection). Sparse curves (evaluations every few steps, a run's first step) get markers, so
 * a single point is drawn; the axes stay readable for constant and single-point series.
 */
public final class CurveCharts {
    /** Curves with at most this many points are drawn with markers as well as lines. */
    static final int MARKERS_UP_TO = 8;

    private CurveCharts() {
    }

    public static ChartFigure create(CurvePanel panel, FigureStyle style) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Curve c : panel.curves()) {
            // autoSort off and duplicates allowed: the series is the run's values exactly as logged.
            XYSeries s = new XYSeries(uniqueKey(dataset, c.run()), false, true);
            for (int i = 0; i < c.size(); i++) {
                s.add(c.x()[i], c.y()[i], false);
            }
            dataset.addSeries(s);
        }
        boolean steps = panel.xLabel().equals("step");
        TidyNumberAxis x = new TidyNumberAxis(panel.xLabel(), false, steps);
        TidyNumberAxis y = new TidyNumberAxis(panel.yLabel(), MetricLabels.isRate(panel.metric()), false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        List<LegendKey> keys = new ArrayList<>();
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            Curve c = panel.curves().get(i);
            Color color = style.runColor(c.runIndex() >= 0 ? c.runIndex() : i);
            boolean markers = finite(c) <= MARKERS_UP_TO;
            renderer.setSeriesPaint(i, color);
            // a run identical to an earlier one (r-mel-b1 trains like r-mel when no revision pair is kept)
            // would hide beneath it: dashed on top, the earlier run's colour shows through the gaps
            renderer.setSeriesStroke(i, SeriesLook.line(sameAsEarlier(panel.curves(), i) ? 1 : 0, style.lineWidthPt()));
            renderer.setSeriesShapesVisible(i, markers);
            renderer.setSeriesShape(i, SeriesLook.marker(0, style.basePt() * 0.5));
            keys.add(new LegendKey(c.run(), color, markers ? LegendKey.Swatch.LINE_MARKER : LegendKey.Swatch.LINE, 0));
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        JFreeChart chart = new JFreeChart(null, style.titleFont(), plot, false);
        TextTitle title = new TextTitle(panel.title(), style.titleFont());
        title.setMaximumLinesToDisplay(2);
        chart.setTitle(title);
        ChartStyler.style(chart, style);
        ChartFigure f = new ChartFigure(chart, List.of(csv(panel)), style, keys);
        // the title names the metric, so a tight plot may drop its y label rather than shorten it
        f.labelVariants(y, ChartFigure.withoutParenthesis(panel.yLabel()), "");
        // about 1.4 in at 7 pt: tick labels, axis label and title scale with the text size
        return f.minWidthPt(14.5 * style.basePt()).proportions(0.68, 14 * style.basePt());
    }

    /** Whether curve {@code i} has exactly the points of a curve drawn before it. */
    static boolean sameAsEarlier(List<Curve> curves, int i) {
        Curve c = curves.get(i);
        for (int j = 0; j < i; j++) {
            if (java.util.Arrays.equals(c.x(), curves.get(j).x()) && java.util.Arrays.equals(c.y(), curves.get(j).y())) {
                return true;
            }
        }
        return false;
    }

    private static int finite(Curve c) {
        int n = 0;
        for (double v : c.y()) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        return n;
    }

    /** Long format (run, x, metric): one row per logged value, every value, no downsampling. */
    static CsvTable csv(CurvePanel panel) {
        List<List<String>> rows = new ArrayList<>();
        for (Curve c : panel.curves()) {
            for (int i = 0; i < c.size(); i++) {
                rows.add(List.of(c.run(), CsvTable.num(c.x()[i]), CsvTable.num(c.y()[i])));
            }
        }
        return new CsvTable(panel.title(), List.of("run", panel.xLabel(), panel.metric()), rows);
    }

    private static String uniqueKey(XYSeriesCollection dataset, String name) {
        String key = name;
        for (int n = 2; dataset.getSeriesIndex(key) >= 0; n++) {
            key = name + " (" + n + ")";
        }
        return key;
    }
}
