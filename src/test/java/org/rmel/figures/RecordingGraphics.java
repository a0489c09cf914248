package org.rmel.figures;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import org.apache.batik.ext.awt.g2d.AbstractGraphics2D;
import org.apache.batik.ext.awt.g2d.GraphicContext;

/**
 * A Graphics2D that draws nothing and records where every piece of text lands: its ink bounds in
 * device space (points, for a figure drawn at 1 unit = 1 pt), the clip in force and the font size,
 * and the bounds of every filled or stroked shape. The layout checks measure exactly what the
 * figure code drew, through whatever transforms (rotated axis labels, counts) it used.
 */
public final class RecordingGraphics extends AbstractGraphics2D {
    /** One drawn string: ink bounds and clip bounds in device space (clip null = none), size in points. */
    public record Text(String text, Rectangle2D bounds, Rectangle2D clip, double sizePt) {
    }

    /** One filled or stroked shape, device bounds. */
    public record Mark(Rectangle2D bounds, boolean filled) {
    }

    private static final Graphics2D METRICS = metrics();

    private final List<Text> texts;
    private final List<Mark> marks;

    public RecordingGraphics() {
        super(true);
        gc = new GraphicContext();
        gc.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        gc.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gc.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        texts = new ArrayList<>();
        marks = new ArrayList<>();
    }

    private RecordingGraphics(RecordingGraphics parent) {
        super(parent);
        texts = parent.texts;
        marks = parent.marks;
    }

    public List<Text> texts() {
        return texts;
    }

    public List<Mark> marks() {
        return marks;
    }

    private static Graphics2D metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    private Rectangle2D clipDevice() {
        Shape c = gc.getClip();
        return c == null ? null : gc.getTransform().createTransformedShape(c).getBounds2D();
    }

    private double sizeOnDevice(Font f) {
        AffineTransform t = gc.getTransform();
        return f.getSize2D() * Math.sqrt(Math.abs(t.getDeterminant()));
    }

    private void record(String s, Rectangle2D inkUser) {
        if (s.isBlank() || inkUser.isEmpty()) {
            return;
        }
        Rectangle2D device = gc.getTransform().createTransformedShape(inkUser).getBounds2D();
        texts.add(new Text(s, device, clipDevice(), sizeOnDevice(getFont())));
    }

    @Override
    public void drawString(String s, float x, float y) {
        if (s.isEmpty()) {
            return;
        }
        GlyphVector gv = getFont().createGlyphVector(getFontRenderContext(), s);
        Rectangle2D ink = gv.getVisualBounds();
        record(s, new Rectangle2D.Double(ink.getX() + x, ink.getY() + y, ink.getWidth(), ink.getHeight()));
    }

    @Override
    public void drawString(AttributedCharacterIterator it, float x, float y) {
        StringBuilder sb = new StringBuilder();
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
            sb.append(c);
        }
        if (sb.isEmpty()) {
            return;
        }
        TextLayout layout = new TextLayout(it, getFontRenderContext());
        Rectangle2D ink = layout.getBounds();
        record(sb.toString(), new Rectangle2D.Double(ink.getX() + x, ink.getY() + y, ink.getWidth(), ink.getHeight()));
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        Rectangle2D ink = g.getVisualBounds();
        record("glyphs", new Rectangle2D.Double(ink.getX() + x, ink.getY() + y, ink.getWidth(), ink.getHeight()));
    }

    @Override
    public void draw(Shape s) {
        marks.add(new Mark(gc.getTransform().createTransformedShape(s).getBounds2D(), false));
    }

    @Override
    public void fill(Shape s) {
        marks.add(new Mark(gc.getTransform().createTransformedShape(s).getBounds2D(), true));
    }

    @Override
    public Graphics create() {
        return new RecordingGraphics(this);
    }

    @Override
    public void dispose() {
        // nothing to release
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return METRICS.getDeviceConfiguration();
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return METRICS.getFontMetrics(f);
    }

    @Override
    public void setXORMode(java.awt.Color c) {
        // not drawn
    }

    @Override
    public void copyArea(int x, int y, int width, int height, int dx, int dy) {
        // not drawn
    }

    @Override
    public boolean drawImage(Image img, int x, int y, ImageObserver observer) {
        return true;
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, ImageObserver observer) {
        return true;
    }

    @Override
    public void drawRenderedImage(RenderedImage img, AffineTransform xform) {
        // not drawn
    }

    @Override
    public void drawRenderableImage(RenderableImage img, AffineTransform xform) {
        // not drawn
    }
}
