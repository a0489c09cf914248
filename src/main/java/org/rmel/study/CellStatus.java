package org.rmel.study;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.rmel.run.RunStatus;

/**
 * One cell's state: from its run folder (steps, ETA, finish reason) and, where the executor knows
 * more (a Slurm task still queued, a task killed at its time limit), from the executor.
 *
 * @param run    the run folder's status, once the run exists
 * @param detail why the cell is in this state, in words (a failure's message, Slurm's reason)
 * @param job    the executor's name for the work (a Slurm task {@code 1234_5}), if any
 * @param log    where the trainer's console output is, if known
 */
public record CellStatus(StudyCell cell, CellState state, Optional<RunStatus> run, String detail, Optional<String> job,
        Optional<Path> log) {

    public int stepsDone() {
        return run.map(RunStatus::stepsDone).orElse(0);
    }

    /** Planned steps: from the run, else from the study's settings. */
    public Optional<Integer> stepsTotal() {
        return run.flatMap(r -> r.stepsTotal().isPresent() ? Optional.of(r.stepsTotal().getAsInt()) : Optional.empty());
    }

    public Optional<Duration> eta() {
        return state == CellState.RUNNING ? run.flatMap(RunStatus::eta) : Optional.empty();
    }

    /** Wall time from the run's start to its last event (resumed gaps included). */
    public Optional<Duration> elapsed() {
        return run.flatMap(r -> r.startedAt().flatMap(s -> r.lastEventAt().map(e -> Duration.between(s, e))));
    }

    public CellStatus with(CellState newState, String newDetail) {
        return new CellStatus(cell, newState, run, newDetail, job, log);
    }

    public CellStatus withJob(String jobId, Path jobLog) {
        return new CellStatus(cell, state, run, detail, Optional.ofNullable(jobId), Optional.ofNullable(jobLog).or(() -> log));
    }
}
