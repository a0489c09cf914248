package org.rmel.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
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
 * <p>A run's cohort ({@link #cohorts}) is what the paper compares: the MEL, MEL+Extra and R-MEL
 * runs of its seed (same seed, task source, pool size and prompts per step), the run itself in
 * its condition's place: an ablation (r-mel-no-prefix, r-mel-b1, r-mel-adaptive) takes R-MEL's.
 * Other selected runs do not count (an ablation trained like R-MEL would otherwise push draws
 * toward "hard"). N is the cohort's size (3, or fewer when a condition's run is missing, which
 * the label says), and a draw that some run of the cohort never reached (a shorter run) counts
 * over the runs that reached it. The study and the run-level figures, panels and reports all
 * use this class. Use:
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

    /** The across-runs buckets of each run, in the order given, each labelled with its cohort. */
    public static List<DifficultyBuckets> of(List<RunDirectory> runs) {
        List<Draws> draws = new ArrayList<>();
        for (RunDirectory run : runs) {
            Draws d = new Draws();
            run.read(d);
            draws.add(d);
        }
        return of(draws, cohorts(runs));
    }

    /** The same from paths. */
    public static List<DifficultyBuckets> ofPaths(List<Path> runs) {
        return of(runs.stream().map(RunDirectory::open).toList());
    }

    static List<DifficultyBuckets> of(List<Draws> draws, List<Cohort> cohorts) {
        List<DifficultyBuckets> out = new ArrayList<>();
        for (int i = 0; i < draws.size(); i++) {
            List<Draws> cohort = cohorts.get(i).members().stream().map(draws::get).toList();
            DifficultyBuckets.Counter c = new DifficultyBuckets.Counter();
            for (Map.Entry<String, Boolean> r : draws.get(i).revisions) {
                long[] kn = frequency(cohort, r.getKey());
                c.revision(kn[0], kn[1], r.getValue());
            }
            for (Map.Entry<String, Boolean> e : draws.get(i).extras) {
                long[] kn = frequency(cohort, e.getKey());
                c.extra(kn[0], kn[1], e.getValue());
            }
            out.add(c.build(DifficultyDefinition.ACROSS_RUNS, cohorts.get(i).label()));
        }
        return out;
    }

    /** The paper's three slots of a cohort, by the condition that fills them. */
    private enum Slot {
        MEL("mel", "MEL"), MEL_EXTRA("mel-extra", "MEL+Extra"), R_MEL("r-mel", "R-MEL");

        final String condition;
        final String label;

        Slot(String condition, String label) {
            this.condition = condition;
            this.label = label;
        }

        /** MEL and MEL+Extra fill their own slot; every R-MEL variant (and any other condition) takes R-MEL's place. */
        static Slot of(String condition) {
            for (Slot s : values()) {
                if (s.condition.equals(condition)) {
                    return s;
                }
            }
            return R_MEL;
        }
    }

    /**
     * One run's cohort for the paper's difficulty: the MEL, MEL+Extra and R-MEL runs of its seed
     * (same prompts), the run itself in its condition's place: an ablation (or another R-MEL variant)
     * takes R-MEL's. Other runs of the selection do not count.
     *
     * @param members indices into the selection, the run itself included
     * @param names   the members' condition names as the paper writes them, in slot order
     * @param missing the slots no selected run filled (empty: the paper's k of 3)
     */
    public record Cohort(List<Integer> members, List<String> names, List<String> missing) {
        public Cohort {
            members = List.copyOf(members);
            names = List.copyOf(names);
            missing = List.copyOf(missing);
        }

        /** N, the runs counted. */
        public int size() {
            return members.size();
        }

        public boolean complete() {
            return missing.isEmpty();
        }

        /** "k of 3 runs (MEL, MEL+Extra, R-MEL) all-negative at this visit (paper)", naming what is missing. */
        public String label() {
            return "k of " + size() + " run" + (size() == 1 ? "" : "s") + " (" + String.join(", ", names)
                    + (complete() ? "" : "; no " + String.join(" or ", missing) + " run of this seed")
                    + ") all-negative at this visit (paper)";
        }
    }

    /** Each run's cohort among {@code runs} (its seed and prompts from run.json, its condition's slot). */
    public static List<Cohort> cohorts(List<RunDirectory> runs) {
        List<String> conditions = runs.stream().map(r -> r.spec().condition().orElse("?")).toList();
        List<String> keys = runs.stream().map(r -> cohortKey(r.spec())).toList();
        return cohorts(conditions, keys);
    }

    /**
     * Each run's cohort, from the runs' conditions (run.json names) and the keys of the prompts they
     * share (runs with equal keys drew the same prompts): the first selected run of each other slot.
     */
    public static List<Cohort> cohorts(List<String> conditions, List<String> keys) {
        List<Cohort> out = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            Slot own = Slot.of(conditions.get(i));
            List<Integer> members = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Slot slot : Slot.values()) {
                int member = -1;
                if (slot == own) {
                    member = i;
                } else {
                    for (int j = 0; j < conditions.size() && member < 0; j++) {
                        if (keys.get(j).equals(keys.get(i)) && conditions.get(j).equals(slot.condition)) {
                            member = j;
                        }
                    }
                }
                if (member < 0) {
                    missing.add(slot.label);
                } else {
                    members.add(member);
                    // an ablation in R-MEL's place is named by its run.json condition, e.g. r-mel-b1
                    names.add(member == i && !conditions.get(i).equals(slot.condition) ? conditions.get(i) : slot.label);
                }
            }
            out.add(new Cohort(members, names, missing));
        }
        return out;
    }

    /**
     * What a figure names for several runs' cohorts: their label when they agree, else N (or its
     * range), the slots some cohort fills ("R-MEL or the bar's ablation" where an ablation took
     * R-MEL's place for its own bars) and the slots missing (for all bars, or for some).
     */
    public static String label(List<Cohort> cohorts) {
        List<String> labels = cohorts.stream().map(Cohort::label).distinct().toList();
        if (labels.size() == 1) {
            return labels.get(0);
        }
        int min = cohorts.stream().mapToInt(Cohort::size).min().orElse(0);
        int max = cohorts.stream().mapToInt(Cohort::size).max().orElse(0);
        List<String> names = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            long without = cohorts.stream().filter(c -> c.missing().contains(slot.label)).count();
            if (without == cohorts.size()) {
                missing.add("no " + slot.label + " run");
                continue;
            }
            if (without > 0) {
                missing.add("no " + slot.label + " run for some bars");
            }
            boolean ablation = slot == Slot.R_MEL && cohorts.stream()
                    .anyMatch(c -> !c.missing().contains(slot.label) && !c.names().contains(slot.label));
            boolean plain = cohorts.stream().anyMatch(c -> c.names().contains(slot.label));
            names.add(ablation ? (plain ? "R-MEL or the bar's ablation" : "the bar's ablation") : slot.label);
        }
        return "k of " + (min == max ? Integer.toString(min) : min + "–" + max) + " runs (" + String.join(", ", names)
                + (missing.isEmpty() ? "" : "; " + String.join(", ", missing)) + ") all-negative at this visit (paper)";
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
     * Notes on a selection for the across-runs definition: runs alone in their cohort (k/1: no
     * difficulty information), incomplete cohorts (k of 2, not the paper's k of 3) and conditions
     * repeated within a seed (only the first of them counts in the other runs' cohorts).
     */
    public static List<String> notes(List<RunDirectory> runs) {
        List<Cohort> cohorts = cohorts(runs);
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        Map<String, List<Cohort>> cohortsByKey = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            String key = cohortKey(runs.get(i).spec());
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(runs.get(i).spec().condition().orElse("?"));
            cohortsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(cohorts.get(i));
        }
        List<String> notes = new ArrayList<>();
        byKey.forEach((key, conditions) -> {
            List<String> missing = cohortsByKey.get(key).stream().flatMap(c -> c.missing().stream()).distinct().toList();
            if (conditions.size() == 1) {
                notes.add("only one run with " + key + ": across-runs difficulty is k/1 there (select the other conditions' runs of that seed)");
            } else if (!missing.isEmpty()) {
                notes.add("runs with " + key + " have no " + String.join(" or ", missing) + " run selected: their difficulty is k of "
                        + cohortsByKey.get(key).stream().map(c -> Integer.toString(c.size())).distinct().collect(Collectors.joining(" or "))
                        + " runs, not the paper's k of 3");
            }
            List<String> repeated = conditions.stream().filter(c -> Collections.frequency(conditions, c) > 1).distinct().toList();
            if (!repeated.isEmpty()) {
                notes.add("runs with " + key + " repeat " + repeated + ": each run's cohort takes the first selected run of each"
                        + " other condition (MEL, MEL+Extra, R-MEL; an ablation in R-MEL's place)");
            }
        });
        return notes;
    }
}
