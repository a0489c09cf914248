package org.rmel.figures.data;

/**
 * A revision attempt's positions in the policy's tokens, as the trainer counted them.
 *
 * @param seed the seed's length |y−|
 * @param cut the kept prefix, ⌊τ·|y−|⌋
 * @param lcp the longest common prefix of the revision and the seed
 * @param continuation the newly generated tokens
 */
public record RevisionTokens(int seed, int cut, int lcp, int continuation) {
}
