package org.rmel.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shapes of released Qwen2.5 models (from their config.json), for benchmarks, memory estimates
 * and random stand-in models of the right size.
 */
public final class Qwen2Shapes {
    private static final Map<String, Qwen2Config> SHAPES = new LinkedHashMap<>();

    static {
        // vocabulary, hidden, MLP, layers, heads, kv heads, head dim, eps, rope theta, tied, eos, pad, positions
        SHAPES.put("qwen2.5-0.5b", new Qwen2Config(151936, 896, 4864, 24, 14, 2, 64, 1e-6, 1000000.0, true,
                Set.of(151643), 151643, 32768));
        SHAPES.put("qwen2.5-1.5b", new Qwen2Config(151936, 1536, 8960, 28, 12, 2, 128, 1e-6, 1000000.0, true,
                Set.of(151643), 151643, 32768));
        SHAPES.put("qwen2.5-7b", new Qwen2Config(152064, 3584, 18944, 28, 28, 4, 128, 1e-6, 1000000.0, false,
                Set.of(151643), 151643, 32768));
    }

    private Qwen2Shapes() {
    }

    public static List<String> names() {
        return List.copyOf(SHAPES.keySet());
    }

    /** The shape by name ({@link #names()}); null when unknown. */
    public static Qwen2Config byName(String name) {
        return SHAPES.get(name);
    }

    /** The shape with another number of layers (to fit a slow machine). */
    public static Qwen2Config withLayers(Qwen2Config c, int layers) {
        return new Qwen2Config(c.vocabSize(), c.hiddenSize(), c.intermediateSize(), layers, c.numHeads(), c.numKvHeads(),
                c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.tieWordEmbeddings(), c.eosTokenIds(), c.padTokenId(),
                c.maxPositionEmbeddings());
    }
}
