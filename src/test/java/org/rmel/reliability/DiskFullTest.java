package org.rmel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmel.base.EnvironmentException;
import org.rmel.run.GroupEvent;
import org.rmel.run.ReadResult;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunStatus;
import org.rmel.run.RunWriter;
import org.rmel.run.StepEvent;
import org.rmel.run.Trajectory;
import org.rmel.testsupport.RunScript;
import org.rmel.testsupport.Tmpfs;
import org.rmel.testsupport.TrainerRuns;

/**
 * A disk that fills up under a run, on a real small tmpfs (the kernel's own ENOSPC): the writer
 * leaves no torn line, the trainer reports one {@code error:} line with exit code 4 and logs
 * {@code run_failed} when the disk still takes it, the run stays readable, and once space is freed
 * {@code train --resume} finishes it with the results of an uninterrupted run. Skipped, with the
 * reason, where this machine does not allow mounting a tmpfs.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedAppendLeavesNoTornLineAndTheRunContinuesOnceSpaceIsFreed() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("disk"), "size=1m")) {
            assumeTrue(fs != null, Tmpfs.whyNot());
            Path run = fs.dir().resolve("run");
            String text = "x".repeat(3000);
            int appended = 0;
            Path filler;
            try (RunWriter w = RunWriter.create(run, RunScript.spec("mel", 2, 4, 0.3, 1000))) {
                w.checkpoint(1, "checkpoints/step-000001"); // so the resume below keeps step 1's groups
                filler = fs.fill("filler", 64 * 1024);
                EnvironmentException full = null;
                while (full == null) {
                    GroupEvent g = new GroupEvent(0, 1, "p" + appended, 1, "1", GroupEvent.ROLLOUT,
                            List.of(new Trajectory("t", text, 5, 0, "2", -1)));
                    try {
                        w.append(g);
                        appended++;
                    } catch (EnvironmentException e) {
                        full = e;
                    }
                    assertTrue(appended < 1000, "the disk never filled");
                }
                assertTrue(full.getMessage().startsWith(run.resolve("events.jsonl") + ": cannot append the group event"),
                        full.getMessage());
                assertTrue(full.getMessage().contains("disk full"), full.getMessage());
                byte[] bytes = Files.readAllBytes(run.resolve("events.jsonl"));
                assertEquals('\n', bytes[bytes.length - 1], "the failed write was undone: no torn line");
                ReadResult r = RunDirectory.open(run).read();
                assertTrue(r.warnings().isEmpty(), r.warnings().toString());
                assertEquals(2 + appended, r.events());
            }
            Files.delete(filler);
            try (RunWriter w = RunWriter.resume(run)) {
                w.append(new StepEvent(0, 1, Map.of("reward/mean", 0.5)));
            }
            ReadResult r = RunDirectory.open(run).read();
            assertTrue(r.warnings().isEmpty(), "seq continues across the failure and the resume: " + r.warnings());
            assertEquals(2 + appended + 2, r.events(), "run_started, checkpoint, the groups, resumed, step");
        }
    }

    @Test
    void aReadOnlyRunFolderIsAnEnvironmentFault() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("ro"), "ro,size=64k")) {
            assumeTrue(fs != null, Tmpfs.whyNot());
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> RunWriter.create(fs.dir().resolve("run"), RunScript.spec("mel", 2, 4, 0.3, 3)));
            assertTrue(e.getMessage().contains("read-only file system"), e.getMessage());
        }
    }

    static final List<String> SETTINGS = KillAndResumeTest.SETTINGS;

    /**
     * The trainer on a disk with {@code freeKb} left: 20 KB fill up while events are appended, 640
     * KB during the first checkpoint (model + AdamW moments, 1.2 MB).
     */
    @ParameterizedTest(name = "{0} KB free: the disk fills {1}")
    @CsvSource({"20, during an events.jsonl append, events.jsonl: cannot append",
            "640, during a checkpoint write, checkpoint"})
    void aTrainerOnAFullDiskFailsCleanlyAndResumes(int freeKb, String when, String named) throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("disk"), "size=8m")) {
            assumeTrue(fs != null, Tmpfs.whyNot());
            Path run = fs.dir().resolve("run");
            Path filler = fs.fill("filler", freeKb * 1024L);
            Path console = tmp.resolve("trainer.out");
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(SETTINGS);
            args.addAll(List.of("--out", run.toString()));
            Process p = TrainerRuns.child(console, List.of(), args);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "trainer did not end");
            String err = TrainerRuns.childErr(console);
            assertEquals(4, p.exitValue(), when + ":\n" + err + Files.readString(console));
            List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
            assertEquals(1, errors.size(), err);
            assertTrue(errors.get(0).contains(named) && errors.get(0).contains("disk full"), errors.get(0));
            assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ") || l.matches("^(java|org|ai|com)\\.\\S*(Exception|Error).*")),
                    "no stack trace:\n" + err);

            byte[] events = Files.readAllBytes(run.resolve("events.jsonl"));
            assertEquals('\n', events[events.length - 1], "no torn last line");
            TrainerRuns.Log failed = TrainerRuns.log(run);
            assertTrue(failed.read().warnings().isEmpty(), failed.read().warnings().toString());
            RunStatus.State state = failed.read().status().state();
            assertTrue(state == RunStatus.State.FAILED || state == RunStatus.State.KILLED, state.toString());
            if (named.equals("checkpoint")) {
                assertEquals(RunStatus.State.FAILED, state, "the partial checkpoint's space is freed for run_failed");
                assertTrue(failed.read().status().detail().contains("disk full"), failed.read().status().detail());
            }
            try (Stream<Path> partial = Files.list(run.resolve("checkpoints"))) {
                assertTrue(partial.noneMatch(d -> d.getFileName().toString().endsWith(".partial")), "partial removed");
            }
            assertEquals(0, TrainerRuns.inProcess("analyze", run.toString()).code(), "the failed run reads");

            Files.delete(filler);
            TrainerRuns.Outcome resumed = TrainerRuns.inProcess("train", "--resume", run.toString());
            assertEquals(0, resumed.code(), resumed.err());
            TrainerRuns.Log log = TrainerRuns.log(run);
            assertTrue(log.read().warnings().isEmpty(), log.read().warnings().toString());
            assertEquals(RunStatus.State.FINISHED, log.read().status().state());
            assertEquals(List.of(1, 2, 3, 4), log.of(StepEvent.class).stream().map(StepEvent::step).toList());
            TrainerRuns.Log reference = TrainerRuns.log(TrainerRuns.reference(SETTINGS));
            assertEquals(reference.stepMetrics(), log.stepMetrics(), "the same run as without the full disk");
            assertEquals(reference.evals(), log.evals());
        }
    }
}
