package org.rmel.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Throughput of a randomly initialised model of a given shape: sampling with the KV cache and
 * with full recomputation, a training step (forward + backward + AdamW), and the achieved
 * FLOP/s against the device's measured large-matmul FLOP/s.
 */
public final class ModelBenchmark {

    /**
     * @param batch sequences per sampling call and per training step
     * @param promptTokens random prompt length
     * @param newTokens tokens sampled per sequence
     * @param recompute also time sampling without the cache (slow for big models)
     * @param matmulSize side of the square matrices for the peak FLOP/s measurement
     */
    public record Settings(int batch, int promptTokens, int newTokens, boolean recompute, int matmulSize) {}

    /**
     * Measured figures; rates are per second of wall time, except
     * {@code cachedTokensPerCpuSecond}: per second of the sampling thread's CPU time, which other
     * jobs on a shared machine do not change (with one PyTorch thread all the work runs there).
     */
    public record Result(String device, long parameters, int generatedTokens, double cachedTokensPerSecond,
            double cachedTokensPerCpuSecond, double recomputeTokensPerSecond, double trainTokensPerSecond,
            double trainFlopsPerSecond, double samplingFlopsPerSecond, double matmulFlopsPerSecond, int threads) {

        /** Cache speed-up over full recomputation; NaN when recomputation was not measured. */
        public double cacheSpeedup() {
            return cachedTokensPerSecond / recomputeTokensPerSecond;
        }
    }

    /** The shape of Qwen2.5-0.5B (vocabulary 151,936, 24 layers, hidden 896, 14 heads, 2 kv heads). */
    public static Qwen2Config qwen25HalfBillionShape(int layers) {
        return new Qwen2Config(151936, 896, 4864, layers, 14, 2, 64, 1e-6, 1000000.0, true, Set.of(151643), 151643,
                32768);
    }

    private ModelBenchmark() {}

    /** A freshly initialised model of the given shape. */
    public static Result run(Qwen2Config config, Settings s, DeviceChoice device) {
        Device d = device.resolve();
        try (Qwen2Model model = Qwen2Model.random(config, 1, d)) {
            return measure(model, s, d);
        }
    }

    /** The model of a Hugging Face folder (or checkpoint), as the trainer loads it. */
    public static Result runFolder(Path folder, Settings s, DeviceChoice device) {
        Device d = device.resolve();
        try (DjlPolicy loaded = ModelFolder.load(folder, d)) {
            return measure(loaded.model(), s, d);
        }
    }

    private static Result measure(Qwen2Model model, Settings s, Device d) {
        Qwen2Config config = model.config;
        // no stop tokens, so every row samples the full length; not closed here (the caller owns the model)
        Tokenizer ids = new IdOnlyTokenizer("benchmark", config.vocabSize(), 0, -1);
        DjlPolicy policy = new DjlPolicy(model, ids, Set.of(), null, null);
        Random rnd = new Random(7);
        List<int[]> prompts = new ArrayList<>();
        for (int b = 0; b < s.batch(); b++) {
            int[] p = new int[s.promptTokens()];
            for (int i = 0; i < p.length; i++) {
                p[i] = 1 + rnd.nextInt(config.vocabSize() - 1);
            }
            prompts.add(p);
        }
        SamplingParams params = new SamplingParams(1.0, 1.0, false, s.newTokens(), Set.of(), 3);
        // warm up at full batch size: first calls pay for compilation and allocator growth
        policy.sample(prompts, params.withMaxNewTokens(Math.min(8, s.newTokens())));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<Sample> cached = policy.sample(prompts, params);
        double cachedSeconds = (System.nanoTime() - t0) / 1e9;
        double cachedCpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        int generated = cached.stream().mapToInt(x -> x.tokenIds().length).sum();
        double recomputeRate = Double.NaN;
        if (s.recompute()) {
            t0 = System.nanoTime();
            List<Sample> full = policy.sample(prompts, params, true);
            double fullSeconds = (System.nanoTime() - t0) / 1e9;
            recomputeRate = full.stream().mapToInt(x -> x.tokenIds().length).sum() / fullSeconds;
        }
        List<NllSample> train = new ArrayList<>();
        for (int b = 0; b < s.batch(); b++) {
            train.add(new NllSample(prompts.get(b), cached.get(b).tokenIds()));
        }
        TrainStepParams tp = TrainStepParams.defaults().withLearningRate(1e-5);
        policy.supervisedStep(train, tp);
        t0 = System.nanoTime();
        policy.supervisedStep(train, tp);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long trainTokens = 0;
        for (NllSample n : train) {
            trainTokens += n.contextIds().length + n.targetIds().length;
        }
        int seqLen = s.promptTokens() + s.newTokens();
        // forward FLOPs per token: 2 per matmul weight, plus QK^T and AV over the context;
        // training is three forwards' worth (forward, and backward for inputs and weights)
        double trainFlops = 3 * trainTokens * forwardFlopsPerToken(config, seqLen / 2.0);
        double samplingFlops = generated * forwardFlopsPerToken(config, s.promptTokens() + s.newTokens() / 2.0);
        return new Result(d.toString(), config.parameterCount(), generated, generated / cachedSeconds,
                generated / cachedCpuSeconds, recomputeRate, trainTokens / trainSeconds, trainFlops / trainSeconds,
                samplingFlops / cachedSeconds, matmulFlops(d, s.matmulSize()), JniUtils.getNumThreads());
    }

    /** Multiply-adds of one token's forward pass at the given mean context length, times two. */
    static double forwardFlopsPerToken(Qwen2Config c, double context) {
        double h = c.hiddenSize();
        double q = (double) c.numHeads() * c.headDim();
        double kv = (double) c.numKvHeads() * c.headDim();
        double perLayer = h * q + 2 * h * kv + q * h + 3 * h * c.intermediateSize() + 2 * context * q;
        return 2 * (c.numLayers() * perLayer + h * c.vocabSize());
    }

    /** Best FLOP/s of a few n×n float32 matrix products on the device. */
    static double matmulFlops(Device d, int n) {
        JniUtils.setGradMode(false);
        try (NDManager m = NDManager.newBaseManager(d)) {
            NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n));
            a.matMul(b).sum().getFloat();
            double best = 0;
            for (int r = 0; r < 3; r++) {
                int reps = 3;
                long t0 = System.nanoTime();
                NDArray acc = null;
                for (int i = 0; i < reps; i++) {
                    NDArray c = a.matMul(b);
                    acc = acc == null ? c : acc.add(c);
                }
                acc.sum().getFloat();
                double seconds = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, reps * 2.0 * n * n * n / seconds);
            }
            return best;
        }
    }
}
