package org.rmel.figures.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The label of a vertical marker ("τ_min = 0.3", typeset with its subscript) at the top of the
 * plot, beside the marker line: on the preferred side when it fits inside the plot, else on the
 * other, else left out (and said in the figure's notes).
 */
final class TypesetMarkerLabel extends AbstractXYAnnotation implements ChartFigure.Noting {
    private static final long serialVersionUID = 1L;

    private final double x;
    private final String text;
    private final transient Font font;
    private final transient Paint paint;
    private final boolean preferLeft;
    private boolean omitted;

    TypesetMarkerLabel(double x, String text, Font font, Paint paint, boolean preferLeft) {
        this.x = x;
        this.text = text;
        this.font = font;
        this.paint = paint;
        this.preferLeft = preferLeft;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        FontRenderContext frc = g2.getFontRenderContext();
        double gap = font.getSize2D() * 0.3;
        RectangleEdge edge = org.jfree.chart.plot.Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(),
                plot.getOrientation());
        double mx = domainAxis.valueToJava2D(x, dataArea, edge);
        omitted = true;
        // The whole label, else its name alone ("τ_min"), on the preferred side of the line, else the other.
        for (String candidate : List.of(text, text.replaceAll("\\s*=.*", ""))) {
            Typeset t = new Typeset(candidate, font);
            double w = t.width(frc);
            double left = mx - gap - w;
            double right = mx + gap;
            boolean leftFits = left >= dataArea.getMinX();
            boolean rightFits = right + w <= dataArea.getMaxX();
            if ((!leftFits && !rightFits) || t.ascent(frc) + t.descent(frc) + 1 > dataArea.getHeight()) {
                continue;
            }
            double lx = preferLeft ? (leftFits ? left : right) : (rightFits ? right : left);
            g2.setPaint(paint);
            t.draw(g2, lx, dataArea.getMinY() + 1 + t.ascent(frc));
            omitted = false;
            return;
        }
    }

    @Override
    public List<ChartFigure.Note> notes() {
        return omitted ? List.of(new ChartFigure.Note("'" + new Typeset(text, font).plain().replaceAll("=.*", "").strip()
                + "' labels", 1, 1, "the plot is too small for them; the dashed line marks it")) : List.of();
    }
}
