package org.rmel.study;


/** Runs a study's cells somewhere: this machine ({@link LocalExecutor}) or a Slurm cluster ({@link SlurmExecutor}). */
public interface StudyExecutor {
    /** Which cells a run takes on. */
    enum Mode {
        /** {@code study run}: cells that have not started. */
        START,
        /** {@code study resume}: also stopped, killed and failed cells, each from its run's last checkpoint. */
        RESUME;

        boolean takes(CellState state) {
            return this == START ? state == CellState.PENDING : state.resumable();
        }
    }

    /**
     * Starts the cells {@code mode} takes. The local executor works until they have ended and
     * returns 0 when every cell finished, 1 otherwise; the Slurm executor submits and returns
     * (or, with {@code wait}, follows the tasks to their end the same way).
     */
    int run(Study study, Mode mode, boolean wait, java.util.function.Consumer<String> out);

    /** Every cell's state, with what this executor knows beyond the run folders. */
    default StudyStatus status(Study study) {
        try (RunStates states = new RunStates(study)) {
            return status(study, states);
        }
    }

    /** As {@link #status(Study)}, reading the runs through {@code states} (incremental: only new bytes). */
    StudyStatus status(Study study, RunStates states);

    /** Stops the study's work: running trainers finish their step, checkpoint and stop; queued tasks are dropped. */
    void cancel(Study study, java.util.function.Consumer<String> out);
}
