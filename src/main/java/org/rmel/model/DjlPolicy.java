package org.rmel.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@link Policy} on a DJL {@link Qwen2Model}. */
final class DjlPolicy implements Policy {

    /** Sampling batches larger than this are split, to bound cache memory. */
    private static final int MAX_SAMPLING_BATCH = 256;

    private final Qwen2Model model;
    private final Tokenizer tokenizer;
    private final AdamW optimizer;
    private final Sampler sampler;

    DjlPolicy(Qwen2Model model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.optimizer = new AdamW(model.parameters(), model.manager());
        Set<Integer> stops = new HashSet<>(model.config.eosTokenIds());
        stops.add(tokenizer.eosId());
        this.sampler = new Sampler(model, tokenizer.padId(), stops);
    }

    Qwen2Model model() {
        return model;
    }

    AdamW optimizer() {
        return optimizer;
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public List<Sample> sample(List<int[]> prompts, SamplingParams params) {
        return sample(prompts, params, false);
    }

    /** With {@code recompute}, runs without the KV cache (the benchmark's baseline). */
    List<Sample> sample(List<int[]> prompts, SamplingParams params, boolean recompute) {
        List<Sample> out = new ArrayList<>(prompts.size());
        for (int start = 0; start < prompts.size(); start += MAX_SAMPLING_BATCH) {
            List<int[]> chunk = prompts.subList(start, Math.min(prompts.size(), start + MAX_SAMPLING_BATCH));
            for (int[] p : chunk) {
                checkIds(p);
            }
            Sampler.Result r = sampler.generate(chunk, params.withSeed(params.seed() + start), recompute);
            for (int i = 0; i < chunk.size(); i++) {
                int[] ids = r.tokensOf(i);
                float[] lp = r.logprobsOf(i);
                double sum = 0;
                for (float f : lp) {
                    sum += f;
                }
                out.add(new Sample(ids, tokenizer.decode(ids), lp, sum, r.stopped()[i]));
            }
        }
        return out;
    }

    private void checkIds(int[] ids) {
        for (int id : ids) {
            if (id < 0 || id >= model.config.vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                        + model.config.vocabSize() + ")");
            }
        }
    }

    @Override
    public List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions) {
        if (prompts.size() != completions.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + completions.size() + " completions");
        }
        JniUtils.setGradMode(false);
        List<float[]> out = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            checkIds(prompts.get(i));
            checkIds(completions.get(i));
            lengths.add(prompts.get(i).length + completions.get(i).length);
        }
        for (int[] c : SequenceBatch.chunks(lengths, TrainStepParams.defaults().microBatchTokens())) {
            SequenceBatch batch = new SequenceBatch(prompts.subList(c[0], c[1]), completions.subList(c[0], c[1]),
                    tokenizer.padId());
            try (NDManager m = model.manager().newSubManager()) {
                float[] all = batch.nextTokenLogprobs(m, model).toFloatArray();
                int w = batch.width();
                for (int r = 0; r < batch.rows(); r++) {
                    int first = batch.firstTargetColumn(r);
                    float[] row = new float[batch.targets.get(r).length];
                    System.arraycopy(all, r * w + first, row, 0, row.length);
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Override
    public TrainStepResult trainStep(List<PolicyGradientSample> pg, List<NllSample> nll, TrainStepParams params) {
        if (pg.isEmpty() && nll.isEmpty()) {
            throw new IllegalArgumentException("a training step needs at least one sample");
        }
        List<int[]> contexts = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        int pgTokens = 0;
        int nllTokens = 0;
        for (PolicyGradientSample s : pg) {
            checkIds(s.promptIds());
            checkIds(s.completionIds());
            contexts.add(s.promptIds());
            targets.add(s.completionIds());
            pgTokens += s.completionIds().length;
        }
        for (NllSample s : nll) {
            checkIds(s.contextIds());
            checkIds(s.targetIds());
            contexts.add(s.contextIds());
            targets.add(s.targetIds());
            nllTokens += s.targetIds().length;
        }
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            lengths.add(contexts.get(i).length + targets.get(i).length);
        }
        // token means over the whole step, so chunking for memory does not change the loss
        float pgScale = pgTokens == 0 ? 0f : 1f / pgTokens;
        float nllScale = nllTokens == 0 ? 0f : (float) (params.nllWeight() / nllTokens);
        double pgLoss = 0;
        double nllSum = 0;
        double clipped = 0;
        int firstNll = pg.size();
        try {
            for (int[] c : SequenceBatch.chunks(lengths, params.microBatchTokens())) {
                SequenceBatch batch = new SequenceBatch(contexts.subList(c[0], c[1]), targets.subList(c[0], c[1]),
                        tokenizer.padId());
                int offset = c[0];
                float[] pgWeight = batch.perTarget((r, k) -> offset + r < firstNll ? pgScale : 0f);
                float[] pgMask = batch.perTarget((r, k) -> offset + r < firstNll ? 1f : 0f);
                float[] adv = batch.perTarget((r, k) -> offset + r < firstNll ? (float) pg.get(offset + r).advantage() : 0f);
                float[] old = batch.perTarget((r, k) -> offset + r < firstNll ? pg.get(offset + r).oldLogprobs()[k] : 0f);
                float[] nllWeight = batch.perTarget((r, k) -> offset + r >= firstNll ? nllScale : 0f);
                float[] nllMask = batch.perTarget((r, k) -> offset + r >= firstNll ? 1f : 0f);
                Shape shape = new Shape(batch.rows(), batch.width());
                try (NDManager m = model.manager().newSubManager();
                        GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray logp = batch.nextTokenLogprobs(m, model);
                    NDArray mask = m.create(pgMask, shape);
                    NDArray ratio = logp.sub(m.create(old, shape)).mul(mask).exp();
                    NDArray a = m.create(adv, shape);
                    double eps = params.clipEpsilon();
                    NDArray surrogate = NDArrays.minimum(ratio.mul(a), ratio.clip(1 - eps, 1 + eps).mul(a));
                    NDArray pgPart = surrogate.neg().mul(m.create(pgWeight, shape)).sum();
                    NDArray nllPart = logp.neg().mul(m.create(nllWeight, shape)).sum();
                    gc.backward(pgPart.add(nllPart));
                    pgLoss += pgPart.getFloat();
                    nllSum += logp.neg().mul(m.create(nllMask, shape)).sum().getFloat();
                    clipped += ratio.sub(1f).abs().gt(eps).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .mul(mask).sum().getFloat();
                }
            }
            double norm = optimizer.gradNorm();
            if (!Double.isFinite(norm)) {
                optimizer.zeroGradients();
                throw new IllegalStateException("gradient norm is " + norm + "; step skipped");
            }
            optimizer.step(params, norm);
            double nllLoss = nllTokens == 0 ? 0 : nllSum / nllTokens;
            return new TrainStepResult(pgLoss + params.nllWeight() * nllLoss, pgLoss, nllLoss, norm, pgTokens,
                    nllTokens, pgTokens == 0 ? 0 : clipped / pgTokens);
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public void save(Path dir) {
        ModelFolder.save(dir, this);
    }

    @Override
    public long optimizerSteps() {
        return optimizer.steps();
    }

    @Override
    public DeviceInfo deviceInfo() {
        Device d = model.device();
        if (d.isGpu()) {
            MemoryUsage mu = CudaUtils.getGpuMemory(d);
            return new DeviceInfo(d.toString(), true, mu.getCommitted(), mu.getMax());
        }
        return new DeviceInfo(d.toString(), false, NativeMemory.residentBytes(), -1);
    }

    @Override
    public String describe() {
        Qwen2Config c = model.config;
        return String.format("Qwen2 %d layers, hidden %d, %d heads (%d kv), mlp %d, vocab %d, %s head, %,d parameters, %s",
                c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.intermediateSize(), c.vocabSize(),
                c.tieWordEmbeddings() ? "tied" : "separate", c.parameterCount(), model.device());
    }

    @Override
    public void close() {
        model.close();
        if (tokenizer instanceof AutoCloseable ac) {
            try {
                ac.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
