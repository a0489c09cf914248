package org.rmel.train;

import java.util.List;
import org.rmel.chat.ChatMessage;
import org.rmel.chat.ChatTemplate;
import org.rmel.model.Policy;

/**
 * The {@code chat_template} setting applied: with {@code auto} and a model folder that has a
 * chat template, every LLM prompt (rollout, revision, extra rollout, replay, meta-experience,
 * evaluation) becomes one user turn of that template followed by the assistant's opening, as
 * {@code apply_chat_template(messages, add_generation_prompt=True)} makes it; otherwise the text
 * is used as it is.
 */
public final class ChatWrap {
    private final ChatTemplate template;

    private ChatWrap(ChatTemplate template) {
        this.template = template;
    }

    /** The run's choice for this policy. */
    public static ChatWrap of(TrainSettings settings, Policy policy) {
        return new ChatWrap(!settings.builtinModel() && "auto".equals(settings.string("chat_template"))
                ? policy.chatTemplate().orElse(null) : null);
    }

    /** Plain text prompts. */
    public static ChatWrap none() {
        return new ChatWrap(null);
    }

    /** {@code text} as the model sees it. */
    public String user(String text) {
        return template == null ? text : template.render(List.of(ChatMessage.user(text)), true);
    }

    /** Where the template came from, or "none". */
    public String source() {
        return template == null ? "none" : template.origin();
    }
}
