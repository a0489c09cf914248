package org.rmel.app;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs work off the FX thread and hands the result back on it, dropping stale results:
 * only the most recently submitted task may deliver ("latest task wins"), so a slow load of a
 * run that is no longer selected never overwrites the current one.
 */
public final class LatestTaskRunner {
    private final Executor executor;
    private final AtomicLong latest = new AtomicLong();

    public LatestTaskRunner(Executor executor) {
        this.executor = executor;
    }

    /**
     * Submits {@code work}; if it is still the latest when done, {@code onResult} (or, on failure,
     * {@code onError}) runs on the FX thread.
     */
    public <T> void submit(Callable<T> work, Consumer<T> onResult, Consumer<Exception> onError) {
        long ticket = latest.incrementAndGet();
        executor.execute(() -> {
            if (ticket != latest.get()) {
                return; // superseded before it started: skip the work entirely
            }
            try {
                T result = work.call();
                Platform.runLater(() -> {
                    if (ticket == latest.get()) {
                        onResult.accept(result);
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    if (ticket == latest.get()) {
                        onError.accept(e);
                    }
                });
            }
        });
    }
}
