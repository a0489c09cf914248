package org.rmel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.model.Qwen2Config;
import org.rmel.model.Qwen2Shapes;
import org.rmel.model.RandomModelFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench random-model}: writes a randomly initialised model folder of a released shape, with
 * a byte-level tokenizer covering its vocabulary, for throughput and memory checks of the whole
 * trainer before a checkpoint is downloaded.
 */
@Command(name = "random-model", mixinStandardHelpOptions = true,
        description = {"Write a randomly initialised Qwen2.5-shaped model folder (config.json, model.safetensors, "
                + "a synthetic byte-level tokenizer.json) for throughput and memory checks.",
                "  bench random-model --shape qwen2.5-0.5b --out /tmp/qwen2.5-0.5b-random"})
public final class BenchRandomModelCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--shape", paramLabel = "NAME", defaultValue = "qwen2.5-0.5b",
            description = "A Qwen2.5 shape: qwen2.5-0.5b, qwen2.5-1.5b, qwen2.5-7b (default: ${DEFAULT-VALUE}).")
    private String shape;

    @Option(names = "--layers", paramLabel = "N", description = "Another number of layers.")
    private Integer layers;

    @Option(names = "--vocab", paramLabel = "N", description = "A smaller vocabulary (for quick checks).")
    private Integer vocab;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The new model folder.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Qwen2Config c = Qwen2Shapes.byName(shape);
        if (c == null) {
            throw new BadInputException("--shape: '" + shape + "' is not one of " + String.join(", ", Qwen2Shapes.names()));
        }
        if (layers != null) {
            if (layers < 1) {
                throw new BadInputException("--layers must be positive");
            }
            c = Qwen2Shapes.withLayers(c, layers);
        }
        if (vocab != null) {
            if (vocab < 259) {
                throw new BadInputException("--vocab must be at least 259 (256 bytes and three special tokens)");
            }
            c = new Qwen2Config(vocab, c.hiddenSize(), c.intermediateSize(), c.numLayers(), c.numHeads(), c.numKvHeads(),
                    c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.tieWordEmbeddings(), Set.of(), -1, c.maxPositionEmbeddings());
        }
        if (Files.exists(out.resolve("config.json"))) {
            throw new BadInputException("--out " + out + ": already holds a model; choose another folder");
        }
        long t0 = System.nanoTime();
        Qwen2Config written = RandomModelFolder.write(out, c, seed);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s shape, %d layers, vocabulary %d, %,d parameters, "
                        + "end-of-sequence id %d (%.1f s)%n", out, shape, written.numLayers(), written.vocabSize(),
                written.parameterCount(), written.eosTokenIds().iterator().next(), (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
