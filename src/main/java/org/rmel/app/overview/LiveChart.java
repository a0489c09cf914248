package org.rmel.app.overview;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.rmel.figures.Palette;

/**
 * One Overview chart on screen: a JFreeChart line plot in a ChartViewer. New data replaces the
 * dataset with notifications off, so a refresh costs one redraw, not one per point. Tooltips show
 * the exact logged values (the drawn points are real points, never averages).
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
        plot.setNoDataMessage("no data yet");
        DecimalFormat exact = new DecimalFormat("0.######");
        renderer.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: x = {1}, y = {2}", exact, exact));
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
        chart.setNotify(false);
        try {
            xAxis.setLabel(data.xLabel());
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
                renderer.setSeriesStroke(index, new BasicStroke(line.faint() ? 1.0f : 1.6f));
                renderer.setSeriesVisibleInLegend(index, !line.faint());
            }
        } finally {
            chart.setNotify(true);
        }
    }
}
