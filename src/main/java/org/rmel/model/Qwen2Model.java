package org.rmel.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.rmel.base.BadInputException;

/**
 * The Qwen2 decoder on raw NDArrays: token embedding, per layer RMSNorm → grouped-query
 * attention with q/k/v biases and rotary positions → residual → RMSNorm → SwiGLU MLP →
 * residual, a final RMSNorm and a tied or separate output head. Parameter names follow the
 * Hugging Face checkpoint layout so weights load and save without renaming.
 *
 * <p>Every result NDArray belongs to the manager of the activations passed in (DJL attaches a
 * result to its first operand's manager), so a caller that creates its inputs in a scoped
 * sub-manager frees everything by closing that manager. Inside {@link #hidden}, each layer's
 * temporaries live in a sub-manager closed at the end of the layer, so a forward pass holds one
 * layer's temporaries at a time (with autograd on, PyTorch keeps what the backward pass needs).
 *
 * <p>{@link Precision#BF16}: the parameters stay float32 (the master weights the optimizer
 * updates); the forward pass uses bfloat16 copies. Without autograd (sampling, scoring) the copies
 * are cached until the weights change ({@link #trackWeightsVersion}); with autograd they are cast
 * in the graph, so gradients reach the float32 masters. RMSNorm statistics, the attention softmax
 * and the logits are computed in float32 ({@link TorchOps}), as Hugging Face's Qwen2 does.
 */
final class Qwen2Model implements AutoCloseable {

    /** Added to attention scores of masked keys; large but finite so fully masked rows stay finite. */
    static final float MASKED = -1e9f;

    /**
     * A forward pass without autograd over more tokens than this (a long prefill, scoring) runs a
     * few rows at a time, so one layer's temporaries stay bounded (see {@link MemoryEstimate}).
     */
    static final int CHUNK_TOKENS = 32768;
    /** {@link #CHUNK_TOKENS}, smaller in tests. */
    static int chunkTokens = CHUNK_TOKENS;

    static {
        DjlSetup.configure();
    }

    final Qwen2Config config;
    final Precision precision;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Weights masters;
    private final TorchOps ops;
    /** {@link #ops} in bf16; null in fp32. */
    private final TorchOps bf16;
    private final float[] invFreq;
    private final boolean trainable;
    private LongSupplier weightsVersion = () -> 0;
    /** Counts {@link #loadWeights} calls, which change the weights without an optimizer step. */
    private long loads;
    /** bf16 copies for forward passes without autograd, and the weights version they were made from. */
    private NDManager cacheManager;
    private Weights cached;
    private long cachedVersion;
    /** bf16 copies cast in the graph for the current autograd scope. */
    private Weights graphCast;
    private NDManager graphScope;
    private long graphVersion;

    private record Layer(NDArray inNorm, NDArray wq, NDArray bq, NDArray wk, NDArray bk, NDArray wv, NDArray bv,
            NDArray wo, NDArray postNorm, NDArray gate, NDArray up, NDArray down) {}

    /** The arrays one forward pass uses: the float32 parameters, or bfloat16 copies of them. */
    private record Weights(Layer[] layers, NDArray embed, NDArray finalNorm, NDArray head) {}

    /**
     * @param trainable the parameters are float32 masters that take gradients; a frozen model (the
     *     KL reference) holds its weights already in the compute format and never changes
     */
    private Qwen2Model(Qwen2Config config, NDManager manager, Map<String, NDArray> params, Precision precision,
            boolean trainable) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("settle the precision for the device first");
        }
        this.trainable = trainable;
        this.config = config;
        this.precision = precision;
        this.manager = manager;
        this.params = params;
        this.masters = weights(params::get);
        this.ops = TorchOps.create(config);
        this.bf16 = precision == Precision.BF16 ? ops : null;
        int half = config.headDim() / 2;
        this.invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            invFreq[i] = (float) (1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / config.headDim()));
        }
        if (trainable) {
            for (NDArray p : params.values()) {
                p.setRequiresGradient(true);
            }
        }
    }

    /**
     * A copy of the current weights on the same device, with no gradients: the frozen reference
     * policy of the KL loss, in the compute format (bfloat16 in bf16, half the memory of a float32
     * copy; it is only ever used for forward passes). Closing it frees the copy.
     */
    Qwen2Model frozenCopy() {
        JniUtils.setGradMode(false);
        NDManager m = NDManager.newBaseManager(device());
        try {
            Map<String, NDArray> copy = new LinkedHashMap<>();
            params.forEach((name, p) -> {
                NDArray c = bf16 != null ? bf16.toBf16(p) : p.duplicate();
                c.attach(m);
                c.setName(name);
                copy.put(name, c);
            });
            return new Qwen2Model(config, m, copy, precision, false);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Overwrites every parameter in place with the tensor of the same name (a checkpoint of this
     * model), checking names and shapes; {@code source} names the weight files in error messages.
     */
    void loadWeights(Map<String, SafeTensors.Tensor> tensors, String source) {
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            SafeTensors.Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new BadInputException(source + ": tensor '" + e.getKey() + "' is missing");
            }
            if (!new Shape(t.shape()).equals(e.getValue().getShape())) {
                throw new BadInputException(source + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " but the model needs " + e.getValue().getShape());
            }
        }
        JniUtils.setGradMode(false);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            e.getValue().set(tensors.get(e.getKey()).data());
        }
        loads++; // the bf16 copies are made again at the next forward pass
    }

    private Weights weights(java.util.function.Function<String, NDArray> get) {
        Layer[] layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "model.layers." + i + ".";
            layers[i] = new Layer(get.apply(p + "input_layernorm.weight"),
                    get.apply(p + "self_attn.q_proj.weight"), get.apply(p + "self_attn.q_proj.bias"),
                    get.apply(p + "self_attn.k_proj.weight"), get.apply(p + "self_attn.k_proj.bias"),
                    get.apply(p + "self_attn.v_proj.weight"), get.apply(p + "self_attn.v_proj.bias"),
                    get.apply(p + "self_attn.o_proj.weight"), get.apply(p + "post_attention_layernorm.weight"),
                    get.apply(p + "mlp.gate_proj.weight"), get.apply(p + "mlp.up_proj.weight"),
                    get.apply(p + "mlp.down_proj.weight"));
        }
        NDArray embed = get.apply("model.embed_tokens.weight");
        return new Weights(layers, embed, get.apply("model.norm.weight"),
                config.tieWordEmbeddings() ? embed : get.apply("lm_head.weight"));
    }

    /**
     * The forward pass's weights: the float32 parameters in fp32; in bf16, copies cast in the graph
     * (with autograd, once per scope and weights version) or cached ones (without).
     */
    private Weights compute(NDManager scope) {
        if (bf16 == null || !trainable) {
            return masters;
        }
        long version = weightsVersion.getAsLong() * 1_000_003L + loads;
        if (JniUtils.isGradMode()) {
            if (graphCast != null && graphScope == scope && graphVersion == version && scope.isOpen()) {
                return graphCast;
            }
            dropCache(); // an update is coming; the cached copies would be stale
            graphCast = castAll(scope);
            graphScope = scope;
            graphVersion = version;
            return graphCast;
        }
        if (cached == null || cachedVersion != version) {
            dropCache();
            cacheManager = manager.newSubManager();
            cached = castAll(cacheManager);
            cachedVersion = version;
        }
        return cached;
    }

    private Weights castAll(NDManager owner) {
        Map<String, NDArray> copies = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            NDArray c = bf16.toBf16(p);
            c.attach(owner);
            copies.put(name, c);
        });
        return weights(copies::get);
    }

    private void dropCache() {
        if (cacheManager != null) {
            cacheManager.close();
            cacheManager = null;
            cached = null;
        }
    }

    /**
     * The bf16 copies are refreshed whenever {@code version} changes (the optimizer's step count:
     * every update changes it). Without this, copies made once are used for the model's lifetime.
     */
    void trackWeightsVersion(LongSupplier version) {
        this.weightsVersion = version;
    }

    /** Every trainable tensor's name and shape, in checkpoint order. */
    static Map<String, long[]> parameterShapes(Qwen2Config c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKvHeads() * c.headDim();
        s.put("model.embed_tokens.weight", new long[] {c.vocabSize(), h});
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            s.put(p + "input_layernorm.weight", new long[] {h});
            s.put(p + "self_attn.q_proj.weight", new long[] {q, h});
            s.put(p + "self_attn.q_proj.bias", new long[] {q});
            s.put(p + "self_attn.k_proj.weight", new long[] {kv, h});
            s.put(p + "self_attn.k_proj.bias", new long[] {kv});
            s.put(p + "self_attn.v_proj.weight", new long[] {kv, h});
            s.put(p + "self_attn.v_proj.bias", new long[] {kv});
            s.put(p + "self_attn.o_proj.weight", new long[] {h, q});
            s.put(p + "post_attention_layernorm.weight", new long[] {h});
            s.put(p + "mlp.gate_proj.weight", new long[] {c.intermediateSize(), h});
            s.put(p + "mlp.up_proj.weight", new long[] {c.intermediateSize(), h});
            s.put(p + "mlp.down_proj.weight", new long[] {h, c.intermediateSize()});
        }
        s.put("model.norm.weight", new long[] {h});
        if (!c.tieWordEmbeddings()) {
            s.put("lm_head.weight", new long[] {c.vocabSize(), h});
        }
        return s;
    }

    /**
     * Builds the model from loaded tensors, checking that each expected tensor is there with the
     * expected shape. {@code source} names the weight files in error messages.
     */
    static Qwen2Model fromTensors(Qwen2Config config, Map<String, SafeTensors.Tensor> tensors, Device device,
            String source) {
        return fromTensors(config, tensors, device, source, Precision.FP32);
    }

    /** As {@link #fromTensors(Qwen2Config, Map, Device, String)} computing in {@code precision} (fp32 or bf16). */
    static Qwen2Model fromTensors(Qwen2Config config, Map<String, SafeTensors.Tensor> tensors, Device device,
            String source, Precision precision) {
        NDManager m = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : parameterShapes(config).entrySet()) {
                SafeTensors.Tensor t = tensors.get(e.getKey());
                if (t == null) {
                    throw new BadInputException(source + ": tensor '" + e.getKey() + "' is missing");
                }
                if (!Arrays.equals(t.shape(), e.getValue())) {
                    throw new BadInputException(source + ": tensor '" + e.getKey() + "' has shape "
                            + Arrays.toString(t.shape()) + " but config.json implies " + Arrays.toString(e.getValue()));
                }
                NDArray a = m.create(t.data(), new Shape(e.getValue()), DataType.FLOAT32);
                a.setName(e.getKey());
                params.put(e.getKey(), a);
            }
            return new Qwen2Model(config, m, params, precision, true);
        } catch (RuntimeException ex) {
            m.close();
            throw ex;
        }
    }

    /** A freshly initialised model: normal(0, 0.02) matrices, zero biases, unit norms. */
    static Qwen2Model random(Qwen2Config config, long seed, Device device) {
        return random(config, seed, device, Precision.FP32);
    }

    /** As {@link #random(Qwen2Config, long, Device)} computing in {@code precision} (fp32 or bf16). */
    static Qwen2Model random(Qwen2Config config, long seed, Device device, Precision precision) {
        return fromTensors(config, randomTensors(config, seed), device, "random init", precision);
    }

    /** Fresh weights for {@code config} from {@code seed}: normal(0, 0.02) matrices, zero biases, unit norms. */
    static Map<String, SafeTensors.Tensor> randomTensors(Qwen2Config config, long seed) {
        Random rnd = new Random(seed);
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : parameterShapes(config).entrySet()) {
            long[] shape = e.getValue();
            int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            FloatBuffer buf = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            String name = e.getKey();
            for (int i = 0; i < n; i++) {
                float v;
                if (name.endsWith("norm.weight")) {
                    v = 1f;
                } else if (name.endsWith(".bias")) {
                    v = 0f;
                } else {
                    v = (float) (rnd.nextGaussian() * 0.02);
                }
                buf.put(v);
            }
            buf.flip();
            tensors.put(name, new SafeTensors.Tensor(shape, buf));
        }
        return tensors;
    }

    Device device() {
        return manager.getDevice();
    }

    NDManager manager() {
        return manager;
    }

    /** Parameters by checkpoint name (the live arrays: the optimizer updates them in place). */
    Map<String, NDArray> parameters() {
        return params;
    }

    /** A copy of every parameter as float32 host data, for saving. */
    Map<String, SafeTensors.Tensor> snapshot() {
        Map<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, new SafeTensors.Tensor(v.getShape().getShape(),
                FloatBuffer.wrap(v.toFloatArray()))));
        return out;
    }

    /**
     * Per-layer key/value tensors [B, kvHeads, S, headDim] of the tokens seen so far. A cache
     * grows by concatenation until {@link #reserve} gives it room for the whole generation; from
     * then on each step writes its keys and values in place, so a step no longer copies the
     * whole cache (with long prompts that copy was a large share of a decoding step).
     */
    static final class KvCache {
        final NDArray[] keys;
        final NDArray[] values;
        /** Positions filled; with a reserved cache the arrays are longer than this. */
        private long length;
        private boolean reserved;

        KvCache(int layers) {
            keys = new NDArray[layers];
            values = new NDArray[layers];
        }

        /**
         * Moves the filled cache into zeroed arrays with room for {@code capacity} positions
         * (attached to {@code owner}); later calls append in place up to that length.
         */
        void reserve(NDManager owner, long capacity) {
            length = keys[0].getShape().get(2);
            for (int i = 0; i < keys.length; i++) {
                keys[i] = reserved(owner, keys[i], capacity);
                values[i] = reserved(owner, values[i], capacity);
            }
            reserved = true;
        }

        private NDArray reserved(NDManager owner, NDArray filled, long capacity) {
            Shape s = filled.getShape();
            NDArray room = zeros(owner, new Shape(s.get(0), s.get(1), Math.max(capacity, s.get(2)), s.get(3)), filled);
            room.set(new NDIndex().addAllDim().addAllDim().addSliceDim(0, s.get(2)), filled);
            filled.close();
            return room;
        }

        /**
         * Adds one layer's new keys and values [B, kvHeads, T, headDim]; returns that layer's
         * keys and values of every position so far (views in the new arrays' manager).
         */
        NDArray[] append(int layer, NDArray k, NDArray v) {
            if (!reserved) {
                if (keys[layer] != null) {
                    NDManager step = k.getManager();
                    NDArray oldK = keys[layer];
                    NDArray oldV = values[layer];
                    k = oldK.concat(k, 2);
                    v = oldV.concat(v, 2);
                    k.attach(step);
                    v.attach(step);
                    oldK.close();
                    oldV.close();
                }
                keys[layer] = k;
                values[layer] = v;
                return new NDArray[] {k, v};
            }
            long t = k.getShape().get(2);
            keys[layer].set(new NDIndex().addAllDim().addAllDim().addSliceDim(length, length + t), k);
            values[layer].set(new NDIndex().addAllDim().addAllDim().addSliceDim(length, length + t), v);
            NDIndex seen = new NDIndex().addAllDim().addAllDim().addSliceDim(0, length + t);
            return new NDArray[] {keys[layer].get(k.getManager(), seen), values[layer].get(k.getManager(), seen)};
        }

        /** Puts zero positions before the filled ones up to {@code length} (left padding). */
        void leftPadTo(long length) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = leftPadded(keys[i], length);
                values[i] = leftPadded(values[i], length);
            }
            this.length = Math.max(this.length, length);
        }

        private static NDArray leftPadded(NDArray a, long length) {
            Shape s = a.getShape();
            if (s.get(2) >= length) {
                return a;
            }
            NDArray padded = zeros(a.getManager(), new Shape(s.get(0), s.get(1), length - s.get(2), s.get(3)), a)
                    .concat(a, 2);
            a.close();
            return padded;
        }

        /** After {@link #append}: a cache still growing by concatenation moves to {@code owner}. */
        void keepIn(NDManager owner, int layer) {
            if (!reserved) {
                keys[layer].attach(owner);
                values[layer].attach(owner);
            }
        }

        /** Marks {@code t} more positions filled (after every layer has appended them). */
        void advance(long t) {
            length += t;
        }

        /** Moves the cache to {@code owner} so it outlives the step manager that made it. */
        void attachTo(NDManager owner) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    keys[i].attach(owner);
                    values[i].attach(owner);
                }
            }
        }

        /** Keeps only the given batch rows (finished rows are dropped to save work). */
        void selectRows(NDArray rows) {
            for (int i = 0; i < keys.length; i++) {
                NDArray k = keys[i].get(rows);
                NDArray v = values[i].get(rows);
                keys[i].close();
                values[i].close();
                keys[i] = k;
                values[i] = v;
            }
        }

        void close() {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    keys[i].close();
                    values[i].close();
                }
            }
        }

        /**
         * Zeros of {@code like}'s type. DJL reports bfloat16 as UNKNOWN and has no code to create
         * it, so bfloat16 zeros are float32 zeros cast by {@link TorchOps}.
         */
        private static NDArray zeros(NDManager owner, Shape shape, NDArray like) {
            DataType type = like.getDataType();
            if (type != DataType.UNKNOWN) {
                return owner.zeros(shape, type);
            }
            NDArray f32 = owner.zeros(shape, DataType.FLOAT32);
            NDArray bf16 = TorchOps.shared().toBf16(f32);
            f32.close();
            return bf16;
        }
    }

    /**
     * Final hidden states [B, T, hidden] for {@code ids} [B, T] (int64) at {@code positions}
     * [B, T] (int64) with additive attention bias [B, 1, T, S] where S = cached + T. With a
     * cache, the new keys and values are appended to it (old arrays are closed). In bf16 the
     * states are bfloat16; {@link #logits} returns float32 either way.
     */
    NDArray hidden(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        if (cache == null && b > 1 && b * t > chunkTokens && !JniUtils.isGradMode()) {
            return inRowChunks(ids, positions, bias, cache, (int) Math.max(1, chunkTokens / t));
        }
        return forward(ids, positions, bias, cache);
    }

    /**
     * A long prefill or scoring pass without autograd, a few rows at a time: each chunk runs through
     * every layer with its own cache, then states and caches are joined. Only one chunk's layer
     * temporaries exist at once; the result is the same as one pass.
     */
    private NDArray inRowChunks(NDArray ids, NDArray positions, NDArray bias, KvCache cache, int rows) {
        long b = ids.getShape().get(0);
        NDList states = new NDList();
        List<KvCache> caches = new ArrayList<>();
        for (long r0 = 0; r0 < b; r0 += rows) {
            NDIndex slice = new NDIndex(r0 + ":" + Math.min(b, r0 + rows));
            KvCache part = cache == null ? null : new KvCache(config.numLayers());
            states.add(forward(ids.get(slice), positions.get(slice), bias.get(slice), part));
            if (part != null) {
                caches.add(part);
            }
        }
        NDArray joined = NDArrays.concat(states, 0);
        states.close();
        if (cache != null) {
            for (int layer = 0; layer < config.numLayers(); layer++) {
                NDList keys = new NDList();
                NDList values = new NDList();
                for (KvCache c : caches) {
                    keys.add(c.keys[layer]);
                    values.add(c.values[layer]);
                }
                cache.keys[layer] = NDArrays.concat(keys, 0);
                cache.values[layer] = NDArrays.concat(values, 0);
                cache.keys[layer].attach(ids.getManager());
                cache.values[layer].attach(ids.getManager());
                keys.close();
                values.close();
            }
        }
        return joined;
    }

    private NDArray forward(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
        NDManager outer = ids.getManager();
        Weights w = compute(outer);
        NDArray x = Embedding.embedding(ids, w.embed(), SparseFormat.DENSE).singletonOrThrow();
        NDArray[] rope = rotary(positions);
        NDArray mask = bf16 == null ? bias : bf16.toBf16(bias);
        for (int i = 0; i < w.layers().length; i++) {
            Layer l = w.layers()[i];
            try (NDManager layer = outer.newSubManager()) {
                x.attach(layer); // this layer's input and everything made from it go when the layer is done
                NDArray a = attention(rmsNorm(x, l.inNorm), l, rope, mask, cache, i, outer);
                x = x.add(a);
                NDArray h = rmsNorm(x, l.postNorm);
                NDArray g = Linear.linear(h, l.gate).singletonOrThrow();
                NDArray u = Linear.linear(h, l.up).singletonOrThrow();
                NDArray act = g.mul(g.getNDArrayInternal().sigmoid()).mul(u);
                x = x.add(Linear.linear(act, l.down).singletonOrThrow());
                x.attach(outer);
            }
        }
        if (cache != null) {
            cache.advance(ids.getShape().get(1));
        }
        return rmsNorm(x, w.finalNorm());
    }

    /** {@code x} in the model's compute type (bfloat16 in bf16; as is in fp32). */
    NDArray toComputeType(NDArray x) {
        return bf16 == null ? x : bf16.toBf16(x);
    }

    /** Output logits [.., vocab], float32, for hidden states [.., hidden]. */
    NDArray logits(NDArray hidden) {
        NDArray logits = Linear.linear(hidden, compute(hidden.getManager()).head()).singletonOrThrow();
        if (bf16 == null) {
            return logits;
        }
        NDArray f32 = bf16.toFp32(logits);
        logits.close(); // the cast's backward does not need it
        return f32;
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        if (bf16 != null) {
            return bf16.rmsNorm(x, weight);
        }
        NDArray var = x.square().mean(new int[] {-1}, true);
        return x.div(var.add(config.rmsNormEps()).sqrt()).mul(weight);
    }

    /** cos and sin [B, 1, T, headDim] for the given positions (rotate-half layout, as in Qwen2). */
    private NDArray[] rotary(NDArray positions) {
        NDManager m = positions.getManager();
        NDArray inv = m.create(invFreq);
        NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(inv);
        NDArray emb = freqs.concat(freqs, -1).expandDims(1);
        if (bf16 != null) {
            return new NDArray[] {bf16.toBf16(emb.cos()), bf16.toBf16(emb.sin())};
        }
        return new NDArray[] {emb.cos(), emb.sin()};
    }

    private static NDArray applyRotary(NDArray x, NDArray[] rope) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), -1);
        return x.mul(rope[0]).add(rotated.mul(rope[1]));
    }

    private NDArray attention(NDArray x, Layer l, NDArray[] rope, NDArray bias, KvCache cache, int layer,
            NDManager outer) {
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(1);
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int d = config.headDim();
        NDArray q = Linear.linear(x, l.wq, l.bq).singletonOrThrow().reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = Linear.linear(x, l.wk, l.bk).singletonOrThrow().reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);
        NDArray v = Linear.linear(x, l.wv, l.bv).singletonOrThrow().reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);
        q = applyRotary(q, rope);
        k = applyRotary(k, rope);
        if (cache != null) {
            NDArray[] seen = cache.append(layer, k, v);
            cache.keepIn(outer, layer); // a growing cache outlives this layer's scope
            k = seen[0];
            v = seen[1];
        }
        NDArray out = ops.attention(q, k, v, bias).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * d);
        return Linear.linear(out, l.wo).singletonOrThrow();
    }

    /**
     * Additive attention bias [B, 1, T, S] for a left-padded batch: row r's first
     * {@code padding[r]} keys are masked, and query i sees keys up to {@code past + i}.
     */
    static NDArray causalBias(NDManager m, int[] padding, int past, int t) {
        int b = padding.length;
        int keys = past + t;
        float[] bias = new float[b * t * keys];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                int base = (r * t + i) * keys;
                for (int j = 0; j < keys; j++) {
                    if (j < padding[r] || j > past + i) {
                        bias[base + j] = MASKED;
                    }
                }
            }
        }
        return m.create(bias, new Shape(b, 1, t, keys));
    }

    /** Positions [B, T] counting from each row's first real token (padding gets 0). */
    static NDArray positions(NDManager m, int[] padding, int past, int t) {
        int b = padding.length;
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                pos[r * t + i] = Math.max(0, past + i - padding[r]);
            }
        }
        return m.create(pos, new Shape(b, t));
    }

    /** Left-pads {@code rows} to one length with {@code pad}; returns the ids [B, T] and padding per row. */
    static LeftPadded leftPad(List<int[]> rows, int pad) {
        int t = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        long[] ids = new long[rows.size() * t];
        int[] padding = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            int[] row = rows.get(r);
            padding[r] = t - row.length;
            Arrays.fill(ids, r * t, r * t + padding[r], pad);
            for (int j = 0; j < row.length; j++) {
                ids[r * t + padding[r] + j] = row[j];
            }
        }
        return new LeftPadded(ids, padding, t);
    }

    record LeftPadded(long[] ids, int[] padding, int length) {
        NDArray array(NDManager m) {
            return m.create(ids, new Shape(padding.length, length));
        }
    }

    List<String> names() {
        return new ArrayList<>(params.keySet());
    }

    @Override
    public void close() {
        dropCache();
        ops.close();
        manager.close();
    }
}
