package org.rmel.figures.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars with asymmetric interval whiskers (Wilson intervals are not symmetric, so JFreeChart's
 * mean ± sd renderer does not fit) and the count "successes/trials" above each whisker: upright
 * when it fits the bar's slot, rotated when only its height does, and left out (and counted, for
 * the figure's notes) when neither fits or the plot has no room above the whisker. Optionally the
 * individual values behind a bar (a study's per-seed values) as hollow dots spread across it.
 */
final class WhiskerBarRenderer extends BarRenderer implements ChartFigure.Noting {
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
    private final transient Paint dotFill;
    private int labels;
    private int omitted;

    WhiskerBarRenderer(Whisker[][] whiskers, Paint whiskerPaint, Stroke whiskerStroke, Font countFont, Paint dotFill) {
        this.whiskers = whiskers;
        this.whiskerPaint = whiskerPaint;
        this.whiskerStroke = whiskerStroke;
        this.countFont = countFont;
        this.dotFill = dotFill;
    }

    Font countFont() {
        return countFont;
    }

    @Override
    public CategoryItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, CategoryPlot plot, int rendererIndex,
            PlotRenderingInfo info) {
        labels = 0;
        omitted = 0;
        return super.initialise(g2, dataArea, plot, rendererIndex, info);
    }

    @Override
    public List<ChartFigure.Note> notes() {
        return omitted == 0 ? List.of() : List.of(new ChartFigure.Note("count labels (successes/trials)", omitted, labels,
                "the bars are too narrow for them at this size; every count is in the figure's CSV"));
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
        if (w.count() == null || w.count().isEmpty()) {
            return;
        }
        labels++;
        g2.setFont(countFont);
        Rectangle2D ink = countFont.createGlyphVector(g2.getFontRenderContext(), w.count()).getVisualBounds();
        double slot = pitch(plot, dataArea, domainAxis, state, row, column) - 0.8;
        double top = Math.min(yHi, yLo) - 1.5;
        double room = top - dataArea.getMinY();
        if (ink.getWidth() <= slot && ink.getHeight() <= room) {
            g2.drawString(w.count(), (float) (cx - ink.getCenterX()), (float) (top - ink.getMaxY()));
        } else if (ink.getHeight() <= slot && ink.getMaxX() <= room) {
            // Narrow bars (many series side by side): the count runs upwards so neighbours do not overprint.
            AffineTransform saved = g2.getTransform();
            g2.translate(cx - ink.getCenterY(), top);
            g2.rotate(-Math.PI / 2);
            g2.drawString(w.count(), 0f, 0f);
            g2.setTransform(saved);
        } else {
            omitted++;
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
            g2.setPaint(dotFill);
            g2.fill(dot);
            g2.setPaint(whiskerPaint);
            g2.draw(dot);
        }
    }

    /** The distance from one bar to the next in its group: the width a label may use without touching the next one. */
    private double pitch(CategoryPlot plot, Rectangle2D dataArea, CategoryAxis domainAxis, CategoryItemRendererState state,
            int row, int column) {
        int rows = state.getVisibleSeriesCount() >= 0 ? state.getVisibleSeriesCount() : plot.getDataset().getRowCount();
        if (rows < 2) {
            // One bar per category: labels are centred on bars a category apart.
            int n = plot.getDataset().getColumnCount();
            if (n < 2) {
                return dataArea.getWidth();
            }
            int other = column == 0 ? 1 : column - 1;
            return Math.abs(domainAxis.getCategoryMiddle(column, n, dataArea, plot.getDomainAxisEdge())
                    - domainAxis.getCategoryMiddle(other, n, dataArea, plot.getDomainAxisEdge()));
        }
        int other = row == 0 ? 1 : row - 1;
        double a = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column);
        double b = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, other, column);
        return Math.abs(a - b);
    }
}
