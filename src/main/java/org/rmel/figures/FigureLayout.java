package org.rmel.figures;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of a drawn figure landed, in the drawing's coordinates (points): each panel's
 * cell and plot area, titles and the legend. Filled in by {@link Figure#draw(java.awt.Graphics2D,
 * Rectangle2D, FigureLayout)}; the legibility tests check these boxes against each other.
 */
public final class FigureLayout {
    /** What a box holds. */
    public enum Kind {
        /** The cell a panel was given. */
        CELL,
        /** A panel's data area (inside its axes). */
        PLOT,
        /** The figure's shared legend. */
        LEGEND
    }

    /** One box; {@code owner} names the panel (its title) or the figure. */
    public record Box(Kind kind, String owner, Rectangle2D bounds) {
    }

    private final List<Box> boxes = new ArrayList<>();

    public void add(Kind kind, String owner, Rectangle2D bounds) {
        boxes.add(new Box(kind, owner, (Rectangle2D) bounds.clone()));
    }

    public List<Box> boxes() {
        return List.copyOf(boxes);
    }

    public List<Box> of(Kind kind) {
        return boxes.stream().filter(b -> b.kind() == kind).toList();
    }
}
