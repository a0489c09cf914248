package org.rmel.figures.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits the seed and the revision of an {@link AnnotatedRevision} into styled spans. The vector
 * figure and the app's rich text view both draw from these spans, so what is shaded on screen is
 * exactly what is shaded in the exported figure.
 *
 * <p>Roles: {@code kept} (seed prefix kept for this attempt), {@code cut} (seed part cut away),
 * {@code continuation} (generated text), {@code lcp} (shared with the other text),
 * {@code tau-marker} (the character right after a truncation point), {@code bifurcation}
 * (the character at the bifurcation point).
 */
public final class TrajectorySpans {
    public static final String KEPT = "kept";
    public static final String CUT = "cut";
    public static final String CONTINUATION = "continuation";
    public static final String LCP = "lcp";
    public static final String TAU_MARKER = "tau-marker";
    public static final String BIFURCATION = "bifurcation";

    private TrajectorySpans() {
    }

    public static List<TextSpan> seed(AnnotatedRevision r) {
        int n = r.seedText().length();
        List<Boundary> b = new ArrayList<>();
        b.add(new Boundary(0, n, KEPT, r.cutChar()));
        b.add(new Boundary(r.cutChar(), n, CUT, n));
        b.add(new Boundary(0, n, LCP, r.lcpEnd()));
        for (TruncationMark m : r.marks()) {
            b.add(point(m.charOffset(), n, TAU_MARKER));
        }
        if (r.bifurcationChar() >= 0) {
            b.add(point(r.bifurcationChar(), n, BIFURCATION));
        }
        return split(n, b);
    }

    public static List<TextSpan> revision(AnnotatedRevision r) {
        int n = r.revisionText().length();
        int kept = r.keptInRevision();
        List<Boundary> b = new ArrayList<>();
        b.add(new Boundary(0, n, KEPT, kept));
        b.add(new Boundary(kept, n, CONTINUATION, n));
        b.add(new Boundary(0, n, LCP, r.lcpEnd()));
        if (!r.primed()) {
            b.add(point(r.cutChar(), n, TAU_MARKER)); // a primed revision has no cut of its own: it is all new
        }
        if (r.bifurcationChar() >= 0) {
            b.add(point(r.bifurcationChar(), n, BIFURCATION));
        }
        return split(n, b);
    }

    /** Which roles the character at {@code offset} has (for tests and hit-testing). */
    public static Set<String> rolesAt(List<TextSpan> spans, int offset) {
        for (TextSpan s : spans) {
            if (offset >= s.start() && offset < s.end()) {
                return s.roles();
            }
        }
        return Set.of();
    }

    /** A role on [start, end) clamped to a text of length n. */
    private record Boundary(int start, int n, String role, int end) {
        int from() {
            return Math.max(0, Math.min(start, n));
        }

        int to() {
            return Math.max(from(), Math.min(end, n));
        }
    }

    /** A point marker covers the one character after the point (or the last character at the very end). */
    private static Boundary point(int offset, int n, String role) {
        int at = Math.min(offset, Math.max(0, n - 1));
        return new Boundary(at, n, role, at + 1);
    }

    private static List<TextSpan> split(int n, List<Boundary> roles) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, n));
        for (Boundary b : roles) {
            cuts.add(b.from());
            cuts.add(b.to());
        }
        List<TextSpan> spans = new ArrayList<>();
        Integer prev = null;
        for (int c : cuts) {
            if (prev != null && c > prev) {
                Set<String> active = new TreeSet<>();
                for (Boundary b : roles) {
                    if (b.from() <= prev && prev < b.to()) {
                        active.add(b.role());
                    }
                }
                spans.add(new TextSpan(prev, c, active));
            }
            prev = c;
        }
        return spans;
    }
}
