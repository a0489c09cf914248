package org.rmel.figures.charts;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.SeriesLook;

/**
 * One legend for a whole figure, drawn below its panels: entries in aligned columns, as many
 * columns as the width takes, labels shortened (both ends kept) only when one alone is wider than
 * the figure. Layout happens in points with the Graphics' font metrics, so what is measured is
 * what is drawn.
 */
final class FigureLegend {
    /** One placed entry: its key, the text shown (perhaps shortened) and its box. */
    record Placed(LegendKey key, String text, Rectangle2D box) {
    }

    private final List<LegendKey> keys;
    private final FigureStyle style;

    FigureLegend(List<LegendKey> keys, FigureStyle style) {
        this.keys = List.copyOf(keys);
        this.style = style;
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    Font font() {
        return style.tickFont();
    }

    private double fs() {
        return style.basePt();
    }

    private double swatchWidth() {
        boolean lines = keys.stream().anyMatch(k -> k.swatch() != LegendKey.Swatch.BOX);
        return lines ? fs() * 2.2 : fs() * 1.0;
    }

    double rowHeight() {
        return fs() * 1.45;
    }

    /** Entries placed in a box of {@code width} whose top-left is (x, y). */
    List<Placed> layout(FontRenderContext frc, double x, double y, double width) {
        double sw = swatchWidth();
        double gap = fs() * 0.45;
        double colGap = fs() * 1.3;
        double maxText = Math.max(fs() * 3, width - sw - gap);
        List<String> texts = new ArrayList<>();
        double widest = 0;
        for (LegendKey k : keys) {
            String t = TextFit.middle(k.label(), font(), frc, maxText);
            texts.add(t);
            widest = Math.max(widest, TextFit.width(t, font(), frc));
        }
        double itemW = sw + gap + widest;
        int cols = (int) Math.max(1, Math.min(keys.size(), Math.floor((width + colGap) / (itemW + colGap))));
        int rows = (int) Math.ceil(keys.size() / (double) cols);
        cols = (int) Math.ceil(keys.size() / (double) rows); // balance: 5 entries in 3 + 2, not 4 + 1
        double total = cols * itemW + (cols - 1) * colGap;
        double x0 = x + Math.max(0, (width - total) / 2);
        List<Placed> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int r = i / cols;
            int c = i % cols;
            double w = sw + gap + TextFit.width(texts.get(i), font(), frc);
            out.add(new Placed(keys.get(i), texts.get(i),
                    new Rectangle2D.Double(x0 + c * (itemW + colGap), y + r * rowHeight(), w, rowHeight())));
        }
        return out;
    }

    double height(FontRenderContext frc, double width) {
        if (keys.isEmpty()) {
            return 0;
        }
        List<Placed> p = layout(frc, 0, 0, width);
        return p.get(p.size() - 1).box().getMaxY() + fs() * 0.1;
    }

    /** Draws the legend in {@code area} (its height from {@link #height}); returns the bounds used. */
    Rectangle2D draw(Graphics2D g, Rectangle2D area) {
        List<Placed> placed = layout(g.getFontRenderContext(), area.getX(), area.getY(), area.getWidth());
        Rectangle2D used = null;
        double sw = swatchWidth();
        double gap = fs() * 0.45;
        for (Placed p : placed) {
            Rectangle2D b = p.box();
            double mid = b.getCenterY();
            LegendKey k = p.key();
            switch (k.swatch()) {
                case BOX -> {
                    double s = fs() * 0.8;
                    Rectangle2D box = new Rectangle2D.Double(b.getX() + (sw - s) / 2, mid - s / 2, s, s);
                    g.setPaint(SeriesLook.barFill(style, k.color(), k.variant()));
                    g.fill(box);
                    g.setPaint(k.color());
                    g.setStroke(style.thinStroke());
                    g.draw(box);
                }
                case LINE, LINE_MARKER -> {
                    g.setPaint(k.color());
                    g.setStroke(SeriesLook.line(k.variant(), style.lineWidthPt()));
                    g.draw(new Line2D.Double(b.getX(), mid, b.getX() + sw, mid));
                    if (k.swatch() == LegendKey.Swatch.LINE_MARKER) {
                        Shape m = AffineTransform.getTranslateInstance(b.getX() + sw / 2, mid)
                                .createTransformedShape(SeriesLook.marker(k.variant(), fs() * 0.6));
                        g.setStroke(new BasicStroke((float) style.lineWidthPt()));
                        g.fill(m);
                    }
                }
                default -> throw new IllegalStateException(k.swatch().name());
            }
            g.setFont(font());
            g.setPaint(style.palette().role("text"));
            java.awt.font.LineMetrics lm = font().getLineMetrics(p.text(), g.getFontRenderContext());
            float base = (float) (mid + (lm.getAscent() - lm.getDescent()) / 2);
            g.drawString(p.text(), (float) (b.getX() + sw + gap), base);
            used = used == null ? (Rectangle2D) b.clone() : used.createUnion(b);
        }
        return used == null ? new Rectangle2D.Double(area.getX(), area.getY(), 0, 0) : used;
    }
}
