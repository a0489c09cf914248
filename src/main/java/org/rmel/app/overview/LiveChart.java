package org.rmel.app.overview;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rmel.figures.Palette;

/**
 * One Overview chart on screen: a JFreeChart line plot in a ChartViewer. New data replaces the
 * dataset with notifications off, so a refresh costs one redraw, not one per point. Hovering a
 * point shows the exact logged value there and, on a smoothed chart, the smoothed value labelled
 * as such (the drawn points are real points, never averages). Mouse wheel zooms both axes around
 * the pointer, dragging a rectangle zooms to it; {@link #resetZoom()} returns both axes to the data.
 */
final class LiveChart {
    private final ChartSpec spec;
    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final NumberAxis xAxis = new NumberAxis("step");
    private final JFreeChart chart;
    private final ChartViewer viewer;
    /** The x range the current points were bucketed for; null = the full range. */
    private OverviewModel.Range bucketedFor;
    private volatile java.util.List<ChartData.Line> lines = java.util.List.of();
    private volatile String xLabel = "step";

    LiveChart(ChartSpec spec) {
        this.spec = spec;
        renderer.setDefaultShapesVisible(spec.sparse());
        NumberAxis yAxis = new NumberAxis(spec.yLabel());
        yAxis.setAutoRangeIncludesZero(false);
        xAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setNoDataMessage("select a run in the library");
        renderer.setDefaultToolTipGenerator((data, series, item) -> {
            java.util.List<ChartData.Line> shown = lines;
            return series < shown.size() && item < shown.get(series).x().length
                    ? shown.get(series).describe(item, xLabel) : null;
        });
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(spec.title(), new Font("SansSerif", Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, 10));
        viewer = new ChartViewer(chart, false); // JFreeChart's own export menu needs GPL libraries we do not ship
        viewer.setId("chart-" + spec.id());
        viewer.setMinSize(200, 250);
        viewer.setPrefSize(400, 270);
    }

    ChartSpec spec() {
        return spec;
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    XYSeriesCollection dataset() {
        return dataset;
    }

    NumberAxis xAxis() {
        return xAxis;
    }

    /** Both axes back to following the data. */
    void resetZoom() {
        xAxis.setAutoRange(true);
        chart.getXYPlot().getRangeAxis().setAutoRange(true);
    }

    /** Whether either axis is zoomed (not following the data). */
    boolean zoomed() {
        return !xAxis.isAutoRange() || !chart.getXYPlot().getRangeAxis().isAutoRange();
    }

    /** The hover text of a drawn point, as the tooltip shows it. */
    String tooltip(int series, int item) {
        return renderer.getToolTipGenerator(series, item).generateToolTip(dataset, series, item);
    }

    /** The range the user zoomed to, or null when the axis follows the data. */
    OverviewModel.Range zoomedRange() {
        return xAxis.isAutoRange() ? null : new OverviewModel.Range(xAxis.getLowerBound(), xAxis.getUpperBound());
    }

    /** Whether the visible range differs from the one the points were bucketed for. */
    boolean needsRebucketing() {
        OverviewModel.Range zoomed = zoomedRange();
        return zoomed == null ? bucketedFor != null : !zoomed.equals(bucketedFor);
    }

    /** Replaces the lines in one redraw. */
    void apply(ChartData data, OverviewModel.Range bucketedRange) {
        bucketedFor = bucketedRange;
        lines = java.util.List.copyOf(data.lines());
        xLabel = data.xLabel();
        chart.setNotify(false);
        try {
            xAxis.setLabel(data.xLabel());
            chart.getXYPlot().setNoDataMessage(data.emptyMessage());
            dataset.removeAllSeries();
            for (ChartData.Line line : data.lines()) {
                XYSeries series = new XYSeries(line.label(), false, true);
                for (int i = 0; i < line.x().length; i++) {
                    series.add(line.x()[i], line.y()[i], false);
                }
                int index = dataset.getSeriesCount();
                dataset.addSeries(series);
                Color base = Palette.okabeIto().series(line.colorIndex()); // the same colours as exported figures
                renderer.setSeriesPaint(index, line.faint()
                        ? new Color(base.getRed(), base.getGreen(), base.getBlue(), 70) : base);
                // faint raw values solid; the line the eye follows in the metric's style (dashed, dotted, …)
                renderer.setSeriesStroke(index, line.faint() ? new BasicStroke(1.0f)
                        : org.rmel.figures.SeriesLook.line(line.variant(), 1.6));
                renderer.setSeriesVisibleInLegend(index, !line.faint());
            }
        } finally {
            chart.setNotify(true);
        }
    }
}
