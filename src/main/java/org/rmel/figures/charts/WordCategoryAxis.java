package org.rmel.figures.charts;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.text.G2TextMeasurer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A category axis whose labels break between words only: when a label does not fit its category in
 * the allowed lines without cutting a word ("intermedi / a..."), a shorter form is used — long
 * words abbreviated ("interm."), then the label without its parenthesis. When even that cuts a
 * word ("MEL+Extra" in a narrow category), {@link #fitAfterTrial} turns the labels upright
 * (reading upwards), where each has the plot's height.
 */
final class WordCategoryAxis extends CategoryAxis {
    private static final long serialVersionUID = 1L;

    /** Whether a label of the last layout had to cut a word. */
    private boolean cut;

    WordCategoryAxis(String label) {
        super(label);
    }

    /** After a trial layout: labels that had to cut a word are drawn rotated instead. */
    void fitAfterTrial() {
        if (cut && getCategoryLabelPositions() == org.jfree.chart.axis.CategoryLabelPositions.STANDARD) {
            setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
        }
    }

    /** Back to horizontal labels before a new layout (another size may fit them). */
    void reset() {
        cut = false;
        setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.STANDARD);
    }

    @Override
    protected TextBlock createLabel(Comparable category, float width, RectangleEdge edge, Graphics2D g2) {
        TextBlock last = null;
        if (getCategoryLabelPositions() != org.jfree.chart.axis.CategoryLabelPositions.STANDARD) {
            return TextUtils.createTextBlock(category.toString(), getTickLabelFont(category), getTickLabelPaint(category),
                    width, 1, new G2TextMeasurer(g2));
        }
        for (String v : variants(category.toString())) {
            TextBlock b = TextUtils.createTextBlock(v, getTickLabelFont(category), getTickLabelPaint(category), width,
                    getMaximumCategoryLabelLines(), new G2TextMeasurer(g2));
            if (wholeWords(b, v)) {
                return b;
            }
            last = b;
        }
        cut = true;
        return last;
    }

    /** The label, then long words shortened to their first five letters and a dot, then without the parenthesis. */
    static List<String> variants(String label) {
        List<String> out = new ArrayList<>();
        out.add(label);
        StringBuilder shortened = new StringBuilder();
        for (String w : label.split(" ")) {
            if (!shortened.isEmpty()) {
                shortened.append(' ');
            }
            shortened.append(w.length() > 7 && w.chars().allMatch(Character::isLetter) ? w.substring(0, 5) + "." : w);
        }
        add(out, shortened.toString());
        add(out, ChartFigure.withoutParenthesis(label));
        add(out, ChartFigure.withoutParenthesis(shortened.toString()));
        return out;
    }

    private static void add(List<String> out, String v) {
        if (!out.contains(v)) {
            out.add(v);
        }
    }

    /** Whether the block shows all of {@code text}, broken only at spaces. */
    static boolean wholeWords(TextBlock block, String text) {
        List<String> lines = new ArrayList<>();
        for (Object o : block.getLines()) {
            TextLine line = (TextLine) o;
            lines.add(line.getFirstTextFragment() == null ? "" : line.getFirstTextFragment().getText().strip());
        }
        return String.join(" ", lines).equals(text.strip().replaceAll("\\s+", " "));
    }
}
