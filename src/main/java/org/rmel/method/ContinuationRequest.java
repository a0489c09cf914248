package org.rmel.method;

import java.util.Arrays;
import java.util.Objects;

/**
 * "Continue this prefix": one revision attempt handed to the policy.
 *
 * @param seedIndex index of the seed in the batch the driver was given (the result goes back to it)
 * @param seed      the group and its seed (prompt id, gold answer and seed text for the policy side)
 * @param attempt   0-based attempt number within the seed's schedule
 * @param tau       the truncation ratio of this attempt
 * @param cut       ⌊τ·|y−|⌋, the number of seed tokens kept
 * @param prefix    the kept seed tokens, to be continued (forced) or shown in the prompt (primed)
 * @param mode      forced: continue the prefix; primed: write a whole response with the prefix in
 *                  context. A request with an empty prefix is a fresh rollout either way.
 */
public record ContinuationRequest(int seedIndex, RevisionSeed seed, int attempt, double tau, int cut, int[] prefix,
                                  RevisionMode mode) {

    public ContinuationRequest {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(mode, "mode");
        prefix = prefix.clone();
        if (prefix.length != cut) {
            throw new IllegalArgumentException("prefix has " + prefix.length + " tokens but cut is " + cut);
        }
    }

    /** A forced request. */
    public ContinuationRequest(int seedIndex, RevisionSeed seed, int attempt, double tau, int cut, int[] prefix) {
        this(seedIndex, seed, attempt, tau, cut, prefix, RevisionMode.FORCED);
    }

    /** Whether the policy writes the whole response with the prefix in its prompt. */
    public boolean primed() {
        return mode == RevisionMode.PRIMED && cut > 0;
    }

    @Override
    public int[] prefix() {
        return prefix.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContinuationRequest r && seedIndex == r.seedIndex && seed.equals(r.seed)
                && attempt == r.attempt && Double.compare(tau, r.tau) == 0 && cut == r.cut
                && Arrays.equals(prefix, r.prefix) && mode == r.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seedIndex, seed, attempt, tau, cut, Arrays.hashCode(prefix), mode);
    }

    @Override
    public String toString() {
        return "ContinuationRequest[seed " + seedIndex + " (" + seed.seed().id() + "), attempt " + attempt
                + ", tau " + tau + ", cut " + cut + ", " + mode.wireName() + "]";
    }
}
