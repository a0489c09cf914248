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
 * @param revisedTokens   the full revised trajectory: the kept prefix followed by the continuation
 * @param continuationText the continuation's text
 * @param revisedText     the revised trajectory's full text
 * @param answer          the extracted answer of the revised trajectory
 * @param verified        whether that answer verified
 * @param lcp             LCP(revised, seed) in tokens; ≥ cut since the prefix is the seed's
 * @param lcpRatio        lcp / |y−|
 * @param accepted        verified and the LCP filter passed
 * @param logprob         log-probability sum of the continuation tokens
 */
public record RevisionAttempt(int attempt, double tau, int cut, int[] revisedTokens, String continuationText,
                              String revisedText, String answer, boolean verified, int lcp, double lcpRatio,
                              boolean accepted, double logprob) {

    public RevisionAttempt {
        revisedTokens = revisedTokens.clone();
        Objects.requireNonNull(continuationText, "continuationText");
        Objects.requireNonNull(revisedText, "revisedText");
        Objects.requireNonNull(answer, "answer");
        if (cut < 0 || cut > revisedTokens.length) {
            throw new IllegalArgumentException("cut " + cut + " outside the revised trajectory of "
                    + revisedTokens.length + " tokens");
        }
        if (accepted && !verified) {
            throw new IllegalArgumentException("an unverified attempt cannot be accepted");
        }
    }

    @Override
    public int[] revisedTokens() {
        return revisedTokens.clone();
    }

    /** The generated tokens only (after the cut). */
    public int[] continuationTokens() {
        return Arrays.copyOfRange(revisedTokens, cut, revisedTokens.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionAttempt a && attempt == a.attempt && Double.compare(tau, a.tau) == 0
                && cut == a.cut && Arrays.equals(revisedTokens, a.revisedTokens)
                && continuationText.equals(a.continuationText) && revisedText.equals(a.revisedText)
                && answer.equals(a.answer) && verified == a.verified && lcp == a.lcp
                && Double.compare(lcpRatio, a.lcpRatio) == 0 && accepted == a.accepted
                && Double.compare(logprob, a.logprob) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attempt, tau, cut, Arrays.hashCode(revisedTokens), continuationText, revisedText,
                answer, verified, lcp, lcpRatio, accepted, logprob);
    }

    @Override
    public String toString() {
        return "RevisionAttempt[" + attempt + ", tau " + tau + ", cut " + cut + ", lcp " + lcp + " ("
                + lcpRatio + "), verified " + verified + ", accepted " + accepted + "]";
    }
}
