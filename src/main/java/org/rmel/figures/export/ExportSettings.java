package org.rmel.figures.export;

import java.util.Locale;
import java.util.prefs.Preferences;
import org.rmel.figures.FigureSize;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.FontPreset;

/**
 * What the export pane asks for, as one value that can be remembered between sessions.
 *
 * @param heightIn 0 lets the figure choose (the chart default, or what a text figure needs)
 * @param format pdf, svg, png, or csv for the figure's data
 */
public record ExportSettings(double widthIn, double heightIn, int dpi, String format, FontPreset font,
        FigureStyle.SizePreset textSize) {

    public static final ExportSettings DEFAULT = new ExportSettings(FigureSize.SINGLE_COLUMN_IN, 0, FigureExporter.DEFAULT_DPI,
            "pdf", FontPreset.SANS, FigureStyle.SizePreset.PAPER);

    public FigureSize size() {
        FigureSize base = widthIn == FigureSize.DOUBLE_COLUMN_IN ? FigureSize.doubleColumn() : FigureSize.ofWidth(widthIn);
        return heightIn > 0 ? base.withHeight(heightIn) : base;
    }

    public FigureStyle style() {
        return FigureStyle.of(font, textSize);
    }

    public boolean isData() {
        return "csv".equals(format);
    }

    public String extension() {
        return format;
    }

    public void save(Preferences p) {
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
            return new ExportSettings(p.getDouble("widthIn", DEFAULT.widthIn), p.getDouble("heightIn", DEFAULT.heightIn),
                    p.getInt("dpi", DEFAULT.dpi), p.get("format", DEFAULT.format).toLowerCase(Locale.ROOT),
                    FontPreset.valueOf(p.get("font", DEFAULT.font.name())),
                    FigureStyle.SizePreset.valueOf(p.get("textSize", DEFAULT.textSize.name())));
        } catch (IllegalArgumentException stale) {
            return DEFAULT;
        }
    }
}
