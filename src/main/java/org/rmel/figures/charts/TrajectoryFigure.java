package org.rmel.figures.charts;

import org.rmel.figures.Numbers;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.Palette;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.RevisionTokens;
import org.rmel.figures.data.TextSpan;
import org.rmel.figures.data.TrajectorySpans;
import org.rmel.figures.data.TruncationMark;
import org.rmel.figures.tables.CsvTable;

/**
 * One revision drawn as text with Java2D, so it exports as vector: the problem, the seed with the kept prefix
 * and the cut-away part distinct, a marker at each truncation point of the schedule, the shared
 * (LCP) region shaded, the bifurcation point, then the revision (prefix + continuation), the
 * answers against the gold answer and the verifier's reason. A monospaced font makes every
 * character offset a column, so markers sit exactly between characters. The positions come from the
 * token offsets the trainer recorded; a run without them is drawn with a visible "estimated" note.
 */
public final class TrajectoryFigure implements Figure {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    /** The problem takes at most this many rows; a longer one ends in "…" (the CSV has it whole). */
    static final int PROBLEM_ROWS = 6;
    /** Seed and revision go side by side when each column then holds at least this many characters. */
    static final int SIDE_BY_SIDE_COLS = 40;

    private final AnnotatedRevision rev;
    private final FigureStyle style;

    public TrajectoryFigure(AnnotatedRevision rev, FigureStyle style) {
        this.rev = rev;
        this.style = style;
    }

    public AnnotatedRevision revision() {
        return rev;
    }

    @Override
    public double preferredHeightPt(double widthPt, double suggestedHeightPt) {
        return new Layout(widthPt).height();
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(style.palette().role("background"));
        g.fill(area);
        new Layout(area.getWidth()).paint(g, area.getX(), area.getY());
    }

    @Override
    public List<CsvTable> data() {
        List<List<String>> rows = new ArrayList<>();
        addSpans(rows, "seed", rev.seedText(), TrajectorySpans.seed(rev));
        addSpans(rows, "revision", rev.revisionText(), TrajectorySpans.revision(rev));
        RevisionTokens t = rev.tokens();
        List<String> summary = List.of(rev.title(), Numbers.brief(rev.tau()), Integer.toString(t.seed()),
                Integer.toString(t.cut()), Integer.toString(rev.cutChar()), Integer.toString(t.lcp()),
                Integer.toString(rev.lcpEnd()), CsvTable.num(rev.lcpRatio()), Integer.toString(t.continuation()),
                rev.accepted() ? "accepted" : rev.verified() ? "verified, rejected by the prefix constraint" : "rejected",
                rev.positions(), rev.primed() ? "primed" : "forced", rev.problem());
        return List.of(
                new CsvTable("revision", List.of("attempt", "tau", "seed_tokens", "cut_tokens", "kept_chars", "lcp_tokens",
                        "lcp_chars", "lcp_ratio", "continuation_tokens", "outcome", "positions", "mode", "problem"),
                        List.of(summary)),
                new CsvTable("trajectory spans (start, end: character offsets)",
                        List.of("text", "start", "end", "roles", "content"), rows));
    }

    private static void addSpans(List<List<String>> rows, String which, String text, List<TextSpan> spans) {
        for (TextSpan s : spans) {
            rows.add(List.of(which, Integer.toString(s.start()), Integer.toString(s.end()), String.join(" ", s.roles()),
                    text.substring(s.start(), s.end())));
        }
    }

    /** All positions for one width; computing the height and painting share it. */
    private final class Layout {
        final Font mono = style.monoFont();
        final Font small = style.font().font(Font.PLAIN, style.basePt() * 0.75);
        final Font label = style.font().font(Font.BOLD, style.basePt());
        final Font body = style.font().font(Font.PLAIN, style.basePt());
        final double cw = mono.getStringBounds("0000000000", FRC).getWidth() / 10;
        final double pad = style.basePt() * 0.6;
        /** Row pitch leaves room above each text row for the marker labels. */
        final double rowH = style.basePt() * 2.0;
        final double width;
        /** Seed and revision next to each other (wide figures) instead of one above the other. */
        final boolean sideBySide;
        /** Width of one text column: the whole text width, or half of it less the gutter. */
        final double columnW;
        final double gutter = style.basePt() * 2;
        final List<String> titleLines;
        final List<String> subLines;
        final List<String> noteLines;
        final List<String> problemRows;
        final List<TextRows.Row> seedRows;
        final List<TextRows.Row> revRows;
        final List<String> footer;

        Layout(double width) {
            this.width = width;
            double text = width - 2 * pad;
            int cols = (int) Math.floor(text / cw);
            int half = (int) Math.floor((text - gutter) / 2 / cw);
            sideBySide = half >= SIDE_BY_SIDE_COLS;
            columnW = sideBySide ? (text - gutter) / 2 : text;
            int textCols = sideBySide ? half : cols;
            titleLines = wrap(rev.title(), style.titleFont(), text);
            subLines = wrap(subtitle(), body, text);
            noteLines = rev.exactPositions() ? List.of() : wrap("Positions estimated (no token offsets in this run)", body, text);
            problemRows = problemRows(cols);
            seedRows = TextRows.wrap(rev.seedText(), textCols);
            revRows = TextRows.wrap(rev.revisionText(), textCols);
            footer = new ArrayList<>();
            String answers = "gold: " + rev.gold() + "    seed answer: " + rev.seedAnswer() + "    revision answer: "
                    + rev.revisionAnswer();
            for (String line : List.of(answers, "verifier: " + rev.verdict())) {
                for (TextRows.Row r : TextRows.wrap(line, cols)) {
                    footer.add(line.substring(r.start(), r.end()));
                }
            }
        }

        String subtitle() {
            RevisionTokens t = rev.tokens();
            return String.format(Locale.ROOT, "τ = %s · %s %d of %d tokens · LCP %d tokens (ratio %.2f) · %s",
                    Numbers.brief(rev.tau()), rev.primed() ? "primed with" : "kept", t.cut(), t.seed(), t.lcp(), rev.lcpRatio(),
                    rev.accepted() ? "accepted" : rev.verified() ? "verified, rejected by the prefix constraint" : "rejected");
        }

        String revisionLabel() {
            return rev.primed() ? "Revision (primed, written anew)"
                    : "Revision (kept prefix + continuation)";
        }

        /** Words of {@code s} in lines no wider than {@code w} (a word wider than that is cut in the middle). */
        List<String> wrap(String s, Font f, double w) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : s.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (line.isEmpty() || f.getStringBounds(candidate, FRC).getWidth() <= w) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
            return lines.stream().map(l -> TextFit.middle(l, f, FRC, w)).toList();
        }

        /** The problem wrapped to the width, at most {@link #PROBLEM_ROWS} rows (the last ends in "…" when cut). */
        List<String> problemRows(int cols) {
            List<String> out = new ArrayList<>();
            String problem = rev.problem().strip();
            List<TextRows.Row> rows = TextRows.wrap(problem, cols);
            for (int i = 0; i < rows.size() && i < PROBLEM_ROWS; i++) {
                String line = problem.substring(rows.get(i).start(), rows.get(i).end());
                if (i == PROBLEM_ROWS - 1 && rows.size() > PROBLEM_ROWS) {
                    line = line.substring(0, Math.max(0, Math.min(line.length(), cols - 1))) + "…";
                }
                out.add(line);
            }
            return problem.isEmpty() ? List.of() : out;
        }

        double lineH(Font f) {
            return f.getSize2D() * 1.35;
        }

        double textsHeight() {
            return sideBySide ? lineH(label) + Math.max(seedRows.size(), revRows.size()) * rowH
                    : 2 * lineH(label) + (seedRows.size() + revRows.size()) * rowH;
        }

        double height() {
            double problem = problemRows.isEmpty() ? 0 : lineH(label) + problemRows.size() * lineH(mono);
            return pad + titleLines.size() * lineH(style.titleFont()) + (subLines.size() + noteLines.size()) * lineH(body)
                    + problem + textsHeight() + footer.size() * lineH(mono) + lineH(body) * 0.3 + legendHeight() + pad;
        }

        void paint(Graphics2D g, double x0, double y0) {
            Palette p = style.palette();
            double x = x0 + pad;
            double y = y0 + pad;
            for (String line : titleLines) {
                y = text(g, line, style.titleFont(), p.role("text"), x, y);
            }
            for (String line : subLines) {
                y = text(g, line, body, p.role("muted"), x, y);
            }
            for (String line : noteLines) {
                y = text(g, line, body, p.role("marker"), x, y);
            }
            if (!problemRows.isEmpty()) {
                y = text(g, "Problem", label, p.role("text"), x, y);
                for (String line : problemRows) {
                    y = text(g, line, mono, p.role("text"), x, y);
                }
            }
            if (sideBySide) {
                double x2 = x + columnW + gutter;
                text(g, "Seed (failed trajectory)", label, p.role("text"), x, y);
                double top = text(g, revisionLabel(), label, p.role("text"), x2, y);
                double a = rows(g, rev.seedText(), seedRows, TrajectorySpans.seed(rev), true, x, top);
                double b = rows(g, rev.revisionText(), revRows, TrajectorySpans.revision(rev), false, x2, top);
                y = Math.max(a, b);
            } else {
                y = text(g, "Seed (failed trajectory)", label, p.role("text"), x, y);
                y = rows(g, rev.seedText(), seedRows, TrajectorySpans.seed(rev), true, x, y);
                y = text(g, revisionLabel(), label, p.role("text"), x, y);
                y = rows(g, rev.revisionText(), revRows, TrajectorySpans.revision(rev), false, x, y);
            }
            for (String line : footer) {
                y = text(g, line, mono, p.role("text"), x, y);
            }
            legend(g, x, y + lineH(body) * 0.3);
        }

        /** Draws one line of text with its top at y; returns the y below it. */
        double text(Graphics2D g, String s, Font f, Color c, double x, double y) {
            g.setFont(f);
            g.setPaint(c);
            double base = y + f.getSize2D();
            g.drawString(s, (float) x, (float) base);
            return y + lineH(f);
        }

        double rows(Graphics2D g, String text, List<TextRows.Row> rows, List<TextSpan> spans, boolean isSeed, double x,
                double y) {
            Palette p = style.palette();
            double fs = mono.getSize2D();
            for (int i = 0; i < rows.size(); i++) {
                TextRows.Row row = rows.get(i);
                double base = y + i * rowH + rowH - fs * 0.45;
                for (TextSpan s : spans) {
                    int a = Math.max(s.start(), row.start());
                    int b = Math.min(s.end(), row.end());
                    if (a >= b) {
                        continue;
                    }
                    double sx = x + (a - row.start()) * cw;
                    double sw = (b - a) * cw;
                    if (s.roles().contains(TrajectorySpans.LCP)) {
                        g.setPaint(Palette.tint(p.role("lcp"), 0.35));
                        g.fill(new Rectangle2D.Double(sx, base - fs * 0.95, sw, fs * 1.25));
                    }
                    Color c = s.roles().contains(TrajectorySpans.CUT) ? p.role("cut")
                            : s.roles().contains(TrajectorySpans.CONTINUATION) ? p.role("continuation") : p.role("kept");
                    g.setPaint(c);
                    g.setFont(mono);
                    g.drawString(text.substring(a, b).replace('\t', ' '), (float) sx, (float) base);
                    if (s.roles().contains(TrajectorySpans.CUT)) {
                        // Struck through as well as coloured, so "cut away" survives greyscale printing.
                        g.setStroke(style.thinStroke());
                        g.draw(new Line2D.Double(sx, base - fs * 0.3, sx + sw, base - fs * 0.3));
                    }
                }
            }
            List<TruncationMark> marks = new ArrayList<>();
            if (isSeed) {
                marks.addAll(rev.marks());
            } else if (!rev.primed()) {
                marks.add(new TruncationMark(rev.tau(), rev.cutChar(),
                        rev.accepted() ? TruncationMark.Outcome.ACCEPTED : TruncationMark.Outcome.REJECTED));
            }
            marks.sort(java.util.Comparator.comparingInt(TruncationMark::charOffset));
            for (int ri = 0; ri < rows.size(); ri++) {
                List<TruncationMark> inRow = new ArrayList<>();
                for (TruncationMark m : marks) {
                    if (TextRows.rowOf(rows, m.charOffset()) == ri) {
                        inRow.add(m);
                    }
                }
                if (!inRow.isEmpty()) {
                    markRow(g, rows.get(ri), inRow, x, y + ri * rowH + rowH - fs * 0.45);
                }
            }
            if (rev.bifurcationChar() >= 0) {
                int at = Math.min(rev.bifurcationChar(), text.length());
                int ri = TextRows.rowOf(rows, at);
                double bx = x + (at - rows.get(ri).start()) * cw;
                double base = y + ri * rowH + rowH - fs * 0.45;
                Path2D tri = new Path2D.Double();
                double s = fs * 0.45;
                tri.moveTo(bx, base + fs * 0.15);
                tri.lineTo(bx - s / 2, base + fs * 0.15 + s);
                tri.lineTo(bx + s / 2, base + fs * 0.15 + s);
                tri.closePath();
                g.setPaint(p.role("bifurcation"));
                g.fill(tri);
            }
            return y + rows.size() * rowH;
        }

        Color markColor(TruncationMark m) {
            return m.outcome() == TruncationMark.Outcome.NOT_TRIED ? style.palette().role("muted") : style.palette().role("marker");
        }

        /**
         * The truncation markers of one text row and their τ labels. A marker line sits exactly at its
         * offset; labels of markers closer together than a label's width merge ("τ=0.5, 0.7", each
         * value in its marker's colour, a repeated τ once), and a label never runs past the column.
         */
        void markRow(Graphics2D g, TextRows.Row row, List<TruncationMark> marks, double x, double base) {
            double fs = mono.getSize2D();
            float w = (float) (style.lineWidthPt() * 1.2);
            for (TruncationMark m : marks) {
                double mx = x + (m.charOffset() - row.start()) * cw;
                BasicStroke stroke = switch (m.outcome()) {
                    case ACCEPTED -> new BasicStroke(w * 1.4f);
                    case REJECTED -> new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 1.2f}, 0f);
                    case NOT_TRIED -> new BasicStroke(w * 0.7f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {0.6f, 1.2f}, 0f);
                };
                g.setPaint(markColor(m));
                g.setStroke(stroke);
                g.draw(new Line2D.Double(mx, base - fs * 1.15, mx, base + fs * 0.3));
            }
            double right = x + columnW;
            double gap = small.getSize2D() * 0.5;
            List<List<TruncationMark>> clusters = new ArrayList<>();
            List<Double> starts = new ArrayList<>();
            for (TruncationMark m : marks) {
                double mx = x + (m.charOffset() - row.start()) * cw + 1;
                int last = clusters.size() - 1;
                if (last >= 0 && mx < starts.get(last) + labelWidth(clusters.get(last)) + gap) {
                    clusters.get(last).add(m);
                } else {
                    clusters.add(new ArrayList<>(List.of(m)));
                    starts.add(mx);
                }
            }
            // Right to left: pull labels in from the column's edge; a label pushed onto its left neighbour joins it.
            for (int i = clusters.size() - 1; i >= 0; i--) {
                double lw = labelWidth(clusters.get(i));
                double lx = Math.min(starts.get(i), right - lw);
                if (i > 0 && lx < starts.get(i - 1) + labelWidth(clusters.get(i - 1)) + gap) {
                    clusters.get(i - 1).addAll(clusters.remove(i));
                    starts.remove(i);
                    continue;
                }
                starts.set(i, Math.max(x, lx));
            }
            for (int i = 0; i < clusters.size(); i++) {
                double lx = Math.max(x, Math.min(starts.get(i), right - labelWidth(clusters.get(i))));
                drawLabel(g, clusters.get(i), lx, base - fs * 1.1);
            }
        }

        /** "τ=" then each distinct τ of the cluster, comma-separated. */
        List<String[]> labelParts(List<TruncationMark> cluster) {
            List<String[]> parts = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (TruncationMark m : cluster) {
                String v = Numbers.brief(m.tau());
                if (!seen.contains(v)) {
                    seen.add(v);
                    parts.add(new String[] {(parts.isEmpty() ? "τ=" : ", ") + v, m.outcome().name()});
                }
            }
            return parts;
        }

        double labelWidth(List<TruncationMark> cluster) {
            double w = 0;
            for (String[] part : labelParts(cluster)) {
                w += small.getStringBounds(part[0], FRC).getWidth();
            }
            return w;
        }

        void drawLabel(Graphics2D g, List<TruncationMark> cluster, double x, double base) {
            g.setFont(small);
            double cx = x;
            for (String[] part : labelParts(cluster)) {
                TruncationMark.Outcome o = TruncationMark.Outcome.valueOf(part[1]);
                g.setPaint(o == TruncationMark.Outcome.NOT_TRIED ? style.palette().role("muted") : style.palette().role("marker"));
                g.drawString(part[0], (float) cx, (float) base);
                cx += small.getStringBounds(part[0], FRC).getWidth();
            }
        }

        /** Legend entries placed left to right, wrapping to a new row when the width runs out. */
        List<double[]> legendPositions(double x, double y) {
            double fs = body.getSize2D();
            List<double[]> pos = new ArrayList<>();
            double cx = x;
            double base = y + fs;
            for (String name : legendNames()) {
                double w = fs * 1.2 + body.getStringBounds(name, FRC).getWidth() + fs * 1.2;
                if (cx > x && cx + w > x + width - 2 * pad) {
                    cx = x;
                    base += lineH(body);
                }
                pos.add(new double[] {cx, base});
                cx += w;
            }
            return pos;
        }

        List<String> legendNames() {
            List<String> names = new ArrayList<>(List.of("shared prefix (LCP)", "cut away", "continuation", "truncation point"));
            if (rev.bifurcationChar() >= 0) {
                names.add("bifurcation");
            }
            return names;
        }

        double legendHeight() {
            List<double[]> pos = legendPositions(0, 0);
            return pos.get(pos.size() - 1)[1] + body.getSize2D() * 0.6;
        }

        void legend(Graphics2D g, double x, double y) {
            Palette p = style.palette();
            double fs = body.getSize2D();
            List<String> names = legendNames();
            List<double[]> pos = legendPositions(x, y);
            g.setFont(body);
            for (int i = 0; i < names.size(); i++) {
                double cx = pos.get(i)[0];
                double base = pos.get(i)[1];
                switch (i) {
                    case 0 -> swatch(g, cx, base, Palette.tint(p.role("lcp"), 0.35));
                    case 1 -> swatch(g, cx, base, p.role("cut"));
                    case 2 -> swatch(g, cx, base, p.role("continuation"));
                    case 3 -> {
                        g.setPaint(p.role("marker"));
                        g.setStroke(new BasicStroke((float) (style.lineWidthPt() * 1.4)));
                        g.draw(new Line2D.Double(cx + fs * 0.4, base - fs * 0.9, cx + fs * 0.4, base + fs * 0.2));
                    }
                    default -> {
                        Path2D tri = new Path2D.Double();
                        tri.moveTo(cx + fs * 0.4, base - fs * 0.7);
                        tri.lineTo(cx + fs * 0.05, base);
                        tri.lineTo(cx + fs * 0.75, base);
                        tri.closePath();
                        g.setPaint(p.role("bifurcation"));
                        g.fill(tri);
                    }
                }
                g.setPaint(p.role("text"));
                g.drawString(names.get(i), (float) (cx + fs * 1.2), (float) base);
            }
        }

        void swatch(Graphics2D g, double cx, double base, Color c) {
            double fs = body.getSize2D();
            g.setPaint(c);
            g.fill(new Rectangle2D.Double(cx, base - fs * 0.75, fs * 0.9, fs * 0.8));
        }
    }
}
