package org.rmel.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rmel.base.BadInputException;
import org.rmel.launch.LaunchRecord;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunStatus;
import org.rmel.run.RunStatusFollower;

/**
 * The cells' states as the run folders tell them (the same rule as the library: the last final
 * event decides, else a live lock means running, else killed), plus what the local executor left
 * beside them: a trainer still starting (its launch record) or one that exited with an error
 * before it created its run ({@code logs/CELL.exit}).
 */
public final class RunStates implements AutoCloseable {
    /** Where the local executor records the trainers it started (for the status of a run still starting). */
    public static final String LAUNCHES = ".launches";

    private final Study study;
    private final Map<Integer, RunStatusFollower> followers = new HashMap<>();

    /** A reader that keeps each run's log open and reads only what was appended on the next {@link #read()}. */
    public RunStates(Study study) {
        this.study = study;
    }

    /** One full read (a {@code study status}). */
    public static List<CellStatus> read(Study study) {
        try (RunStates states = new RunStates(study)) {
            return states.read();
        }
    }

    public synchronized List<CellStatus> read() {
        Set<Path> starting = liveLaunches(study);
        List<CellStatus> out = new ArrayList<>();
        for (StudyCell cell : study.spec().cells()) {
            out.add(read(cell, starting.contains(study.runDir(cell).toAbsolutePath().normalize())));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        followers.values().forEach(RunStatusFollower::close);
        followers.clear();
    }

    private RunStatus status(StudyCell cell) throws IOException {
        RunStatusFollower f = followers.get(cell.index());
        if (f == null) {
            f = new RunStatusFollower(RunDirectory.open(study.runDir(cell)));
            followers.put(cell.index(), f);
        }
        f.catchUp();
        return f.status();
    }

    private CellStatus read(StudyCell cell, boolean launchAlive) {
        Path log = study.consoleLog(cell);
        Optional<Path> logIfAny = Files.exists(log) ? Optional.of(log) : Optional.empty();
        if (study.started(cell)) {
            try {
                RunStatus status = status(cell);
                CellState state = switch (status.state()) {
                    case RUNNING -> CellState.RUNNING;
                    case FINISHED -> CellState.FINISHED;
                    case STOPPED -> CellState.STOPPED;
                    case FAILED -> CellState.FAILED;
                    case KILLED -> CellState.KILLED;
                };
                String detail = status.detail();
                if (launchAlive && state != CellState.RUNNING) {
                    // our trainer for it is alive: resuming (no `resumed` event yet) or writing its last lines
                    detail = state == CellState.FINISHED ? "finished; the trainer is exiting" : "resuming";
                    state = state == CellState.FINISHED ? state : CellState.RUNNING;
                }
                return new CellStatus(cell, state, Optional.of(status), detail, Optional.empty(), logIfAny);
            } catch (BadInputException | IOException e) {
                RunStatusFollower broken = followers.remove(cell.index());
                if (broken != null) {
                    broken.close();
                }
                return new CellStatus(cell, CellState.FAILED, Optional.empty(), e.getMessage(), Optional.empty(), logIfAny);
            }
        }
        if (launchAlive) {
            return new CellStatus(cell, CellState.RUNNING, Optional.empty(), "starting", Optional.empty(), logIfAny);
        }
        Optional<Integer> exit = exitCode(study.exitFile(cell));
        if (exit.isPresent() && (exit.get() == 143 || exit.get() == 130)) {
            return new CellStatus(cell, CellState.PENDING, Optional.empty(), "stopped before its run was created",
                    Optional.empty(), logIfAny);
        }
        if (exit.isPresent() && exit.get() != 0) {
            return new CellStatus(cell, CellState.FAILED, Optional.empty(), "the trainer exited with code " + exit.get()
                    + " before creating its run" + lastLine(log).map(l -> ": " + l).orElse(""), Optional.empty(), logIfAny);
        }
        return new CellStatus(cell, CellState.PENDING, Optional.empty(), "not started", Optional.empty(), logIfAny);
    }

    /** The run folders of the local executor's trainers that are still alive. */
    static Set<Path> liveLaunches(Study study) {
        try {
            return LaunchRecord.loadAll(study.dir().resolve(LAUNCHES)).stream()
                    .filter(r -> r.liveProcess().isPresent())
                    .map(r -> r.runPath().toAbsolutePath().normalize())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    static Optional<Integer> exitCode(Path file) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The last non-blank line of a log (a trainer's {@code error: ...}), if any. */
    public static Optional<String> lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return Optional.of(lines.get(i).trim());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // no log yet
        }
        return Optional.empty();
    }

    /**
     * Time until every cell that will run has finished: the running runs' own ETA, and for each
     * waiting one the mean wall time of the study's finished runs (else the running ones'
     * extrapolated total), spread over {@code parallel} workers. Empty until something is known.
     */
    public static Optional<Duration> eta(List<CellStatus> cells, int parallel) {
        List<Duration> finished = cells.stream().filter(c -> c.state() == CellState.FINISHED)
                .map(CellStatus::elapsed).flatMap(Optional::stream).toList();
        double perRun;
        if (!finished.isEmpty()) {
            perRun = finished.stream().mapToLong(Duration::toMillis).average().orElse(0);
        } else {
            perRun = cells.stream().filter(c -> c.state() == CellState.RUNNING && c.eta().isPresent())
                    .mapToDouble(c -> c.elapsed().orElse(Duration.ZERO).toMillis() + c.eta().get().toMillis())
                    .average().orElse(Double.NaN);
        }
        double left = 0;
        boolean unknown = false;
        for (CellStatus c : cells) {
            if (c.state() == CellState.RUNNING) {
                if (c.eta().isPresent()) {
                    left += c.eta().get().toMillis();
                } else if (!Double.isNaN(perRun)) {
                    left += perRun;
                } else {
                    unknown = true;
                }
            } else if (c.state() == CellState.PENDING || c.state() == CellState.QUEUED) {
                if (Double.isNaN(perRun)) {
                    unknown = true;
                } else {
                    double done = c.stepsTotal().map(t -> t > 0 ? c.stepsDone() / (double) t : 0.0).orElse(0.0);
                    left += perRun * (1 - done);
                }
            }
        }
        if (unknown && left == 0) {
            return Optional.empty();
        }
        if (left == 0 && cells.stream().noneMatch(c -> c.state().active() || c.state() == CellState.PENDING)) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(Duration.ofMillis(Math.round(left / Math.max(1, parallel))));
    }
}
