package org.rmel.train;

/**
 * Prompts for a real LLM from the run's {@code prompt_template} and {@code replay_template}, put
 * through the model's chat template when the run uses one ({@link ChatWrap}).
 */
public final class TemplatePromptFormat implements PromptFormat {
    private final String promptTemplate;
    private final String replayTemplate;
    private final ChatWrap chat;

    public TemplatePromptFormat(String promptTemplate, String replayTemplate) {
        this(promptTemplate, replayTemplate, ChatWrap.none());
    }

    public TemplatePromptFormat(String promptTemplate, String replayTemplate, ChatWrap chat) {
        this.promptTemplate = promptTemplate;
        this.replayTemplate = replayTemplate;
        this.chat = chat;
    }

    @Override
    public String prompt(TaskProblem problem) {
        return chat.user(promptTemplate.replace("{problem}", problem.question()));
    }

    @Override
    public String replayPrompt(TaskProblem problem, MetaExperienceText experience) {
        String lesson = experience.critique().isBlank() ? experience.heuristic()
                : experience.critique() + " " + experience.heuristic();
        return chat.user(replayTemplate.replace("{problem}", problem.question()).replace("{experience}", lesson));
    }
}
