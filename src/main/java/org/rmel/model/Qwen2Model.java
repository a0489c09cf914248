package org.rmel.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
import org.rmel.base.BadInputException;

/**
 * The Qwen2 decoder on raw NDArrays: token embedding, per layer RMSNorm → grouped-query
 * attention with q/k/v biases and rotary positions → residual → RMSNorm → SwiGLU MLP →
 * residual, a final RMSNorm and a tied or separate output head. Parameter names follow the
 * Hugging Face checkpoint layout so weights load and save without renaming.
 *
 * <p>Every result NDArray belongs to the manager of the activations passed in (DJL attaches a
 * result to its first operand's manager), so a caller that creates its inputs in a scoped
 * sub-manager frees everything by closing that manager.
 */
final class Qwen2Model implements AutoCloseable {

    /** Added to attention scores of masked keys; large but finite so fully masked rows stay finite. */
    static final float MASKED = -1e9f;

    static {
        DjlSetup.configure();
    }

    final Qwen2Config config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Layer[] layers;
    private final NDArray embed;
    private final NDArray finalNorm;
    private final NDArray head;
    private final float[] invFreq;

    private record Layer(NDArray inNorm, NDArray wq, NDArray bq, NDArray wk, NDArray bk, NDArray wv, NDArray bv,
            NDArray wo, NDArray postNorm, NDArray gate, NDArray up, NDArray down) {}

    private Qwen2Model(Qwen2Config config, NDManager manager, Map<String, NDArray> params) {
        this(config, manager, params, true);
    }

    private Qwen2Model(Qwen2Config config, NDManager manager, Map<String, NDArray> params, boolean trainable) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        this.layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "model.layers." + i + ".";
            layers[i] = new Layer(params.get(p + "input_layernorm.weight"),
                    params.get(p + "self_attn.q_proj.weight"), params.get(p + "self_attn.q_proj.bias"),
                    params.get(p + "self_attn.k_proj.weight"), params.get(p + "self_attn.k_proj.bias"),
                    params.get(p + "self_attn.v_proj.weight"), params.get(p + "self_attn.v_proj.bias"),
                    params.get(p + "self_attn.o_proj.weight"), params.get(p + "post_attention_layernorm.weight"),
                    params.get(p + "mlp.gate_proj.weight"), params.get(p + "mlp.up_proj.weight"),
                    params.get(p + "mlp.down_proj.weight"));
        }
        this.embed = params.get("model.embed_tokens.weight");
        this.finalNorm = params.get("model.norm.weight");
        this.head = config.tieWordEmbeddings() ? embed : params.get("lm_head.weight");
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
     * policy of the KL loss. Closing it frees the copy.
     */
    Qwen2Model frozenCopy() {
        JniUtils.setGradMode(false);
        NDManager m = NDManager.newBaseManager(device());
        try {
            Map<String, NDArray> copy = new LinkedHashMap<>();
            params.forEach((name, p) -> {
                NDArray c = p.duplicate();
                c.attach(m);
                c.setName(name);
                copy.put(name, c);
            });
            return new Qwen2Model(config, m, copy, false);
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
            return new Qwen2Model(config, m, params);
        } catch (RuntimeException ex) {
            m.close();
            throw ex;
        }
    }

    /** A freshly initialised model: normal(0, 0.02) matrices, zero biases, unit norms. */
    static Qwen2Model random(Qwen2Config config, long seed, Device device) {
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
        return fromTensors(config, tensors, device, "random init");
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
            NDArray room = owner.zeros(new Shape(s.get(0), s.get(1), Math.max(capacity, s.get(2)), s.get(3)),
                    filled.getDataType());
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
            NDArray padded = a.getManager().zeros(new Shape(s.get(0), s.get(1), length - s.get(2), s.get(3)),
                    a.getDataType()).concat(a, 2);
            a.close();
            return padded;
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
    }

    /**
     * Final hidden states [B, T, hidden] for {@code ids} [B, T] (int64) at {@code positions}
     * [B, T] (int64) with additive attention bias [B, 1, T, S] where S = cached + T. With a
     * cache, the new keys and values are appended to it (old arrays are closed).
     */
    NDArray hidden(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
        NDArray x = Embedding.embedding(ids, embed, SparseFormat.DENSE).singletonOrThrow();
        NDArray[] rope = rotary(positions);
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            NDArray a = attention(rmsNorm(x, l.inNorm), l, rope, bias, cache, i);
            x = x.add(a);
            NDArray h = rmsNorm(x, l.postNorm);
            NDArray g = Linear.linear(h, l.gate).singletonOrThrow();
            NDArray u = Linear.linear(h, l.up).singletonOrThrow();
            NDArray act = g.mul(g.getNDArrayInternal().sigmoid()).mul(u);
            x = x.add(Linear.linear(act, l.down).singletonOrThrow());
        }
        if (cache != null) {
            cache.advance(ids.getShape().get(1));
        }
        return rmsNorm(x, finalNorm);
    }

    /** Output logits [.., vocab] for hidden states [.., hidden]. */
    NDArray logits(NDArray hidden) {
        return Linear.linear(hidden, head).singletonOrThrow();
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray var = x.square().mean(new int[] {-1}, true);
        return x.div(var.add(config.rmsNormEps()).sqrt()).mul(weight);
    }

    /** cos and sin [B, 1, T, headDim] for the given positions (rotate-half layout, as in Qwen2). */
    private NDArray[] rotary(NDArray positions) {
        NDManager m = positions.getManager();
        NDArray inv = m.create(invFreq);
        NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(inv);
        NDArray emb = freqs.concat(freqs, -1).expandDims(1);
        return new NDArray[] {emb.cos(), emb.sin()};
    }

    private static NDArray applyRotary(NDArray x, NDArray[] rope) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), -1);
        return x.mul(rope[0]).add(rotated.mul(rope[1]));
    }

    private NDArray attention(NDArray x, Layer l, NDArray[] rope, NDArray bias, KvCache cache, int layer) {
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(1);
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int d = config.headDim();
        int rep = heads / kvHeads;
        NDArray q = Linear.linear(x, l.wq, l.bq).singletonOrThrow().reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = Linear.linear(x, l.wk, l.bk).singletonOrThrow().reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);
        NDArray v = Linear.linear(x, l.wv, l.bv).singletonOrThrow().reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);
        q = applyRotary(q, rope);
        k = applyRotary(k, rope);
        if (cache != null) {
            NDArray[] seen = cache.append(layer, k, v);
            k = seen[0];
            v = seen[1];
        }
        long keysLen = k.getShape().get(2);
        // grouped-query attention without copying keys: query heads sharing a kv head are
        // stacked along the time axis, so one batched matmul serves the whole group
        // (the 1/sqrt(d) scale goes on the queries, a far smaller tensor than the scores)
        NDArray qg = q.mul(1.0 / Math.sqrt(d)).reshape(b, kvHeads, rep * t, d);
        NDArray scores = qg.matMul(k.transpose(0, 1, 3, 2)).reshape(b, heads, t, keysLen);
        NDArray probs = scores.add(bias).softmax(-1).reshape(b, kvHeads, rep * t, keysLen);
        NDArray out = probs.matMul(v).reshape(b, heads, t, d).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * d);
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
        manager.close();
    }
}
