package org.rmel.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Throughput of a randomly initialised model of a given shape (or of a model folder): sampling with
 * the KV cache and with full recomputation at one or more batch sizes, a training step (forward +
 * backward + AdamW), and the achieved FLOP/s against the device's measured large-matmul FLOP/s, in
 * fp32 or bf16.
 */
public final class ModelBenchmark {

    /**
     * @param batches sampling batch sizes, each measured on the same model
     * @param promptTokens random prompt length
     * @param newTokens tokens sampled per sequence
     * @param recompute also time sampling without the cache (slow for big models)
     * @param matmulSize side of the square matrices for the peak FLOP/s measurement
     * @param trainBatch sequences per training step
     * @param trainTokens tokens per training sequence
     * @param precision number format ({@code auto}: bf16 on a GPU, fp32 on the CPU)
     */
    public record Settings(List<Integer> batches, int promptTokens, int newTokens, boolean recompute, int matmulSize,
            int trainBatch, int trainTokens, Precision precision) {
        public Settings {
            batches = List.copyOf(batches);
        }

        /** One sampling batch; training on the sampled sequences ({@code batch} of prompt + new tokens). */
        public Settings(int batch, int promptTokens, int newTokens, boolean recompute, int matmulSize) {
            this(List.of(batch), promptTokens, newTokens, recompute, matmulSize, batch, promptTokens + newTokens,
                    Precision.AUTO);
        }
    }

    /**
     * Sampling at one batch size; rates per second of wall time, except
     * {@code cachedTokensPerCpuSecond}: per second of the sampling thread's CPU time, which other
     * jobs on a shared machine do not change (with one PyTorch thread all the work runs there).
     */
    public record Sampling(int batch, int generatedTokens, double cachedTokensPerSecond, double cachedTokensPerCpuSecond,
            double recomputeTokensPerSecond, double flopsPerSecond) {
        /** Cache speed-up over full recomputation; NaN when recomputation was not measured. */
        public double cacheSpeedup() {
            return cachedTokensPerSecond / recomputeTokensPerSecond;
        }
    }

    /** Measured figures, and on a GPU the memory PyTorch held afterwards and the estimate for these sizes. */
    public record Result(String device, long parameters, List<Sampling> sampling, double trainTokensPerSecond,
            double trainFlopsPerSecond, double matmulFlopsPerSecond, int threads, Precision precision,
            long memoryUsedBytes, long memoryTotalBytes, MemoryEstimate estimate) {
        /** The first (or only) batch size's figures. */
        public Sampling first() {
            return sampling.get(0);
        }
    }

    /** The shape of Qwen2.5-0.5B (vocabulary 151,936, 24 layers, hidden 896, 14 heads, 2 kv heads). */
    public static Qwen2Config qwen25HalfBillionShape(int layers) {
        return Qwen2Shapes.withLayers(Qwen2Shapes.byName("qwen2.5-0.5b"), layers);
    }

    private ModelBenchmark() {}

    /** A freshly initialised model of the given shape. */
    public static Result run(Qwen2Config config, Settings s, DeviceChoice device) {
        Device d = device.resolve();
        Precision precision = s.precision().on(d.isGpu());
        try (Qwen2Model model = Qwen2Model.random(config, 1, d, precision)) {
            return measure(model, s, d);
        }
    }

    /** The model of a Hugging Face folder (or checkpoint), as the trainer loads it. */
    public static Result runFolder(Path folder, Settings s, DeviceChoice device) {
        Device d = device.resolve();
        try (DjlPolicy loaded = ModelFolder.load(folder, d, s.precision().on(d.isGpu()))) {
            return measure(loaded.model(), s, d);
        }
    }

    private static Result measure(Qwen2Model model, Settings s, Device d) {
        Qwen2Config config = model.config;
        // no stop tokens, so every row samples the full length; not closed here (the caller owns the model)
        Tokenizer ids = new IdOnlyTokenizer("benchmark", config.vocabSize(), 0, -1);
        DjlPolicy policy = new DjlPolicy(model, ids, Set.of(), null, null);
        int largest = s.batches().stream().mapToInt(Integer::intValue).max().orElse(1);
        policy.setSamplingMicroBatchSize(largest);
        Random rnd = new Random(7);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Sampling> sampling = new ArrayList<>();
        List<int[]> firstPrompts = null;
        List<Sample> firstSamples = null;
        for (int batch : s.batches()) {
            List<int[]> prompts = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                prompts.add(randomIds(rnd, s.promptTokens(), config.vocabSize()));
            }
            SamplingParams params = new SamplingParams(1.0, 1.0, false, s.newTokens(), Set.of(), 3);
            // warm up at full batch size: first calls pay for compilation and allocator growth
            policy.sample(prompts, params.withMaxNewTokens(Math.min(8, s.newTokens())));
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
            double samplingFlops = generated * forwardFlopsPerToken(config, s.promptTokens() + s.newTokens() / 2.0);
            sampling.add(new Sampling(batch, generated, generated / cachedSeconds, generated / cachedCpuSeconds,
                    recomputeRate, samplingFlops / cachedSeconds));
            if (firstPrompts == null) {
                firstPrompts = prompts;
                firstSamples = cached;
            }
        }
        List<NllSample> train = new ArrayList<>();
        if (s.trainBatch() == s.batches().get(0) && s.trainTokens() == s.promptTokens() + s.newTokens()) {
            // the sampled sequences themselves
            for (int b = 0; b < s.trainBatch(); b++) {
                train.add(new NllSample(firstPrompts.get(b), firstSamples.get(b).tokenIds()));
            }
        } else {
            for (int b = 0; b < s.trainBatch(); b++) {
                int[] seq = randomIds(rnd, s.trainTokens(), config.vocabSize());
                train.add(new NllSample(new int[] {seq[0]}, Arrays.copyOfRange(seq, 1, seq.length)));
            }
        }
        // the whole batch in one forward/backward pass, as a plain training step does
        TrainStepParams tp = TrainStepParams.defaults().withLearningRate(1e-5).withMicroBatchSize(train.size());
        policy.supervisedStep(train, tp);
        long t0 = System.nanoTime();
        policy.supervisedStep(train, tp);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long trainTokens = 0;
        for (NllSample n : train) {
            trainTokens += n.contextIds().length + n.targetIds().length;
        }
        long[] memory = GpuMemory.of(d);
        MemoryEstimate estimate = MemoryEstimate.of(config, model.precision, new MemoryEstimate.Workload(
                largest, s.promptTokens(), s.newTokens(), s.trainBatch(), s.trainTokens(), false));
        // forward FLOPs per token: 2 per matmul weight, plus QK^T and AV over the context;
        // training is three forwards' worth (forward, and backward for inputs and weights)
        double trainFlops = 3 * trainTokens * forwardFlopsPerToken(config, s.trainTokens() / 2.0);
        return new Result(d.toString(), config.parameterCount(), sampling, trainTokens / trainSeconds,
                trainFlops / trainSeconds, matmulFlops(d, s.matmulSize(), model.precision == Precision.BF16 ? model : null),
                JniUtils.getNumThreads(), model.precision, memory[0], memory[1], estimate);
    }

    private static int[] randomIds(Random rnd, int n, int vocab) {
        int[] p = new int[n];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 + rnd.nextInt(vocab - 1);
        }
        return p;
    }

    /** Multiply-adds of one token's forward pass at the given mean context length, times two. */
    static double forwardFlopsPerToken(Qwen2Config c, double context) {
        double h = c.hiddenSize();
        double q = (double) c.numHeads() * c.headDim();
        double kv = (double) c.numKvHeads() * c.headDim();
        double perLayer = h * q + 2 * h * kv + q * h + 3 * h * c.intermediateSize() + 2 * context * q;
        return 2 * (c.numLayers() * perLayer + h * c.vocabSize());
    }

    /** Best FLOP/s of a few n×n matrix products on the device: float32, or bfloat16 through {@code bf16}'s casts. */
    static double matmulFlops(Device d, int n, Qwen2Model bf16) {
        JniUtils.setGradMode(false);
        try (NDManager m = NDManager.newBaseManager(d)) {
            NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n));
            if (bf16 != null) {
                a = bf16.toComputeType(a);
                b = bf16.toComputeType(b);
            }
            a.matMul(b).sum().toType(DataType.FLOAT32, false).getFloat();
            double best = 0;
            for (int r = 0; r < 3; r++) {
                int reps = 3;
                long t0 = System.nanoTime();
                NDArray acc = null;
                for (int i = 0; i < reps; i++) {
                    NDArray c = a.matMul(b);
                    acc = acc == null ? c : acc.add(c);
                }
                acc.sum().toType(DataType.FLOAT32, false).getFloat();
                double seconds = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, reps * 2.0 * n * n * n / seconds);
            }
            return best;
        }
    }
}
