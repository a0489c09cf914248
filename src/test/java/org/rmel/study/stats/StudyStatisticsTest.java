package org.rmel.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two-level bootstrap and the claims on hand-made runs whose answers are known. */
class StudyStatisticsTest {
    private static final Bootstrap BOOT = new Bootstrap(4000, 7);

    /** A run with one benchmark "MATH-500" of the given Pass@1 items (Avg@8 = Pass@1), and optional counts. */
    static SeedRun run(String condition, int seed, double[] pass, Map<String, long[]> bands, long kept, long metas,
            long rescued, long revisions) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < pass.length; i++) {
            ids.add("p" + i);
        }
        Map<String, SeedRun.ProblemScores> b = new LinkedHashMap<>();
        b.put("MATH-500", new SeedRun.ProblemScores(ids, pass, pass, 8));
        return new SeedRun(condition, seed, Path.of(condition + "-s" + seed), b, OptionalInt.of(10), kept, metas, bands,
                Map.of(), Map.of(), rescued, revisions, List.of());
    }

    static double[] items(int n, int ones) {
        double[] out = new double[n];
        for (int i = 0; i < ones; i++) {
            out[i] = 1;
        }
        return out;
    }

    @Test
    void theMeanIsOverSeedsOfPerSeedMeansAndItsIntervalWidensWithSeedToSeedSpread() {
        StudyData same = StudyData.of(List.of("mel"), List.of(1, 2, 3), List.of(
                run("mel", 1, items(100, 50), Map.of(), 0, 0, 0, 0), run("mel", 2, items(100, 50), Map.of(), 0, 0, 0, 0),
                run("mel", 3, items(100, 50), Map.of(), 0, 0, 0, 0)));
        StudyData spread = StudyData.of(List.of("mel"), List.of(1, 2, 3), List.of(
                run("mel", 1, items(100, 20), Map.of(), 0, 0, 0, 0), run("mel", 2, items(100, 50), Map.of(), 0, 0, 0, 0),
                run("mel", 3, items(100, 80), Map.of(), 0, 0, 0, 0)));
        Estimate a = new StudyStatistics(same, BOOT).score("mel", SeedRun.Metric.PASS_AT_1, "MATH-500");
        Estimate b = new StudyStatistics(spread, BOOT).score("mel", SeedRun.Metric.PASS_AT_1, StudyStatistics.AVG);
        assertEquals(0.5, a.value(), 1e-12);
        assertEquals(0.5, b.value(), 1e-12);
        assertEquals(3, b.seeds());
        // Problem resampling alone: a binomial mean's sd ≈ 0.05/√3 over three seeds → ±0.06; seed spread adds much more.
        assertTrue(a.high() - a.low() < 0.15, "within-seed only: " + a);
        assertTrue(b.high() - b.low() > 0.45, "seeds 0.2 / 0.5 / 0.8 make the interval wide: " + b);
        assertTrue(b.low() < 0.25 && b.high() > 0.75, b.toString());
    }

    @Test
    void pairedDifferencesPairSeedsAndProblemsAndOnlyUseSeedsBothFinished() {
        double[] base = items(50, 20);
        double[] better = base.clone();
        better[30] = 1; // one more problem right, nothing lost: every paired difference is 0 or +1
        StudyData d = StudyData.of(List.of("mel", "r-mel"), List.of(1, 2, 3), List.of(
                run("mel", 1, base, Map.of(), 0, 0, 0, 0), run("mel", 2, base, Map.of(), 0, 0, 0, 0),
                run("r-mel", 1, better, Map.of(), 0, 0, 0, 0), run("r-mel", 2, better, Map.of(), 0, 0, 0, 0),
                run("r-mel", 3, items(50, 50), Map.of(), 0, 0, 0, 0)));
        Estimate diff = new StudyStatistics(d, BOOT).difference("r-mel", "mel", SeedRun.Metric.PASS_AT_1, StudyStatistics.AVG);
        assertEquals(2, diff.seeds(), "seed 3 has no MEL run");
        assertEquals(0.02, diff.value(), 1e-12);
        assertTrue(diff.low() >= 0, "a paired difference that is never negative cannot have a negative bound: " + diff);
        Claim c = new ClaimChecks(new StudyStatistics(d, BOOT), 0.03).all().get(0);
        assertEquals("avg-pass1", c.id());
        assertEquals(Verdict.CONSISTENT, c.verdict(), "+2 points (one problem of 50) on 2 seeds is not established: " + c);
    }

    @Test
    void aClearEffectReplicatesAndAnOppositeOneIsContradicted() {
        List<SeedRun> runs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int s = 1; s <= 5; s++) {
            double[] mel = new double[200];
            double[] rmel = new double[200];
            double[] noPrefix = new double[200];
            for (int i = 0; i < 200; i++) {
                mel[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
                rmel[i] = mel[i] == 1 || rnd.nextDouble() < 0.3 ? 1 : 0;
                noPrefix[i] = rmel[i] == 1 && rnd.nextDouble() < 0.9 ? 1 : 0;
            }
            Map<String, long[]> bands = Map.of(ClaimChecks.EASY, new long[] {5, 100}, ClaimChecks.INTERMEDIATE,
                    new long[] {30, 100}, ClaimChecks.HARD, new long[] {3, 100});
            runs.add(run("mel", s, mel, Map.of(), 70, 1000, 0, 0));
            runs.add(run("r-mel", s, rmel, bands, 72, 1000, 100, 300));
            runs.add(run("r-mel-no-prefix", s, noPrefix, bands, 70, 1000, 100, 300));
            runs.add(run("r-mel-b1", s, rmel, bands, 70, 1000, 35, 300));
        }
        StudyData d = StudyData.of(List.of("mel", "r-mel", "r-mel-no-prefix", "r-mel-b1"), List.of(1, 2, 3, 4, 5), runs);
        Map<String, Claim> claims = new LinkedHashMap<>();
        new ClaimChecks(new StudyStatistics(d, BOOT), 0.03).all().forEach(c -> claims.put(c.id(), c));
        assertEquals(Verdict.REPLICATES, claims.get("avg-pass1").verdict(), claims.get("avg-pass1").toString());
        assertEquals(Verdict.REPLICATES, claims.get("math500").verdict(), "MATH-500 is evaluated: " + claims.get("math500"));
        assertEquals(Verdict.REPLICATES, claims.get("no-prefix").verdict(), claims.get("no-prefix").toString());
        assertEquals(Verdict.NOT_REPLICATED, claims.get("b1").verdict(), "identical scores: " + claims.get("b1"));
        assertEquals(Verdict.REPLICATES, claims.get("inverted-u").verdict(), claims.get("inverted-u").toString());
        assertEquals(Verdict.CONSISTENT, claims.get("b1-capture").verdict(), "175/500 = 35%: " + claims.get("b1-capture"));
        assertTrue(claims.get("b1-capture").measured().contains("175 / 500"), claims.get("b1-capture").measured());
        assertEquals(Verdict.REPLICATES, claims.get("p-keep").verdict(), "7.2% vs 7.0% within ±3 points: " + claims.get("p-keep"));
        assertEquals(Verdict.REPLICATES, claims.get("avg8-highest").verdict(), claims.get("avg8-highest").toString());
        assertTrue(claims.get("avg8-highest").note().contains("compared with MEL only"), claims.get("avg8-highest").note());

        List<SeedRun> flipped = new ArrayList<>();
        for (SeedRun r : runs) {
            String c = r.condition().equals("mel") ? "r-mel" : r.condition().equals("r-mel") ? "mel" : r.condition();
            flipped.add(new SeedRun(c, r.seed(), r.dir(), r.benchmarks(), r.bestStep(), r.kept(), r.metas(), r.revisionByBand(),
                    r.extraByBand(), r.revisionByQuintile(), r.rescued(), r.revisions(), r.lcp()));
        }
        StudyData f = StudyData.of(List.of("mel", "r-mel"), List.of(1, 2, 3, 4, 5), flipped);
        assertEquals(Verdict.CONTRADICTED, new ClaimChecks(new StudyStatistics(f, BOOT), 0.03).all().get(0).verdict());
    }

    @Test
    void missingConditionsAndBenchmarksAreNotTestableWithTheReason() {
        StudyData d = StudyData.of(List.of("mel"), List.of(1), List.of(run("mel", 1, items(10, 5), Map.of(), 1, 10, 0, 0)));
        List<Claim> claims = new ClaimChecks(new StudyStatistics(d, BOOT), 0.03).all();
        assertEquals(8, claims.size());
        Claim first = claims.get(0);
        assertEquals(Verdict.NOT_TESTABLE, first.verdict());
        assertTrue(first.note().contains("r-mel (not in the study)"), first.note());
    }

    @Test
    void theProbabilityOfBeingHighestUsesTheSameProblemsForEveryCondition() {
        double[] x = items(40, 10);
        StudyData d = StudyData.of(List.of("mel", "r-mel"), List.of(1, 2), List.of(run("mel", 1, x, Map.of(), 0, 0, 0, 0),
                run("mel", 2, x, Map.of(), 0, 0, 0, 0), run("r-mel", 1, x, Map.of(), 0, 0, 0, 0), run("r-mel", 2, x, Map.of(), 0, 0, 0, 0)));
        assertEquals(0.0, new StudyStatistics(d, BOOT).probabilityHighest("r-mel", List.of("mel", "r-mel"),
                SeedRun.Metric.AVG_AT_8, StudyStatistics.AVG), "a tie is never 'highest'");
    }
}
