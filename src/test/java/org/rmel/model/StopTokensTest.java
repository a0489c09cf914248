package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;
import org.rmel.testsupport.TinyHfModel;

/**
 * Which tokens end a sample on the HF path: generation_config.json's {@code eos_token_id} (an id
 * or a list), config.json's, the tokenizer's, and the chat template's end-of-turn token; and that
 * a checkpoint keeps those files.
 */
class StopTokensTest {

    @TempDir
    Path tmp;

    /** The fixture's greedy continuation of this prompt is 307 x7, 356, ... (reference.json). */
    private static final int[] PROMPT = {87, 82, 154, 252, 238, 86, 42};

    @Test
    void generationConfigEosListAndChatTemplateEndOfTurnStopSampling() throws Exception {
        Path dir = TinyHfModel.create(tmp.resolve("m"));
        try (Policy plain = Policies.load(dir, DeviceChoice.CPU)) {
            assertEquals(Set.of(2), plain.stopTokenIds(), "config.json, generation_config.json and </s> all say 2");
            assertEquals(Optional.empty(), plain.chatTemplate());
            Sample free = plain.sample(List.of(PROMPT), SamplingParams.greedy(12)).get(0);
            assertEquals(12, free.tokenIds().length);
            assertFalse(free.stopped(), "cut by max_new_tokens");
            assertEquals(356, free.tokenIds()[7]);
        }
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [2, 356], \"pad_token_id\": 0}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\", \"chat_template\": "
                + "\"{% for m in messages %}{{ m.role }}: {{ m.content }}<s>\\n{% endfor %}"
                + "{% if add_generation_prompt %}assistant: {% endif %}\"}");
        try (Policy p = Policies.load(dir, DeviceChoice.CPU)) {
            assertEquals(Set.of(1, 2, 356), p.stopTokenIds(), "<s> ends a turn in this template");
            assertEquals("user: hi<s>\nassistant: ",
                    p.chatTemplate().orElseThrow().render(List.of(org.rmel.chat.ChatMessage.user("hi")), true));
            Sample cut = p.sample(List.of(PROMPT), SamplingParams.greedy(12)).get(0);
            assertEquals(8, cut.tokenIds().length, "stops at the first 356 and keeps it");
            assertEquals(356, cut.tokenIds()[7]);
            assertTrue(cut.stopped());
            Path ckpt = tmp.resolve("ckpt");
            p.save(ckpt);
            for (String f : List.of("generation_config.json", "tokenizer_config.json")) {
                assertEquals(Files.readString(dir.resolve(f)), Files.readString(ckpt.resolve(f)), f);
            }
            try (Policy again = Policies.load(ckpt, DeviceChoice.CPU)) {
                assertEquals(p.stopTokenIds(), again.stopTokenIds());
                assertTrue(again.chatTemplate().isPresent());
            }
        }
    }

    @Test
    void aBadEosEntryNamesTheFile() throws Exception {
        Path dir = TinyHfModel.create(tmp.resolve("m"));
        for (String bad : List.of("\"2\"", "[2, 9999]", "[2.5]", "-1")) {
            Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": " + bad + "}");
            BadInputException e = assertThrows(BadInputException.class, () -> Policies.load(dir, DeviceChoice.CPU));
            assertTrue(e.getMessage().startsWith(dir.resolve("generation_config.json") + ": eos_token_id must be"),
                    e.getMessage());
        }
    }
}
