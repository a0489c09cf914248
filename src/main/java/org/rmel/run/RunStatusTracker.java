package org.rmel.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Derives {@link RunStatus} incrementally from the events. The rule: the last final event
 * ({@code run_finished} / {@code run_failed}) after the last {@code resumed} decides; without one
 * the run is RUNNING while a live writer holds {@code RUN/.lock} and KILLED otherwise. The ETA
 * extrapolates the mean step time since the run (or its last resume) started.
 */
public final class RunStatusTracker implements EventSink {
    /**
     * The event types the status depends on: a tail limited to them ({@link RunDirectory#statusTail()})
     * skips the bulky group and revision lines unparsed. With it, the last event time is that of
     * the last of these types.
     */
    public static final Set<String> TYPES = Set.of(RunStarted.TYPE, StepEvent.TYPE, Resumed.TYPE, RunFinished.TYPE,
            RunFailed.TYPE);

    private final OptionalInt stepsTotal;
    private int stepsDone;
    private Long startedAt;
    private Long lastEventAt;
    private RunEvent terminal;
    private long segmentStartT;
    private int segmentStartStep;
    private long lastStepT;

    public RunStatusTracker(RunSpec spec) {
        this.stepsTotal = spec.stepsTotal();
        reset();
    }

    @Override
    public void reset() {
        stepsDone = 0;
        startedAt = null;
        lastEventAt = null;
        terminal = null;
        segmentStartT = 0;
        segmentStartStep = 0;
        lastStepT = 0;
    }

    @Override
    public void accept(LoggedEvent logged) {
        RunEvent e = logged.event();
        lastEventAt = e.t();
        if (e instanceof RunStarted) {
            startedAt = e.t();
            segmentStartT = e.t();
            segmentStartStep = 0;
        } else if (e instanceof Resumed r) {
            terminal = null;
            segmentStartT = r.t();
            segmentStartStep = r.fromStep();
            stepsDone = Math.min(stepsDone, r.fromStep());
        } else if (e instanceof StepEvent s) {
            stepsDone = Math.max(stepsDone, s.step());
            lastStepT = s.t();
        } else if (e instanceof RunFinished || e instanceof RunFailed) {
            terminal = e;
        }
        if (startedAt == null) {
            startedAt = e.t();
            segmentStartT = e.t();
        }
    }

    public RunStatus status(RunLock.Liveness writer) {
        RunStatus.State state;
        String detail;
        if (terminal instanceof RunFailed f) {
            state = RunStatus.State.FAILED;
            detail = f.error();
        } else if (terminal instanceof RunFinished f) {
            boolean stopped = RunFinished.STOPPED.equals(f.reason()) || RunFinished.INTERRUPTED.equals(f.reason());
            state = stopped ? RunStatus.State.STOPPED : RunStatus.State.FINISHED;
            detail = f.reason();
        } else if (writer == RunLock.Liveness.ALIVE) {
            state = RunStatus.State.RUNNING;
            detail = "running";
        } else {
            state = RunStatus.State.KILLED;
            detail = "the trainer ended without a final event (killed?); it can be resumed";
        }
        return new RunStatus(state, stepsDone, stepsTotal, instant(startedAt), instant(lastEventAt),
                state == RunStatus.State.RUNNING ? eta() : Optional.empty(), detail);
    }

    private Optional<Duration> eta() {
        int doneInSegment = stepsDone - segmentStartStep;
        if (stepsTotal.isEmpty() || doneInSegment <= 0 || lastStepT <= segmentStartT) {
            return Optional.empty();
        }
        double msPerStep = (lastStepT - segmentStartT) / (double) doneInSegment;
        int left = Math.max(0, stepsTotal.getAsInt() - stepsDone);
        return Optional.of(Duration.ofMillis(Math.round(msPerStep * left)));
    }

    private static Optional<Instant> instant(Long ms) {
        return ms == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
}
