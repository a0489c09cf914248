package org.rmel.train;

/**
 * How a problem becomes the text the policy sees: the rollout prompt, and the replay prompt that
 * carries a meta-experience (the built-in model's hint slot, or an LLM template).
 */
public interface PromptFormat {

    /** The prompt of rollouts, revisions, extra rollouts and evaluation. */
    String prompt(TaskProblem problem);

    /** The replay prompt of MEL's validation: the problem with the experience in it. */
    String replayPrompt(TaskProblem problem, MetaExperienceText experience);

    /**
     * The prompt of a primed revision ({@code revision_mode = primed}): the problem with the kept
     * prefix of the failed seed shown in context; the policy then writes a whole response.
     */
    String primedPrompt(TaskProblem problem, String prefix);
}
