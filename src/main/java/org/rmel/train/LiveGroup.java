package org.rmel.train;

import java.util.List;
import org.rmel.method.Group;
import org.rmel.method.RevisionResult;
import org.rmel.method.Trajectory;

/**
 * One prompt's group during a step: the method-core group (which grows with extra rollouts or an
 * accepted revision), the prompt's tokens and the revision search run on it. The update computes
 * the sampling policy's log-probabilities itself ({@link org.rmel.model.PpoUpdate}), so nothing
 * from the sampler beyond the tokens is kept.
 */
final class LiveGroup {
    final TaskProblem problem;
    final int[] promptIds;
    final int visit;
    /** The K rollouts alone: the difficulty tracker and the all-negative statistics count these. */
    final Group rollouts;
    Group group;
    /** The revision search run on this group (R-MEL conditions, all-negative groups), else null. */
    RevisionResult revision;
    /** Ids of trajectories cut by max_new_tokens (no stop token). */
    final java.util.Set<String> truncated = new java.util.HashSet<>();

    LiveGroup(TaskProblem problem, int[] promptIds, int visit, List<Trajectory> trajectories) {
        this.problem = problem;
        this.promptIds = promptIds;
        this.visit = visit;
        this.rollouts = new Group(problem.id(), visit, problem.gold(), trajectories);
        this.group = rollouts;
    }

    void add(List<Trajectory> more) {
        group = group.with(more);
    }
}
