package org.rmel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.model.DeviceChoice;
import org.rmel.model.MemoryEstimate;
import org.rmel.model.ModelBenchmark;
import org.rmel.model.Precision;
import org.rmel.model.Qwen2Config;
import org.rmel.model.Qwen2Shapes;
import org.rmel.train.BuiltinModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench model}: sampling tokens/s with the KV cache against full recomputation (at one or
 * more batch sizes), training tokens/s, and achieved FLOP/s against the device's large-matmul
 * FLOP/s, in fp32 or bf16.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Model throughput: KV-cache vs recomputation sampling, forward+backward, FLOP/s vs peak matmul.")
public final class BenchModelCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--shape", paramLabel = "tiny|qwen2.5-0.5b|qwen2.5-1.5b|qwen2.5-7b", defaultValue = "tiny",
            description = "Random model of the built-in shape or of a Qwen2.5 shape (default: ${DEFAULT-VALUE}).")
    private String shape;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Measure a Hugging Face model folder or checkpoint as the trainer loads it (the HF path) instead of a random --shape.")
    private Path modelFolder;

    @Option(names = "--layers", paramLabel = "N", description = "Override the number of layers (to fit a slow machine).")
    private Integer layers;

    @Option(names = "--batch", paramLabel = "N[,N...]", defaultValue = "64", split = ",",
            description = "Sequences per sampling call; several sizes are measured on one model (default: ${DEFAULT-VALUE}).")
    private List<Integer> batches;

    @Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "32", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    private int promptTokens;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "128", description = "Tokens sampled per sequence (default: ${DEFAULT-VALUE}).")
    private int newTokens;

    @Option(names = "--train-batch", paramLabel = "N",
            description = "Sequences per training step (default: the first sampling batch, trained on what it sampled).")
    private Integer trainBatch;

    @Option(names = "--train-tokens", paramLabel = "N",
            description = "Tokens per training sequence (default: prompt + new tokens).")
    private Integer trainTokens;

    @Option(names = "--precision", paramLabel = "auto|fp32|bf16", defaultValue = "auto",
            description = "Number format (default: ${DEFAULT-VALUE}: bf16 on a GPU, fp32 on the CPU).")
    private String precision;

    @Option(names = "--no-recompute", description = "Skip the slow sampling without the KV cache.")
    private boolean noRecompute;

    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "2048",
            description = "Side of the square matrices for the peak FLOP/s (default: ${DEFAULT-VALUE}).")
    private int matmulSize;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to run (default: ${DEFAULT-VALUE}: the GPU when PyTorch can use one).")
    private String device;

    @Override
    public Integer call() {
        int batch = batches.get(0);
        int tb = trainBatch == null ? batch : trainBatch;
        int tt = trainTokens == null ? promptTokens + newTokens : trainTokens;
        if (batches.stream().anyMatch(b -> b < 1) || promptTokens < 1 || newTokens < 1 || matmulSize < 1 || tb < 1
                || tt < 2 || (layers != null && layers < 1)) {
            throw new BadInputException("--batch, --prompt-tokens, --new-tokens, --train-batch, --matmul-size and --layers "
                    + "must be positive, --train-tokens at least 2");
        }
        engine.apply();
        ModelBenchmark.Settings settings = new ModelBenchmark.Settings(batches, promptTokens, newTokens, !noRecompute,
                matmulSize, tb, tt, Precision.parse(precision, "--precision"));
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
            Qwen2Config config = shape.equals("tiny") ? BuiltinModel.config() : Qwen2Shapes.byName(shape);
            if (config == null) {
                throw new BadInputException("--shape: '" + shape + "' is not one of tiny, "
                        + String.join(", ", Qwen2Shapes.names()));
            }
            if (layers != null) {
                config = Qwen2Shapes.withLayers(config, layers);
            }
            config.checkFits("the " + shape + " shape", promptTokens, newTokens,
                    "--prompt-tokens " + promptTokens + " + --new-tokens " + newTokens);
            r = ModelBenchmark.run(config, settings, where);
            model = String.format(Locale.ROOT, "%s shape, %d layers, hidden %d, vocab %d", shape, config.numLayers(),
                    config.hiddenSize(), config.vocabSize());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "model: %s, %,d parameters, on %s, %s (%d PyTorch threads)%n", model, r.parameters(),
                r.device(), r.precision().label(), r.threads());
        for (ModelBenchmark.Sampling sm : r.sampling()) {
            out.printf(Locale.ROOT, "sampling batch %d, prompt %d, %d new tokens: KV cache %,.0f tokens/s", sm.batch(),
                    promptTokens, newTokens, sm.cachedTokensPerSecond());
            if (noRecompute) {
                out.println();
            } else {
                out.printf(Locale.ROOT, "; full recomputation %,.0f tokens/s; cache speed-up %.1fx%n",
                        sm.recomputeTokensPerSecond(), sm.cacheSpeedup());
            }
        }
        out.printf(Locale.ROOT, "sampling thread's CPU time: %,.0f tokens per CPU-second (other jobs on the machine do"
                + " not change this figure when PyTorch runs one thread)%n", r.first().cachedTokensPerCpuSecond());
        out.printf(Locale.ROOT, "training step (forward + backward + AdamW), %d sequences of %d tokens: %,.0f tokens/s%n",
                tb, tt, r.trainTokensPerSecond());
        out.printf(Locale.ROOT, "peak matmul (%dx%d %s): %.2f GFLOP/s%n", matmulSize, matmulSize,
                r.precision() == Precision.BF16 ? "bfloat16" : "float32", r.matmulFlopsPerSecond() / 1e9);
        out.printf(Locale.ROOT, "achieved: training %.2f GFLOP/s (%.1f%% of peak matmul)", r.trainFlopsPerSecond() / 1e9,
                100 * r.trainFlopsPerSecond() / r.matmulFlopsPerSecond());
        for (ModelBenchmark.Sampling sm : r.sampling()) {
            out.printf(Locale.ROOT, ", sampling %s%.2f GFLOP/s (%.1f%%)", r.sampling().size() > 1 ? "at batch " + sm.batch()
                    + " " : "", sm.flopsPerSecond() / 1e9, 100 * sm.flopsPerSecond() / r.matmulFlopsPerSecond());
        }
        out.println();
        if (r.memoryTotalBytes() > 0) {
            out.printf(Locale.ROOT, "GPU memory held after the runs (PyTorch keeps what it reserved, about the peak): %s of %s; "
                    + "%s%n", MemoryEstimate.gib(r.memoryUsedBytes()), MemoryEstimate.gib(r.memoryTotalBytes()),
                    r.estimate().describe());
        }
        out.println("machine: " + MachineInfo.describe());
        out.flush();
        return 0;
    }
}
