package org.rmel.study;

/** Where one (condition, seed) of a study stands. */
public enum CellState {
    /** Not started: no run folder yet. */
    PENDING,
    /** Submitted to Slurm, waiting for resources. */
    QUEUED,
    /** A trainer is working on it. */
    RUNNING,
    /** The run completed. */
    FINISHED,
    /** The run was stopped (SIGTERM, scancel) at the end of a step: {@code study resume} continues it. */
    STOPPED,
    /** The run failed, or its trainer exited with an error before creating it: {@code study resume} retries it. */
    FAILED,
    /** The trainer died without a final event (SIGKILL, time limit, node failure): {@code study resume} continues it. */
    KILLED;

    /** Whether the cell is being worked on (or waits to be) by an executor. */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }

    /** Whether {@code study resume} would start or continue it. */
    public boolean resumable() {
        return this == PENDING || this == STOPPED || this == FAILED || this == KILLED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
