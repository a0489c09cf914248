package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code resumed}: a trainer continued this run from the checkpoint of {@code from_step}. Every
 * event with a step greater than {@code from_step} that comes <em>before</em> this line belongs
 * to work that was lost with the killed trainer and is discarded by the reader, so the log
 * stays append-only and the analysis never sees a step twice.
 */
public record Resumed(long t, @JsonProperty(value = "from_step", required = true) int fromStep, String checkpoint)
        implements RunEvent {
    public static final String TYPE = "resumed";

    @Override
    public String type() {
        return TYPE;
    }
}
