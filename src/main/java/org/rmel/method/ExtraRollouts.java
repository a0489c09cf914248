package org.rmel.method;

import java.util.List;
import java.util.Objects;

/**
 * MEL+Extra, the compute-matched control: each all-negative group gets {@code count} fresh
 * rollouts (origin {@link GroupOrigin#EXTRA}) instead of a revision search, and their outcomes
 * are merged into the group, which becomes mixed if any of them verifies.
 *
 * @param group the all-negative group
 * @param count how many fresh rollouts to sample for it (the budget B)
 */
public record ExtraRollouts(Group group, int count) {

    public ExtraRollouts {
        Objects.requireNonNull(group, "group");
        if (group.outcome() != GroupOutcome.ALL_NEGATIVE) {
            throw new IllegalArgumentException("extra rollouts are for all-negative groups; " + group.promptId()
                    + " is " + group.outcome());
        }
        if (count < 1) {
            throw new IllegalArgumentException("extra rollouts per group must be >= 1, got " + count);
        }
    }

    /** One entry per all-negative group among {@code groups}, in order; none when perGroup is 0. */
    public static List<ExtraRollouts> plan(List<Group> groups, int perGroup) {
        if (perGroup < 0) {
            throw new IllegalArgumentException("extra rollouts per group must be >= 0, got " + perGroup);
        }
        if (perGroup == 0) {
            return List.of();
        }
        return groups.stream().filter(g -> g.outcome() == GroupOutcome.ALL_NEGATIVE)
                .map(g -> new ExtraRollouts(g, perGroup)).toList();
    }

    /** Total fresh rollouts a plan spends. */
    public static int total(List<ExtraRollouts> plan) {
        return plan.stream().mapToInt(ExtraRollouts::count).sum();
    }

    /** The group with the sampled extra trajectories appended; exactly {@code count} are expected. */
    public Group merge(List<Trajectory> extra) {
        if (extra.size() != count) {
            throw new IllegalArgumentException("planned " + count + " extra rollouts for " + group.promptId()
                    + ", got " + extra.size());
        }
        return group.with(extra);
    }
}
