package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmel.cli.RmelCommand;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.RunFinished;
import org.rmel.run.StepEvent;

/** Bad input, a SIGKILL at a random moment and resume, and a clean stop on SIGTERM. */
class TrainFaultsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--set|k=1|k",
            "--set|tau_min=1.5|tau_min",
            "--set|budget=0|budget",
            "--set|colour=red|unknown setting 'colour'",
            "--set|tau_schedule=0.7,2|tau_schedule",
            "--preset|huge|unknown preset 'huge'",
            "--condition|grpo|condition",
            "--model|/nonexistent/qwen|model",
    })
    void badSettingsExitTwoAndLeaveNoRunFolder(String option, String value, String named) {
        Path out = tmp.resolve("run");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = option.equals("--preset")
                    ? RmelCommand.execute("train", option, value, "--out", out.toString())
                    : RmelCommand.execute("train", "--preset", "smoke", option, value, "--out", out.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        assertFalse(Files.exists(out), "no run folder for a bad start");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(named), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sigkillThenResumeGivesEveryStepOnce() throws Exception {
        Path out = tmp.resolve("killed");
        Process p = trainer("train", "--preset", "smoke", "--condition", "r-mel", "--out", out.toString(),
                "--set", "steps=5", "--set", "checkpoint_every=2", "--set", "eval_every=0");
        waitFor(() -> stepsLogged(out) >= 3 && RunLog.read(out).of(CheckpointEvent.class).size() >= 1, p, 240);
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, mid-step
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(RunLog.read(out).of(RunFinished.class).isEmpty(), "a killed run has no run_finished");

        assertEquals(0, RmelCommand.execute("train", "--resume", out.toString()));
        RunLog log = RunLog.read(out);
        assertEquals(List.of(1, 2, 3, 4, 5), log.of(StepEvent.class).stream().map(StepEvent::step).toList());
        assertEquals(RunFinished.COMPLETED, log.of(RunFinished.class).get(0).reason());
        assertEquals(5 * 4, log.of(org.rmel.run.GroupEvent.class).size(), "no duplicated groups");
    }

    @Test
    void sigtermStopsAtTheEndOfAStepAndWritesTheReason() throws Exception {
        Path out = tmp.resolve("stopped");
        Process p = trainer("train", "--preset", "smoke", "--condition", "mel", "--out", out.toString(),
                "--set", "steps=50", "--set", "eval_every=0", "--set", "checkpoint_every=100");
        waitFor(() -> stepsLogged(out) >= 1, p, 240);
        p.destroy(); // SIGTERM, what the workbench's Stop button sends
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        RunLog log = RunLog.read(out);
        assertEquals(RunFinished.INTERRUPTED, log.of(RunFinished.class).get(0).reason());
        int lastStep = log.of(StepEvent.class).get(log.of(StepEvent.class).size() - 1).step();
        assertTrue(lastStep < 50);
        assertEquals(lastStep, log.of(CheckpointEvent.class).get(0).step(), "the stop saves the step it ended on");
    }

    private static int stepsLogged(Path out) {
        if (!Files.exists(out.resolve("events.jsonl"))) {
            return 0;
        }
        return RunLog.read(out).of(StepEvent.class).size();
    }

    private Process trainer(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Drmel.cache.dir=" + WarmStart.cacheRoot(),
                "org.rmel.Launcher"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("trainer-" + System.nanoTime() + ".out").toFile()).start();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Process p, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(p.isAlive(), "trainer exited early with " + (p.isAlive() ? "" : p.exitValue()));
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(200);
        }
    }
}
