package org.rmel.figures.export;

import java.util.Locale;
import java.util.prefs.Preferences;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureSize;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.FontPreset;
import org.rmel.figures.Venue;

/**
 * What the export pane is set to, as one value: the venue and whether the figure spans one column
 * or the full text width (or, with no venue, a width in inches), height, DPI, format, font family
 * and text size. Remembered between sessions.
 *
 * @param venue the venue whose column or text width the figure takes; null for {@code widthIn}
 * @param fullWidth the venue's full text width rather than one column
 * @param widthIn the width when no venue is chosen
 * @param heightIn 0 lets the figure choose (what suits its panels, or what a text figure needs)
 * @param format pdf, svg, png, or csv for the figure's data
 * @param textSize {@link FigureStyle.SizePreset#VENUE} takes the venue's figure text size
 */
public record ExportSettings(Venue venue, boolean fullWidth, double widthIn, double heightIn, int dpi, String format,
        FontPreset font, FigureStyle.SizePreset textSize) {

    public static final ExportSettings DEFAULT = new ExportSettings(Venue.TWO_COLUMN, false, Venue.TWO_COLUMN.columnIn(), 0,
            FigureExporter.DEFAULT_DPI, "pdf", FontPreset.SANS, FigureStyle.SizePreset.VENUE);

    /** A width in inches, no venue. */
    public ExportSettings(double widthIn, double heightIn, int dpi, String format, FontPreset font,
            FigureStyle.SizePreset textSize) {
        this(null, false, widthIn, heightIn, dpi, format, font, textSize);
    }

    /** The width the figure is written at: the venue's column or text width, else {@code widthIn}. */
    public double width() {
        return venue == null ? widthIn : venue.widthIn(fullWidth);
    }

    /** The size a figure is written at (its natural height unless one is given). */
    public FigureSize size(Figure figure) {
        return FigureExporter.size(figure, width(), heightIn);
    }

    public FigureStyle style() {
        FigureStyle s = FigureStyle.of(font, textSize);
        return textSize == FigureStyle.SizePreset.VENUE && venue != null ? s.withBasePt(venue.figureBasePt()) : s;
    }

    public boolean isData() {
        return "csv".equals(format);
    }

    public String extension() {
        return format;
    }

    public void save(Preferences p) {
        p.put("venue", venue == null ? "" : venue.id());
        p.putBoolean("fullWidth", fullWidth);
        p.putDouble("widthIn", widthIn);
        p.putDouble("heightIn", heightIn);
        p.putInt("dpi", dpi);
        p.put("format", format);
        p.put("font", font.name());
        p.put("textSize", textSize.name());
    }

    /** The remembered settings; anything missing or no longer valid falls back to the default. */
    public static ExportSettings load(Preferences p) {
        try {
            String v = p.get("venue", DEFAULT.venue.id());
            return new ExportSettings(v.isEmpty() ? null : Venue.parse(v), p.getBoolean("fullWidth", DEFAULT.fullWidth),
                    p.getDouble("widthIn", DEFAULT.widthIn), p.getDouble("heightIn", DEFAULT.heightIn),
                    p.getInt("dpi", DEFAULT.dpi), p.get("format", DEFAULT.format).toLowerCase(Locale.ROOT),
                    FontPreset.valueOf(p.get("font", DEFAULT.font.name())),
                    FigureStyle.SizePreset.valueOf(p.get("textSize", DEFAULT.textSize.name())));
        } catch (RuntimeException stale) {
            return DEFAULT;
        }
    }
}
