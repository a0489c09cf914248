package org.rmel.run;

/** {@code run_failed}: the trainer stopped on an error; {@code error} is the message to show. */
public record RunFailed(long t, String error) implements RunEvent {
    public static final String TYPE = "run_failed";

    public RunFailed {
        error = error == null ? "unknown error" : error;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
