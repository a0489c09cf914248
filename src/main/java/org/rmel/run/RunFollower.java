package org.rmel.run;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows a run live on its own daemon thread (never the UI thread): polls the log every
 * {@code interval}, hands each non-empty {@link Batch} to the listener, and reports the
 * {@link RunStatus} whenever it changes (a run turns KILLED without writing anything when its
 * trainer dies). Opening a huge log delivers it in {@link EventTail#DEFAULT_MAX_BYTES} batches
 * back to back, so a view can show progress ({@link Batch#offset()} of {@link Batch#size()}).
 *
 * <p>The listener runs on the follower's thread; a JavaFX view should copy what it needs and
 * publish it through a counter or property polled by a {@code Timeline}, not one
 * {@code Platform.runLater} per batch.
 */
public final class RunFollower implements AutoCloseable {
    /** Receives the log as it grows. Called on the follower's thread, one call at a time. */
    public interface Listener {
        void onBatch(Batch batch);

        default void onStatus(RunStatus status) {
        }

        /** The log became unreadable (deleted, permissions); following continues. */
        default void onError(Exception error) {
        }
    }

    private final RunDirectory run;
    private final Listener listener;
    private final EventTail tail;
    private final RunStatusTracker status;
    private final ScheduledExecutorService executor;
    private RunStatus lastStatus;

    private RunFollower(RunDirectory run, java.util.Set<String> types, Listener listener) {
        this.run = run;
        this.listener = listener;
        this.tail = run.tail(types);
        this.status = new RunStatusTracker(run.spec());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-follower " + run.dir().getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts following {@code run}; the first poll happens at once. */
    public static RunFollower start(RunDirectory run, Duration interval, Listener listener) {
        return start(run, interval, java.util.Set.of(), listener);
    }

    /**
     * As {@link #start(RunDirectory, Duration, Listener)}, parsing only events of {@code types}
     * (empty = all); the status stays right as long as the types include those in
     * {@link RunStatusTracker#TYPES}.
     */
    public static RunFollower start(RunDirectory run, Duration interval, java.util.Set<String> types, Listener listener) {
        RunFollower f = new RunFollower(run, types, listener);
        f.executor.scheduleWithFixedDelay(f::pollSafely, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
        return f;
    }

    private void pollSafely() {
        try {
            Batch batch;
            do {
                batch = tail.poll();
                batch.feed(status);
                if (!batch.isEmpty()) {
                    listener.onBatch(batch);
                }
            } while (!batch.caughtUp() && !executor.isShutdown());
            RunStatus now = status.status(run.writer());
            if (!now.equals(lastStatus)) {
                lastStatus = now;
                listener.onStatus(now);
            }
        } catch (IOException | RuntimeException e) {
            // A listener bug or a vanished file must not kill the follower thread silently.
            listener.onError(e);
        }
    }

    /** Stops following; returns once the current poll (if any) is done. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            tail.close();
        } catch (IOException e) {
            // closing a read channel cannot lose data
        }
    }
}
