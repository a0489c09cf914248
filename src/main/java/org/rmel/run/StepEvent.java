package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code step}: the end of a training step with a flat map of metrics (e.g. {@code reward/mean},
 * {@code groups/all_negative_frac}, {@code revision/success_rate}, {@code mel/p_keep},
 * {@code loss/grpo}, {@code tokens/generated}, {@code time/step_s}). A non-finite value is
 * written as null (JSON has no NaN) and read back as NaN.
 */
public record StepEvent(long t, @JsonProperty(required = true) int step, Map<String, Double> metrics)
        implements RunEvent {
    public static final String TYPE = "step";

    public StepEvent {
        Objects.requireNonNull(metrics, "metrics");
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((k, v) -> copy.put(k, v == null || !Double.isFinite(v) ? null : v));
        metrics = Collections.unmodifiableMap(copy);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The metric's value, NaN when absent or not a number. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
