package org.rmel.method;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * p_keep bookkeeping: of the meta-experiences validated by replay, the fraction kept, overall
 * and per source (natural vs revision; the paper compares them). Leaks (meta-experiences that
 * state the gold answer) are counted apart and never validated, so p_keep is reported with leaks
 * excluded. Mutable; not thread-safe. p_keep is empty while nothing has been validated, rather
 * than a made-up 0.
 */
public final class KeepTally {
    /** Per source: validated, kept, leaks. */
    private final Map<PairSource, int[]> counts = new EnumMap<>(PairSource.class);

    public KeepTally() {
        for (PairSource s : PairSource.values()) {
            counts.put(s, new int[3]);
        }
    }

    /** Counts one meta-experience: a leak, or a validated one. */
    public void add(MetaExperience m) {
        if (m.leak()) {
            counts.get(m.source())[2]++;
        } else {
            add(m.source(), m.kept());
        }
    }

    /** Counts one validated meta-experience of a source. */
    public void add(PairSource source, boolean kept) {
        int[] c = counts.get(source);
        c[0]++;
        if (kept) {
            c[1]++;
        }
    }

    public int validated(PairSource source) {
        return counts.get(source)[0];
    }

    public int kept(PairSource source) {
        return counts.get(source)[1];
    }

    /** Meta-experiences of a source that stated the gold answer (not validated). */
    public int leaks(PairSource source) {
        return counts.get(source)[2];
    }

    public int validated() {
        return counts.values().stream().mapToInt(c -> c[0]).sum();
    }

    public int kept() {
        return counts.values().stream().mapToInt(c -> c[1]).sum();
    }

    public int leaks() {
        return counts.values().stream().mapToInt(c -> c[2]).sum();
    }

    /** kept / validated over all sources (leaks excluded). */
    public OptionalDouble pKeep() {
        return ratio(kept(), validated());
    }

    /** kept / validated for one source (leaks excluded). */
    public OptionalDouble pKeep(PairSource source) {
        return ratio(kept(source), validated(source));
    }

    private static OptionalDouble ratio(int kept, int validated) {
        return validated == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) kept / validated);
    }
}
