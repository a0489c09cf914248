package org.rmel.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Success by difficulty under one {@link DifficultyDefinition}: R-MEL revision success (rescued
 * groups over searched groups) and MEL+Extra rescue (extra-rollout groups with a correct answer
 * over all-negative groups given extra rollouts), per exact frequency k/n and per band (easy ≤ 1/3,
 * intermediate ≤ 2/3, hard &gt; 2/3, plus "new" for a prompt with no earlier visit under the online
 * definition).
 *
 * @param definition  how k/n was counted
 * @param label       the definition's label, for figures
 * @param revision    revision success per exact k/n, easiest first
 * @param revisionBands the same in bands
 * @param extra       extra-rollout rescue per exact k/n
 * @param extraBands  the same in bands
 */
public record DifficultyBuckets(DifficultyDefinition definition, String label, List<BucketRate> revision,
        List<BucketRate> revisionBands, List<BucketRate> extra, List<BucketRate> extraBands) {

    public DifficultyBuckets {
        revision = List.copyOf(revision);
        revisionBands = List.copyOf(revisionBands);
        extra = List.copyOf(extra);
        extraBands = List.copyOf(extraBands);
    }

    /** Band names as printed. */
    static final String NEW = "new (first visit)";
    static final String EASY = "easy (<=1/3)";
    static final String MID = "intermediate (<=2/3)";
    static final String HARD = "hard (>2/3)";

    /** Counts {successes, trials} per frequency {k, n}; builds the record. */
    static final class Counter {
        private final TreeMap<long[], long[]> revision = new TreeMap<>(ORDER);
        private final TreeMap<long[], long[]> extra = new TreeMap<>(ORDER);

        void revision(long k, long n, boolean success) {
            count(revision, k, n, success);
        }

        void extra(long k, long n, boolean success) {
            count(extra, k, n, success);
        }

        DifficultyBuckets build(DifficultyDefinition definition) {
            return build(definition, definition.label());
        }

        /** With a label that says more than the definition's (the across-runs cohort). */
        DifficultyBuckets build(DifficultyDefinition definition, String label) {
            return new DifficultyBuckets(definition, label, exact(revision), bands(revision), exact(extra), bands(extra));
        }

        private static void count(TreeMap<long[], long[]> buckets, long k, long n, boolean success) {
            long[] c = buckets.computeIfAbsent(new long[] {k, n}, x -> new long[2]);
            c[0] += success ? 1 : 0;
            c[1]++;
        }
    }

    /** By frequency k/n (0/0 = new first), then by n. */
    private static final Comparator<long[]> ORDER = (a, b) -> {
        if ((a[1] == 0) != (b[1] == 0)) {
            return a[1] == 0 ? -1 : 1;
        }
        int c = Long.compare(a[0] * b[1], b[0] * a[1]);
        return c != 0 ? c : Long.compare(a[1], b[1]);
    };

    /**
     * The canonical order of bucket names as printed here (also with "≤" for "<="): new, easy,
     * intermediate, hard, then exact k/n by frequency and n, then anything else by name (e.g.
     * quintiles Q1…Q5). Figures order their x axis by it, whatever buckets a series lacks.
     */
    public static final Comparator<String> LABEL_ORDER = Comparator.comparingInt(DifficultyBuckets::rank)
            .thenComparing(DifficultyBuckets::frequency, (a, b) -> a == null || b == null ? 0 : ORDER.compare(a, b))
            .thenComparing(Comparator.naturalOrder());

    private static int rank(String label) {
        int band = List.of(NEW, EASY, MID, HARD).indexOf(label.replace("≤", "<="));
        return band >= 0 ? band : frequency(label) != null ? 4 : 5;
    }

    /** {k, n} of an exact bucket "k/n", else null. */
    private static long[] frequency(String label) {
        int slash = label.indexOf('/');
        try {
            return slash > 0 ? new long[] {Long.parseLong(label.substring(0, slash)), Long.parseLong(label.substring(slash + 1))} : null;
        } catch (NumberFormatException notExact) {
            return null;
        }
    }

    private static List<BucketRate> exact(TreeMap<long[], long[]> buckets) {
        List<BucketRate> out = new ArrayList<>();
        buckets.forEach((kn, c) -> out.add(new BucketRate(kn[1] == 0 ? NEW : kn[0] + "/" + kn[1], Rate.of(c[0], c[1]))));
        return out;
    }

    private static List<BucketRate> bands(TreeMap<long[], long[]> buckets) {
        Map<String, long[]> c = new java.util.LinkedHashMap<>();
        boolean anyNew = buckets.keySet().stream().anyMatch(kn -> kn[1] == 0);
        if (anyNew) {
            c.put(NEW, new long[2]);
        }
        for (String band : List.of(EASY, MID, HARD)) {
            c.put(band, new long[2]);
        }
        buckets.forEach((kn, sc) -> {
            String band = kn[1] == 0 ? NEW : 3 * kn[0] <= kn[1] ? EASY : 3 * kn[0] <= 2 * kn[1] ? MID : HARD;
            c.get(band)[0] += sc[0];
            c.get(band)[1] += sc[1];
        });
        List<BucketRate> out = new ArrayList<>();
        c.forEach((band, sc) -> out.add(new BucketRate(band, Rate.of(sc[0], sc[1]))));
        return out;
    }
}
