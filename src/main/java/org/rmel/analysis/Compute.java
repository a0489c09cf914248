package org.rmel.analysis;

/**
 * Generated-token accounting: what the rollouts, the extra rollouts (MEL+Extra) and the revision
 * attempts (R-MEL) cost, counted from the events; {@code reportedTokens} sums the trainer's own
 * {@code tokens/generated} step metric for comparison (it may include replays).
 * {@code extraRescued} / {@code revisionRescued} count the all-negative groups the extra rollouts
 * (a correct one among them) or the revision search (an accepted revision) rescued.
 */
public record Compute(long rolloutTokens, long extraTokens, long revisionTokens, long reportedTokens,
        long rolloutGroups, long extraGroups, long revisions, long revisionAttempts, long extraRescued,
        long revisionRescued) {
    public long totalTokens() {
        return rolloutTokens + extraTokens + revisionTokens;
    }

    /** Tokens spent on all-negative groups (extra rollouts + revision attempts). */
    public long rescueTokens() {
        return extraTokens + revisionTokens;
    }

    /** All-negative groups that got extra rollouts or a revision search. */
    public long rescueGroups() {
        return extraGroups + revisions;
    }

    /** All-negative groups rescued (by extra rollouts or revision). */
    public long rescued() {
        return extraRescued + revisionRescued;
    }

    /** Generated tokens per rescued all-negative group; NaN when none was rescued. */
    public double tokensPerRescuedGroup() {
        return rescued() == 0 ? Double.NaN : rescueTokens() / (double) rescued();
    }

    /** Generated tokens per all-negative group given extra rollouts or a revision search; NaN when none. */
    public double tokensPerSearchedGroup() {
        return rescueGroups() == 0 ? Double.NaN : rescueTokens() / (double) rescueGroups();
    }
}
