package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One sampled trajectory of a {@link GroupEvent}. {@code tokens} is the number of generated
 * tokens (the log keeps counts, not token ids, so a long run stays small); {@code logprob} is
 * the sum of the token log-probabilities under the sampling policy; {@code truncated} marks a
 * response cut by {@code max_new_tokens} (no stop token), written only when true (older runs:
 * absent, false).
 */
public record Trajectory(String id, String text, int tokens, double reward, String answer, double logprob,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) {

    public Trajectory(String id, String text, int tokens, double reward, String answer, double logprob) {
        this(id, text, tokens, reward, answer, logprob, false);
    }

    /** Rewards are 0/1; anything above one half counts as correct. */
    public boolean correct() {
        return reward > 0.5;
    }
}
