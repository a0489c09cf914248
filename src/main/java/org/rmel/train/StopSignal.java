package org.rmel.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM (the workbench's Stop button) end a run at the end of the current step:
 * the shutdown hook raises a flag the loop checks after each step, then holds the JVM open
 * until the loop has written its checkpoint and {@code run_finished} — or a grace period passes.
 */
final class StopSignal implements AutoCloseable {
    private static final long GRACE_MINUTES = 30;
    private volatile boolean requested;
    private final CountDownLatch loopDone = new CountDownLatch(1);
    private final Thread hook;

    StopSignal() {
        hook = new Thread(() -> {
            requested = true;
            try {
                loopDone.await(GRACE_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rmel-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    /** The loop is done (finished, stopped or failed); the JVM may exit. */
    @Override
    public void close() {
        loopDone.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and now returns
        }
    }
}
