package org.rmel.figures.charts;

import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureLayout;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.tables.CsvTable;

/**
 * Panels in one figure, like the paper's "(a) … (b) …" figures, with one shared legend below
 * them. Panels sit side by side while each keeps its minimum width; a narrower figure stacks them
 * in rows (the last row centred), so a single-column figure grows in height instead of squeezing
 * every panel. The legend lists each run once, in run order, whatever panels show it.
 */
public final class GridFigure implements Figure {
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private final List<ChartFigure> panels;
    private List<String> notes = List.of();

    public GridFigure(List<? extends Figure> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one panel");
        }
        List<ChartFigure> charts = new ArrayList<>();
        for (Figure f : panels) {
            if (!(f instanceof ChartFigure c)) {
                throw new IllegalArgumentException("a grid holds chart panels, not " + f.getClass().getSimpleName());
            }
            charts.add(c);
        }
        this.panels = List.copyOf(charts);
    }

    public static GridFigure of(ChartFigure panel) {
        return new GridFigure(List.of(panel));
    }

    public List<ChartFigure> panels() {
        return panels;
    }

    private FigureStyle style() {
        return panels.get(0).style();
    }

    /** Every panel's entries once each (by label), in the order they first appear. */
    public List<LegendKey> legendKeys() {
        Map<String, LegendKey> keys = new LinkedHashMap<>();
        for (ChartFigure p : panels) {
            for (LegendKey k : p.legend()) {
                keys.putIfAbsent(k.label(), k);
            }
        }
        List<LegendKey> all = List.copyOf(keys.values());
        boolean always = panels.stream().anyMatch(ChartFigure::legendAlways);
        return all.size() > 1 || always ? all : List.of();
    }

    /** Columns for a width: as many as keep every panel at its minimum width, balanced over the rows. */
    int columns(double widthPt) {
        double min = panels.stream().mapToDouble(ChartFigure::minWidthPt).max().orElse(0);
        int cols = (int) Math.max(1, Math.min(panels.size(), Math.floor(widthPt / Math.max(1, min))));
        int rows = (int) Math.ceil(panels.size() / (double) cols);
        return (int) Math.ceil(panels.size() / (double) rows);
    }

    private double gap() {
        return style().basePt() * 0.5;
    }

    @Override
    public double naturalHeightPt(double widthPt) {
        int cols = columns(widthPt);
        int rows = (int) Math.ceil(panels.size() / (double) cols);
        double cellW = widthPt / cols;
        double flatter = cols == 1 && rows > 1 ? 0.8 : 1.0; // a column of panels: each a little flatter
        double cellH = panels.stream().mapToDouble(p -> p.naturalHeightPt(cellW, flatter)).max().orElse(0);
        FigureLegend legend = new FigureLegend(legendKeys(), style());
        double legendH = legend.isEmpty() ? 0 : legend.height(MEASURE, widthPt - 2 * gap()) + gap();
        return rows * cellH + legendH;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        draw(g, area, null);
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area, FigureLayout layout) {
        FigureLegend legend = new FigureLegend(legendKeys(), style());
        double legendH = legend.isEmpty() ? 0 : legend.height(g.getFontRenderContext(), area.getWidth() - 2 * gap());
        double gridH = area.getHeight() - (legendH > 0 ? legendH + gap() : 0);
        int cols = columns(area.getWidth());
        int rows = (int) Math.ceil(panels.size() / (double) cols);
        double cellW = area.getWidth() / cols;
        double cellH = gridH / rows;
        List<ChartFigure.Note> collected = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            int r = i / cols;
            int c = i % cols;
            int inRow = Math.min(cols, panels.size() - r * cols);
            double offset = (cols - inRow) * cellW / 2;
            Rectangle2D cell = new Rectangle2D.Double(area.getX() + offset + c * cellW, area.getY() + r * cellH, cellW, cellH);
            Graphics2D sub = (Graphics2D) g.create();
            try {
                sub.clip(cell);
                panels.get(i).drawChart(sub, cell, layout);
            } finally {
                sub.dispose();
            }
            collected.addAll(panels.get(i).rawNotes());
        }
        if (legendH > 0) {
            Rectangle2D box = new Rectangle2D.Double(area.getX() + gap(), area.getMaxY() - legendH, area.getWidth() - 2 * gap(),
                    legendH);
            Rectangle2D used = legend.draw(g, box);
            if (layout != null) {
                layout.add(FigureLayout.Kind.LEGEND, "", used);
            }
        }
        notes = ChartFigure.merge(collected);
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public List<CsvTable> data() {
        List<CsvTable> all = new ArrayList<>();
        panels.forEach(p -> all.addAll(p.data()));
        return all;
    }
}
