package org.rmel.train;

/**
 * Prompts for a real LLM from the run's {@code prompt_template}, {@code replay_template} and
 * {@code primed_template}, put through the model's chat template when the run uses one
 * ({@link ChatWrap}).
 */
public final class TemplatePromptFormat implements PromptFormat {
    private final String promptTemplate;
    private final String replayTemplate;
    private final ChatWrap chat;
    private final String primedTemplate;

    public TemplatePromptFormat(String promptTemplate, String replayTemplate) {
        this(promptTemplate, replayTemplate, ChatWrap.none());
    }

    public TemplatePromptFormat(String promptTemplate, String replayTemplate, ChatWrap chat) {
        this(promptTemplate, replayTemplate, chat, "{problem}\n{prefix}");
    }

    public TemplatePromptFormat(String promptTemplate, String replayTemplate, String primedTemplate) {
        this(promptTemplate, replayTemplate, ChatWrap.none(), primedTemplate);
    }

    public TemplatePromptFormat(String promptTemplate, String replayTemplate, ChatWrap chat, String primedTemplate) {
        this.promptTemplate = promptTemplate;
        this.replayTemplate = replayTemplate;
        this.chat = chat;
        this.primedTemplate = primedTemplate;
    }

    @Override
    public String primedPrompt(TaskProblem problem, String prefix) {
        return chat.user(primedTemplate.replace("{problem}", problem.question()).replace("{prefix}", prefix));
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
