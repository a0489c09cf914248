package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;

/** The lock seen from another process: alive while the trainer lives, stale once it is killed. */
class RunLockProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledTrainerLeavesAResumableRun() throws Exception {
        Path dir = tmp.resolve("run");
        Process trainer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldRunMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(trainer.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            assertEquals(RunLock.Liveness.ALIVE, RunLock.probe(dir));
            assertEquals(RunStatus.State.RUNNING, RunDirectory.open(dir).status().state());
            BadInputException e = assertThrows(BadInputException.class, () -> RunWriter.resume(dir));
            assertTrue(e.getMessage().contains("already being written by another trainer (" + trainer.pid()),
                    e.getMessage());
        } finally {
            trainer.destroyForcibly();
            assertTrue(trainer.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(dir.resolve(RunFiles.LOCK)), "a killed trainer cannot remove its lock file");
        assertEquals(RunLock.Liveness.GONE, RunLock.probe(dir));
        RunStatus killed = RunDirectory.open(dir).status();
        assertEquals(RunStatus.State.KILLED, killed.state());
        assertEquals(1, killed.stepsDone());
        RunWriter.resume(dir).finish(RunFinished.COMPLETED);
        assertEquals(RunStatus.State.FINISHED, RunDirectory.open(dir).status().state());
    }
}
