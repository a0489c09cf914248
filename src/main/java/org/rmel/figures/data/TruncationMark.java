package org.rmel.figures.data;

/**
 * One truncation point of the τ schedule on the seed.
 *
 * @param charOffset where the seed is cut, as a character offset into the seed text
 * @param outcome what happened at this τ for this revision
 */
public record TruncationMark(double tau, int charOffset, Outcome outcome) {
    public enum Outcome {
        /** The continuation verified and met the prefix constraint. */
        ACCEPTED,
        /** Tried, but the continuation failed verification or the LCP constraint. */
        REJECTED,
        /** Not reached: the budget ran out or an earlier τ was accepted. */
        NOT_TRIED
    }
}
