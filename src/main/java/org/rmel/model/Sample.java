package org.rmel.model;

/**
 * One sampled continuation.
 *
 * @param tokenIds the new tokens only (a final stop or eos token included)
 * @param text the decoded new tokens
 * @param tokenLogprobs log-probability of each new token under the policy at temperature 1 and
 *     without top-p truncation (what the policy-gradient ratio needs)
 * @param logprobSum sum of {@code tokenLogprobs}
 * @param stopped true when a stop or eos token ended the sample, false when it hit the length limit
 */
public record Sample(int[] tokenIds, String text, float[] tokenLogprobs, double logprobSum, boolean stopped) {}
