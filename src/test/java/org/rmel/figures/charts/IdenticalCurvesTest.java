package org.rmel.figures.charts;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.data.Curve;
import org.rmel.figures.data.CurvePanel;

/** Two runs with identical curves are both visible: the later one dashed over the earlier one. */
class IdenticalCurvesTest {
    @Test
    void aCurveIdenticalToAnEarlierOneIsDashed() {
        double[] x = {1, 2, 3};
        Curve a = new Curve("R-MEL", x, new double[] {0.1, 0.2, 0.3}, 0);
        Curve b = new Curve("MEL", x, new double[] {0.1, 0.25, 0.3}, 1);
        Curve c = new Curve("R-MEL (B=1)", x.clone(), new double[] {0.1, 0.2, 0.3}, 2);
        ChartFigure f = CurveCharts.create(new CurvePanel("Mean reward", "step", "mean reward", List.of(a, b, c),
                "reward/mean"), FigureStyle.paper());
        XYPlot plot = f.chart().getXYPlot();
        assertNull(((BasicStroke) plot.getRenderer().getSeriesStroke(0)).getDashArray());
        assertNull(((BasicStroke) plot.getRenderer().getSeriesStroke(1)).getDashArray(), "a different curve stays solid");
        assertNotNull(((BasicStroke) plot.getRenderer().getSeriesStroke(2)).getDashArray(), "the copy of R-MEL is dashed");
    }
}
