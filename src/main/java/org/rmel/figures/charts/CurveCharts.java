package org.rmel.figures.charts;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.data.Curve;
import org.rmel.figures.data.CurvePanel;
import org.rmel.figures.tables.CsvTable;

/** Line charts of step metrics with several runs overlaid, one colour per run in palette order. */
public final class CurveCharts {
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
        NumberAxis x = new NumberAxis(panel.xLabel());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(panel.yLabel());
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, style.palette().series(i));
            renderer.setSeriesStroke(i, style.lineStroke());
            // Single-point series (an eval at one step) would be invisible as a line.
            renderer.setSeriesShapesVisible(i, dataset.getItemCount(i) == 1);
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        JFreeChart chart = new JFreeChart(panel.title(), style.titleFont(), plot, panel.curves().size() > 1);
        return new ChartFigure(ChartStyler.style(chart, style), List.of(csv(panel)));
    }

    /** Long format (run, x, y): one row per logged value, every value, no downsampling. */
    static CsvTable csv(CurvePanel panel) {
        List<List<String>> rows = new ArrayList<>();
        for (Curve c : panel.curves()) {
            for (int i = 0; i < c.size(); i++) {
                rows.add(List.of(c.run(), CsvTable.num(c.x()[i]), CsvTable.num(c.y()[i])));
            }
        }
        return new CsvTable(panel.title(), List.of("run", panel.xLabel(), panel.yLabel()), rows);
    }

    private static String uniqueKey(XYSeriesCollection dataset, String name) {
        String key = name;
        for (int n = 2; dataset.getSeriesIndex(key) >= 0; n++) {
            key = name + " (" + n + ")";
        }
        return key;
    }
}
