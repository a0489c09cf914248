package org.rmel.train;

/** Prompts for a real LLM from the run's {@code prompt_template} and {@code replay_template}. */
public final class TemplatePromptFormat implements PromptFormat {
    private final String promptTemplate;
    private final String replayTemplate;

    public TemplatePromptFormat(String promptTemplate, String replayTemplate) {
        this.promptTemplate = promptTemplate;
        this.replayTemplate = replayTemplate;
    }

    @Override
    public String prompt(TaskProblem problem) {
        return promptTemplate.replace("{problem}", problem.question());
    }

    @Override
    public String replayPrompt(TaskProblem problem, MetaExperienceText experience) {
        String lesson = experience.critique().isBlank() ? experience.heuristic()
                : experience.critique() + " " + experience.heuristic();
        return replayTemplate.replace("{problem}", problem.question()).replace("{experience}", lesson);
    }
}
