package org.rmel.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rmel.base.BadInputException;
import org.rmel.launch.RunOwner;
import org.rmel.launch.TrainerCommand;
import org.rmel.launch.TrainerProcess;
import org.rmel.run.RunFiles;
import org.rmel.run.RunLock;

/**
 * A pool of trainer processes on this machine: {@code train} child JVMs of the same java and class
 * path ({@link TrainerCommand}), at most {@code parallel} at once (default one per two cores). The
 * driver holds {@code STUDY/.lock} (one driver per study) and honours each run's own lock: a run
 * some other trainer is writing counts against the pool and is waited for, never started twice.
 * Trainers are separate processes, so a driver that dies leaves them running and a new driver (or
 * the workbench) picks them up through their locks. SIGTERM to the driver stops every trainer at
 * the end of its step (checkpoint, {@code run_finished interrupted}); {@code study resume}
 * continues them.
 */
public final class LocalExecutor implements StudyExecutor {
    /** Exit code of {@code study run} / {@code resume} when some run ended without finishing. */
    public static final int UNFINISHED = 3;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final TrainerCommand command;
    private final Optional<Integer> parallelOverride;
    private final Duration stopGrace;
    private final Duration poll;

    public LocalExecutor(TrainerCommand command, Optional<Integer> parallelOverride, Duration stopGrace, Duration poll) {
        this.command = command;
        this.parallelOverride = parallelOverride;
        this.stopGrace = stopGrace;
        this.poll = poll;
    }

    public static LocalExecutor ofCurrentJvm(Optional<Integer> parallel) {
        return new LocalExecutor(TrainerCommand.ofCurrentJvm(), parallel, Duration.ofSeconds(60), Duration.ofSeconds(1));
    }

    public int parallel(Study study) {
        return parallelOverride.orElseGet(() -> study.spec().executor().parallel());
    }

    @Override
    public int run(Study study, Mode mode, boolean wait, java.util.function.Consumer<String> out) {
        RunLock lock;
        try {
            lock = RunLock.acquire(study.dir());
        } catch (BadInputException e) {
            throw new BadInputException(study.dir() + ": another study driver is already working on it ("
                    + owner(study.dir()) + "); follow it with `study status " + study.dir() + "`");
        }
        try (lock) {
            return drive(study, mode, out);
        }
    }

    private static String owner(Path dir) {
        try {
            String[] parts = Files.readString(dir.resolve(RunFiles.LOCK)).trim().split("\\s+");
            return parts.length >= 2 ? "pid " + parts[0] + " on " + parts[1] : "unknown process";
        } catch (IOException e) {
            return "unknown process";
        }
    }

    private int drive(Study study, Mode mode, java.util.function.Consumer<String> out) {
        int parallel = parallel(study);
        Map<Integer, TrainerProcess> children = new LinkedHashMap<>();
        Set<Integer> attempted = new HashSet<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            stopAll(study, children, out);
        }, "study-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        say(out, "study " + study.dir() + ": " + study.spec().cells().size() + " runs, " + parallel
                + " at a time (" + (mode == Mode.START ? "starting runs not yet started" : "resuming stopped, killed and failed runs")
                + String.format(Locale.ROOT, "; %d cores, load average %.1f)", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        String lastSummary = "";
        long lastPrint = 0;
        long started = System.nanoTime();
        try (RunStates states = new RunStates(study)) {
            while (!stopping.get()) {
                reap(study, children, out);
                List<CellStatus> cells = states.read();
                long active = cells.stream().filter(c -> c.state() == CellState.RUNNING).count();
                List<CellStatus> todo = cells.stream()
                        .filter(c -> !attempted.contains(c.cell().index()) && mode.takes(c.state())).toList();
                for (CellStatus c : todo) {
                    if (active >= parallel || stopping.get()) {
                        break;
                    }
                    synchronized (children) {
                        if (stopping.get()) {
                            break;
                        }
                        attempted.add(c.cell().index());
                        start(study, c, children, out);
                    }
                    active++;
                }
                if (todo.stream().anyMatch(c -> attempted.contains(c.cell().index()))) {
                    cells = states.read();
                }
                if (active == 0 && todo.isEmpty() && children.isEmpty()) {
                    break;
                }
                String summary = new StudyStatus(cells, List.of(), Optional.empty()).summary();
                if (!summary.equals(lastSummary) || System.currentTimeMillis() - lastPrint > 60_000) {
                    Optional<Duration> eta = RunStates.eta(cells, parallel);
                    say(out, summary + eta.map(d -> ", study ETA " + format(d)).orElse("") + running(cells));
                    lastSummary = summary;
                    lastPrint = System.currentTimeMillis();
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reap(study, children, out);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return UNFINISHED;
        }
        StudyStatus end = new StudyStatus(RunStates.read(study), List.of(), Optional.empty());
        say(out, String.format(Locale.ROOT, "done in %.1f min (load average %.1f): ", (System.nanoTime() - started) / 6e10,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + end.summary());
        List<String> left = end.cells().stream().filter(c -> c.state() != CellState.FINISHED)
                .map(c -> c.cell().name() + " (" + c.state().label() + ")").toList();
        if (!left.isEmpty()) {
            say(out, "not finished: " + String.join(", ", left) + "; `study resume " + study.dir() + "` continues them");
        }
        return end.done() ? 0 : UNFINISHED;
    }

    private void start(Study study, CellStatus c, Map<Integer, TrainerProcess> children, java.util.function.Consumer<String> out) {
        StudyCell cell = c.cell();
        Path runDir = study.runDir(cell);
        boolean resume = study.started(cell);
        List<String> args = resume ? List.of("--resume", runDir.toString()) : study.spec().trainArgs(cell, runDir);
        try {
            Files.createDirectories(study.logsDir());
            Files.deleteIfExists(study.exitFile(cell));
            Files.writeString(study.consoleLog(cell), "== " + java.time.Instant.now() + " train " + String.join(" ", args) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            TrainerProcess p = TrainerProcess.start(command.train(args), runDir, study.consoleLog(cell),
                    study.dir().resolve(RunStates.LAUNCHES));
            children.put(cell.index(), p);
            say(out, (resume ? "resumed " : "started ") + cell.name() + " (pid " + p.pid() + ")");
        } catch (IOException e) {
            say(out, "cannot start " + cell.name() + ": " + e.getMessage());
            writeExit(study, cell, 1);
        }
    }

    /** Records the exit of every trainer that has ended. */
    private void reap(Study study, Map<Integer, TrainerProcess> children, java.util.function.Consumer<String> out) {
        synchronized (children) {
            children.entrySet().removeIf(e -> {
                TrainerProcess p = e.getValue();
                if (p.isAlive()) {
                    return false;
                }
                StudyCell cell = study.spec().cell(e.getKey());
                int code = p.exitCode().orElse(-1);
                writeExit(study, cell, code);
                forget(study, p);
                say(out, cell.name() + (code == 0 ? " ended" : " exited with code " + code
                        + RunStates.lastLine(study.consoleLog(cell)).map(l -> ": " + l).orElse("")));
                return true;
            });
        }
    }

    private static void writeExit(Study study, StudyCell cell, int code) {
        try {
            Files.writeString(study.exitFile(cell), code + "\n");
        } catch (IOException e) {
            // the run folder still tells how it ended
        }
    }

    private static void forget(Study study, TrainerProcess p) {
        try {
            Files.deleteIfExists(study.dir().resolve(RunStates.LAUNCHES).resolve(p.record().fileName()));
        } catch (IOException e) {
            // a stale record is skipped by its pid and start time
        }
    }

    /** SIGTERM to every trainer at once, SIGKILL to those still alive after the grace period. */
    private void stopAll(Study study, Map<Integer, TrainerProcess> children, java.util.function.Consumer<String> out) {
        List<TrainerProcess> live;
        synchronized (children) {
            live = children.values().stream().filter(TrainerProcess::isAlive).toList();
        }
        if (!live.isEmpty()) {
            say(out, "stopping " + live.size() + " trainer(s) at the end of their step…");
        }
        stopInParallel(live);
        reap(study, children, out);
    }

    private void stopInParallel(List<TrainerProcess> processes) {
        List<Thread> threads = new ArrayList<>();
        for (TrainerProcess p : processes) {
            Thread t = new Thread(() -> {
                try {
                    p.stop(stopGrace);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-" + p.pid());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public StudyStatus status(Study study, RunStates states) {
        List<CellStatus> cells = states.read();
        List<String> notes = new ArrayList<>();
        if (RunLock.probe(study.dir()) == RunLock.Liveness.ALIVE) {
            notes.add("a local driver is working on the study (" + owner(study.dir()) + ")");
        } else if (cells.stream().anyMatch(c -> c.state() == CellState.PENDING)) {
            notes.add("no driver is running: `study run " + study.dir() + "` starts the pending runs");
        }
        return new StudyStatus(cells, notes, RunStates.eta(cells, parallel(study)));
    }

    /** Stops the driver (which stops its trainers) and any trainer still writing one of the study's runs. */
    @Override
    public void cancel(Study study, java.util.function.Consumer<String> out) {
        List<TrainerProcess> targets = new ArrayList<>();
        RunOwner.of(study.dir()).ifPresent(h -> targets.add(TrainerProcess.attach(h, study.dir())));
        for (StudyCell cell : study.spec().cells()) {
            RunOwner.of(study.runDir(cell)).ifPresent(h -> targets.add(TrainerProcess.attach(h, study.runDir(cell))));
        }
        if (targets.isEmpty()) {
            say(out, "nothing is running in " + study.dir());
            return;
        }
        say(out, "stopping " + targets.size() + " process(es): " + targets.stream().map(p -> Long.toString(p.pid())).toList());
        stopInParallel(targets);
        say(out, "stopped; `study resume " + study.dir() + "` continues the study");
    }

    private static String running(List<CellStatus> cells) {
        List<String> parts = new ArrayList<>();
        for (CellStatus c : cells) {
            if (c.state() == CellState.RUNNING) {
                parts.add(c.cell().name() + " " + c.stepsDone() + c.stepsTotal().map(t -> "/" + t).orElse("")
                        + c.eta().map(d -> " ETA " + format(d)).orElse(""));
            }
        }
        return parts.isEmpty() ? "" : "; running: " + String.join(", ", parts);
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static void say(java.util.function.Consumer<String> out, String line) {
        out.accept("[" + LocalTime.now().format(CLOCK) + "] " + line);
    }
}
