package org.rmel.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A trainer process: one this workbench started (exit code known) or one it re-attached to by pid
 * after a restart (exit code unknown; the run folder tells how it ended).
 */
public final class TrainerProcess {
    /** How a stop request ended. */
    public enum StopOutcome { ALREADY_ENDED, GRACEFUL, FORCED }

    private final ProcessHandle handle;
    private final Process child; // null when re-attached
    private final LaunchRecord record;

    private TrainerProcess(ProcessHandle handle, Process child, LaunchRecord record) {
        this.handle = handle;
        this.child = child;
        this.record = record;
    }

    /**
     * Starts {@code command} with its console output appended to {@code consoleLog}, and records
     * the launch in {@code launchesDir} so a later workbench can re-attach.
     */
    public static TrainerProcess start(List<String> command, Path runDir, Path consoleLog, Path launchesDir)
            throws IOException {
        Files.createDirectories(consoleLog.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .start();
        process.getOutputStream().close(); // the trainer reads nothing; EOF rather than a pipe left open
        long started = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        LaunchRecord record = new LaunchRecord(process.pid(), started, runDir.toAbsolutePath().toString(),
                consoleLog.toAbsolutePath().toString());
        record.save(launchesDir);
        return new TrainerProcess(process.toHandle(), process, record);
    }

    /** Re-attaches to a recorded trainer if that very process is still running. */
    public static java.util.Optional<TrainerProcess> attach(LaunchRecord record) {
        return record.liveProcess().map(handle -> new TrainerProcess(handle, null, record));
    }

    /** A trainer found through its run's lock file (see {@link RunOwner}); its output is the run's trainer.log. */
    public static TrainerProcess attach(ProcessHandle handle, Path runDir) {
        long started = handle.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        LaunchRecord record = new LaunchRecord(handle.pid(), started, runDir.toAbsolutePath().toString(),
                runDir.resolve(org.rmel.run.RunFiles.TRAINER_LOG).toAbsolutePath().toString());
        return new TrainerProcess(handle, null, record);
    }

    public LaunchRecord record() {
        return record;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** Whether this workbench started the process (and so can know its exit code). */
    public boolean isOwnChild() {
        return child != null;
    }

    /** The exit code, once ended, for a process this workbench started. */
    public OptionalInt exitCode() {
        if (child == null || child.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(child.exitValue());
    }

    public CompletableFuture<?> onExit() {
        return child != null ? child.onExit() : handle.onExit();
    }

    /**
     * Asks the trainer to stop (SIGTERM: it finishes the current step and writes run_finished),
     * and kills it (SIGKILL) if it is still alive after {@code grace}. Blocks up to {@code grace}
     * plus a little: call it off the FX thread.
     */
    public StopOutcome stop(Duration grace) throws InterruptedException {
        if (!handle.isAlive()) {
            return StopOutcome.ALREADY_ENDED;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return StopOutcome.GRACEFUL;
        } catch (java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ignored) {
                // the kernel will reap it; nothing more a user can do from here
            }
            return StopOutcome.FORCED;
        } catch (java.util.concurrent.ExecutionException e) {
            return StopOutcome.GRACEFUL;
        }
    }
}
