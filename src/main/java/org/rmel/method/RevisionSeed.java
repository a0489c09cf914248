package org.rmel.method;

import java.util.Objects;

/** An all-negative group together with the seed chosen from it. */
public record RevisionSeed(Group group, Trajectory seed) {
    public RevisionSeed {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(seed, "seed");
        if (!group.trajectories().contains(seed)) {
            throw new IllegalArgumentException("seed " + seed.id() + " is not in group " + group.promptId());
        }
    }

    /** The group's seed by {@link SeedSelector}'s rule. */
    public static RevisionSeed of(Group group) {
        Trajectory seed = SeedSelector.seed(group).orElseThrow(() -> new IllegalArgumentException(
                "group " + group.promptId() + " has no failed trajectory with tokens to revise"));
        return new RevisionSeed(group, seed);
    }
}
