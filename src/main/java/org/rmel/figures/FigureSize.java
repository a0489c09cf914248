package org.rmel.figures;

import org.rmel.base.BadInputException;

/**
 * The physical size of a figure in inches. Layout happens in points (1/72 in) so a PDF, an SVG and
 * a PNG of the same figure have the same proportions and the same font sizes relative to the page.
 */
public record FigureSize(double widthIn, double heightIn) {
    /** One column of a two-column paper (ACL, ICML, NeurIPS two-column styles are 3.25–3.5 in). */
    public static final double SINGLE_COLUMN_IN = 3.5;
    /** The full text width of a two-column paper (ICML/IEEE: 7.16 in). */
    public static final double DOUBLE_COLUMN_IN = 7.16;

    public FigureSize {
        if (!(widthIn > 0 && widthIn <= 40)) {
            throw new BadInputException("figure width must be more than 0 and at most 40 inches, got " + widthIn);
        }
        if (!(heightIn > 0 && heightIn <= 40)) {
            throw new BadInputException("figure height must be more than 0 and at most 40 inches, got " + heightIn);
        }
    }

    /** A chart is never taller than this unless asked: wide figures become strips, not squares. */
    public static final double MAX_CHART_HEIGHT_IN = 2.6;

    /** The height a one-panel chart takes at a width when none is given: about 0.7 of it, at most {@link #MAX_CHART_HEIGHT_IN}. */
    public static double chartHeightPt(double widthPt) {
        return Math.min(widthPt * 0.7, MAX_CHART_HEIGHT_IN * 72);
    }

    public static FigureSize singleColumn() {
        return ofWidth(SINGLE_COLUMN_IN);
    }

    public static FigureSize doubleColumn() {
        return new FigureSize(DOUBLE_COLUMN_IN, 2.6);
    }

    /** A width with the height that suits a one-panel chart (golden-ish, capped for wide figures). */
    public static FigureSize ofWidth(double widthIn) {
        return new FigureSize(widthIn, Math.min(widthIn * 0.7, 3.2));
    }

    public double widthPt() {
        return widthIn * 72.0;
    }

    public double heightPt() {
        return heightIn * 72.0;
    }

    public FigureSize withHeight(double newHeightIn) {
        return new FigureSize(widthIn, newHeightIn);
    }

    /** Pixel width of a raster export: DPI × inches, rounded. */
    public int widthPx(int dpi) {
        return (int) Math.round(widthIn * dpi);
    }

    public int heightPx(int dpi) {
        return (int) Math.round(heightIn * dpi);
    }
}
