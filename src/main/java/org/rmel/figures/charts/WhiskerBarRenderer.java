package org.rmel.figures.charts;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with asymmetric interval whiskers (Wilson intervals are not symmetric, so JFreeChart's
 * mean ± sd renderer does not fit) and the count "successes/trials" above each whisker; optionally
 * the individual values behind a bar (a study's per-seed values) as hollow dots spread across it.
 */
final class WhiskerBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;

    /** Interval, count and the individual values (may be empty) of one bar; looked up by (row, column) of the dataset. */
    record Whisker(double lo, double hi, String count, double[] points) {
        Whisker(double lo, double hi, String count) {
            this(lo, hi, count, new double[0]);
        }
    }

    private final transient Whisker[][] whiskers;
    private final transient Paint whiskerPaint;
    private final transient Stroke whiskerStroke;
    private final transient Font countFont;

    WhiskerBarRenderer(Whisker[][] whiskers, Paint whiskerPaint, Stroke whiskerStroke, Font countFont) {
        this.whiskers = whiskers;
        this.whiskerPaint = whiskerPaint;
        this.whiskerStroke = whiskerStroke;
        this.countFont = countFont;
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (pass != getPassCount() - 1 || dataset.getValue(row, column) == null || whiskers[row][column] == null) {
            return;
        }
        Whisker w = whiskers[row][column];
        RectangleEdge edge = plot.getRangeAxisEdge();
        double x0 = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column);
        double cx = x0 + state.getBarWidth() / 2;
        double yLo = rangeAxis.valueToJava2D(w.lo(), dataArea, edge);
        double yHi = rangeAxis.valueToJava2D(w.hi(), dataArea, edge);
        double cap = state.getBarWidth() * 0.25;
        g2.setPaint(whiskerPaint);
        g2.setStroke(whiskerStroke);
        g2.draw(new Line2D.Double(cx, yLo, cx, yHi));
        g2.draw(new Line2D.Double(cx - cap, yLo, cx + cap, yLo));
        g2.draw(new Line2D.Double(cx - cap, yHi, cx + cap, yHi));
        drawPoints(g2, w.points(), cx, state.getBarWidth(), dataArea, rangeAxis, edge);
        g2.setPaint(whiskerPaint);
        g2.setFont(countFont);
        FontMetrics fm = g2.getFontMetrics();
        double textWidth = fm.getStringBounds(w.count(), g2).getWidth();
        if (textWidth <= state.getBarWidth() * 1.15) {
            g2.drawString(w.count(), (float) (cx - textWidth / 2.0), (float) (yHi - fm.getDescent() - 1));
        } else {
            // Narrow bars (many series side by side): the count runs upwards so neighbours do not overprint.
            AffineTransform saved = g2.getTransform();
            g2.translate(cx + (fm.getAscent() - fm.getDescent()) / 2.0, yHi - 2);
            g2.rotate(-Math.PI / 2);
            g2.drawString(w.count(), 0f, 0f);
            g2.setTransform(saved);
        }
    }

    /** Hollow dots spread evenly over the middle half of the bar, so equal values stay distinguishable. */
    private void drawPoints(Graphics2D g2, double[] points, double cx, double barWidth, Rectangle2D dataArea,
            ValueAxis rangeAxis, RectangleEdge edge) {
        if (points.length == 0) {
            return;
        }
        double r = Math.max(1.2, Math.min(barWidth * 0.12, countFont.getSize2D() * 0.3));
        double span = points.length == 1 ? 0 : barWidth * 0.5;
        for (int i = 0; i < points.length; i++) {
            if (Double.isNaN(points[i])) {
                continue;
            }
            double x = points.length == 1 ? cx : cx - span / 2 + span * i / (points.length - 1);
            double y = rangeAxis.valueToJava2D(points[i], dataArea, edge);
            java.awt.geom.Ellipse2D dot = new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            g2.setPaint(java.awt.Color.WHITE);
            g2.fill(dot);
            g2.setPaint(whiskerPaint);
            g2.draw(dot);
        }
    }
}
