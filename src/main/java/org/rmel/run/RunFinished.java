package org.rmel.run;

/**
 * {@code run_finished}: the trainer ended on its own terms. {@code reason} is {@link #COMPLETED}
 * (all steps done), {@link #STOPPED} (the user asked) or {@link #INTERRUPTED} (a signal).
 */
public record RunFinished(long t, String reason) implements RunEvent {
    public static final String TYPE = "run_finished";
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    public static final String INTERRUPTED = "interrupted";

    public RunFinished {
        reason = reason == null ? COMPLETED : reason;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
