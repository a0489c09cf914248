package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code checkpoint}: the model state after {@code step} was saved under {@code path} (relative to the run). */
public record CheckpointEvent(long t, @JsonProperty(required = true) int step, String path) implements RunEvent {
    public static final String TYPE = "checkpoint";

    public CheckpointEvent {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
