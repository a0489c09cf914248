package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rmel.cli.RmelCommand;
import org.rmel.run.RunJson;
import org.rmel.testsupport.SharedData;
import org.rmel.train.TrainSettings;

/**
 * A model folder whose config.json contradicts itself, the weights or the request is refused with
 * one {@code error:} line naming config.json and the key, exit 2 — in {@code generate},
 * {@code train --model} and {@code eval} — never an ArithmeticException or a silently wrong model.
 */
class ConfigConsistencyTest {
    private static final Path FIXTURE = SharedData.sharedDir().resolve("fixtures/qwen2-tiny-tied");
    private static final Path TOKENIZER = SharedData.sharedDir().resolve("fixtures/tokenizer-bpe384/tokenizer.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Outcome(int code, String err) {
        String lastLine() {
            List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, err.toString());
    }

    /** A copy of the tiny fixture (4 heads, 2 key/value heads, hidden 64, 2 layers) with config changes. */
    private Path model(String name, Map<String, Object> changes) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        for (String f : List.of("model.safetensors", "generation_config.json")) {
            Files.copy(FIXTURE.resolve(f), dir.resolve(f));
        }
        Files.copy(TOKENIZER, dir.resolve("tokenizer.json"));
        ObjectNode config = (ObjectNode) JSON.readTree(FIXTURE.resolve("config.json").toFile());
        changes.forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
        Files.writeString(dir.resolve("config.json"), config.toPrettyString());
        return dir;
    }

    static Stream<Arguments> brokenConfigs() {
        return Stream.of(
                Arguments.of(Map.of("num_attention_heads", 0), "key 'num_attention_heads' is 0; it must be at least 1"),
                Arguments.of(Map.of("num_key_value_heads", 0), "key 'num_key_value_heads' is 0; it must be at least 1"),
                Arguments.of(Map.of("hidden_size", 0), "key 'hidden_size' is 0; it must be at least 1"),
                Arguments.of(Map.of("num_attention_heads", 3),
                        "key 'hidden_size' (64) is not a multiple of 'num_attention_heads' (3) and no 'head_dim' is given"),
                Arguments.of(Map.of("num_key_value_heads", 3),
                        "key 'num_attention_heads' (4) is not a multiple of 'num_key_value_heads' (3)"),
                Arguments.of(Map.of("num_hidden_layers", 1), "key 'num_hidden_layers' is 1 but "),
                Arguments.of(Map.of("num_hidden_layers", 3), "key 'num_hidden_layers' is 3 but "),
                Arguments.of(Map.of("hidden_act", "gelu"), "key 'hidden_act' is \"gelu\"; only \"silu\""),
                Arguments.of(Map.of("use_sliding_window", true), "key 'use_sliding_window' is true"),
                Arguments.of(Map.of("rope_scaling", Map.of("rope_type", "yarn", "factor", 4)), "key 'rope_scaling'"),
                Arguments.of(Map.of("max_position_embeddings", 0), "key 'max_position_embeddings' is 0"),
                Arguments.of(Map.of("rms_norm_eps", -1), "key 'rms_norm_eps' is -1.0"));
    }

    @ParameterizedTest
    @MethodSource("brokenConfigs")
    void generateNamesConfigJsonAndTheKey(Map<String, Object> change, String expected) throws Exception {
        Path dir = model("m", change);
        Outcome o = run("generate", dir.toString(), "--prompt-ids", "5,6,7", "--max-new-tokens", "4", "--device", "cpu");
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().lines().filter(l -> l.startsWith("error:")).count(), o.err());
        assertTrue(o.lastLine().startsWith("error: " + dir.resolve("config.json") + ": "), o.err());
        assertTrue(o.lastLine().contains(expected), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void layersInTheWeightsAreCounted() throws Exception {
        Outcome o = run("generate", model("m", Map.of("num_hidden_layers", 1)).toString(), "--prompt-ids", "5");
        assertTrue(o.lastLine().endsWith("holds 2 layers (model.layers.0 to model.layers.1)"), o.err());
    }

    @Test
    void generateRefusesMoreTokensThanThePositionLimit() throws Exception {
        Path dir = model("m", Map.of("max_position_embeddings", 16));
        Outcome o = run("generate", dir.toString(), "--prompt-ids", "5,6,7,8", "--max-new-tokens", "13");
        assertEquals(2, o.code(), o.err());
        assertEquals("error: the prompt (4 tokens) + --max-new-tokens 13 = 17 tokens exceed key "
                + "'max_position_embeddings' (16) of " + dir.resolve("config.json"), o.lastLine());
        assertEquals(0, run("generate", dir.toString(), "--prompt-ids", "5,6,7,8", "--max-new-tokens", "12").code());
    }

    @Test
    void trainWithABrokenModelFolderLeavesNoRun() throws Exception {
        Path dir = model("m", Map.of("num_key_value_heads", 0));
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--preset", "smoke", "--condition", "mel", "--model", dir.toString(),
                "--set", "warm_start_steps=0", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.lastLine().contains(dir.resolve("config.json") + ": key 'num_key_value_heads' is 0"), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void trainRefusesPromptsThatDoNotFitThePositionLimit() throws Exception {
        Path dir = model("m", Map.of("max_position_embeddings", 40));
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--preset", "smoke", "--condition", "mel", "--model", dir.toString(),
                "--set", "warm_start_steps=0", "--set", "max_new_tokens=36", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.lastLine().startsWith("error: the longest prompt (problem '"), o.err());
        assertTrue(o.lastLine().endsWith("exceed key 'max_position_embeddings' (40) of " + dir.resolve("config.json")),
                o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void evalChecksTheCheckpointsPositionLimit() throws Exception {
        Path run = tmp.resolve("run");
        Path checkpoint = run.resolve("checkpoints/step-000001");
        Files.createDirectories(checkpoint.getParent());
        Files.move(model("m", Map.of("max_position_embeddings", 32)), checkpoint);
        Map<String, Object> spec = TrainSettings.preset("smoke").with("model", checkpoint.toString())
                .with("warm_start_steps", "0").asMap();
        Files.writeString(run.resolve("run.json"), RunJson.MAPPER.writeValueAsString(spec));
        Files.writeString(run.resolve("events.jsonl"), "");
        Outcome o = run("eval", "--run", run.toString(), "--checkpoint", "step-1", "--benchmark", "arith-3op-1d");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.lastLine().startsWith("error: max_new_tokens 96 + a prompt of 1 token = 97 tokens exceed key "
                + "'max_position_embeddings' (32)"), o.err());
    }
}
