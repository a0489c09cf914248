package org.rmel.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.Group;
import org.rmel.method.RevisionResult;
import org.rmel.method.Trajectory;

/**
 * One prompt's group during a step: the method-core group (which grows with extra rollouts or an
 * accepted revision) plus what the policy-gradient loss needs and the method core does not keep,
 * each trajectory's per-token sampling log-probabilities.
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
    private final Map<String, float[]> oldLogprobs = new HashMap<>();

    LiveGroup(TaskProblem problem, int[] promptIds, int visit, List<Trajectory> trajectories, List<float[]> logprobs) {
        this.problem = problem;
        this.promptIds = promptIds;
        this.visit = visit;
        this.rollouts = new Group(problem.id(), visit, problem.gold(), trajectories);
        this.group = rollouts;
        for (int i = 0; i < trajectories.size(); i++) {
            oldLogprobs.put(trajectories.get(i).id(), logprobs.get(i));
        }
    }

    void add(List<Trajectory> more, List<float[]> logprobs) {
        group = group.with(more);
        for (int i = 0; i < more.size(); i++) {
            oldLogprobs.put(more.get(i).id(), logprobs.get(i));
        }
    }

    float[] oldLogprobs(String trajectoryId) {
        return oldLogprobs.get(trajectoryId);
    }
}
