package org.rmel.figures.charts;

import java.awt.Color;

/**
 * One entry of a figure's legend: what the swatch looks like and the label. The export draws
 * these below the panels ({@link FigureLegend}); the workbench draws the same entries as a row
 * of JavaFX swatches, so a legend never takes space from a plot.
 *
 * @param variant the line style (dash pattern, marker) or bar fill of a run's sub-series; 0 = plain
 */
public record LegendKey(String label, Color color, Swatch swatch, int variant) {
    /** The kind of mark a swatch shows. */
    public enum Swatch {
        /** A filled box: bars and histogram shades. */
        BOX,
        /** A short line in the series' dash pattern. */
        LINE,
        /** A line with the series' marker: sparse series such as evaluations. */
        LINE_MARKER
    }
}
