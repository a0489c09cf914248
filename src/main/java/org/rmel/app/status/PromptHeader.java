package org.rmel.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;

/**
 * The head of the log pane for a run of a real LLM: the first problem's prompt exactly as the
 * model saw it (run.json's {@code prompt_example}, chat template applied) and where the template
 * came from, so it stays in view however long trainer.log grows. Built-in-model runs and runs
 * written before the prompt was recorded have none.
 */
public final class PromptHeader {
    private PromptHeader() {}

    public static Optional<String> of(Path run) {
        JsonNode spec;
        try {
            spec = RunJson.MAPPER.readTree(Files.readString(run.resolve(RunFiles.SPEC)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (spec == null || !spec.path("prompt_example").isTextual() || spec.path("model").asText().startsWith("builtin:")) {
            return Optional.empty();
        }
        return Optional.of("Prompt of the first problem as the model sees it (chat template: "
                + spec.path("chat_template_source").asText("none") + "):\n" + spec.get("prompt_example").asText()
                + "\n────────\n\n");
    }
}
