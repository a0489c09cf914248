package org.rmel.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.launch.TrainerCommand;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.Resumed;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunFiles;
import org.rmel.run.RunLock;
import org.rmel.run.RunStarted;
import org.rmel.run.RunStatus;

/**
 * The local executor with real trainer processes on the smoke preset (2 conditions × 2 seeds,
 * two at a time): a driver killed outright leaves its trainers running and a new driver waits for
 * them through their run locks instead of starting them twice; a driver stopped with SIGTERM stops
 * its trainers at the end of a step; {@code study resume} continues them from their checkpoints.
 */
class LocalExecutorTest {
    @TempDir
    Path tmp;

    private final List<Process> drivers = new ArrayList<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<String> out = line -> {
        lines.add(line);
        System.out.println(line);
    };

    @AfterEach
    void stopDrivers() throws Exception {
        for (Process p : drivers) {
            p.destroy();
            p.waitFor(90, TimeUnit.SECONDS);
        }
    }

    /** {@code study run STUDY} as its own JVM, like the workbench starts it. */
    private Process driver(Study study) throws Exception {
        Process p = new ProcessBuilder(TrainerCommand.ofCurrentJvm().subcommand("study", List.of("run", study.dir().toString())))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("driver-" + drivers.size() + ".log").toFile()).start();
        drivers.add(p);
        return p;
    }

    private static long running(Study study) {
        return RunStates.read(study).stream().filter(c -> c.state() == CellState.RUNNING && study.started(c.cell())
                && RunLock.probe(study.runDir(c.cell())) == RunLock.Liveness.ALIVE).count();
    }

    @Test
    void trainersOutliveTheirDriverAreHonouredByTheNextOneAndResumeFromTheirCheckpoints() throws Exception {
        Study study = Study.create(tmp.resolve("study"), StudyRuns.spec("smoke", List.of("mel", "r-mel"), List.of(1, 2),
                Map.of("steps", "5", "checkpoint_every", "1"), Map.of(),
                new ExecutorSpec(ExecutorSpec.LOCAL, Map.of("parallel", "2"))));

        // 1. A driver starts two trainers; killing it outright (SIGKILL) leaves them running.
        Process first = driver(study);
        StudyRuns.waitUntil(() -> running(study) == 2, 120, "two trainers hold their run locks");
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertEquals(RunLock.Liveness.GONE, RunLock.probe(study.dir()), "the killed driver's study lock is released");
        assertEquals(2, running(study), "the trainers outlive their driver");

        // 2. A second driver counts them against its pool and starts the others only as they end;
        //    SIGTERM to it stops its own trainers at the end of a step.
        Process second = driver(study);
        StudyRuns.waitUntil(() -> study.spec().cells().stream().filter(c -> c.condition().equals("r-mel"))
                .anyMatch(c -> StudyRuns.count(study.runDir(c), CheckpointEvent.TYPE) >= 1), 240,
                "the second wave has a checkpoint");
        second.destroy();
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        StudyStatus stopped = RunStates.read(study).isEmpty() ? null
                : new StudyStatus(RunStates.read(study), List.of(), Optional.empty());
        assertTrue(stopped.counts().getOrDefault(CellState.STOPPED, 0) >= 1, stopped.toString());
        assertEquals(0, stopped.counts().getOrDefault(CellState.RUNNING, 0), "SIGTERM to the driver stopped every trainer");

        // 3. study resume continues the stopped runs from their last checkpoint.
        LocalExecutor local = new LocalExecutor(TrainerCommand.ofCurrentJvm(), Optional.empty(), Duration.ofSeconds(60),
                Duration.ofMillis(300));
        assertEquals(0, local.run(study, StudyExecutor.Mode.RESUME, true, out), String.join("\n", lines));
        for (StudyCell c : study.spec().cells()) {
            Path run = study.runDir(c);
            RunStatus s = RunDirectory.open(run).status();
            assertEquals(RunStatus.State.FINISHED, s.state(), c.name());
            assertEquals(5, s.stepsDone(), c.name());
            assertEquals(1, StudyRuns.count(run, RunStarted.TYPE), c.name() + " was started exactly once");
            if (Files.exists(study.exitFile(c))) {
                assertEquals("0", Files.readString(study.exitFile(c)).trim(), c.name() + " (trainers of the killed driver leave no exit file)");
            }
        }
        assertTrue(study.spec().cells().stream().anyMatch(c -> StudyRuns.count(study.runDir(c), Resumed.TYPE) == 1),
                "a stopped run was resumed");
        assertFalse(Files.exists(study.dir().resolve(RunFiles.LOCK)), "the driver's lock is gone");
        assertTrue(lines.stream().anyMatch(l -> l.contains("resumed ")), String.join("\n", lines));

        // 4. Nothing left: a new run starts nothing and reports success.
        lines.clear();
        assertEquals(0, local.run(study, StudyExecutor.Mode.START, true, out));
        assertTrue(lines.stream().noneMatch(l -> l.contains("started ")), String.join("\n", lines));
    }
}
