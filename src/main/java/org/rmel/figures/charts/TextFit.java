package org.rmel.figures.charts;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/** Shortens text to a width in points, keeping both ends ("R-MEL (seed…-30T02)"), as a last resort. */
final class TextFit {
    static final String ELLIPSIS = "…";

    private TextFit() {
    }

    static double width(String s, Font font, FontRenderContext frc) {
        return s.isEmpty() ? 0 : font.getStringBounds(s, frc).getWidth();
    }

    /** {@code s} if it fits in {@code maxWidth}, else its start and end around an ellipsis (at least one character each). */
    static String middle(String s, Font font, FontRenderContext frc, double maxWidth) {
        if (width(s, font, frc) <= maxWidth || s.length() <= 3) {
            return s;
        }
        int keep = s.length() - 1;
        while (keep > 2) {
            int head = (keep + 1) / 2;
            int tail = keep - head;
            String t = s.substring(0, head).stripTrailing() + ELLIPSIS + s.substring(s.length() - tail).stripLeading();
            if (width(t, font, frc) <= maxWidth) {
                return t;
            }
            keep--;
        }
        return s.charAt(0) + ELLIPSIS + s.charAt(s.length() - 1);
    }
}
