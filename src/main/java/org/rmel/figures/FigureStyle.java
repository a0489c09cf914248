package org.rmel.figures;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Stroke;

/**
 * Everything that decides how a figure looks: palette, font family and base size, line width.
 * The same style object drives the chart on screen and every export, which is what keeps them equal.
 *
 * @param basePt size of tick labels and legend text in points; titles and labels scale from it
 */
public record FigureStyle(Palette palette, FontPreset font, double basePt, double lineWidthPt) {

    /**
     * Named size presets: the venue's text size ({@link Venue#figureBasePt}; 8 pt when no venue is
     * chosen), a paper figure at 100% scale, or larger for slides and the screen.
     */
    public enum SizePreset {
        VENUE(8.0, 1.0), PAPER(7.0, 1.0), PAPER_LARGE(8.5, 1.2), SLIDES(12.0, 1.8), SCREEN(11.0, 1.5);

        public final double basePt;
        public final double lineWidthPt;

        SizePreset(double basePt, double lineWidthPt) {
            this.basePt = basePt;
            this.lineWidthPt = lineWidthPt;
        }
    }

    public static FigureStyle paper() {
        return of(FontPreset.SANS, SizePreset.PAPER);
    }

    public static FigureStyle screen() {
        return of(FontPreset.SANS, SizePreset.SCREEN);
    }

    /** The screen style on the light or the dark theme (exports always use the light palette). */
    public static FigureStyle screen(boolean dark) {
        return dark ? screen().withPalette(Palette.okabeItoDark()) : screen();
    }

    public static FigureStyle of(FontPreset font, SizePreset size) {
        return new FigureStyle(Palette.okabeIto(), font, size.basePt, size.lineWidthPt);
    }

    public FigureStyle withBasePt(double pt) {
        return new FigureStyle(palette, font, pt, lineWidthPt);
    }

    public FigureStyle withPalette(Palette p) {
        return new FigureStyle(p, font, basePt, lineWidthPt);
    }

    /** The colour of the run at {@code runIndex} (its position in the selection): the same in every chart. */
    public java.awt.Color runColor(int runIndex) {
        return palette.series(runIndex);
    }

    public Font tickFont() {
        return font.font(Font.PLAIN, basePt);
    }

    public Font labelFont() {
        return font.font(Font.PLAIN, basePt * 1.1);
    }

    public Font titleFont() {
        return font.font(Font.BOLD, basePt * 1.2);
    }

    public Font monoFont() {
        return FontPreset.MONO.font(Font.PLAIN, basePt);
    }

    public Stroke lineStroke() {
        return new BasicStroke((float) lineWidthPt, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    public Stroke thinStroke() {
        return new BasicStroke((float) (lineWidthPt * 0.6));
    }
}
