package org.rmel.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptHeaderTest {
    @TempDir
    Path run;

    @Test
    void showsAnLlmRunsRenderedPromptAndNothingElse() throws Exception {
        assertEquals(Optional.empty(), PromptHeader.of(run), "no run.json");
        Files.writeString(run.resolve("run.json"), "{\"model\": \"/m/qwen\", \"chat_template_source\": "
                + "\"/m/qwen/tokenizer_config.json (chat_template)\", \"prompt_example\": \"<|im_start|>user\\nQ<|im_end|>\\n\"}");
        String h = PromptHeader.of(run).orElseThrow();
        assertTrue(h.startsWith("Prompt of the first problem as the model sees it (chat template: "
                + "/m/qwen/tokenizer_config.json (chat_template)):\n<|im_start|>user\nQ<|im_end|>\n"), h);
        Files.writeString(run.resolve("run.json"), "{\"model\": \"builtin:tiny\", \"prompt_example\": \"Q:1+1\"}");
        assertEquals(Optional.empty(), PromptHeader.of(run), "the built-in model's prompt is its own format");
        Files.writeString(run.resolve("run.json"), "{\"model\": \"/m\"}");
        assertEquals(Optional.empty(), PromptHeader.of(run), "older runs recorded no prompt");
    }
}
