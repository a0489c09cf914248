package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmel.figures.charts.ChartFigure;
import org.rmel.figures.charts.CurveCharts;
import org.rmel.figures.data.Curve;
import org.rmel.figures.data.CurvePanel;

/**
 * Axes for the series a run starts with: a constant, a single point, all zeros, a tiny constant.
 * Every tick label is distinct, a rate axis has no negative tick and stays within [0, 1], and a
 * single point is drawn as a marker (a line through one point draws nothing).
 */
class DegenerateSeriesAxesTest {
    static List<String> tickLabels(ValueAxis axis, XYPlot plot, Rectangle2D dataArea, RectangleEdge edge) {
        RecordingGraphics g = new RecordingGraphics();
        List<String> out = new ArrayList<>();
        for (Object t : axis.refreshTicks(g, new org.jfree.chart.axis.AxisState(), dataArea, edge)) {
            String s = ((NumberTick) t).getText();
            if (s != null && !s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "revision/success_rate, constant 0.125",
        "revision/success_rate, all zero",
        "revision/success_rate, single point",
        "reward/mean, constant 0.125",
        "reward/mean, all zero",
        "reward/mean, single point",
        "time/step_s, constant 1e-6",
        "loss/grpo, constant 12345.678",
    })
    void ticksAreDistinctNonNegativeForRatesAndASinglePointIsDrawn(String metric, String shape) {
        double[] x;
        double[] y;
        switch (shape) {
            case "single point" -> {
                x = new double[] {1};
                y = new double[] {0.4};
            }
            case "all zero" -> {
                x = new double[] {1, 2, 3, 4};
                y = new double[] {0, 0, 0, 0};
            }
            default -> {
                double v = Double.parseDouble(shape.substring("constant ".length()));
                x = new double[] {1, 2, 3, 4};
                y = new double[] {v, v, v, v};
            }
        }
        CurvePanel panel = new CurvePanel(MetricLabels.title(metric), "step", MetricLabels.axis(metric),
                List.of(new Curve("R-MEL", x, y, 0)), metric);
        ChartFigure f = CurveCharts.create(panel, FigureStyle.paper());
        Rectangle2D area = new Rectangle2D.Double(0, 0, 252, 180);
        ChartRenderingInfo info = new ChartRenderingInfo();
        RecordingGraphics g = new RecordingGraphics();
        f.chart().draw(g, area, info);
        XYPlot plot = f.chart().getXYPlot();
        Rectangle2D data = info.getPlotInfo().getDataArea();
        for (ValueAxis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            RectangleEdge edge = axis == plot.getDomainAxis() ? plot.getDomainAxisEdge() : plot.getRangeAxisEdge();
            List<String> labels = tickLabels(axis, plot, data, edge);
            assertTrue(labels.size() >= 2, axis.getLabel() + ": at least two ticks " + labels);
            Set<String> distinct = new HashSet<>(labels);
            assertEquals(labels.size(), distinct.size(), axis.getLabel() + ": repeated tick labels " + labels);
            if (axis == plot.getDomainAxis()) {
                assertTrue(labels.stream().allMatch(s -> s.matches("-?\\d+")), "steps tick on whole numbers: " + labels);
            }
        }
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        if (MetricLabels.isRate(metric) || y[0] >= 0) {
            assertTrue(range.getLowerBound() >= 0, "no negative part for non-negative data: " + range.getRange());
        }
        if (MetricLabels.isRate(metric)) {
            assertTrue(range.getUpperBound() <= 1 + 1e-9, "a rate stays within [0, 1]: " + range.getRange());
        }
        assertTrue(range.getRange().contains(y[0]), "the value is on the axis");
        assertTrue(((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer()).getItemShapeVisible(0, 0),
                "points of a short series are drawn as markers");
        double px = plot.getDomainAxis().valueToJava2D(x[0], data, plot.getDomainAxisEdge());
        double py = range.valueToJava2D(y[0], data, plot.getRangeAxisEdge());
        assertTrue(g.marks().stream().anyMatch(m -> m.filled() && m.bounds().contains(px, py)),
                "a marker is painted at the first point");
        assertFalse(g.texts().isEmpty());
    }
}
