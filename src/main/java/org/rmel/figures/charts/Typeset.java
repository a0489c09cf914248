package org.rmel.figures.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Text with subscripts, written as TeX does: {@code τ_min} and {@code p_{keep}} draw "min" and
 * "keep" smaller and lowered, instead of printing the underscore. Each part is drawn as ordinary
 * text, so a PDF keeps it as text in the embedded font.
 */
final class Typeset {
    /** One run of text, subscript or not. */
    record Part(String text, boolean sub) {
    }

    private static final double SUB_SCALE = 0.72;
    private static final double SUB_DROP = 0.28;

    private final List<Part> parts;
    private final Font font;

    Typeset(String source, Font font) {
        this.parts = parse(source);
        this.font = font;
    }

    static List<Part> parse(String s) {
        List<Part> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '_' && i + 1 < s.length()) {
                int end;
                String sub;
                if (s.charAt(i + 1) == '{') {
                    end = s.indexOf('}', i + 2);
                    end = end < 0 ? s.length() : end;
                    sub = s.substring(i + 2, end);
                    end++;
                } else {
                    end = i + 1;
                    while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
                        end++;
                    }
                    sub = s.substring(i + 1, end);
                }
                if (!plain.isEmpty()) {
                    out.add(new Part(plain.toString(), false));
                    plain.setLength(0);
                }
                out.add(new Part(sub, true));
                i = Math.min(end, s.length());
            } else {
                plain.append(c);
                i++;
            }
        }
        if (!plain.isEmpty()) {
            out.add(new Part(plain.toString(), false));
        }
        return out;
    }

    private static final String SUBSCRIPT_FROM = "aehijklmnoprstuvx0123456789";
    private static final String SUBSCRIPT_TO = "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ₀₁₂₃₄₅₆₇₈₉";

    /**
     * For text drawn by code that cannot typeset (a chart library's titles): subscripts as Unicode
     * subscript letters where the font has them ("τ_min" → "τₘᵢₙ"), else the underscore dropped.
     */
    static String unicode(String source, Font font) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parse(source)) {
            if (!p.sub()) {
                sb.append(p.text());
                continue;
            }
            StringBuilder sub = new StringBuilder();
            for (char c : p.text().toCharArray()) {
                int i = SUBSCRIPT_FROM.indexOf(c);
                sub.append(i >= 0 ? SUBSCRIPT_TO.charAt(i) : c);
            }
            String s = sub.toString();
            boolean all = s.chars().allMatch(c -> SUBSCRIPT_TO.indexOf(c) >= 0);
            sb.append(all && font.canDisplayUpTo(s) < 0 ? s : p.text());
        }
        return sb.toString();
    }

    /** The text as read aloud: subscripts joined, no underscores ("τmin = 0.3"). */
    String plain() {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.text()));
        return sb.toString();
    }

    private Font fontOf(Part p) {
        return p.sub() ? font.deriveFont(font.getSize2D() * (float) SUB_SCALE) : font;
    }

    double width(FontRenderContext frc) {
        double w = 0;
        for (Part p : parts) {
            w += TextFit.width(p.text(), fontOf(p), frc);
        }
        return w;
    }

    /** Ascent of the main font and the subscripts' drop below the baseline, for placing. */
    double ascent(FontRenderContext frc) {
        return font.getLineMetrics("τ", frc).getAscent();
    }

    double descent(FontRenderContext frc) {
        return Math.max(font.getLineMetrics("τ", frc).getDescent(), font.getSize2D() * (SUB_DROP + 0.2));
    }

    /** Draws with the baseline at y; returns the ink box (approximately: ascent to the subscripts' descent). */
    Rectangle2D draw(Graphics2D g, double x, double y) {
        FontRenderContext frc = g.getFontRenderContext();
        double cx = x;
        for (Part p : parts) {
            Font f = fontOf(p);
            g.setFont(f);
            g.drawString(p.text(), (float) cx, (float) (y + (p.sub() ? font.getSize2D() * SUB_DROP : 0)));
            cx += TextFit.width(p.text(), f, frc);
        }
        g.setFont(font);
        return new Rectangle2D.Double(x, y - ascent(frc), cx - x, ascent(frc) + descent(frc));
    }
}
