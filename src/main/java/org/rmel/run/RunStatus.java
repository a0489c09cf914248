package org.rmel.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a run stands, derived from its events and its lock (see {@link RunStatusTracker}).
 * {@code stepsDone} is the highest step with a {@code step} event; {@code detail} is the
 * finish reason, the failure message or why the run counts as killed.
 */
public record RunStatus(State state, int stepsDone, OptionalInt stepsTotal, Optional<Instant> startedAt,
        Optional<Instant> lastEventAt, Optional<Duration> eta, String detail) {

    public enum State {
        /** A live writer holds the run's lock and it has not finished. */
        RUNNING,
        /** {@code run_finished} with reason {@code completed} (or any reason but the two below). */
        FINISHED,
        /** {@code run_finished} with reason {@code stopped} or {@code interrupted}: resumable. */
        STOPPED,
        /** {@code run_failed}. */
        FAILED,
        /** No final event and no live writer: the trainer was killed or crashed hard; resumable. */
        KILLED
    }

    /** Fraction of planned steps done, when the plan is known. */
    public Optional<Double> progress() {
        return stepsTotal.isPresent() && stepsTotal.getAsInt() > 0
                ? Optional.of(Math.min(1.0, stepsDone / (double) stepsTotal.getAsInt()))
                : Optional.empty();
    }
}
