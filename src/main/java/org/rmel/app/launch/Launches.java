package org.rmel.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rmel.app.status.LogTail;
import org.rmel.launch.LaunchRecord;
import org.rmel.launch.RunOwner;
import org.rmel.launch.TrainerCommand;
import org.rmel.launch.TrainerProcess;
import org.rmel.run.RunFiles;

/**
 * The trainers this workbench started or re-attached to, and how the ended ones ended (exit code
 * and the last lines of their output). Launch records live in the workspace's
 * {@code .workbench/launches/} (the workspace chosen when the trainer starts: the folder is asked
 * for each time, so nothing is written under a workspace the user has left); a record is removed
 * once its process has ended.
 */
public final class Launches {
    /** How a trainer ended: its exit code (empty when re-attached: only the run folder knows) and last output lines. */
    public record Ended(java.util.OptionalInt exitCode, List<String> lastLines) {
        public boolean failed() {
            return exitCode.isPresent() && exitCode.getAsInt() != 0;
        }
    }

    private static final int LAST_LINES = 12;

    private final java.util.function.Supplier<Path> launchesDir;
    private final TrainerCommand command;
    private final Map<Path, TrainerProcess> processes = new ConcurrentHashMap<>();
    private final Map<Path, Ended> ended = new ConcurrentHashMap<>();
    private final Set<Path> order = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    public Launches(Path launchesDir, TrainerCommand command) {
        this(() -> launchesDir, command);
    }

    /** Launch records go to (and are re-attached from) whatever folder {@code launchesDir} gives at the time. */
    public Launches(java.util.function.Supplier<Path> launchesDir, TrainerCommand command) {
        this.launchesDir = launchesDir;
        this.command = command;
    }

    /** Starts {@code train ARGS} for {@code runDir}; its console output goes to {@code consoleLog}. */
    public TrainerProcess start(Path runDir, List<String> trainArgs, Path consoleLog) throws IOException {
        return start(runDir, "train", trainArgs, consoleLog);
    }

    /**
     * Starts {@code SUBCOMMAND ARGS} as a child process that works on {@code dir} (a run folder for
     * {@code train}, a study folder for {@code study run}); recorded for re-attaching like a trainer.
     */
    public TrainerProcess start(Path dir, String subcommand, List<String> args, Path consoleLog) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        if (processes.containsKey(dir) && processes.get(dir).isAlive()) {
            throw new IllegalStateException(dir + " is already being worked on by process " + processes.get(dir).pid());
        }
        Path records = launchesDir.get();
        TrainerProcess process = TrainerProcess.start(command.subcommand(subcommand, args), dir, consoleLog, records);
        track(dir, process, records);
        return process;
    }

    /** Attaches to the recorded trainers that are still running; forgets the records of ended ones. */
    public List<Path> reattach() throws IOException {
        List<Path> attached = new ArrayList<>();
        Path records = launchesDir.get();
        for (LaunchRecord record : LaunchRecord.loadAll(records)) {
            Path dir = record.runPath().toAbsolutePath().normalize();
            Optional<TrainerProcess> live = TrainerProcess.attach(record);
            if (live.isPresent()) {
                if (!processes.containsKey(dir)) {
                    track(dir, live.get(), records);
                    attached.add(dir);
                }
            } else {
                Files.deleteIfExists(records.resolve(record.fileName()));
            }
        }
        return attached;
    }

    private void track(Path dir, TrainerProcess process, Path records) {
        processes.put(dir, process);
        ended.remove(dir);
        order.add(dir);
        process.onExit().whenComplete((result, error) -> {
            ended.put(dir, new Ended(process.exitCode(), lastLines(dir, process.record())));
            try {
                Files.deleteIfExists(records.resolve(process.record().fileName()));
            } catch (IOException e) {
                // another workbench removed it first, or the workspace went away: either way it is gone
            }
        });
    }

    /** The trainer's own log when there is one, else its console output. */
    private static List<String> lastLines(Path dir, LaunchRecord record) {
        try {
            List<String> lines = new ArrayList<>(LogTail.lastLines(Path.of(record.consoleLog()), LAST_LINES));
            if (lines.isEmpty()) {
                lines.addAll(LogTail.lastLines(dir.resolve(RunFiles.TRAINER_LOG), LAST_LINES));
            }
            return List.copyOf(lines);
        } catch (IOException e) {
            return List.of("(cannot read the trainer's output: " + e.getMessage() + ")");
        }
    }

    public Optional<TrainerProcess> process(Path runDir) {
        return Optional.ofNullable(processes.get(runDir.toAbsolutePath().normalize()));
    }

    public boolean isRunning(Path runDir) {
        return process(runDir).map(TrainerProcess::isAlive).orElse(false);
    }

    /** How the trainer of {@code runDir} ended, once it has (and the exit has been processed). */
    public Optional<Ended> ended(Path runDir) {
        return Optional.ofNullable(ended.get(runDir.toAbsolutePath().normalize()));
    }

    /** Every run folder launched or re-attached here, in launch order. */
    public List<Path> runDirs() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /**
     * Graceful stop, forced after {@code grace}. A run this workbench did not start is stopped
     * through the pid in its lock file. Blocking: call off the FX thread.
     */
    public TrainerProcess.StopOutcome stop(Path runDir, Duration grace) throws InterruptedException {
        Path dir = runDir.toAbsolutePath().normalize();
        TrainerProcess process = processes.get(dir);
        if (process == null || !process.isAlive()) {
            Optional<ProcessHandle> owner = RunOwner.of(dir);
            if (owner.isEmpty()) {
                return TrainerProcess.StopOutcome.ALREADY_ENDED;
            }
            process = TrainerProcess.attach(owner.get(), dir);
        }
        return process.stop(grace);
    }

    /** The console output file of the trainer of {@code runDir}, if launched or re-attached here. */
    public Optional<Path> consoleLog(Path runDir) {
        return process(runDir).map(p -> Path.of(p.record().consoleLog()));
    }
}
