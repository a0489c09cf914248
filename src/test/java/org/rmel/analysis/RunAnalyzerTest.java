package org.rmel.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;
import org.rmel.testsupport.RunScript;

class RunAnalyzerTest {
    @TempDir
    Path tmp;

    private static final String NEG = GroupEvent.ROLLOUT;

    /**
     * Three steps, small enough to count by hand (every expectation below is derived in the
     * comments from these calls, not from running the code).
     */
    static Path handCountedRun(Path dir) {
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 4, 4, 0.3, 3))) {
            s.group(1, "q1", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "q1", 1, 0.55, 0.7, 0.5); // rescued at τ 0.5, LCP ratio 0.55
            s.meta(1, "q1", MetaExperienceEvent.REVISION, true);
            s.group(1, "q2", 1, NEG, 1, 0, 0, 0);
            s.meta(1, "q2", MetaExperienceEvent.NATURAL, false);
            s.group(1, "q3", 1, NEG, 0, 0, 0, 0);
            s.revision(1, "q3", -1, 0, 0.7, 0.5, 0.3, 0.7); // all four attempts fail
            s.step(1, Map.of("reward/mean", 0.1, "tokens/generated", 1000.0));
            s.group(2, "q1", 2, NEG, 1, 1, 0, 0);
            s.meta(2, "q1", MetaExperienceEvent.NATURAL, true);
            s.group(2, "q3", 2, NEG, 0, 0, 0, 0);
            s.revision(2, "q3", 0, 0.4, 0.7); // rescued at τ 0.7 with LCP ratio 0.4
            s.meta(2, "q3", MetaExperienceEvent.REVISION, false);
            s.group(2, "q2", 2, NEG, 1, 1, 1, 1);
            s.step(2, Map.of("reward/mean", 0.2, "tokens/generated", 2000.0));
            s.eval(2, "math500", new boolean[] {true, false, true, false}, new int[] {8, 0, 4, 2});
            s.group(3, "q1", 3, NEG, 0, 0, 0, 0);
            s.revision(3, "q1", -1, 0, 0.7);
            s.step(3, Map.of("reward/mean", 0.3));
            s.eval(3, "math500", new boolean[] {true, true, true, false}, new int[] {8, 8, 4, 2});
            s.finish();
        }
        return dir;
    }

    @Test
    void countsMatchTheHandCountedRun() {
        RunAnalyzer.Result result = RunAnalyzer.analyze(RunDirectory.open(handCountedRun(tmp.resolve("run"))));
        RunAnalysis a = result.analysis();
        assertTrue(result.read().warnings().isEmpty());
        assertEquals(3, a.lastStep());
        // Rollout groups: 3 + 3 + 1 = 7; all-negative: q1@1, q3@1, q3@2, q1@3.
        assertEquals(Rate.of(4, 7), a.allNegative());
        assertEquals(Rate.of(2, 4), a.revisionSuccess());
        // τ 0.7 tried in all four revisions (twice in the failed B = 4 one), accepted once (q3@2).
        assertEquals(List.of(new TauRate(0.3, Rate.of(0, 1), 0), new TauRate(0.5, Rate.of(1, 2), 1),
                new TauRate(0.7, Rate.of(1, 5), 1)), a.revisionByTau());
        assertEquals(Rate.of(2, 4), a.pKeep());
        assertEquals(Map.of("natural", Rate.of(1, 2), "revision", Rate.of(1, 2)), a.pKeepBySource());
        // Attempt LCP ratios: failed attempts have LCP = cut: 0.7, 0.7, 0.5, 0.3, 0.7, 0.7; accepted 0.55 and 0.4.
        assertArrayEquals(new long[] {0, 0, 0, 1, 1, 2, 0, 4, 0, 0}, a.lcp().attempts().counts());
        assertArrayEquals(new long[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, a.lcp().accepted().counts());
        assertEquals(Rate.of(1, 2), a.lcp().acceptedBelowHalf());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, a.lcp().acceptedByTau().get("0.5").counts());
        assertEquals(List.of("0.3", "0.5", "0.7"), List.copyOf(a.lcp().attemptsByTau().keySet()));
        assertArrayEquals(new long[] {0, 0, 0, 0, 1, 0, 0, 4, 0, 0}, a.lcp().attemptsByTau().get("0.7").counts());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0}, a.lcp().attemptsByTau().get("0.5").counts());
        // Online difficulty (before the visit): q1@1 new rescued, q3@1 new failed, q3@2 1/1 rescued, q1@3 1/2 failed.
        DifficultyBuckets online = a.difficulty(DifficultyDefinition.ONLINE);
        assertEquals(List.of(new BucketRate("new (first visit)", Rate.of(1, 2)), new BucketRate("1/2", Rate.of(0, 1)),
                new BucketRate("1/1", Rate.of(1, 1))), online.revision());
        assertEquals(List.of(new BucketRate("new (first visit)", Rate.of(1, 2)), new BucketRate("easy (<=1/3)", Rate.of(0, 0)),
                new BucketRate("intermediate (<=2/3)", Rate.of(0, 1)),
                new BucketRate("hard (>2/3)", Rate.of(1, 1))), online.revisionBands());
        assertEquals("k/n before this visit (online)", online.label());
        // Whole run: q1 was all-negative on 2 of its 3 visits, q3 on 2 of 2.
        DifficultyBuckets whole = a.difficulty(DifficultyDefinition.WHOLE_RUN);
        assertEquals(List.of(new BucketRate("2/3", Rate.of(1, 2)), new BucketRate("2/2", Rate.of(1, 2))), whole.revision());
        assertEquals(List.of(new BucketRate("easy (<=1/3)", Rate.of(0, 0)),
                new BucketRate("intermediate (<=2/3)", Rate.of(1, 2)),
                new BucketRate("hard (>2/3)", Rate.of(1, 2))), whole.revisionBands());
        assertTrue(whole.extra().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> a.difficulty(DifficultyDefinition.ACROSS_RUNS));
        assertEquals(Rate.of(0, 4), a.leaks());
        assertEquals(Rate.of(0, 2), a.lcp().filterRejected(), "both verified attempts were accepted");
        // Per-step series derived from the events.
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 1.0}, a.series().get("derived/all_negative_frac").values(), 1e-15);
        assertArrayEquals(new double[] {0.5, 1.0, 0.0}, a.series().get("derived/revision_success_rate").values(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5, Double.NaN}, a.series().get("derived/p_keep").values(), 1e-15);
        assertArrayEquals(new int[] {1, 2, 3}, a.series().get("reward/mean").steps());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, a.series().get("reward/mean").values(), 1e-15);
        // Evals: step 2 Pass@1 2/4, Avg@8 14/32, pass@2 (1 + 0 + 22/28 + 13/28)/4; step 3 is best.
        EvalPoint e2 = a.evals().get("math500").get(0);
        assertEquals(0.5, e2.passAt1(), 1e-15);
        assertEquals(14 / 32.0, e2.avgAt8(), 1e-15);
        assertEquals(0.5625, e2.passAtK().get(2), 1e-12);
        assertEquals(List.of(1, 2, 4, 8), List.copyOf(e2.passAtK().keySet()));
        assertEquals(3, a.bestStep().getAsInt());
        assertEquals(3, a.evalForComparison("math500").orElseThrow().step());
        // Tokens: 7 groups × (100+110+120+130); attempts 20+21, 20+21+22+23, 20, 20.
        assertEquals(new Compute(7 * 460, 0, 167, 3000, 7, 0, 4, 8, 0, 2), a.compute());
        assertEquals(167 / 2.0, a.compute().tokensPerRescuedGroup(), 1e-12);
    }

    @Test
    void theRevisionIndexHasOneCompactRowPerRevision() {
        RunDirectory run = RunDirectory.open(handCountedRun(tmp.resolve("run")));
        RevisionIndex index = new RevisionIndex();
        run.read(index);
        assertEquals(4, index.size());
        List<RevisionIndex.Row> rows = index.rows(0, 10);
        assertEquals(List.of("q1@1 #1 τ0.5 0.55 1/1", "q3@1 #-1 τNaN NaN 1/1", "q3@2 #0 τ0.7 0.4 2/2",
                "q1@3 #-1 τNaN NaN 2/3"), rows.stream().map(r -> r.promptId() + "@" + r.step() + " #" + r.accepted()
                        + " τ" + r.acceptedTau() + " " + r.acceptedLcpRatio() + " " + r.difficultyK() + "/"
                        + r.difficultyN()).toList());
        RevisionIndex.Row first = rows.get(0);
        assertEquals(3, first.line(), "run_started, the q1 group, then this revision");
        RevisionEvent full = (RevisionEvent) run.readEvent(first.offset(), first.length());
        assertEquals("continuation 1", full.attempts().get(1).continuation());
        assertEquals(2, index.rows(2, 10).size());
    }

    @Test
    void extraRolloutsAreRescuedByDifficulty() {
        Path dir = tmp.resolve("extra");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel-extra", 4, 4, 0.3, 2))) {
            s.group(1, "q1", 1, NEG, 0, 0, 0, 0);
            s.group(1, "q1", 1, GroupEvent.EXTRA, 0, 1, 0, 0);
            s.group(2, "q1", 2, NEG, 0, 0, 0, 0);
            s.group(2, "q1", 2, GroupEvent.EXTRA, 0, 0, 0, 0);
        }
        RunAnalysis a = RunAnalyzer.analyze(RunDirectory.open(dir)).analysis();
        assertEquals(List.of(new BucketRate("new (first visit)", Rate.of(1, 1)), new BucketRate("1/1", Rate.of(0, 1))),
                a.difficulty(DifficultyDefinition.ONLINE).extra());
        assertEquals(List.of(new BucketRate("2/2", Rate.of(1, 2))), a.difficulty(DifficultyDefinition.WHOLE_RUN).extra());
        assertEquals(Rate.of(2, 2), a.allNegative(), "extra groups are not visits");
        assertEquals(new Compute(920, 920, 0, 0, 2, 2, 0, 0, 1, 0), a.compute());
        assertEquals(920.0, a.compute().tokensPerRescuedGroup(), 1e-12);
    }

    /** Ten revisions whose seeds have mean log-probs −0.01 … −0.10; the five most likely ones succeed. */
    @Test
    void seedLogprobQuintilesSplitByMeanTokenLogprob() {
        Path dir = tmp.resolve("quintiles");
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 4, 1, 0.3, 1))) {
            for (int i = 1; i <= 10; i++) {
                boolean ok = i <= 5;
                RevisionAttempt at = new RevisionAttempt(0.7, 70, "c", 10, ok ? "42" : "1", ok, 80, 0.8, ok);
                s.writer().append(new RevisionEvent(0, 1, "q" + i, "t0", 100, -1.0 * i, List.of(at), ok ? 0 : null));
            }
            // No seed_logprob: falls back to the seed's logprob in its group (−1 over 100 tokens).
            s.group(1, "q11", 1, NEG, 0, 0, 0, 0);
            s.writer().append(new RevisionEvent(0, 1, "q11", "t0", 100, null,
                    List.of(new RevisionAttempt(0.7, 70, "c", 10, "1", false, 70, 0.7, false)), null));
        }
        List<BucketRate> q = RunAnalyzer.analyze(RunDirectory.open(dir)).analysis().revisionBySeedLogprob();
        List<Long> successes = new ArrayList<>();
        List<Long> trials = new ArrayList<>();
        q.forEach(b -> {
            successes.add(b.rate().successes());
            trials.add(b.rate().trials());
        });
        // 11 seeds sorted: −0.10 … −0.06 (fail), −0.05 … −0.01 (ok), with q11's −0.01 (fail) last.
        assertEquals(List.of(2L, 2L, 2L, 2L, 3L), trials);
        assertEquals(List.of(0L, 0L, 1L, 2L, 2L), successes);
        assertEquals("Q1 [-0.100, -0.090]", q.get(0).bucket());
    }

    @Test
    void aResumedRunIsAnalysedWithEachStepOnce() {
        Path dir = tmp.resolve("resumed");
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 4, 4, 0.3, 4))) {
            s.simulate("r-mel", 3, 6, 4, 4, 11); // checkpoint at step 2, step 3 is lost
        }
        try (RunScript s = RunScript.resume(dir)) {
            assertEquals(2, s.writer().resumedFrom().orElseThrow().step());
            for (int step = 3; step <= 4; step++) {
                s.group(step, "again", 1, NEG, 1, 0, 0, 0);
                s.step(step, Map.of("reward/mean", 1.0));
            }
            s.finish();
        }
        RunAnalysis a = RunAnalyzer.analyze(RunDirectory.open(dir)).analysis();
        assertArrayEquals(new int[] {1, 2, 3, 4}, a.series().get("reward/mean").steps());
        assertArrayEquals(new double[] {1.0, 1.0}, java.util.Arrays.copyOfRange(a.series().get("reward/mean").values(), 2, 4));
        assertEquals(1.0, a.series().get("derived/groups").values()[2], "step 3 has only the re-done group");
    }

    @Test
    void theAnalyzerFollowsLiveAndResets() {
        Path dir = handCountedRun(tmp.resolve("run"));
        RunAnalyzer analyzer = new RunAnalyzer();
        RunDirectory.open(dir).read(analyzer);
        RunAnalysis once = analyzer.snapshot();
        analyzer.reset();
        assertEquals(Rate.of(0, 0), analyzer.snapshot().allNegative());
        RunDirectory.open(dir).read(analyzer);
        assertEquals(once.allNegative(), analyzer.snapshot().allNegative());
        assertEquals(once.difficulty(), analyzer.snapshot().difficulty());
    }
}
