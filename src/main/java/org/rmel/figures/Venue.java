package org.rmel.figures;

import java.util.Locale;
import org.rmel.base.BadInputException;

/**
 * Page geometry of publication venues, so a figure is made at the width LaTeX will place it (no
 * scaling, so its text keeps the size it was drawn at) and its text matches the body text. Widths
 * are those the venues' style files set, in TeX points (72.27 per inch), converted to inches
 * rounded down, so a figure never overflows {@code \columnwidth}:
 *
 * <ul>
 * <li>generic two-column: LaTeX's {@code article} class with {@code [twocolumn]}: {@code \textwidth}
 *     452 pt on A4 (469 pt on letter), {@code \columnsep} 10 pt, so {@code \columnwidth} 221 pt
 *     (229.5 pt on letter); A4's is taken, it fits both papers; body 10 pt.</li>
 * <li>ICML ({@code icml2024.sty}): {@code \textwidth} 6.75 in, {@code \columnsep} 0.25 in, column
 *     3.25 in; body 10 pt Times.</li>
 * <li>ACL ({@code acl.sty} of the ACL style files): {@code \textwidth} 16.0 cm, {@code \columnsep}
 *     0.6 cm, column 7.7 cm (3.03 in); body 11 pt Times.</li>
 * <li>NeurIPS ({@code neurips_2024.sty}): one column, {@code \textwidth} 5.5 in; body 10 pt Times.</li>
 * <li>IEEE ({@code IEEEtran.cls}, journal and conference): {@code \columnwidth} 21 pc = 252 pt
 *     (3.49 in: the "3.5 in" of IEEE's author guide), {@code \textwidth} 43 pc = 516 pt (7.14 in),
 *     {@code \columnsep} 1 pc; body 10 pt Times.</li>
 * </ul>
 *
 * Figure text: tick labels and legends at the venue's {@code \footnotesize} (8 pt under a 10 pt
 * body, 9 pt under 11 pt), axis labels a little larger and titles at about the body size.
 */
public enum Venue {
    TWO_COLUMN("two-column", "generic two-column (article)", 221, 452, 10, 10),
    ICML("icml", "ICML", 3.25 * 72.27, 6.75 * 72.27, 0.25 * 72.27, 10),
    ACL("acl", "ACL", 7.7 / 2.54 * 72.27, 16.0 / 2.54 * 72.27, 0.6 / 2.54 * 72.27, 11),
    NEURIPS("neurips", "NeurIPS", 5.5 * 72.27, 5.5 * 72.27, 0, 10),
    IEEE("ieee", "IEEE", 252, 516, 12, 10);

    /** TeX points per inch. */
    public static final double TEX_PT_PER_IN = 72.27;

    private final String id;
    private final String label;
    private final double columnPt;
    private final double textPt;
    private final double columnSepPt;
    private final int bodyPt;

    Venue(String id, String label, double columnPt, double textPt, double columnSepPt, int bodyPt) {
        this.id = id;
        this.label = label;
        this.columnPt = columnPt;
        this.textPt = textPt;
        this.columnSepPt = columnSepPt;
        this.bodyPt = bodyPt;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Whether the venue sets two columns (NeurIPS does not: its column is its text width). */
    public boolean twoColumn() {
        return columnPt < textPt;
    }

    /** {@code \columnwidth} in TeX points. */
    public double columnPt() {
        return columnPt;
    }

    /** {@code \textwidth} in TeX points. */
    public double textPt() {
        return textPt;
    }

    public double columnSepPt() {
        return columnSepPt;
    }

    /** The body text size in points (the class option: 10pt, 11pt). */
    public int bodyPt() {
        return bodyPt;
    }

    /** A figure one column wide, in inches, rounded down to 0.001 in. */
    public double columnIn() {
        return inches(columnPt);
    }

    /** A figure the full text width (across both columns), in inches, rounded down to 0.001 in. */
    public double textIn() {
        return inches(textPt);
    }

    public double widthIn(boolean fullWidth) {
        return fullWidth ? textIn() : columnIn();
    }

    /** Tick and legend text: LaTeX's {@code \footnotesize} for the body size (8 pt at 10 pt, 9 pt at 11 pt). */
    public double figureBasePt() {
        return switch (bodyPt) {
            case 11 -> 9;
            case 12 -> 10;
            default -> 8;
        };
    }

    static double inches(double texPt) {
        return Math.floor(texPt / TEX_PT_PER_IN * 1000 + 1e-9) / 1000;
    }

    public static Venue parse(String s) {
        for (Venue v : values()) {
            if (v.id.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new BadInputException("--venue '" + s + "': use " + String.join(", ", java.util.Arrays.stream(values())
                .map(Venue::id).toList()));
    }

    /** "ICML column (3.25 in)" for the export pane. */
    public String describe(boolean fullWidth) {
        String what = !twoColumn() ? "text width" : fullWidth ? "full width" : "column";
        return String.format(Locale.ROOT, "%s %s (%s in)", label, what, Numbers.brief(widthIn(fullWidth)));
    }
}
