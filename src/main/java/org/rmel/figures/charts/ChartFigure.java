package org.rmel.figures.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.rmel.figures.Figure;
import org.rmel.figures.tables.CsvTable;

/** A JFreeChart together with the full-resolution data it was built from. */
public final class ChartFigure implements Figure {
    private final JFreeChart chart;
    private final List<CsvTable> data;

    public ChartFigure(JFreeChart chart, List<CsvTable> data) {
        this.chart = chart;
        this.data = List.copyOf(data);
    }

    /** The chart itself, for a JavaFX {@code ChartViewer} on screen. */
    public JFreeChart chart() {
        return chart;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D areaPt) {
        chart.draw(g, areaPt);
    }

    @Override
    public List<CsvTable> data() {
        return data;
    }
}
