package org.rmel.run;

import java.io.IOException;

/**
 * A run's status kept up to date incrementally: each {@link #catchUp()} reads only the bytes
 * appended since the last one, parsing only the event types the status needs
 * ({@link RunStatusTracker#TYPES}), so following many runs once a second costs almost nothing.
 * Used by the workbench's library and by a study's status.
 */
public final class RunStatusFollower implements AutoCloseable {
    private final RunDirectory run;
    private final EventTail tail;
    private final RunStatusTracker status;
    private int warnings;

    public RunStatusFollower(RunDirectory run) {
        this.run = run;
        this.tail = run.tail(RunStatusTracker.TYPES);
        this.status = new RunStatusTracker(run.spec());
    }

    public RunDirectory run() {
        return run;
    }

    /** Reads what was appended (or everything again, if the log was replaced). */
    public void catchUp() throws IOException {
        Batch batch;
        do {
            batch = tail.poll();
            if (batch.reset()) {
                warnings = 0;
            }
            batch.feed(status);
            warnings += batch.warnings().size();
        } while (!batch.caughtUp());
    }

    /** The status as of the last {@link #catchUp()}, with the writer's liveness probed now. */
    public RunStatus status() {
        return status.status(run.writer());
    }

    /** Unreadable lines seen since the log was last (re)read from its start. */
    public int warnings() {
        return warnings;
    }

    @Override
    public void close() {
        try {
            tail.close();
        } catch (IOException e) {
            // a read channel: nothing to lose
        }
    }
}
