package org.rmel.model;

/**
 * One trajectory for the clipped policy-gradient loss.
 *
 * @param promptIds the context (no loss on it)
 * @param completionIds the sampled tokens the loss applies to
 * @param oldLogprobs per-token log-probabilities of {@code completionIds} when they were sampled
 * @param advantage the GRPO advantage, the same for every token
 */
public record PolicyGradientSample(int[] promptIds, int[] completionIds, float[] oldLogprobs, double advantage) {
    public PolicyGradientSample {
        if (completionIds.length != oldLogprobs.length) {
            throw new IllegalArgumentException("completion has " + completionIds.length
                    + " tokens but " + oldLogprobs.length + " old log-probs");
        }
    }
}
