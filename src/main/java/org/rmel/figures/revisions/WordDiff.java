package org.rmel.figures.revisions;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmel.figures.data.TextSpan;

/**
 * Word-level diff of two texts (seed and revision) with java-diff-utils. Words and the whitespace
 * between them are separate units, so a changed number lights up alone and spacing changes show.
 * Gives style spans for a side-by-side view (deletions on the left, insertions on the right) and
 * a unified text in which both appear in order.
 */
public final class WordDiff {
    public static final String DELETE = "diff-delete";
    public static final String INSERT = "diff-insert";
    private static final Pattern UNIT = Pattern.compile("\\s+|[\\p{L}\\p{N}_]+|[^\\s\\p{L}\\p{N}_]");

    /** Spans over the left text, the right text, and the unified text with its spans. */
    public record Result(List<TextSpan> left, List<TextSpan> right, String unified, List<TextSpan> unifiedSpans) {
    }

    private WordDiff() {
    }

    static List<String> units(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = UNIT.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public static Result diff(String left, String right) {
        List<String> a = units(left);
        List<String> b = units(right);
        Patch<String> patch = DiffUtils.diff(a, b);
        int[] aOff = offsets(a);
        int[] bOff = offsets(b);
        List<TextSpan> ls = new ArrayList<>();
        List<TextSpan> rs = new ArrayList<>();
        StringBuilder unified = new StringBuilder();
        List<TextSpan> us = new ArrayList<>();
        int ai = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            int srcPos = d.getSource().getPosition();
            int tgtPos = d.getTarget().getPosition();
            // Equal run before the delta.
            append(unified, us, join(a, ai, srcPos), null);
            int srcEnd = srcPos + d.getSource().size();
            int tgtEnd = tgtPos + d.getTarget().size();
            if (srcEnd > srcPos) {
                ls.add(new TextSpan(aOff[srcPos], aOff[srcEnd], Set.of(DELETE)));
                append(unified, us, join(a, srcPos, srcEnd), DELETE);
            }
            if (tgtEnd > tgtPos) {
                rs.add(new TextSpan(bOff[tgtPos], bOff[tgtEnd], Set.of(INSERT)));
                append(unified, us, join(b, tgtPos, tgtEnd), INSERT);
            }
            ai = srcEnd;
        }
        append(unified, us, join(a, ai, a.size()), null);
        return new Result(fill(ls, left.length()), fill(rs, right.length()), unified.toString(), fill(us, unified.length()));
    }

    private static int[] offsets(List<String> units) {
        int[] off = new int[units.size() + 1];
        for (int i = 0; i < units.size(); i++) {
            off[i + 1] = off[i] + units.get(i).length();
        }
        return off;
    }

    private static String join(List<String> units, int from, int to) {
        return String.join("", units.subList(from, to));
    }

    private static void append(StringBuilder sb, List<TextSpan> spans, String s, String role) {
        if (s.isEmpty()) {
            return;
        }
        if (role != null) {
            spans.add(new TextSpan(sb.length(), sb.length() + s.length(), Set.of(role)));
        }
        sb.append(s);
    }

    /** Adds unstyled spans between the marked ones so the spans cover the whole text. */
    private static List<TextSpan> fill(List<TextSpan> marked, int length) {
        List<TextSpan> out = new ArrayList<>();
        int pos = 0;
        for (TextSpan s : marked) {
            if (s.start() > pos) {
                out.add(new TextSpan(pos, s.start(), Set.of()));
            }
            out.add(s);
            pos = s.end();
        }
        if (pos < length) {
            out.add(new TextSpan(pos, length, Set.of()));
        }
        return out;
    }
}
