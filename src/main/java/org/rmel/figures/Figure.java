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

    /** The data drawn, at full resolution (no downsampling), one table per logical data set. */
    List<CsvTable> data();

    /** The height this figure wants at a given width; charts take the size they are given. */
    default double preferredHeightPt(double widthPt, double suggestedHeightPt) {
        return suggestedHeightPt;
    }
}
