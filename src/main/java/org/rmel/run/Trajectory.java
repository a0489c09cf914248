package org.rmel.run;

/**
 * One sampled trajectory of a {@link GroupEvent}. {@code tokens} is the number of generated
 * tokens (the log keeps counts, not token ids, so a long run stays small); {@code logprob} is
 * the sum of the token log-probabilities under the sampling policy.
 */
public record Trajectory(String id, String text, int tokens, double reward, String answer, double logprob) {
    /** Rewards are 0/1; anything above one half counts as correct. */
    public boolean correct() {
        return reward > 0.5;
    }
}
