package org.rmel.figures.tables;

import java.util.Locale;
import org.rmel.base.BadInputException;

/** Text formats for result tables. */
public enum TableFormat {
    /** LaTeX with booktabs rules (the booktabs package must be loaded). */
    TEX,
    CSV,
    /** GitHub-flavoured Markdown; underline as {@code <u>…</u>}. */
    MD;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TableFormat parse(String s) {
        for (TableFormat f : values()) {
            if (f.extension().equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new BadInputException("unknown table format '" + s + "' (use tex, csv or md)");
    }
}
