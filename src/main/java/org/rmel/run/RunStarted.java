package org.rmel.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** {@code run_started}: the first event; {@code spec} repeats {@code run.json}. */
public record RunStarted(long t, ObjectNode spec) implements RunEvent {
    public static final String TYPE = "run_started";

    public RunStarted {
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
