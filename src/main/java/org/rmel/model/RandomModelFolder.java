package org.rmel.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a randomly initialised model folder in the Hugging Face layout ({@code config.json},
 * {@code model.safetensors}, a {@link SyntheticTokenizer} {@code tokenizer.json}) for a given
 * shape: the trainer, {@code generate} and the benchmarks run on it as on a downloaded checkpoint,
 * which makes throughput and memory checks possible before downloading one. The ordinary tokens
 * are the ids below the end-of-sequence id, which comes next, followed by Qwen's
 * {@code <|im_start|>} and {@code <|im_end|>}.
 */
public final class RandomModelFolder {
    /** Qwen2.5's special tokens, from id 151643 on. */
    static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    private RandomModelFolder() {
    }

    /**
     * Writes the folder; the config's end-of-sequence and padding ids become the first special
     * token, the ordinary tokens all ids below it.
     *
     * @return the config written (eos and pad set)
     */
    public static Qwen2Config write(Path dir, Qwen2Config shape, long seed) {
        int eos = shape.eosTokenIds().isEmpty() ? shape.vocabSize() - SPECIALS.size()
                : shape.eosTokenIds().iterator().next();
        if (eos < 256 || eos + SPECIALS.size() > shape.vocabSize()) {
            eos = shape.vocabSize() - SPECIALS.size();
        }
        Qwen2Config config = new Qwen2Config(shape.vocabSize(), shape.hiddenSize(), shape.intermediateSize(),
                shape.numLayers(), shape.numHeads(), shape.numKvHeads(), shape.headDim(), shape.rmsNormEps(),
                shape.ropeTheta(), shape.tieWordEmbeddings(), Set.of(eos), eos, shape.maxPositionEmbeddings());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ModelFolder.CONFIG), config.toJson());
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(dir + ": cannot write", e);
        }
        SyntheticTokenizer.write(dir.resolve(HfTokenizer.FILE_NAME), eos, SPECIALS);
        Map<String, SafeTensors.Tensor> tensors = Qwen2Model.randomTensors(config, seed);
        SafeTensors.write(dir.resolve(ModelFolder.WEIGHTS), tensors, Map.of("format", "pt"));
        return config;
    }
}
