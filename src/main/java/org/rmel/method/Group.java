package org.rmel.method;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The K trajectories sampled for one prompt at one visit.
 *
 * @param promptId the prompt's stable id
 * @param visit    how many times this prompt has been seen, 1-based (the difficulty proxy counts visits)
 * @param gold     the reference answer
 * @param trajectories in sampling order; the order matters for tie-breaks (seed choice, pairing)
 */
public record Group(String promptId, int visit, String gold, List<Trajectory> trajectories) {

    public Group {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(gold, "gold");
        if (visit < 1) {
            throw new IllegalArgumentException("group " + promptId + ": visit is 1-based, got " + visit);
        }
        trajectories = List.copyOf(trajectories);
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("group " + promptId + " has no trajectories");
        }
        Set<String> ids = new HashSet<>();
        for (Trajectory t : trajectories) {
            if (!ids.add(t.id())) {
                throw new IllegalArgumentException("group " + promptId + ": duplicate trajectory id " + t.id());
            }
        }
    }

    public GroupOutcome outcome() {
        return GroupOutcome.of(trajectories);
    }

    public int size() {
        return trajectories.size();
    }

    /** The verified trajectories, in group order. */
    public List<Trajectory> positives() {
        return trajectories.stream().filter(Trajectory::correct).toList();
    }

    /** The failed trajectories, in group order. */
    public List<Trajectory> negatives() {
        return trajectories.stream().filter(t -> !t.correct()).toList();
    }

    /** The rewards in group order, as GRPO consumes them. */
    public double[] rewards() {
        return trajectories.stream().mapToDouble(Trajectory::reward).toArray();
    }

    /** This group with more trajectories appended (extra rollouts, an accepted revision). */
    public Group with(List<Trajectory> more) {
        List<Trajectory> all = new ArrayList<>(trajectories);
        all.addAll(more);
        return new Group(promptId, visit, gold, all);
    }
}
