package org.rmel.figures.charts;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.rmel.figures.Figure;
import org.rmel.figures.tables.CsvTable;

/** Panels side by side in one figure, like the paper's "(a) … (b) …" figures. */
public final class GridFigure implements Figure {
    private final List<Figure> panels;

    public GridFigure(List<? extends Figure> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one panel");
        }
        this.panels = List.copyOf(panels);
    }

    public List<Figure> panels() {
        return panels;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        double w = area.getWidth() / panels.size();
        Shape clip = g.getClip();
        for (int i = 0; i < panels.size(); i++) {
            Rectangle2D cell = new Rectangle2D.Double(area.getX() + i * w, area.getY(), w, area.getHeight());
            Graphics2D sub = (Graphics2D) g.create();
            try {
                sub.clip(cell);
                panels.get(i).draw(sub, cell);
            } finally {
                sub.dispose();
            }
        }
        g.setClip(clip);
    }

    @Override
    public List<CsvTable> data() {
        List<CsvTable> all = new ArrayList<>();
        panels.forEach(p -> all.addAll(p.data()));
        return all;
    }
}
