package org.rmel.train;

import org.rmel.tasks.arith.ArithFormat;

/** The built-in suite's prompts: an empty hint slot for rollouts, the heuristic in it for replay. */
public final class ArithPromptFormat implements PromptFormat {
    @Override
    public String prompt(TaskProblem problem) {
        return ArithFormat.prompt(problem.question(), "");
    }

    @Override
    public String replayPrompt(TaskProblem problem, MetaExperienceText experience) {
        return ArithFormat.prompt(problem.question(), experience.heuristic());
    }
}
