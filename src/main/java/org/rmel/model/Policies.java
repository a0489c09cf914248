package org.rmel.model;

import ai.djl.Device;
import java.nio.file.Path;

/** Creates {@link Policy} instances: from a model folder or checkpoint, or a new built-in model. */
public final class Policies {

    private Policies() {}

    /**
     * Loads a Hugging Face style Qwen2 folder (or one of our checkpoints, with its optimizer
     * state). Problems with the folder raise {@link org.rmel.base.BadInputException} naming the
     * file and tensor.
     */
    public static Policy load(Path folder, DeviceChoice device) {
        return load(folder, device, Precision.AUTO);
    }

    /** As {@link #load(Path, DeviceChoice)} computing in {@code precision} ({@code auto}: bf16 on a GPU, fp32 on the CPU). */
    public static Policy load(Path folder, DeviceChoice device, Precision precision) {
        Device d = device.resolve();
        return ModelFolder.load(folder, d, precision.on(d.isGpu()));
    }

    /**
     * A small Qwen2 model with the printable-ASCII character tokenizer (tests), freshly
     * initialised from {@code seed}.
     */
    public static Policy builtin(long seed, DeviceChoice device) {
        CharTokenizer tok = CharTokenizer.printableAscii();
        return new DjlPolicy(Qwen2Model.random(builtinConfig(tok), seed, device.resolve()), tok);
    }

    /**
     * A small char-level shape over printable ASCII (the model package's tests use it). The
     * trainer's embedded default is {@code org.rmel.train.BuiltinModel}, over the task alphabet.
     */
    public static Qwen2Config builtinConfig(Tokenizer tok) {
        return Qwen2Config.of(tok.vocabSize(), 128, 384, 4, 4, 2, true, tok.eosId(), tok.padId());
    }

    /** A freshly initialised model of any Qwen2 shape with the given tokenizer (benchmarks, tests). */
    public static Policy random(Qwen2Config config, Tokenizer tokenizer, long seed, DeviceChoice device) {
        return random(config, tokenizer, seed, device, Precision.AUTO);
    }

    /** As {@link #random(Qwen2Config, Tokenizer, long, DeviceChoice)} computing in {@code precision}. */
    public static Policy random(Qwen2Config config, Tokenizer tokenizer, long seed, DeviceChoice device,
            Precision precision) {
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize()
                    + " tokens but the model only " + config.vocabSize());
        }
        Device d = device.resolve();
        return new DjlPolicy(Qwen2Model.random(config, seed, d, precision.on(d.isGpu())), tokenizer);
    }
}
