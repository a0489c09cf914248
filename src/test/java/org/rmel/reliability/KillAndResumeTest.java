package org.rmel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.EvalEvent;
import org.rmel.run.GroupEvent;
import org.rmel.run.RunFinished;
import org.rmel.run.RunStatus;
import org.rmel.run.StepEvent;
import org.rmel.testsupport.TrainerRuns;

/**
 * SIGKILL a real trainer (a child JVM) at chosen phases — during an evaluation, mid-step, while a
 * checkpoint's files are half written, after a checkpoint's files but before its event — then
 * {@code train --resume}: every step, group and evaluation is seen exactly once, and the step
 * metrics (reward series included) and evaluations equal those of an uninterrupted run.
 * The trainer is frozen at the phase by the {@code rmel.test.pause-at} hook, so each kill lands
 * exactly where it is meant to.
 */
class KillAndResumeTest {
    /** smoke-sized: 4 steps of 4 prompts × K 4, two evaluation sets every 2 steps, a checkpoint every 2. */
    static final List<String> SETTINGS = List.of("--preset", "smoke", "--condition", "r-mel", "--set", "steps=4",
            "--set", "checkpoint_every=2", "--set", "eval_every=2", "--set", "eval_benchmarks=arith-2op-1d,arith-3op-1d");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "killed at {0}")
    @CsvSource({
            "eval@2#2,             during the evaluation after step 2 (one of two sets logged)",
            "group@3#2,            mid-step 3 (one of four groups logged)",
            "checkpoint-files@2,   while the step-2 checkpoint's files are half written",
            "checkpoint@4,         after the final checkpoint's files, before its event",
    })
    void everyStepOnceAndTheSameResultsAfterAKill(String pauseAt, String phase) throws Exception {
        Path run = tmp.resolve("run");
        Path marker = tmp.resolve("paused");
        Path console = tmp.resolve("trainer.out");
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(SETTINGS);
        args.addAll(List.of("--out", run.toString()));
        Process p = TrainerRuns.child(console, List.of("rmel.test.pause-at=" + pauseAt,
                "rmel.test.pause-marker=" + marker), args);
        TrainerRuns.await(() -> Files.exists(marker), p, 300, console);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        TrainerRuns.Log killed = TrainerRuns.log(run);
        assertEquals(RunStatus.State.KILLED, killed.read().status().state(), phase);
        assertTrue(killed.read().warnings().isEmpty(), phase + ": " + killed.read().warnings());

        TrainerRuns.Outcome resumed = TrainerRuns.inProcess("train", "--resume", run.toString());
        assertEquals(0, resumed.code(), phase + ": " + resumed.err());

        TrainerRuns.Log log = TrainerRuns.log(run);
        assertTrue(log.read().warnings().isEmpty(), phase + ": " + log.read().warnings());
        assertEquals(RunStatus.State.FINISHED, log.read().status().state());
        assertEquals(List.of(1, 2, 3, 4), log.of(StepEvent.class).stream().map(StepEvent::step).toList(), phase);
        assertEquals(4 * 4, log.of(GroupEvent.class).stream().filter(g -> !g.fromExtraRollouts()).count(),
                phase + ": every group once");
        for (int step = 1; step <= 4; step++) {
            int s = step;
            assertEquals(4, log.of(GroupEvent.class).stream().filter(g -> g.step() == s).count(), "groups of step " + s);
        }
        assertEquals(List.of(2, 4), log.of(CheckpointEvent.class).stream().map(CheckpointEvent::step).toList(), phase);
        assertEquals(1, log.of(RunFinished.class).size());
        assertFalse(Files.exists(run.resolve("checkpoints/step-000002.partial")), "no partial checkpoint is left");

        TrainerRuns.Log reference = TrainerRuns.log(TrainerRuns.reference(SETTINGS));
        assertEquals(reference.rewards(), log.rewards(), phase + ": the reward series");
        assertEquals(reference.stepMetrics(), log.stepMetrics(), phase + ": every step metric");
        assertEquals(reference.evals(), log.evals(), phase + ": every evaluation, each once");
        assertEquals(3 * 2, log.of(EvalEvent.class).size(), "two sets at steps 0, 2 and 4, each once");
    }
}
