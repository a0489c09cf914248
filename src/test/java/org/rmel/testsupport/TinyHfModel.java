package org.rmel.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Hugging Face model folder made from the shared fixtures: the random Qwen2 model
 * {@code qwen2-tiny-untied} (config, weights, generation_config) with the byte-level BPE
 * tokenizer {@code tokenizer-bpe384} (special tokens {@code <pad>} 0, {@code <s>} 1,
 * {@code </s>} 2).
 */
public final class TinyHfModel {
    private TinyHfModel() {}

    /** Fills {@code dir} (created if needed) and returns it. */
    public static Path create(Path dir) throws IOException {
        Path fixtures = SharedData.sharedDir().resolve("fixtures");
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "model.safetensors", "generation_config.json")) {
            Files.copy(fixtures.resolve("qwen2-tiny-untied").resolve(f), dir.resolve(f));
        }
        Files.copy(fixtures.resolve("tokenizer-bpe384/tokenizer.json"), dir.resolve("tokenizer.json"));
        return dir;
    }
}
