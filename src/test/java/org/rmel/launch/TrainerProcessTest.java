package org.rmel.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerProcessTest {
    @TempDir
    Path tmp;

    private TrainerProcess startSleeper(String... args) throws Exception {
        TrainerCommand command = TrainerCommand.ofCurrentJvm().withMainClass(SleepingTrainer.class.getName());
        Path log = tmp.resolve("console.log");
        TrainerProcess process = TrainerProcess.start(command.train(List.of(args)), tmp.resolve("run"), log,
                tmp.resolve("launches"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (!(Files.exists(log) && Files.readString(log).contains("started")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return process;
    }

    @Test
    void stopSendsSigtermAndTheTrainerEndsGracefully() throws Exception {
        TrainerProcess process = startSleeper();
        assertTrue(process.isAlive());
        assertEquals(TrainerProcess.StopOutcome.GRACEFUL, process.stop(Duration.ofSeconds(20)));
        assertFalse(process.isAlive());
        assertEquals(143, process.exitCode().orElseThrow(), "128 + SIGTERM");
        assertTrue(Files.readString(tmp.resolve("console.log")).contains("got SIGTERM"));
    }

    @Test
    void aTrainerThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        TrainerProcess process = startSleeper("ignore-term");
        assertEquals(TrainerProcess.StopOutcome.FORCED, process.stop(Duration.ofMillis(1500)));
        assertFalse(process.isAlive());
        assertEquals(137, process.exitCode().orElseThrow(), "128 + SIGKILL");
    }

    @Test
    void aLaterWorkbenchReattachesThroughTheLaunchRecordAndCanStopIt() throws Exception {
        TrainerProcess started = startSleeper();
        List<LaunchRecord> records = LaunchRecord.loadAll(tmp.resolve("launches"));
        assertEquals(1, records.size());
        assertEquals(started.pid(), records.get(0).pid());
        assertEquals(tmp.resolve("run").toAbsolutePath().toString(), records.get(0).runDir());

        TrainerProcess attached = TrainerProcess.attach(records.get(0)).orElseThrow();
        assertFalse(attached.isOwnChild());
        assertEquals(TrainerProcess.StopOutcome.GRACEFUL, attached.stop(Duration.ofSeconds(20)));
        assertTrue(TrainerProcess.attach(records.get(0)).isEmpty(), "an ended process is not re-attached");
    }

    @Test
    void aRecordWhosePidWasRecycledIsNotAttached() {
        long self = ProcessHandle.current().pid();
        LaunchRecord stale = new LaunchRecord(self, 12_345L, tmp.toString(), tmp.resolve("log").toString());
        assertTrue(TrainerProcess.attach(stale).isEmpty());
    }

    @Test
    void theChildUsesThisJvmsBinaryAndClasspath() {
        TrainerCommand command = TrainerCommand.ofCurrentJvm();
        List<String> line = command.train(List.of("--preset", "smoke"));
        assertEquals(ProcessHandle.current().info().command().orElseThrow(), line.get(0));
        int cp = line.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), line.get(cp + 1));
        assertEquals(List.of("org.rmel.Launcher", "train", "--preset", "smoke"), line.subList(cp + 2, line.size()));
    }
}
