package org.rmel.figures;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Font families for figures. Physical families are named (DejaVu ships with most Linux systems and
 * can be embedded in PDFs); when one is missing the logical Java family stands in.
 */
public enum FontPreset {
    /** Sans-serif: slides, most ML papers' figures. */
    SANS("DejaVu Sans", Font.SANS_SERIF),
    /** Serif: matches a Times/Computer Modern body text. */
    SERIF("DejaVu Serif", Font.SERIF),
    /** Monospaced: trajectories, where character positions matter. */
    MONO("DejaVu Sans Mono", Font.MONOSPACED);

    private static final Set<String> INSTALLED = installedFamilies();

    private final String physical;
    private final String logical;

    FontPreset(String physical, String logical) {
        this.physical = physical;
        this.logical = logical;
    }

    /** The family name to hand to AWT: the physical family if installed, else the logical one. */
    public String family() {
        return INSTALLED.contains(physical) ? physical : logical;
    }

    public Font font(int style, double sizePt) {
        return new Font(family(), style, 1).deriveFont(style, (float) sizePt);
    }

    private static Set<String> installedFamilies() {
        try {
            return Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                    .collect(Collectors.toSet());
        } catch (RuntimeException | Error e) {
            // No font configuration at all (very bare containers): fall back to logical families.
            return Set.of();
        }
    }
}
