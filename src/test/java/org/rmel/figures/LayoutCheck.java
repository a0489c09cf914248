package org.rmel.figures;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometric legibility rules a drawn figure must pass: every text inside the figure and inside
 * the clip it was drawn under (nothing cut off), no two texts overlapping, no text smaller than
 * {@link #MIN_TEXT_PT}. Returns the violations in words, so a failing test says what collided where.
 */
final class LayoutCheck {
    /** Smallest text a printed figure may carry (journals ask for 5–6 pt at final size). */
    static final double MIN_TEXT_PT = 5.0;
    /** Ink may touch; it overlaps when the shared area is wider and taller than this (points). */
    private static final double SLACK = 0.4;

    private LayoutCheck() {
    }

    static List<String> violations(List<RecordingGraphics.Text> texts, Rectangle2D figure) {
        return violations(texts, figure, true);
    }

    /** @param chart whether the figure is a chart (a text figure may quote "..." from the model's output) */
    static List<String> violations(List<RecordingGraphics.Text> texts, Rectangle2D figure, boolean chart) {
        List<String> out = new ArrayList<>();
        for (RecordingGraphics.Text t : texts) {
            if (!inside(t.bounds(), figure)) {
                out.add("outside the figure: " + describe(t));
            } else if (t.clip() != null && !inside(t.bounds(), t.clip())) {
                out.add("clipped: " + describe(t) + " clip " + box(t.clip()));
            }
            if (chart && t.text().endsWith("...")) {
                out.add("truncated by the chart library: " + describe(t));
            }
            if (t.sizePt() < MIN_TEXT_PT - 1e-6) {
                out.add(String.format(Locale.ROOT, "too small (%.1f pt): %s", t.sizePt(), describe(t)));
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                RecordingGraphics.Text a = texts.get(i);
                RecordingGraphics.Text b = texts.get(j);
                if (overlap(a.bounds(), b.bounds())) {
                    out.add("overlap: " + describe(a) + " and " + describe(b));
                }
            }
        }
        return out;
    }

    /**
     * The layout boxes: every plot inside its cell and at least {@link #MIN_PLOT_SHARE} of it in
     * each direction (a legend or title never takes the plot's place), no plot or cell under the
     * legend, no text from outside a cell inside its plot.
     */
    static List<String> violations(FigureLayout layout, List<RecordingGraphics.Text> texts, Rectangle2D figure) {
        List<String> out = new ArrayList<>();
        List<FigureLayout.Box> cells = layout.of(FigureLayout.Kind.CELL);
        List<FigureLayout.Box> plots = layout.of(FigureLayout.Kind.PLOT);
        if (plots.isEmpty()) {
            out.add("no plot drawn");
        }
        for (FigureLayout.Box p : plots) {
            FigureLayout.Box cell = cells.stream().filter(c -> c.owner().equals(p.owner()) && inside(p.bounds(), c.bounds()))
                    .findFirst().orElse(null);
            if (cell == null) {
                out.add("plot of '" + p.owner() + "' " + box(p.bounds()) + " is outside its cell");
                continue;
            }
            int inCell = (int) plots.stream().filter(q -> q.owner().equals(p.owner()) && inside(q.bounds(), cell.bounds())).count();
            double hShare = p.bounds().getHeight() * inCell / cell.bounds().getHeight();
            double wShare = p.bounds().getWidth() / cell.bounds().getWidth();
            if (hShare < MIN_PLOT_SHARE || wShare < MIN_PLOT_SHARE) {
                out.add(String.format(Locale.ROOT, "plot of '%s' has only %.0f%% of its cell's height and %.0f%% of its width",
                        p.owner(), 100 * hShare, 100 * wShare));
            }
            for (RecordingGraphics.Text t : texts) {
                if (overlap(t.bounds(), p.bounds()) && !inside(t.bounds(), cell.bounds())) {
                    out.add("text from elsewhere in the plot of '" + p.owner() + "': " + describe(t));
                }
            }
        }
        for (FigureLayout.Box l : layout.of(FigureLayout.Kind.LEGEND)) {
            if (!inside(l.bounds(), figure)) {
                out.add("legend " + box(l.bounds()) + " outside the figure");
            }
            for (FigureLayout.Box c : cells) {
                if (overlap(l.bounds(), c.bounds())) {
                    out.add("legend " + box(l.bounds()) + " over the cell of '" + c.owner() + "'");
                }
            }
        }
        return out;
    }

    /** Least share of its cell's width and height a plot keeps (the rest: title, axes, tick labels). */
    static final double MIN_PLOT_SHARE = 0.4;

    static boolean inside(Rectangle2D r, Rectangle2D outer) {
        return r.getMinX() >= outer.getMinX() - SLACK && r.getMaxX() <= outer.getMaxX() + SLACK
                && r.getMinY() >= outer.getMinY() - SLACK && r.getMaxY() <= outer.getMaxY() + SLACK;
    }

    static boolean overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > SLACK && h > SLACK;
    }

    static String describe(RecordingGraphics.Text t) {
        String s = t.text().length() > 40 ? t.text().substring(0, 40) + "…" : t.text();
        return "'" + s + "' " + box(t.bounds());
    }

    static String box(Rectangle2D r) {
        return String.format(Locale.ROOT, "[%.1f,%.1f %.1f×%.1f]", r.getX(), r.getY(), r.getWidth(), r.getHeight());
    }
}
