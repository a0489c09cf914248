package org.rmel.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rmel.run.EventSink;
import org.rmel.run.GroupEvent;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;

/**
 * The paper's difficulty definition ({@link DifficultyDefinition#ACROSS_RUNS}): a prompt's
 * difficulty is k/N, where N runs of different conditions share the seed and the prompts and k of
 * them drew an all-negative group for it. With one visit per prompt (the paper's 100 steps × 128
 * prompts over 17k problems) "the prompt" is one draw; with several visits per prompt the draw is
 * matched by its visit number, which a shared seed puts at the same step in every run. The run the
 * revision (or extra-rollout group) belongs to was all-negative there, so k ≥ 1: the paper's
 * buckets 1/3 (easy), 2/3 (intermediate) and 3/3 (hard).
 *
 * <p>Runs are grouped into cohorts by seed, task source, pool size and prompts per step; N is the
 * cohort's size, and a draw that some run of the cohort never reached (a shorter run) counts
 * over the runs that reached it. Use:
 * <pre>{@code
 * List<DifficultyBuckets> perRun = CrossRunDifficulty.of(List.of(melDir, extraDir, rmelDir));
 * }</pre>
 */
public final class CrossRunDifficulty {
    /** Spec keys that must agree for runs to share prompts. */
    private static final List<String> COHORT_KEYS = List.of("seed", "tasks", "pool_size", "prompts_per_step");

    private CrossRunDifficulty() {
    }

    /** One run's draws: which (prompt, visit) were all-negative; its revisions and extra groups by draw. */
    static final class Draws implements EventSink {
        final Map<String, Boolean> allNegative = new HashMap<>();
        private final Map<String, Integer> visitAtStep = new HashMap<>();
        /** key "prompt#visit", success. */
        final List<Map.Entry<String, Boolean>> revisions = new ArrayList<>();
        final List<Map.Entry<String, Boolean>> extras = new ArrayList<>();

        @Override
        public void accept(LoggedEvent logged) {
            if (logged.event() instanceof GroupEvent g) {
                if (g.fromExtraRollouts()) {
                    extras.add(Map.entry(draw(g.step(), g.promptId()), g.correctCount() > 0));
                } else {
                    visitAtStep.put(g.step() + "|" + g.promptId(), g.visit());
                    allNegative.put(g.promptId() + "#" + g.visit(), g.allNegative());
                }
            } else if (logged.event() instanceof RevisionEvent r) {
                revisions.add(Map.entry(draw(r.step(), r.promptId()), r.succeeded()));
            }
        }

        private String draw(int step, String prompt) {
            Integer visit = visitAtStep.get(step + "|" + prompt);
            return prompt + "#" + (visit == null ? "?" + step : visit);
        }

        @Override
        public void reset() {
            allNegative.clear();
            visitAtStep.clear();
            revisions.clear();
            extras.clear();
        }
    }

    /** The across-runs buckets of each run, in the order given. */
    public static List<DifficultyBuckets> of(List<RunDirectory> runs) {
        List<Draws> draws = new ArrayList<>();
        for (RunDirectory run : runs) {
            Draws d = new Draws();
            run.read(d);
            draws.add(d);
        }
        List<String> keys = runs.stream().map(r -> cohortKey(r.spec())).toList();
        return of(draws, keys);
    }

    /** The same from paths. */
    public static List<DifficultyBuckets> ofPaths(List<Path> runs) {
        return of(runs.stream().map(RunDirectory::open).toList());
    }

    static List<DifficultyBuckets> of(List<Draws> draws, List<String> cohortKeys) {
        List<DifficultyBuckets> out = new ArrayList<>();
        for (int i = 0; i < draws.size(); i++) {
            List<Draws> cohort = new ArrayList<>();
            for (int j = 0; j < draws.size(); j++) {
                if (cohortKeys.get(j).equals(cohortKeys.get(i))) {
                    cohort.add(draws.get(j));
                }
            }
            DifficultyBuckets.Counter c = new DifficultyBuckets.Counter();
            for (Map.Entry<String, Boolean> r : draws.get(i).revisions) {
                long[] kn = frequency(cohort, r.getKey());
                c.revision(kn[0], kn[1], r.getValue());
            }
            for (Map.Entry<String, Boolean> e : draws.get(i).extras) {
                long[] kn = frequency(cohort, e.getKey());
                c.extra(kn[0], kn[1], e.getValue());
            }
            out.add(c.build(DifficultyDefinition.ACROSS_RUNS));
        }
        return out;
    }

    /** {k, N}: cohort runs all-negative at the draw, over cohort runs that reached it (at least the own run). */
    private static long[] frequency(List<Draws> cohort, String draw) {
        long k = 0;
        long n = 0;
        for (Draws d : cohort) {
            Boolean neg = d.allNegative.get(draw);
            if (neg != null) {
                n++;
                k += neg ? 1 : 0;
            }
        }
        return new long[] {Math.max(1, k), Math.max(1, n)};
    }

    /** Runs share prompts when these spec values agree. */
    static String cohortKey(RunSpec spec) {
        Map<String, String> key = new LinkedHashMap<>();
        for (String k : COHORT_KEYS) {
            key.put(k, Objects.toString(spec.json().get(k)));
        }
        return key.toString();
    }

    /**
     * Notes on a selection for the across-runs definition: cohorts of one run (k/1: no difficulty
     * information) and conditions repeated within a cohort (the paper counts different conditions).
     */
    public static List<String> notes(List<RunDirectory> runs) {
        Map<String, List<String>> byCohort = new LinkedHashMap<>();
        for (RunDirectory r : runs) {
            byCohort.computeIfAbsent(cohortKey(r.spec()), k -> new ArrayList<>())
                    .add(r.spec().condition().orElse("?"));
        }
        List<String> notes = new ArrayList<>();
        byCohort.forEach((key, conditions) -> {
            if (conditions.size() == 1) {
                notes.add("only one run with " + key + ": across-runs difficulty is k/1 there (select the other conditions' runs of that seed)");
            } else if (conditions.stream().distinct().count() < conditions.size()) {
                notes.add("runs with " + key + " repeat a condition " + conditions + "; the paper counts runs of different conditions");
            }
        });
        return notes;
    }
}
