package org.rmel.method;

import java.util.List;
import java.util.Optional;

/**
 * Picks the revision seed y− of an all-negative group: the longest failed trajectory by token
 * count, as in the paper (longer attempts are usually the more complete reasoning). Ties go to
 * the earliest trajectory in group order (lowest index), so the choice is deterministic and does
 * not depend on log-probabilities.
 */
public final class SeedSelector {
    private SeedSelector() {
    }

    /** Index in the group of the seed, or empty when the group has no failed trajectory with tokens. */
    public static Optional<Integer> seedIndex(Group group) {
        List<Trajectory> all = group.trajectories();
        int best = -1;
        for (int i = 0; i < all.size(); i++) {
            Trajectory t = all.get(i);
            if (!t.correct() && t.length() > 0 && (best < 0 || t.length() > all.get(best).length())) {
                best = i;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(best);
    }

    /** The seed trajectory, or empty when the group has no failed trajectory with tokens. */
    public static Optional<Trajectory> seed(Group group) {
        return seedIndex(group).map(group.trajectories()::get);
    }
}
