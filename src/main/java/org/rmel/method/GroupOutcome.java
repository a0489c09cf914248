package org.rmel.method;

import java.util.List;

/** How a group's rewards split: it decides which learning signal the group can give. */
public enum GroupOutcome {
    /** Every trajectory failed: no contrastive pair; R-MEL revises, MEL+Extra samples more. */
    ALL_NEGATIVE,
    /** Every trajectory verified: no contrastive pair and no GRPO signal. */
    ALL_POSITIVE,
    /** Both kinds present: MEL pairs positives with negatives. */
    MIXED;

    /** Classifies a non-empty list of trajectories. */
    public static GroupOutcome of(List<Trajectory> trajectories) {
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one trajectory");
        }
        long correct = trajectories.stream().filter(Trajectory::correct).count();
        if (correct == 0) {
            return ALL_NEGATIVE;
        }
        return correct == trajectories.size() ? ALL_POSITIVE : MIXED;
    }
}
