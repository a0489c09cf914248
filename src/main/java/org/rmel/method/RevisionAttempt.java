package org.rmel.method;

import java.util.Arrays;
import java.util.Objects;

/**
 * One continuation attempt of a revision search, accepted or not, with everything the
 * {@code revision} event reports.
 *
 * @param attempt         0-based position in the schedule
 * @param tau             truncation ratio
 * @param cut             ⌊τ·|y−|⌋ seed tokens kept
 * @param revisedTokens   the full revised trajectory: forced, the kept prefix followed by the
 *                        continuation; primed, the response the policy wrote (which may depart from
 *                        the prefix)
 * @param continuationText the generated text (forced: after the prefix; primed: the whole response)
 * @param revisedText     the revised trajectory's full text
 * @param answer          the extracted answer of the revised trajectory
 * @param verified        whether that answer verified
 * @param lcp             LCP(revised, seed) in tokens; ≥ cut when the prefix was forced
 * @param lcpRatio        lcp / |y−|
 * @param accepted        verified and the LCP filter passed
 * @param logprob         log-probability sum of the generated tokens
 * @param mode            how the prefix was given to the policy
 */
public record RevisionAttempt(int attempt, double tau, int cut, int[] revisedTokens, String continuationText,
                              String revisedText, String answer, boolean verified, int lcp, double lcpRatio,
                              boolean accepted, double logprob, RevisionMode mode) {

    public RevisionAttempt {
        revisedTokens = revisedTokens.clone();
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(continuationText, "continuationText");
        Objects.requireNonNull(revisedText, "revisedText");
        Objects.requireNonNull(answer, "answer");
        if (cut < 0 || (mode == RevisionMode.FORCED && cut > revisedTokens.length)) {
            throw new IllegalArgumentException("cut " + cut + " outside the revised trajectory of "
                    + revisedTokens.length + " tokens");
        }
        if (accepted && !verified) {
            throw new IllegalArgumentException("an unverified attempt cannot be accepted");
        }
    }

    /** A forced attempt (the prefix is part of the revised trajectory). */
    public RevisionAttempt(int attempt, double tau, int cut, int[] revisedTokens, String continuationText,
                           String revisedText, String answer, boolean verified, int lcp, double lcpRatio,
                           boolean accepted, double logprob) {
        this(attempt, tau, cut, revisedTokens, continuationText, revisedText, answer, verified, lcp, lcpRatio,
                accepted, logprob, RevisionMode.FORCED);
    }

    @Override
    public int[] revisedTokens() {
        return revisedTokens.clone();
    }

    /** The generated tokens only: after the cut when forced, the whole response when primed. */
    public int[] continuationTokens() {
        return mode == RevisionMode.PRIMED ? revisedTokens.clone()
                : Arrays.copyOfRange(revisedTokens, cut, revisedTokens.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionAttempt a && attempt == a.attempt && Double.compare(tau, a.tau) == 0
                && cut == a.cut && Arrays.equals(revisedTokens, a.revisedTokens)
                && continuationText.equals(a.continuationText) && revisedText.equals(a.revisedText)
                && answer.equals(a.answer) && verified == a.verified && lcp == a.lcp
                && Double.compare(lcpRatio, a.lcpRatio) == 0 && accepted == a.accepted
                && Double.compare(logprob, a.logprob) == 0 && mode == a.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attempt, tau, cut, Arrays.hashCode(revisedTokens), continuationText, revisedText,
                answer, verified, lcp, lcpRatio, accepted, logprob, mode);
    }

    @Override
    public String toString() {
        return "RevisionAttempt[" + attempt + ", tau " + tau + ", cut " + cut + ", lcp " + lcp + " ("
                + lcpRatio + "), " + mode.wireName() + ", verified " + verified + ", accepted " + accepted + "]";
    }
}
