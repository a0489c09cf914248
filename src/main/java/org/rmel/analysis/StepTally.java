package org.rmel.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionEvent;
import org.rmel.run.StepEvent;

/**
 * Per-step series: every metric of the {@code step} events as written, plus series derived from
 * the events themselves (so a trainer that logs fewer metrics still gets the R-MEL curves), and
 * the run-wide counts and token accounting.
 */
final class StepTally {
    static final String ALL_NEGATIVE = "derived/all_negative_frac";
    static final String REVISION_SUCCESS = "derived/revision_success_rate";
    static final String P_KEEP = "derived/p_keep";
    static final String LEAKS = "derived/leaks";
    static final String GROUPS = "derived/groups";

    /** Counts of one step: rollout groups, all-negative ones, revisions, rescued, metas, kept. */
    private static final class Counts {
        long groups;
        long allNegative;
        long revisions;
        long rescued;
        long metas;
        long kept;
        long leaks;
    }

    private final Map<String, SeriesBuilder> metrics = new LinkedHashMap<>();
    private final TreeMap<Integer, Counts> steps = new TreeMap<>();
    private long groups;
    private long allNegative;
    private final Map<String, long[]> keepBySource = new TreeMap<>();
    private long metas;
    private long leaks;
    private long rolloutTokens;
    private long extraTokens;
    private long revisionTokens;
    private long reportedTokens;
    private long extraGroups;
    private long revisions;
    private long attempts;
    private long extraRescued;
    private long revisionRescued;
    private int lastStep;

    void add(GroupEvent g) {
        if (g.fromExtraRollouts()) {
            extraGroups++;
            extraTokens += g.tokenSum();
            extraRescued += g.correctCount() > 0 ? 1 : 0;
            return;
        }
        rolloutTokens += g.tokenSum();
        Counts c = counts(g.step());
        c.groups++;
        groups++;
        if (g.allNegative()) {
            c.allNegative++;
            allNegative++;
        }
    }

    void add(RevisionEvent r) {
        Counts c = counts(r.step());
        c.revisions++;
        c.rescued += r.succeeded() ? 1 : 0;
        revisions++;
        revisionRescued += r.succeeded() ? 1 : 0;
        attempts += r.attempts().size();
        revisionTokens += r.generatedTokens();
    }

    void add(MetaExperienceEvent m) {
        Counts c = counts(m.step());
        metas++;
        if (m.leaked()) {
            c.leaks++;
            leaks++;
            return;
        }
        c.metas++;
        c.kept += m.kept() ? 1 : 0;
        long[] s = keepBySource.computeIfAbsent(m.source(), k -> new long[2]);
        s[0] += m.kept() ? 1 : 0;
        s[1]++;
    }

    void add(StepEvent s) {
        lastStep = Math.max(lastStep, s.step());
        s.metrics().forEach((name, v) -> metrics.computeIfAbsent(name, SeriesBuilder::new)
                .add(s.step(), v == null ? Double.NaN : v));
        double tokens = s.metric("tokens/generated");
        if (!Double.isNaN(tokens)) {
            reportedTokens += (long) tokens;
        }
    }

    private Counts counts(int step) {
        lastStep = Math.max(lastStep, step);
        return steps.computeIfAbsent(step, k -> new Counts());
    }

    int lastStep() {
        return lastStep;
    }

    Map<String, Series> series() {
        Map<String, Series> out = new LinkedHashMap<>();
        metrics.forEach((name, b) -> out.put(name, b.build()));
        SeriesBuilder groupsB = new SeriesBuilder(GROUPS);
        SeriesBuilder neg = new SeriesBuilder(ALL_NEGATIVE);
        SeriesBuilder rev = new SeriesBuilder(REVISION_SUCCESS);
        SeriesBuilder keep = new SeriesBuilder(P_KEEP);
        SeriesBuilder leak = new SeriesBuilder(LEAKS);
        steps.forEach((step, c) -> {
            groupsB.add(step, c.groups);
            neg.add(step, c.groups == 0 ? Double.NaN : c.allNegative / (double) c.groups);
            rev.add(step, c.revisions == 0 ? Double.NaN : c.rescued / (double) c.revisions);
            keep.add(step, c.metas == 0 ? Double.NaN : c.kept / (double) c.metas);
            leak.add(step, c.leaks);
        });
        for (SeriesBuilder b : new SeriesBuilder[] {groupsB, neg, rev, keep, leak}) {
            Series s = b.build();
            out.put(s.name(), s);
        }
        return out;
    }

    Rate allNegative() {
        return Rate.of(allNegative, groups);
    }

    Rate pKeep() {
        long kept = 0;
        long all = 0;
        for (long[] s : keepBySource.values()) {
            kept += s[0];
            all += s[1];
        }
        return Rate.of(kept, all);
    }

    /** Leaking meta-experiences over all meta-experiences. */
    Rate leaks() {
        return Rate.of(leaks, metas);
    }

    Map<String, Rate> pKeepBySource() {
        Map<String, Rate> out = new TreeMap<>();
        keepBySource.forEach((src, s) -> out.put(src, Rate.of(s[0], s[1])));
        return out;
    }

    Compute compute() {
        return new Compute(rolloutTokens, extraTokens, revisionTokens, reportedTokens, groups, extraGroups,
                revisions, attempts, extraRescued, revisionRescued);
    }
}
