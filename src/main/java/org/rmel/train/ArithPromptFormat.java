package org.rmel.train;

import org.rmel.tasks.arith.ArithFormat;

/**
 * The built-in suite's prompts: an empty hint slot for rollouts, the heuristic in it for replay,
 * and for a primed revision the prefix's last complete line. In this task language every line is
 * the expression still to evaluate, so the last complete line of the prefix holds all the
 * progress the prefix made; the warm start taught the model to copy a hinted line when it gets
 * there, and to write its own lines otherwise, so it may keep that line or depart from it. A
 * prefix without a complete line primes nothing (the hint slot stays empty: a fresh rollout).
 */
public final class ArithPromptFormat implements PromptFormat {
    @Override
    public String prompt(TaskProblem problem) {
        return ArithFormat.prompt(problem.question(), "");
    }

    @Override
    public String primedPrompt(TaskProblem problem, String prefix) {
        int end = prefix.lastIndexOf(ArithFormat.STEP_DELIMITER);
        if (end < 0) {
            return prompt(problem);
        }
        int start = prefix.lastIndexOf(ArithFormat.STEP_DELIMITER, end - 1) + 1;
        return ArithFormat.prompt(problem.question(), prefix.substring(start, end));
    }

    @Override
    public String replayPrompt(TaskProblem problem, MetaExperienceText experience) {
        return ArithFormat.prompt(problem.question(), experience.heuristic());
    }
}
