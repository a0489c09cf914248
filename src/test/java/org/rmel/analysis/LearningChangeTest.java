package org.rmel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.run.GroupEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;
import org.rmel.testsupport.RunScript;

/** Whether a run learned: start-to-end changes read from a run folder's real events. */
class LearningChangeTest {
    @TempDir
    Path tmp;

    @Test
    void rewardPairsPromptsByFirstAndLastVisitAndEvalsPoolTheTrainingDistribution() {
        Path dir = tmp.resolve("run");
        RunSpec spec = RunScript.spec("mel", 4, 4, 0.3, 4).with(RunSpec.IN_DISTRIBUTION_BENCHMARKS, List.of("in-a", "in-b"));
        try (RunScript s = RunScript.create(dir, spec)) {
            s.eval(0, "in-a", new boolean[] {false, false, true, false}, new int[] {0, 1, 8, 2});
            s.eval(0, "in-b", new boolean[] {false, true}, new int[] {1, 6});
            s.eval(0, "ood", new boolean[] {true, true}, new int[] {8, 8});
            s.group(1, "p1", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.group(1, "p2", 1, GroupEvent.ROLLOUT, 1, 0, 0, 0);
            s.group(1, "p3", 1, GroupEvent.ROLLOUT, 1, 1, 0, 0); // visited once: not paired
            s.group(2, "p1", 2, GroupEvent.ROLLOUT, 1, 0, 0, 0);
            s.group(2, "p1", 2, GroupEvent.EXTRA, 1, 1, 1, 1); // extra rollouts are not the policy's K rollouts
            s.group(3, "p2", 2, GroupEvent.ROLLOUT, 1, 1, 1, 1);
            s.group(4, "p1", 3, GroupEvent.ROLLOUT, 1, 1, 0, 0);
            s.eval(4, "in-a", new boolean[] {true, false, true, true}, new int[] {5, 1, 8, 7});
            s.eval(4, "in-b", new boolean[] {true, true}, new int[] {7, 6});
            s.eval(4, "ood", new boolean[] {true, false}, new int[] {8, 2});
            s.finish();
        }
        RunDirectory run = RunDirectory.open(dir);
        LearningChange l = LearningChange.of(run, RunAnalyzer.analyze(run).analysis(), 2000, 0);

        LearningChange.RewardChange r = l.reward().orElseThrow();
        assertEquals(2, r.prompts());
        assertEquals((0 + 0.25) / 2, r.first(), 1e-12);
        assertEquals((0.5 + 1.0) / 2, r.last(), 1e-12);
        assertEquals(0.625, r.difference(), 1e-12);
        assertTrue(r.low() >= 0.5 - 1e-12 && r.high() <= 0.75 + 1e-12, "two prompts gained 0.5 and 0.75: " + r);
        assertEquals(0, l.firstEvalStep());
        assertEquals(4, l.lastEvalStep());

        PairedBootstrap.Comparison pooled = pass1(l.pooled(), LearningChange.POOLED_LABEL);
        assertEquals(6, pooled.paired(), "four problems of in-a and two of in-b, paired by set and id");
        assertEquals(2 / 6.0, pooled.meanB(), 1e-12);
        assertEquals(5 / 6.0, pooled.meanA(), 1e-12);
        assertEquals(3 / 6.0, pooled.difference(), 1e-12);
        assertTrue(pooled.low() > 0, "every pair gained or held: " + pooled);
        PairedBootstrap.Comparison ood = pass1(l.evals(), "ood");
        assertEquals(-0.5, ood.difference(), 1e-12);
        assertEquals(3 * 2, l.evals().size(), "three sets, Pass@1 and Avg@8 each");
    }

    @Test
    void aRunWithoutTheKeyOrASecondVisitHasNoPooledSetAndNoRewardChange() {
        Path dir = tmp.resolve("old");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel", 4, 4, 0.3, 2))) {
            s.group(1, "p1", 1, GroupEvent.ROLLOUT, 0, 1, 0, 0);
            s.eval(2, "in-a", new boolean[] {true}, new int[] {1});
            s.finish();
        }
        RunDirectory run = RunDirectory.open(dir);
        LearningChange l = LearningChange.of(run, RunAnalyzer.analyze(run).analysis(), 100, 0);
        assertEquals(Optional.empty(), l.reward());
        assertTrue(l.pooled().isEmpty());
        assertTrue(l.evals().isEmpty(), "one evaluation: no change to measure");
    }

    private static PairedBootstrap.Comparison pass1(List<PairedBootstrap.Comparison> rows, String label) {
        return rows.stream().filter(c -> c.benchmark().equals(label) && c.metric() == PairedBootstrap.Metric.PASS_AT_1)
                .findFirst().orElseThrow();
    }
}
