package org.rmel.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds MEL's contrastive pairs.
 *
 * <p>Mixed groups ({@link #naturalPairs}): each negative, in group order, is paired with the
 * positive that shares the longest common token prefix with it (ties: the earliest positive),
 * because a long shared prefix makes the bifurcation point meaningful. With a cap, the first
 * {@code maxPairsPerGroup} negatives in group order are paired.
 *
 * <p>Rescued groups ({@link #revisionPair}): the accepted revision and its seed form the one pair
 * (y_rev+, y−), as in the paper; the group's other negatives are not paired with the revision,
 * which was built to share the seed's prefix, not theirs.
 */
public final class MelPairing {
    /** No cap on pairs per group. */
    public static final int NO_CAP = Integer.MAX_VALUE;

    private final StepSegmenter segmenter;
    private final int maxPairsPerGroup;

    public MelPairing(StepSegmenter segmenter, int maxPairsPerGroup) {
        if (maxPairsPerGroup < 1) {
            throw new IllegalArgumentException("max pairs per group must be >= 1, got " + maxPairsPerGroup);
        }
        this.segmenter = segmenter;
        this.maxPairsPerGroup = maxPairsPerGroup;
    }

    /** The natural pairs of a mixed group; empty for all-negative and all-positive groups. */
    public List<ContrastivePair> naturalPairs(Group group) {
        List<Trajectory> positives = group.positives();
        List<ContrastivePair> pairs = new ArrayList<>();
        if (positives.isEmpty()) {
            return pairs;
        }
        for (Trajectory negative : group.negatives()) {
            if (pairs.size() == maxPairsPerGroup) {
                break;
            }
            pairs.add(ContrastivePair.of(group.promptId(), PairSource.NATURAL, closest(positives, negative),
                    negative, segmenter));
        }
        return pairs;
    }

    /** The (y_rev+, y−) pair of a rescued group; empty when no attempt was accepted. */
    public Optional<ContrastivePair> revisionPair(RevisionResult result) {
        return result.revisedTrajectory().map(revised -> ContrastivePair.of(result.seed().group().promptId(),
                PairSource.REVISION, revised, result.seed().seed(), segmenter));
    }

    private static Trajectory closest(List<Trajectory> positives, Trajectory negative) {
        int[] neg = negative.tokens();
        Trajectory best = positives.get(0);
        int bestLcp = Lcp.length(best.tokens(), neg);
        for (Trajectory p : positives.subList(1, positives.size())) {
            int lcp = Lcp.length(p.tokens(), neg);
            if (lcp > bestLcp) {
                best = p;
                bestLcp = lcp;
            }
        }
        return best;
    }
}
