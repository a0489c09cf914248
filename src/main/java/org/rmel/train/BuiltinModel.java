package org.rmel.train;

import org.rmel.model.CharTokenizer;
import org.rmel.model.DeviceChoice;
import org.rmel.model.Precision;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.model.Qwen2Config;
import org.rmel.tasks.arith.ArithFormat;

/**
 * The embedded default model ({@code model = builtin:tiny}): a small Qwen2-architecture decoder
 * over the arithmetic suite's own 26-character alphabet. Sized for two CPU cores: sampling
 * 8 rollouts for 16 prompts and one update take a few seconds, so a whole default run fits in
 * minutes. The shape is part of the warm start's cache key.
 */
public final class BuiltinModel {
    static final int HIDDEN = 64;
    static final int LAYERS = 2;
    static final int MLP = 192;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;

    private BuiltinModel() {
    }

    public static CharTokenizer tokenizer() {
        return new CharTokenizer(ArithFormat.ALPHABET);
    }

    /** The built-in model's shape over {@link #tokenizer()} (also what {@code bench model --shape tiny} measures). */
    public static Qwen2Config config() {
        CharTokenizer tok = tokenizer();
        return Qwen2Config.of(tok.vocabSize(), HIDDEN, MLP, LAYERS, HEADS, KV_HEADS, true, tok.eosId(), tok.padId());
    }

    /** A freshly initialised built-in model. */
    public static Policy create(long seed, DeviceChoice device) {
        return Policies.random(config(), tokenizer(), seed, device);
    }

    /** As {@link #create(long, DeviceChoice)} computing in {@code precision}. */
    public static Policy create(long seed, DeviceChoice device, Precision precision) {
        return Policies.random(config(), tokenizer(), seed, device, precision);
    }

    /** The shape, for the warm-start cache key. */
    static String shape() {
        return "qwen2-char h" + HIDDEN + " l" + LAYERS + " mlp" + MLP + " heads" + HEADS + "/" + KV_HEADS;
    }
}
