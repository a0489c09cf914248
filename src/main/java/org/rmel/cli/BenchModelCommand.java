package org.rmel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.model.DeviceChoice;
import org.rmel.model.ModelBenchmark;
import org.rmel.model.Qwen2Config;
import org.rmel.train.BuiltinModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench model}: sampling tokens/s with the KV cache against full recomputation, training
 * tokens/s, and achieved FLOP/s against the device's large-matmul FLOP/s.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Model throughput: KV-cache vs recomputation sampling, forward+backward, FLOP/s vs peak matmul.")
public final class BenchModelCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--shape", paramLabel = "tiny|qwen2.5-0.5b", defaultValue = "tiny",
            description = "Random model of the built-in shape or of Qwen2.5-0.5B's shape (default: ${DEFAULT-VALUE}).")
    private String shape;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Measure a Hugging Face model folder or checkpoint as the trainer loads it (the HF path) instead of a random --shape.")
    private Path modelFolder;

    @Option(names = "--layers", paramLabel = "N", description = "Override the number of layers (to fit a slow machine).")
    private Integer layers;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Sequences per call (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "32", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    private int promptTokens;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "128", description = "Tokens sampled per sequence (default: ${DEFAULT-VALUE}).")
    private int newTokens;

    @Option(names = "--no-recompute", description = "Skip the slow sampling without the KV cache.")
    private boolean noRecompute;

    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "2048",
            description = "Side of the square matrices for the peak FLOP/s (default: ${DEFAULT-VALUE}).")
    private int matmulSize;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to run (default: ${DEFAULT-VALUE}: the GPU when DJL finds one).")
    private String device;

    @Override
    public Integer call() {
        if (batch < 1 || promptTokens < 1 || newTokens < 1 || matmulSize < 1 || (layers != null && layers < 1)) {
            throw new BadInputException("--batch, --prompt-tokens, --new-tokens, --matmul-size and --layers must be positive");
        }
        ModelBenchmark.Settings settings = new ModelBenchmark.Settings(batch, promptTokens, newTokens, !noRecompute,
                matmulSize);
        DeviceChoice where = DeviceChoice.parse(device, "--device");
        ModelBenchmark.Result r;
        String model;
        if (modelFolder != null) {
            if (layers != null) {
                throw new BadInputException("--layers changes a random --shape; it does not apply to --model");
            }
            java.nio.file.Path config = modelFolder.resolve("config.json");
            if (java.nio.file.Files.isRegularFile(config)) {
                Qwen2Config.read(config).checkFits(config.toString(), promptTokens, newTokens,
                        "--prompt-tokens " + promptTokens + " + --new-tokens " + newTokens);
            }
            r = ModelBenchmark.runFolder(modelFolder, settings, where);
            model = "folder " + modelFolder;
        } else {
            Qwen2Config config = switch (shape) {
                case "tiny" -> BuiltinModel.config(); // the trainer's embedded default, as it trains
                case "qwen2.5-0.5b" -> ModelBenchmark.qwen25HalfBillionShape(24);
                default -> throw new BadInputException("--shape: '" + shape + "' is not one of tiny, qwen2.5-0.5b");
            };
            if (layers != null) {
                config = new Qwen2Config(config.vocabSize(), config.hiddenSize(), config.intermediateSize(), layers,
                        config.numHeads(), config.numKvHeads(), config.headDim(), config.rmsNormEps(), config.ropeTheta(),
                        config.tieWordEmbeddings(), config.eosTokenIds(), config.padTokenId(), config.maxPositionEmbeddings());
            }
            config.checkFits("the " + shape + " shape", promptTokens, newTokens,
                    "--prompt-tokens " + promptTokens + " + --new-tokens " + newTokens);
            r = ModelBenchmark.run(config, settings, where);
            model = String.format(Locale.ROOT, "%s shape, %d layers, hidden %d, vocab %d", shape, config.numLayers(),
                    config.hiddenSize(), config.vocabSize());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "model: %s, %,d parameters, on %s (%d PyTorch threads)%n", model, r.parameters(),
                r.device(), r.threads());
        out.printf(Locale.ROOT, "sampling batch %d, prompt %d, %d new tokens: KV cache %,.0f tokens/s", batch, promptTokens,
                newTokens, r.cachedTokensPerSecond());
        if (noRecompute) {
            out.println();
        } else {
            out.printf(Locale.ROOT, "; full recomputation %,.0f tokens/s; cache speed-up %.1fx%n",
                    r.recomputeTokensPerSecond(), r.cacheSpeedup());
        }
        out.printf(Locale.ROOT, "sampling thread's CPU time: %,.0f tokens per CPU-second (other jobs on the machine do"
                + " not change this figure when PyTorch runs one thread)%n", r.cachedTokensPerCpuSecond());
        out.printf(Locale.ROOT, "training step (forward + backward + AdamW), %d sequences of %d tokens: %,.0f tokens/s%n",
                batch, promptTokens + newTokens, r.trainTokensPerSecond());
        out.printf(Locale.ROOT, "peak matmul (%dx%d float32): %.2f GFLOP/s%n", matmulSize, matmulSize,
                r.matmulFlopsPerSecond() / 1e9);
        out.printf(Locale.ROOT, "achieved: training %.2f GFLOP/s (%.1f%% of peak matmul), sampling %.2f GFLOP/s (%.1f%%)%n",
                r.trainFlopsPerSecond() / 1e9, 100 * r.trainFlopsPerSecond() / r.matmulFlopsPerSecond(),
                r.samplingFlopsPerSecond() / 1e9, 100 * r.samplingFlopsPerSecond() / r.matmulFlopsPerSecond());
        out.println("machine: " + MachineInfo.describe());
        out.flush();
        return 0;
    }
}
