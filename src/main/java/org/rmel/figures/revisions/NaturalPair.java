package org.rmel.figures.revisions;

import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.Trajectory;

/**
 * A meta-experience with its pair of trajectories, natural (from a mixed group) or from an
 * accepted revision, so the two sources can be compared side by side.
 *
 * @param positive the verified trajectory, or null when the run has no group event for it
 * @param negative the failed trajectory, or null likewise
 * @param problem the problem text from the group event, or "" when the run did not record it
 */
public record NaturalPair(MetaExperienceEvent meta, Trajectory positive, Trajectory negative, String problem) {
    public NaturalPair {
        problem = problem == null ? "" : problem;
    }

    public int step() {
        return meta.step();
    }

    public String promptId() {
        return meta.promptId();
    }

    public String source() {
        return meta.source();
    }
}
