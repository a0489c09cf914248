package org.rmel.figures.export;

import java.util.Locale;
import org.rmel.base.BadInputException;

/** The formats a figure can be written in. PDF and SVG are vector; PNG is rasterised at a chosen DPI. */
public enum ImageFormat {
    PDF, SVG, PNG;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageFormat parse(String s) {
        for (ImageFormat f : values()) {
            if (f.extension().equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new BadInputException("unknown figure format '" + s + "' (use pdf, svg, png, or csv for the figure's data)");
    }
}
