package org.rmel.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.rmel.figures.tables.CsvTable;

/**
 * Something that can be drawn into any Graphics2D (screen, PDF, SVG, PNG) and whose data can be
 * written out at full resolution. Coordinates are points.
 */
public interface Figure {
    void draw(Graphics2D g, Rectangle2D areaPt);

    /** Draws and records where panels, plots and legends landed (for checks and hit-testing). */
    default void draw(Graphics2D g, Rectangle2D areaPt, FigureLayout layout) {
        draw(g, areaPt);
    }

    /** The data drawn, at full resolution (no downsampling), one table per logical data set. */
    List<CsvTable> data();

    /**
     * The height this figure takes at a width when the user gave {@code suggestedHeightPt}: charts
     * take the size they are given, text figures grow to fit their text.
     */
    default double preferredHeightPt(double widthPt, double suggestedHeightPt) {
        return suggestedHeightPt;
    }

    /** The height that suits the figure at a width when the user gave none. */
    default double naturalHeightPt(double widthPt) {
        return FigureSize.chartHeightPt(widthPt);
    }

    /**
     * What the last {@code draw} had to leave out or change for the size, in words for a caption
     * (e.g. count labels dropped where bars were too narrow); empty when everything was drawn.
     */
    default List<String> notes() {
        return List.of();
    }
}
