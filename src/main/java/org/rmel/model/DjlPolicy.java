package org.rmel.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rmel.chat.ChatTemplate;

/** The {@link Policy} on a DJL {@link Qwen2Model}. */
final class DjlPolicy implements Policy {

    /** Scoring without a micro-batch size runs chunks of about this many padded tokens. */
    private static final int SCORING_CHUNK_TOKENS = 16384;

    private final Qwen2Model model;
    private final Tokenizer tokenizer;
    private final AdamW optimizer;
    private final Sampler sampler;
    /** The frozen KL reference (a copy of the starting weights), or null. */
    private Qwen2Model reference;
    private final Set<Integer> stops;
    private final ChatTemplate chat;
    private final Path source;
    /** Sequences sampled together at most ({@code sampling_micro_batch_size}). */
    private int samplingMicroBatch = 256;

    /** A model without a folder: it stops on config.json's and the tokenizer's end-of-sequence ids. */
    DjlPolicy(Qwen2Model model, Tokenizer tokenizer) {
        this(model, tokenizer, defaultStops(model, tokenizer), null, null);
    }

    /**
     * @param stops ids that always end a sample
     * @param chat the model folder's chat template, or null
     * @param source the folder the model was loaded from (its side files go into checkpoints), or null
     */
    DjlPolicy(Qwen2Model model, Tokenizer tokenizer, Set<Integer> stops, ChatTemplate chat, Path source) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.optimizer = new AdamW(model.parameters(), model.manager());
        model.trackWeightsVersion(optimizer::steps); // bf16 copies follow every update
        this.stops = Set.copyOf(stops);
        this.chat = chat;
        this.source = source;
        this.sampler = new Sampler(model, tokenizer.padId(), this.stops);
    }

    private static Set<Integer> defaultStops(Qwen2Model model, Tokenizer tokenizer) {
        Set<Integer> stops = new HashSet<>(model.config.eosTokenIds());
        if (tokenizer.eosId() >= 0) {
            stops.add(tokenizer.eosId());
        }
        return stops;
    }

    @Override
    public Optional<ChatTemplate> chatTemplate() {
        return Optional.ofNullable(chat);
    }

    @Override
    public Set<Integer> stopTokenIds() {
        return stops;
    }

    Path source() {
        return source;
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

    @Override
    public void setSamplingMicroBatchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("sampling micro-batch size must be >= 1, got " + rows);
        }
        samplingMicroBatch = rows;
    }

    /**
     * With {@code recompute}, runs without the KV cache (the benchmark's baseline). Prompts are
     * sampled in micro-batches of at most {@code sampling_micro_batch_size} rows; each micro-batch
     * has its own seed.
     */
    List<Sample> sample(List<int[]> prompts, SamplingParams params, boolean recompute) {
        List<Sample> out = new ArrayList<>(prompts.size());
        for (int start = 0; start < prompts.size(); start += samplingMicroBatch) {
            List<int[]> chunk = prompts.subList(start, Math.min(prompts.size(), start + samplingMicroBatch));
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
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < Math.min(prompts.size(), completions.size()); i++) {
            lengths.add(prompts.get(i).length + completions.get(i).length);
        }
        return logprobs(model, prompts, completions, 1.0,
                SequenceBatch.chunks(lengths, SCORING_CHUNK_TOKENS));
    }

    @Override
    public List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
            int microBatchSize) {
        return logprobs(model, prompts, completions, temperature, bySequences(prompts.size(), microBatchSize));
    }

    @Override
    public List<float[]> referenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
            int microBatchSize) {
        if (reference == null) {
            throw new IllegalStateException("no reference policy: call freezeReference() first");
        }
        return logprobs(reference, prompts, completions, temperature, bySequences(prompts.size(), microBatchSize));
    }

    /** Consecutive chunks of {@code size} sequences: the micro-batches {@link MiniBatchStep} uses. */
    private static List<int[]> bySequences(int n, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("micro-batch size must be >= 1, got " + size);
        }
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < n; start += size) {
            out.add(new int[] {start, Math.min(n, start + size)});
        }
        return out;
    }

    private List<float[]> logprobs(Qwen2Model scorer, List<int[]> prompts, List<int[]> completions, double temperature,
            List<int[]> chunks) {
        if (prompts.size() != completions.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + completions.size() + " completions");
        }
        JniUtils.setGradMode(false);
        for (int i = 0; i < prompts.size(); i++) {
            checkIds(prompts.get(i));
            checkIds(completions.get(i));
        }
        List<float[]> out = new ArrayList<>();
        for (int[] c : chunks) {
            SequenceBatch batch = new SequenceBatch(prompts.subList(c[0], c[1]), completions.subList(c[0], c[1]),
                    tokenizer.padId());
            try (NDManager m = scorer.manager().newSubManager()) {
                float[] all = batch.nextTokenLogprobs(m, scorer, temperature).toFloatArray();
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
        for (PolicyGradientSample s : pg) {
            checkIds(s.promptIds());
            checkIds(s.completionIds());
        }
        for (NllSample s : nll) {
            checkIds(s.contextIds());
            checkIds(s.targetIds());
        }
        return new MiniBatchStep(model, optimizer, tokenizer.padId()).run(pg, nll, params);
    }

    @Override
    public void freezeReference() {
        if (reference != null) {
            reference.close();
        }
        reference = model.frozenCopy();
    }

    @Override
    public boolean hasReference() {
        return reference != null;
    }

    @Override
    public void restore(Path checkpoint) {
        ModelFolder.restore(checkpoint, this);
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
            long[] memory = GpuMemory.of(d);
            return new DeviceInfo(d.toString(), true, memory[0], memory[1]);
        }
        return new DeviceInfo(d.toString(), false, NativeMemory.residentBytes(), -1);
    }

    @Override
    public Precision precision() {
        return model.precision;
    }

    @Override
    public Qwen2Config config() {
        return model.config;
    }

    @Override
    public String describe() {
        Qwen2Config c = model.config;
        return String.format("Qwen2 %d layers, hidden %d, %d heads (%d kv), mlp %d, vocab %d, %s head, %,d parameters, %s, %s",
                c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.intermediateSize(), c.vocabSize(),
                c.tieWordEmbeddings() ? "tied" : "separate", c.parameterCount(), model.device(), model.precision.label());
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.close();
        }
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
