package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.figures.charts.ChartFigure;
import org.rmel.figures.charts.GridFigure;
import org.rmel.figures.charts.LegendKey;

/**
 * A run has one colour in every figure: its place in the selection picks it, in every panel, even
 * in panels where runs before it have no data (a MEL run in the LCP or difficulty figure).
 */
class RunColoursTest {
    @TempDir
    Path tmp;

    private final FigureStyle style = FigureStyle.paper();

    private Color colour(int selectionIndex) {
        return style.palette().series(selectionIndex);
    }

    @Test
    void curvesDifficultyAndLcpGiveEachRunTheColourOfItsPlaceInTheSelection() {
        Path mel = SimulatedRuns.write(tmp, "mel", 1);
        Path rmel = SimulatedRuns.write(tmp, "r-mel", 2);
        Path extra = SimulatedRuns.write(tmp, "mel-extra", 3);
        List<Path> selection = List.of(mel, rmel, extra);

        GridFigure curves = (GridFigure) RunFigures.curves(selection, List.of("reward/mean", "revision/success_rate"), style);
        for (ChartFigure panel : curves.panels()) {
            XYPlot plot = panel.chart().getXYPlot();
            for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
                String run = (String) plot.getDataset().getSeriesKey(s);
                int index = List.of("MEL", "R-MEL", "MEL+Extra").indexOf(run);
                assertEquals(colour(index), plot.getRenderer().getSeriesPaint(s), run + " in " + panel.chart().getTitle().getText());
            }
        }
        // revision success has no MEL line, and R-MEL is still the second colour there
        XYPlot revision = curves.panels().get(1).chart().getXYPlot();
        assertEquals("R-MEL", revision.getDataset().getSeriesKey(0));
        assertEquals(colour(1), revision.getRenderer().getSeriesPaint(0));

        GridFigure difficulty = (GridFigure) RunFigures.difficulty(selection, style);
        for (ChartFigure panel : difficulty.panels()) {
            CategoryPlot plot = panel.chart().getCategoryPlot();
            CategoryDataset d = plot.getDataset();
            assertEquals(colour(1), plot.getRenderer().getSeriesPaint(d.getRowIndex("R-MEL revision")));
            if (d.getRowIndex("MEL+Extra rollout") >= 0) {
                assertEquals(colour(2), plot.getRenderer().getSeriesPaint(d.getRowIndex("MEL+Extra rollout")));
            }
        }
        assertEquals(List.of(colour(1), colour(2)), difficulty.legendKeys().stream().map(LegendKey::color).toList(),
                "one legend entry per run, in its colour");

        GridFigure lcp = (GridFigure) RunFigures.lcp(selection, style);
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) lcp.panels().get(0).chart().getPlot();
        Paint largestTau = plot.getSubplots().get(0).getRenderer().getSeriesPaint(0);
        assertEquals(colour(1), largestTau, "the R-MEL histogram is in R-MEL's colour, the largest τ at full strength");
        Paint smallestTau = plot.getSubplots().get(0).getRenderer().getSeriesPaint(2);
        assertNotEquals(colour(1), smallestTau, "smaller τ values are lighter shades of it");
        assertEquals(style.palette().shade(colour(1), 0.3), smallestTau);
    }
}
