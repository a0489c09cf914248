package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * {@code revision}: R-MEL's search on one all-negative group. {@code accepted} is the index of
 * the accepted attempt or null. {@code seed_logprob} (sum over the seed's tokens) is optional;
 * the analysis falls back to the seed trajectory's {@code logprob} in the group event.
 *
 * <p>{@code seed_offsets} (optional) are the byte offsets of the seed's token boundaries in its
 * text ({@link TokenOffsets}: {@code seed_tokens} + 1 values), so every cut, LCP end and
 * bifurcation point counted in tokens has an exact place in the text. Null in runs written before
 * the trainer recorded them.
 * {@code mode} (optional; absent = {@code forced}) is how the prefix was given to the policy:
 * {@code forced} (an attempt's {@code continuation} follows the seed's first {@code cut} tokens) or
 * {@code primed} (the prefix was shown in the prompt and {@code continuation} is the whole response).
 */
public record RevisionEvent(
        long t,
        @JsonProperty(required = true) int step,
        @JsonProperty(value = "prompt_id", required = true) String promptId,
        @JsonProperty("seed_id") String seedId,
        @JsonProperty("seed_tokens") int seedTokens,
        @JsonProperty("seed_logprob") Double seedLogprob,
        @JsonProperty(required = true) List<RevisionAttempt> attempts,
        Integer accepted,
        @JsonProperty("seed_offsets") @JsonInclude(JsonInclude.Include.NON_NULL) TokenOffsets seedOffsets,
        @JsonInclude(JsonInclude.Include.NON_NULL) String mode) implements RunEvent {
    public static final String TYPE = "revision";
    public static final String FORCED = "forced";
    public static final String PRIMED = "primed";

    public RevisionEvent {
        Objects.requireNonNull(promptId, "prompt_id");
        Objects.requireNonNull(attempts, "attempts");
        attempts = List.copyOf(attempts);
        if (accepted != null && (accepted < 0 || accepted >= attempts.size())) {
            throw new IllegalArgumentException("accepted index " + accepted + " outside the "
                    + attempts.size() + " attempts");
        }
    }

    /** An event without token offsets (runs of contract v1 before they were recorded). */
    public RevisionEvent(long t, int step, String promptId, String seedId, int seedTokens, Double seedLogprob,
                         List<RevisionAttempt> attempts, Integer accepted) {
        this(t, step, promptId, seedId, seedTokens, seedLogprob, attempts, accepted, null, null);
    }

    /** An event with token offsets and no revision mode (forced: runs before the mode was recorded). */
    public RevisionEvent(long t, int step, String promptId, String seedId, int seedTokens, Double seedLogprob,
                         List<RevisionAttempt> attempts, Integer accepted, TokenOffsets seedOffsets) {
        this(t, step, promptId, seedId, seedTokens, seedLogprob, attempts, accepted, seedOffsets, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Whether each attempt's continuation is a whole response written with the prefix in the prompt. */
    public boolean primed() {
        return PRIMED.equals(mode);
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
