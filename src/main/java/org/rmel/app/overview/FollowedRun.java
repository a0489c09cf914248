package org.rmel.app.overview;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rmel.run.Batch;
import org.rmel.run.EvalEvent;
import org.rmel.run.RunStatusTracker;
import org.rmel.run.StepEvent;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;
import org.rmel.train.TrainSettings;
import org.rmel.run.RunFollower;
import org.rmel.run.RunStatus;

/**
 * One run followed live: a {@link RunFollower} feeding an {@link OverviewSeries}, the reader's
 * warnings (corrupt lines), the latest status and how far the first read has got. Everything
 * is updated on the follower's thread; {@link #changes()} ticks on every update so the UI can poll
 * it from a Timeline instead of being called per batch. A {@link #snapshot()} holds whole
 * batches only: a run opened while a view refreshes is drawn either not yet or up to the end of a
 * batch (a finished run of less than {@link org.rmel.run.EventTail#DEFAULT_MAX_BYTES}: in full),
 * never cut at an arbitrary event.
 */
public final class FollowedRun implements AutoCloseable {
    /** What a view needs from a run at one moment; all copies. */
    public record Snapshot(Path dir, String name, Map<String, Series> series, List<ReadWarning> warnings,
                           RunStatus status, double loadedFraction, long events, String condition) {
        public Snapshot(Path dir, String name, Map<String, Series> series, List<ReadWarning> warnings, RunStatus status,
                        double loadedFraction, long events) {
            this(dir, name, series, warnings, status, loadedFraction, events, "");
        }

        /** MEL and MEL+Extra never revise; unknown conditions are assumed to. */
        public boolean revises() {
            return !condition.equals("mel") && !condition.equals("mel-extra");
        }

        public boolean running() {
            return status != null && status.state() == RunStatus.State.RUNNING;
        }
    }

    /** Only these are parsed: the curves need step and eval events, the status a few more. */
    static final Set<String> TYPES = Stream.concat(Stream.of(StepEvent.TYPE, EvalEvent.TYPE),
            RunStatusTracker.TYPES.stream()).collect(Collectors.toUnmodifiableSet());

    private final RunDirectory run;
    private final OverviewSeries series = new OverviewSeries();
    private final List<ReadWarning> warnings = new ArrayList<>();
    /** run.json's problems by the trainer's settings rules, shown before the log's. */
    private final List<ReadWarning> specWarnings;
    private final AtomicLong changes;
    private final RunFollower follower;
    private volatile RunStatus status;
    private volatile double loadedFraction;
    private volatile Exception error;
    /** Every problem line of the whole log, once checked (see {@link #checkWholeLog}). */
    private volatile List<ReadWarning> fullCheck = List.of();
    private volatile boolean checkStarted;
    private volatile boolean closed;

    private FollowedRun(RunDirectory run, AtomicLong changes, Duration interval) {
        this.run = run;
        this.changes = changes;
        this.specWarnings = specWarnings(run);
        this.follower = RunFollower.start(run, interval, TYPES, new RunFollower.Listener() {
            @Override
            public void onBatch(Batch batch) {
                // a batch goes in whole under the series' lock, so a snapshot taken meanwhile (the
                // Overview refreshes whenever any followed run ticks) never holds part of one
                synchronized (series) {
                    batch.feed(series);
                    loadedFraction = batch.size() == 0 ? 1 : Math.min(1, batch.offset() / (double) batch.size());
                }
                synchronized (warnings) {
                    if (batch.reset()) {
                        warnings.clear();
                    }
                    warnings.addAll(batch.warnings());
                }
                if (batch.caughtUp() && !checkStarted) {
                    checkStarted = true;
                    CHECKS.execute(FollowedRun.this::checkWholeLog);
                }
                changes.incrementAndGet();
            }

            @Override
            public void onStatus(RunStatus newStatus) {
                status = newStatus;
                changes.incrementAndGet();
            }

            @Override
            public void onError(Exception e) {
                error = e;
                changes.incrementAndGet();
            }
        });
    }

    /**
     * The curves parse only step, eval and status lines; so that the warning lists every problem
     * line (an impossible value in a group, say), the whole log is checked once, after the curves
     * are drawn, one run at a time on a low-priority thread.
     */
    private void checkWholeLog() {
        if (closed) {
            return;
        }
        try {
            fullCheck = run.read().warnings();
        } catch (RuntimeException e) {
            fullCheck = List.of(new ReadWarning(run.eventsFile(), 0, "cannot be checked: " + e.getMessage()));
        }
        changes.incrementAndGet();
    }

    private static final java.util.concurrent.ExecutorService CHECKS = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rmel-log-check");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });

    @SuppressWarnings("unchecked")
    private static List<ReadWarning> specWarnings(RunDirectory run) {
        Map<String, Object> spec = RunJson.MAPPER.convertValue(run.spec().json(), Map.class);
        Path file = run.dir().resolve(RunFiles.SPEC);
        return TrainSettings.specProblems(spec).stream().map(p -> new ReadWarning(file, 0, p)).toList();
    }

    /** Opens and follows {@code dir}; a folder that is not a run throws BadInputException. */
    public static FollowedRun follow(Path dir, AtomicLong changes, Duration interval) {
        return new FollowedRun(RunDirectory.open(dir), changes, interval);
    }

    public Path dir() {
        return run.dir();
    }

    public RunDirectory run() {
        return run;
    }

    public RunStatus status() {
        return status;
    }

    /** How much of the log the first read has covered (1 once caught up). */
    public double loadedFraction() {
        return loadedFraction;
    }

    /** Whether any step metrics have been read yet. */
    public boolean hasSeries() {
        return series.hasSeries();
    }

    public Exception error() {
        return error;
    }

    public Snapshot snapshot() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<ReadWarning> log = new ArrayList<>(fullCheck);
        synchronized (warnings) {
            log.addAll(warnings); // lines written since the check, and the curves' own reading
        }
        log.sort(java.util.Comparator.comparingLong(ReadWarning::line));
        List<ReadWarning> copy = new ArrayList<>(specWarnings);
        for (ReadWarning w : log) {
            if (seen.add(w.toString())) {
                copy.add(w);
            }
        }
        Map<String, Series> data;
        double fraction;
        long events;
        synchronized (series) { // whole batches, with the loaded fraction they reached
            data = series.snapshot();
            fraction = loadedFraction;
            events = series.events();
        }
        return new Snapshot(run.dir(), run.dir().getFileName().toString(), data, copy, status, fraction, events,
                run.spec().condition().orElse(""));
    }

    @Override
    public void close() {
        closed = true;
        follower.close();
    }
}
