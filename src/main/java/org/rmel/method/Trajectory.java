package org.rmel.method;

import java.util.Arrays;
import java.util.Objects;

/**
 * One sampled response to a prompt, as token ids with its decoded text, the verifier's reward
 * (exactly 0 or 1), the extracted answer and the sum of its token log-probabilities.
 *
 * <p>The token array is copied in and out, so a trajectory is immutable; equality compares the
 * token contents (a record would compare array references).
 */
public record Trajectory(String id, int[] tokens, String text, double reward, String answer, double logprob) {

    public Trajectory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(answer, "answer");
        if (reward != 0.0 && reward != 1.0) {
            throw new IllegalArgumentException("trajectory " + id + ": reward must be 0 or 1, got " + reward);
        }
        tokens = tokens.clone();
    }

    /** A copy of the token ids. */
    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Number of tokens, |y|. */
    public int length() {
        return tokens.length;
    }

    /** Whether the verifier accepted it (reward 1). */
    public boolean correct() {
        return reward == 1.0;
    }

    /** The first {@code n} token ids (the kept prefix of a truncation). */
    public int[] prefix(int n) {
        if (n < 0 || n > tokens.length) {
            throw new IllegalArgumentException("prefix length " + n + " outside 0.." + tokens.length);
        }
        return Arrays.copyOf(tokens, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trajectory t
                && id.equals(t.id) && Arrays.equals(tokens, t.tokens) && text.equals(t.text)
                && Double.compare(reward, t.reward) == 0 && answer.equals(t.answer)
                && Double.compare(logprob, t.logprob) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(tokens), text, reward, answer, logprob);
    }

    @Override
    public String toString() {
        return "Trajectory[" + id + ", " + tokens.length + " tokens, reward " + (int) reward
                + ", answer " + answer + "]";
    }
}
