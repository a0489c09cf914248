package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * {@code revision}: R-MEL's search on one all-negative group. {@code accepted} is the index of
 * the accepted attempt or null. {@code seed_logprob} (sum over the seed's tokens) is optional;
 * the analysis falls back to the seed trajectory's {@code logprob} in the group event.
 */
public record RevisionEvent(
        long t,
        @JsonProperty(required = true) int step,
        @JsonProperty(value = "prompt_id", required = true) String promptId,
        @JsonProperty("seed_id") String seedId,
        @JsonProperty("seed_tokens") int seedTokens,
        @JsonProperty("seed_logprob") Double seedLogprob,
        @JsonProperty(required = true) List<RevisionAttempt> attempts,
        Integer accepted) implements RunEvent {
    public static final String TYPE = "revision";

    public RevisionEvent {
        Objects.requireNonNull(promptId, "prompt_id");
        Objects.requireNonNull(attempts, "attempts");
        attempts = List.copyOf(attempts);
        if (accepted != null && (accepted < 0 || accepted >= attempts.size())) {
            throw new IllegalArgumentException("accepted index " + accepted + " outside the "
                    + attempts.size() + " attempts");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    public boolean succeeded() {
        return accepted != null;
    }

    /** The accepted attempt, or null. */
    public RevisionAttempt acceptedAttempt() {
        return accepted == null ? null : attempts.get(accepted);
    }

    public long generatedTokens() {
        long s = 0;
        for (RevisionAttempt a : attempts) {
            s += a.tokens();
        }
        return s;
    }
}
