package org.rmel.train;

import java.util.List;

/** Builds meta-experiences from (y+, y−) pairs at their bifurcation step. */
public interface ExperienceMaker {

    /**
     * One pair to learn from.
     *
     * @param problem the prompt's problem
     * @param positive y+'s text
     * @param negative y−'s text
     * @param bifurcationStep 0-based index of the step (line) holding the first differing token
     */
    record Pair(TaskProblem problem, String positive, String negative, int bifurcationStep) {}

    /** One meta-experience per pair, in order. */
    List<MetaExperienceText> make(List<Pair> pairs, long seed);
}
