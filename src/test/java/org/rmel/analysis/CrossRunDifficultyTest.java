package org.rmel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.run.GroupEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;
import org.rmel.testsupport.RunScript;

/** The paper's difficulty: k of the N runs of one seed in which the draw was all-negative. */
class CrossRunDifficultyTest {
    private static final String NEG = GroupEvent.ROLLOUT;

    @TempDir
    Path tmp;

    private static RunSpec spec(String condition, long seed) {
        RunSpec s = RunScript.spec(condition, 4, 4, 0.3, 2);
        ObjectNode o = s.json().deepCopy();
        o.put("seed", seed);
        o.put("tasks", "builtin:arith");
        o.put("pool_size", 96);
        o.put("prompts_per_step", 2);
        return RunSpec.of(o);
    }

    /**
     * Three conditions, one seed, prompts a and b at step 1 (visit 1) and a at step 2 (visit 2):
     * a@1 is all-negative in mel, mel-extra and r-mel (3/3, hard); b@1 in mel-extra and r-mel (2/3);
     * a@2 only in r-mel (1/3, easy).
     */
    private List<Path> cohort() {
        Path mel = tmp.resolve("mel");
        Path extra = tmp.resolve("extra");
        Path rmel = tmp.resolve("rmel");
        try (RunScript s = RunScript.create(mel, spec("mel", 1))) {
            s.group(1, "a", 1, NEG, 0, 0, 0, 0);
            s.group(1, "b", 1, NEG, 1, 0, 0, 0);
            s.group(2, "a", 2, NEG, 1, 1, 0, 0);
        }
        try (RunScript s = RunScript.create(extra, spec("mel-extra", 1))) {
            s.group(1, "a", 1, NEG, 0, 0, 0, 0);
            s.group(1, "a", 1, GroupEvent.EXTRA, 0, 0, 0, 0);
            s.group(1, "b", 1, NEG, 0, 0, 0, 0);
            s.group(1, "b", 1, GroupEvent.EXTRA, 0, 1, 0, 0);
            s.group(2, "a", 2, NEG, 1, 0, 0, 0);
        }
        try (RunScript s = RunScript.create(rmel, spec("r-mel", 1))) {
            s.group(1, "a", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "a", -1, 0, 0.7, 0.5, 0.3, 0.7);
            s.group(1, "b", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "b", 0, 0.8, 0.7);
            s.group(2, "a", 2, NEG, 0, 0, 0, 0);
            s.revision(2, "a", 0, 0.75, 0.7);
        }
        return List.of(mel, extra, rmel);
    }

    @Test
    void countsTheRunsInWhichEachDrawWasAllNegative() {
        List<DifficultyBuckets> d = CrossRunDifficulty.ofPaths(cohort());
        assertEquals(3, d.size());
        assertTrue(d.get(0).revision().isEmpty() && d.get(0).extra().isEmpty(), "MEL only contributes to k");
        assertEquals(List.of(new BucketRate("2/3", Rate.of(1, 1)), new BucketRate("3/3", Rate.of(0, 1))), d.get(1).extra());
        DifficultyBuckets rmel = d.get(2);
        assertEquals(DifficultyDefinition.ACROSS_RUNS, rmel.definition());
        assertEquals(List.of(new BucketRate("1/3", Rate.of(1, 1)), new BucketRate("2/3", Rate.of(1, 1)),
                new BucketRate("3/3", Rate.of(0, 1))), rmel.revision());
        assertEquals(List.of(new BucketRate("easy (<=1/3)", Rate.of(1, 1)), new BucketRate("intermediate (<=2/3)", Rate.of(1, 1)),
                new BucketRate("hard (>2/3)", Rate.of(0, 1))), rmel.revisionBands());
    }

    @Test
    void runsOfAnotherSeedAreAnotherCohort() {
        List<Path> runs = new java.util.ArrayList<>(cohort());
        Path other = tmp.resolve("other-seed");
        try (RunScript s = RunScript.create(other, spec("r-mel", 2))) {
            s.group(1, "a", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "a", 0, 0.8, 0.7);
        }
        runs.add(other);
        List<DifficultyBuckets> d = CrossRunDifficulty.ofPaths(runs);
        assertEquals(List.of(new BucketRate("1/1", Rate.of(1, 1))), d.get(3).revision(), "alone in its cohort: k/1");
        assertEquals(List.of(new BucketRate("1/3", Rate.of(1, 1)), new BucketRate("2/3", Rate.of(1, 1)),
                new BucketRate("3/3", Rate.of(0, 1))), d.get(2).revision(), "seed 1's cohort is unchanged");
        List<String> notes = CrossRunDifficulty.notes(runs.stream().map(RunDirectory::open).toList());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("only one run"), notes.get(0));
    }

    @Test
    void anAblationTakesRmelsPlaceAndOtherRunsOfTheSeedDoNotCount() {
        List<Path> paperRuns = cohort();
        List<Path> runs = new java.util.ArrayList<>(paperRuns);
        // r-mel-b1 trains like r-mel: the same draws all-negative, the same revisions
        Path b1 = tmp.resolve("b1");
        try (RunScript s = RunScript.create(b1, spec("r-mel-b1", 1))) {
            s.group(1, "a", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "a", -1, 0, 0.7);
            s.group(1, "b", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "b", 0, 0.8, 0.7);
            s.group(2, "a", 2, NEG, 0, 0, 0, 0);
            s.revision(2, "a", 0, 0.75, 0.7);
        }
        runs.add(b1);
        List<DifficultyBuckets> paper = CrossRunDifficulty.ofPaths(paperRuns);
        List<DifficultyBuckets> d = CrossRunDifficulty.ofPaths(runs);
        assertEquals(paper.get(2).revision(), d.get(2).revision(), "R-MEL's k of 3 ignores the ablation (else a@2 would be 2/4)");
        assertEquals(paper.get(1).extra(), d.get(1).extra(), "so does MEL+Extra's");
        assertEquals(paper.get(2).revision(), d.get(3).revision(), "the ablation counts MEL, MEL+Extra and itself: k of 3");
        assertEquals("k of 3 runs (MEL, MEL+Extra, R-MEL) all-negative at this visit (paper)", d.get(2).label());
        assertEquals("k of 3 runs (MEL, MEL+Extra, r-mel-b1) all-negative at this visit (paper)", d.get(3).label());
        List<CrossRunDifficulty.Cohort> cohorts = CrossRunDifficulty.cohorts(runs.stream().map(RunDirectory::open).toList());
        assertEquals(List.of(0, 1, 2), cohorts.get(2).members());
        assertEquals(List.of(0, 1, 3), cohorts.get(3).members());
        assertEquals("k of 3 runs (MEL, MEL+Extra, R-MEL or the bar's ablation) all-negative at this visit (paper)",
                CrossRunDifficulty.label(cohorts));
    }

    @Test
    void anIncompleteCohortSaysWhatIsMissing() {
        List<Path> runs = cohort().subList(1, 3); // MEL+Extra and R-MEL, no MEL
        List<DifficultyBuckets> d = CrossRunDifficulty.ofPaths(runs);
        assertEquals("k of 2 runs (MEL+Extra, R-MEL; no MEL run of this seed) all-negative at this visit (paper)", d.get(1).label());
        List<String> notes = CrossRunDifficulty.notes(runs.stream().map(RunDirectory::open).toList());
        assertTrue(notes.size() == 1 && notes.get(0).contains("no MEL run selected") && notes.get(0).contains("k of 2"), notes.toString());
    }

    /** The bundled sample runs (one seed, six conditions): selecting the ablations too leaves R-MEL's bands as they are. */
    @Test
    void sampleRunsAblationsInTheSelectionDoNotMoveRmelsBands() {
        Path samples = Path.of("sample-runs");
        List<Path> paper = List.of(samples.resolve("mel"), samples.resolve("mel-extra"), samples.resolve("r-mel"));
        List<Path> all = List.of(samples.resolve("r-mel"), samples.resolve("r-mel-adaptive"), samples.resolve("r-mel-b1"),
                samples.resolve("r-mel-no-prefix"), samples.resolve("mel"), samples.resolve("mel-extra"));
        DifficultyBuckets three = CrossRunDifficulty.ofPaths(paper).get(2);
        List<DifficultyBuckets> six = CrossRunDifficulty.ofPaths(all);
        assertTrue(three.revisionBands().stream().mapToLong(b -> b.rate().trials()).sum() > 0, "the sample R-MEL run revises");
        assertEquals(three.revisionBands(), six.get(0).revisionBands());
        assertEquals(three.revision(), six.get(0).revision());
        assertEquals(CrossRunDifficulty.ofPaths(paper).get(1).extraBands(), six.get(5).extraBands());
        for (int i = 1; i <= 3; i++) {
            List<Path> own = List.of(paper.get(0), paper.get(1), all.get(i));
            assertEquals(CrossRunDifficulty.ofPaths(own).get(2).revisionBands(), six.get(i).revisionBands(), all.get(i).toString());
            assertTrue(six.get(i).label().startsWith("k of 3 runs (MEL, MEL+Extra, r-mel-"), six.get(i).label());
        }
    }
}
