package org.rmel.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face chat template: the Jinja program in a model folder that turns a conversation into
 * the exact text the model was trained on. Found as {@code chat_template.jinja}, else the
 * {@code chat_template} key of {@code tokenizer_config.json} (a string, or a list of named
 * templates of which {@code default} is used). Rendered as {@code apply_chat_template} does —
 * {@code messages}, {@code add_generation_prompt} and the special tokens ({@code bos_token},
 * {@code eos_token}, ...) as variables, {@code tools} undefined — in a sandbox
 * ({@link JinjaSandbox}), because a downloaded model folder is untrusted input.
 */
public final class ChatTemplate {
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String JINJA_FILE = "chat_template.jinja";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "RMELPROBE7f3a";

    private final String template;
    private final String origin;
    private final Map<String, String> specialTokens;
    private final JinjaSandbox sandbox;

    private ChatTemplate(String template, String origin, Map<String, String> specialTokens, TemplateLimits limits) {
        this.template = template;
        this.origin = origin;
        this.specialTokens = Map.copyOf(specialTokens);
        this.sandbox = new JinjaSandbox(limits);
    }

    /**
     * A template from text.
     *
     * @param origin where it came from, named in every error message
     * @param specialTokens variables such as {@code bos_token} and {@code eos_token}
     */
    public static ChatTemplate of(String template, String origin, Map<String, String> specialTokens) {
        return of(template, origin, specialTokens, TemplateLimits.defaults());
    }

    public static ChatTemplate of(String template, String origin, Map<String, String> specialTokens,
            TemplateLimits limits) {
        return new ChatTemplate(template, origin, specialTokens, limits);
    }

    /**
     * The model folder's template, checked by rendering one user turn; empty when the folder has
     * none.
     *
     * @throws ChatTemplateException naming the file when it is unreadable or the template cannot
     *     be rendered
     */
    public static Optional<ChatTemplate> find(Path folder) {
        Path config = folder.resolve(TOKENIZER_CONFIG);
        Path jinja = folder.resolve(JINJA_FILE);
        JsonNode root = null;
        if (Files.isRegularFile(config)) {
            try {
                root = JSON.readTree(Files.readString(config));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ChatTemplateException(config + ": not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ChatTemplateException(config + ": cannot read: " + e.getMessage());
            }
            if (root == null || !root.isObject()) {
                throw new ChatTemplateException(config + ": expected a JSON object");
            }
        }
        Map<String, String> tokens = root == null ? Map.of() : specialTokens(root, config);
        String text;
        String origin;
        if (Files.isRegularFile(jinja)) {
            try {
                text = Files.readString(jinja);
            } catch (IOException e) {
                throw new ChatTemplateException(jinja + ": cannot read: " + e.getMessage());
            }
            origin = jinja.toString();
        } else if (root != null && root.hasNonNull("chat_template")) {
            text = templateText(root.get("chat_template"), config);
            origin = config + " (chat_template)";
        } else {
            return Optional.empty();
        }
        ChatTemplate t = new ChatTemplate(text, origin, tokens, TemplateLimits.defaults());
        t.render(List.of(ChatMessage.user(PROBE)), true);
        return Optional.of(t);
    }

    private static String templateText(JsonNode node, Path config) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> names = new ArrayList<>();
            for (JsonNode entry : node) {
                JsonNode name = entry.get("name");
                JsonNode body = entry.get("template");
                if (name == null || !name.isTextual() || body == null || !body.isTextual()) {
                    throw new ChatTemplateException(config + ": chat_template: each entry of the list needs a"
                            + " string 'name' and a string 'template'");
                }
                if (name.asText().equals("default")) {
                    return body.asText();
                }
                names.add(name.asText());
            }
            throw new ChatTemplateException(config + ": chat_template: no template named 'default' (found: "
                    + String.join(", ", names) + ")");
        }
        throw new ChatTemplateException(config + ": chat_template must be a string or a list of {name, template},"
                + " found " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }

    /** Top-level {@code *_token} entries: a string, or an added-token object with {@code content}. */
    private static Map<String, String> specialTokens(JsonNode root, Path config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().endsWith("_token")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.put(e.getKey(), v.asText());
            } else if (v.isObject() && v.path("content").isTextual()) {
                out.put(e.getKey(), v.get("content").asText());
            } else if (!v.isNull()) {
                throw new ChatTemplateException(config + ": " + e.getKey() + " must be a string or an object with"
                        + " a string 'content'");
            }
        }
        return out;
    }

    /**
     * The conversation as the model's text.
     *
     * @param addGenerationPrompt end with the opening of an assistant turn (what sampling continues)
     * @throws ChatTemplateException naming the template's file, line and construct
     */
    public synchronized String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        Map<String, Object> vars = new LinkedHashMap<>(specialTokens);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChatMessage m : messages) {
            list.add(m.asTemplateValue());
        }
        vars.put("messages", list);
        vars.put("add_generation_prompt", addGenerationPrompt);
        try {
            return sandbox.render(template, vars);
        } catch (JinjaSandbox.Failure f) {
            throw new ChatTemplateException(origin + ": chat template cannot be rendered"
                    + (f.line > 0 ? " (line " + f.line + ")" : "") + ": " + f.getMessage());
        }
    }

    /**
     * The text that closes an assistant turn (Qwen's {@code <|im_end|>}, Llama 3's
     * {@code <|eot_id|>}): what follows an assistant message's content up to the first
     * whitespace; empty when the template puts nothing there or cannot render such a turn.
     */
    public Optional<String> endOfTurn() {
        String text;
        try {
            text = render(List.of(ChatMessage.user("Hi"), ChatMessage.assistant(PROBE)), false);
        } catch (ChatTemplateException e) {
            return Optional.empty();
        }
        int at = text.lastIndexOf(PROBE);
        if (at < 0) {
            return Optional.empty();
        }
        String after = text.substring(at + PROBE.length());
        int end = 0;
        while (end < after.length() && !Character.isWhitespace(after.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(after.substring(0, end));
    }

    /** Where the template came from (file, and key when it is in tokenizer_config.json). */
    public String origin() {
        return origin;
    }

    /** The template's source text. */
    public String source() {
        return template;
    }

    /** The special-token variables the template sees. */
    public Map<String, String> specialTokens() {
        return specialTokens;
    }
}
