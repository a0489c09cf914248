package org.rmel.analysis;

/**
 * Generated-token accounting: what the rollouts, the extra rollouts (MEL+Extra) and the revision
 * attempts (R-MEL) cost, counted from the events; {@code reportedTokens} sums the trainer's own
 * {@code tokens/generated} step metric for comparison (it may include replays).
 */
public record Compute(long rolloutTokens, long extraTokens, long revisionTokens, long reportedTokens,
        long rolloutGroups, long extraGroups, long revisions, long revisionAttempts) {
    public long totalTokens() {
        return rolloutTokens + extraTokens + revisionTokens;
    }
}
