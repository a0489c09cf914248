package org.rmel.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * How one series looks: the colour belongs to the run (its position in the selection, the same in
 * every chart and export), and the sub-series of one run (p_keep of natural and of revision pairs,
 * a run's revision and extra-rollout bars, one line per benchmark) differ by {@code variant}: line
 * style, marker shape and bar fill, never by taking another run's colour.
 */
public final class SeriesLook {
    /** Dash patterns in multiples of the line width; variant 0 is solid. */
    private static final float[][] DASHES = {null, {4f, 2.5f}, {1f, 2f}, {5f, 2f, 1f, 2f}, {8f, 3f}, {2.5f, 1.5f, 2.5f, 4f}};

    private SeriesLook() {
    }

    /** The line of a variant at a width: solid, dashed, dotted, dash-dot, long dash, … (cycling). */
    public static Stroke line(int variant, double widthPt) {
        float w = (float) widthPt;
        float[] d = DASHES[Math.floorMod(variant, DASHES.length)];
        if (d == null) {
            return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        float[] scaled = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            scaled[i] = d[i] * Math.max(1f, w);
        }
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, scaled, 0f);
    }

    /** The dash pattern of a variant in multiples of the line width (null: solid), for JavaFX strokes. */
    public static float[] dashes(int variant) {
        float[] d = DASHES[Math.floorMod(variant, DASHES.length)];
        return d == null ? null : d.clone();
    }

    /** Marker shapes by variant, centred on the origin: circle, square, triangle, diamond, down triangle. */
    public static Shape marker(int variant, double sizePt) {
        double r = sizePt / 2;
        switch (Math.floorMod(variant, 5)) {
            case 0:
                return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
            case 1:
                return new Rectangle2D.Double(-r * 0.9, -r * 0.9, 1.8 * r, 1.8 * r);
            case 2:
                return polygon(0, -r * 1.1, r, r * 0.8, -r, r * 0.8);
            case 3:
                return polygon(0, -r * 1.2, r, 0, 0, r * 1.2, -r, 0);
            default:
                return polygon(0, r * 1.1, r, -r * 0.8, -r, -r * 0.8);
        }
    }

    /** The fill of a bar: the run's colour, lighter for a run's second and further sources (outlined in the colour). */
    public static Color barFill(FigureStyle style, Color runColor, int variant) {
        return variant == 0 ? runColor : style.palette().shade(runColor, variant == 1 ? 0.35 : 0.6);
    }

    private static Shape polygon(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }
}
