package org.rmel.model;

/**
 * One response for the clipped policy-gradient loss.
 *
 * @param promptIds the context (no loss on it)
 * @param completionIds the sampled tokens the loss applies to
 * @param oldLogprobs per-token log-probabilities of {@code completionIds} under the sampling
 *     policy π_old, at the sampling temperature
 * @param refLogprobs the same under the frozen reference policy, or null when no KL loss is used
 * @param advantage the GRPO advantage, the same for every token (0 for all-correct and all-wrong
 *     groups: such responses still count in the loss's denominator)
 */
public record PolicyGradientSample(int[] promptIds, int[] completionIds, float[] oldLogprobs, float[] refLogprobs,
        double advantage) {
    public PolicyGradientSample {
        if (completionIds.length != oldLogprobs.length) {
            throw new IllegalArgumentException("completion has " + completionIds.length
                    + " tokens but " + oldLogprobs.length + " old log-probs");
        }
        if (refLogprobs != null && completionIds.length != refLogprobs.length) {
            throw new IllegalArgumentException("completion has " + completionIds.length
                    + " tokens but " + refLogprobs.length + " reference log-probs");
        }
    }

    /** A sample without reference log-probabilities (no KL loss). */
    public PolicyGradientSample(int[] promptIds, int[] completionIds, float[] oldLogprobs, double advantage) {
        this(promptIds, completionIds, oldLogprobs, null, advantage);
    }
}
