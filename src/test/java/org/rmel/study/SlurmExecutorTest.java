package org.rmel.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;
import org.rmel.launch.RunOwner;
import org.rmel.launch.TrainerCommand;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.Resumed;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunStarted;
import org.rmel.run.RunStatus;

/**
 * The Slurm executor against a real single-node Slurm cluster that this class starts and stops
 * ({@link SlurmCluster}): a job array of smoke runs, a task killed mid-run and resubmitted by
 * {@code study resume} from its checkpoint, scancel of queued tasks, a job that cannot write its
 * probe file, and sbatch missing from the PATH.
 */
class SlurmExecutorTest {
    @TempDir
    static Path clusterDir;

    private static SlurmCluster cluster;

    @TempDir
    Path tmp;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<String> out = line -> {
        lines.add(line);
        System.out.println(line);
    };

    @BeforeAll
    static void startSlurm() {
        cluster = SlurmCluster.start(clusterDir);
    }

    @AfterAll
    static void stopSlurm() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private SlurmExecutor executor() {
        return new SlurmExecutor(new SlurmClient(cluster.environment(), Optional.empty()), TrainerCommand.ofCurrentJvm(),
                Duration.ofSeconds(1));
    }

    private Study study(String name, Map<String, String> settings, Map<String, Map<String, String>> overrides,
            Map<String, String> executorSettings) {
        return Study.create(tmp.resolve(name), StudyRuns.spec("smoke", List.of("mel", "r-mel"), List.of(1, 2), settings,
                overrides, new ExecutorSpec(ExecutorSpec.SLURM, executorSettings)));
    }

    @Test
    void aJobArrayRunsEveryCellAndResumeResubmitsAKilledTaskFromItsCheckpoint() throws Exception {
        Study study = study("array", Map.of(), Map.of("r-mel", Map.of("steps", "6", "checkpoint_every", "1")),
                Map.of("partition", "rmeltest", "cpus_per_task", "1", "mem_per_task", "1500M", "time", "20"));
        SlurmExecutor slurm = executor();
        assertEquals(0, slurm.run(study, StudyExecutor.Mode.START, false, out));
        SlurmJobs jobs = SlurmJobs.read(study);
        assertEquals(1, jobs.submissions().size());
        assertEquals(List.of(0, 1, 2, 3), jobs.submissions().get(0).cells());
        String script = Files.readString(study.slurmDir().resolve(SlurmExecutor.SCRIPT));
        assertTrue(script.contains("study' 'task'"), script);

        // Kill r-mel-s1's trainer (SIGKILL, no final event) once it has written a checkpoint.
        StudyCell victim = study.spec().cells().stream().filter(c -> c.name().equals("r-mel-s1")).findFirst().orElseThrow();
        Path victimRun = study.runDir(victim);
        StudyRuns.waitUntil(() -> StudyRuns.count(victimRun, CheckpointEvent.TYPE) >= 1, 240,
                "r-mel-s1 wrote its first checkpoint");
        ProcessHandle trainer = RunOwner.of(victimRun).orElseThrow();
        StudyStatus running = slurm.status(study);
        assertEquals(CellState.RUNNING, running.cell(victim).orElseThrow().state(), running.toString());
        assertTrue(running.cell(victim).orElseThrow().job().orElseThrow().endsWith("_" + victim.index()));
        trainer.destroyForcibly();

        assertEquals(LocalExecutor.UNFINISHED, slurm.run(study, StudyExecutor.Mode.START, true, out),
                "the killed run keeps the study from finishing");
        StudyStatus afterKill = slurm.status(study);
        CellStatus killed = afterKill.cell(victim).orElseThrow();
        assertEquals(CellState.KILLED, killed.state(), afterKill.toString());
        assertTrue(killed.detail().contains("slurm: FAILED"), killed.detail());
        assertEquals(3, afterKill.counts().get(CellState.FINISHED), afterKill.toString());
        SlurmClient.Accounting acct = new SlurmClient(cluster.environment(), Optional.empty())
                .sacct(List.of(jobs.submissions().get(0).jobId()));
        assertTrue(acct.unavailable().orElseThrow().contains("accounting storage is disabled"),
                "this cluster has no accounting; sacct's own answer is kept for the status notes: " + acct);

        assertEquals(0, slurm.run(study, StudyExecutor.Mode.RESUME, true, out));
        jobs = SlurmJobs.read(study);
        assertEquals(2, jobs.submissions().size());
        assertEquals(List.of(victim.index()), jobs.submissions().get(1).cells(), "only the killed task is resubmitted");
        assertEquals(1, StudyRuns.count(victimRun, RunStarted.TYPE));
        assertEquals(1, StudyRuns.count(victimRun, Resumed.TYPE), "continued from its checkpoint, not restarted");
        RunStatus finished = RunDirectory.open(victimRun).status();
        assertEquals(RunStatus.State.FINISHED, finished.state());
        assertEquals(6, finished.stepsDone());
        assertTrue(slurm.status(study).done());
        for (StudyCell c : study.spec().cells()) {
            assertEquals(c.condition(), RunDirectory.open(study.runDir(c)).spec().condition().orElseThrow());
            assertEquals(c.seed(), RunDirectory.open(study.runDir(c)).spec().json().get("seed").asInt());
        }
    }

    @Test
    void scancelDropsQueuedTasksAndTheyStayPendingForTheNextRun() throws Exception {
        Study study = study("held", Map.of(), Map.of(), Map.of("sbatch_args", "--begin=now+1hour"));
        SlurmExecutor slurm = executor();
        slurm.run(study, StudyExecutor.Mode.START, false, out);
        StudyStatus queued = slurm.status(study);
        assertEquals(4, queued.counts().get(CellState.QUEUED), queued.toString());
        assertTrue(queued.cells().get(0).detail().contains("PENDING"), queued.cells().get(0).detail());
        slurm.cancel(study, out);
        StudyRuns.waitUntil(() -> slurm.status(study).counts().getOrDefault(CellState.PENDING, 0) == 4, 30,
                "the cancelled tasks count as not started");
        assertTrue(slurm.status(study).cells().get(0).detail().contains("CANCELLED"), slurm.status(study).toString());
    }

    @Test
    void aTaskThatCannotWriteItsProbeFileIsReportedAsAStorageProblemAndNotResubmitted() throws Exception {
        Study study = study("noprobe", Map.of(), Map.of(), Map.of("setup", "exit 7"));
        SlurmExecutor slurm = executor();
        assertEquals(LocalExecutor.UNFINISHED, slurm.run(study, StudyExecutor.Mode.START, true, out));
        StudyStatus status = slurm.status(study);
        assertEquals(4, status.counts().get(CellState.FAILED), status.toString());
        assertTrue(status.notes().stream().anyMatch(n -> n.contains("probe file") && n.contains("shared")), status.notes().toString());
        BadInputException e = assertThrows(BadInputException.class,
                () -> slurm.run(study, StudyExecutor.Mode.RESUME, false, out));
        assertTrue(e.getMessage().contains("storage"), e.getMessage());
        assertEquals(1, SlurmJobs.read(study).submissions().size());
        assertFalse(study.started(study.spec().cell(0)));
    }

    @Test
    void sbatchMissingFromThePathIsAClearEnvironmentError() {
        Study study = study("nosbatch", Map.of(), Map.of(), Map.of());
        Path emptyBin = tmp.resolve("bin");
        SlurmExecutor slurm = SlurmExecutor.of(study, Map.of("PATH", emptyBin.toString()));
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> slurm.run(study, StudyExecutor.Mode.START, false, out));
        assertTrue(e.getMessage().startsWith("executor slurm: 'sbatch' is not on the PATH (" + emptyBin + ")"), e.getMessage());
        assertFalse(Files.exists(study.slurmDir().resolve(SlurmJobs.FILE)), "nothing was submitted");
    }

    @Test
    void statusWithoutSlurmsCommandsFallsBackToTheRunFoldersAndSaysSo() throws Exception {
        Study study = study("elsewhere", Map.of(), Map.of(), Map.of("sbatch_args", "--begin=now+1hour"));
        executor().run(study, StudyExecutor.Mode.START, false, out);
        // the same study read on a machine without Slurm (a laptop with the shared folder mounted)
        StudyStatus status = SlurmExecutor.of(study, Map.of("PATH", tmp.resolve("bin").toString())).status(study);
        assertEquals(4, status.counts().get(CellState.PENDING), status.toString());
        assertTrue(status.notes().get(0).contains("'squeue' is not on the PATH") && status.notes().get(0).contains("run folders alone"),
                status.notes().toString());
        assertTrue(status.cells().get(0).job().orElseThrow().endsWith("_0"));
        executor().cancel(study, out);
    }
}
