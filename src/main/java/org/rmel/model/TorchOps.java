package org.rmel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The operations DJL 0.36 cannot express, as methods of a tiny TorchScript module written here as
 * source (TorchScript archives carry their code as text) and loaded from memory. DJL's JNI maps no
 * bfloat16 type code (a {@code toType(BFLOAT16)} aborts the process), its casts run without
 * autograd, and it has no fused attention. Called with autograd on, these are ordinary
 * differentiable ops: a weight cast to bfloat16 in the forward pass sends its gradient back to the
 * float32 master weight.
 *
 * <ul>
 *   <li>{@code to_bf16}, {@code to_fp32}: casts;</li>
 *   <li>{@code rms_norm(x, w)}: Qwen2's RMSNorm with the statistics in float32 and the result in x's
 *       type times the weight, as Hugging Face's {@code Qwen2RMSNorm};</li>
 *   <li>{@code attention(q, k, v, mask)}: {@code scaled_dot_product_attention} with the key/value
 *       heads repeated for grouped-query attention and an additive mask; on a GPU PyTorch picks its
 *       memory-efficient kernel (no [tokens × tokens] matrix is kept for the backward pass) and
 *       accumulates in float32.</li>
 * </ul>
 *
 * Results belong to the first argument's manager, like DJL's own operations. The TorchScript graph
 * optimizer is switched off on each calling thread (a plain interpreter: no profiling runs, no
 * runtime kernel compilation).
 */
final class TorchOps implements AutoCloseable {
    /** PyTorch's ScalarType codes used in the TorchScript source. */
    private static final int FLOAT32 = 6;
    private static final int BFLOAT16 = 15;
    private static final ThreadLocal<Boolean> PLAIN_INTERPRETER = ThreadLocal.withInitial(() -> false);

    private final NDManager manager;
    private final PtSymbolBlock module;
    private final NDArray toFp32;
    private final NDArray rmsNorm;
    private final NDArray attention;

    private TorchOps(NDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
        this.toFp32 = method("to_fp32");
        this.rmsNorm = method("rms_norm");
        this.attention = method("attention");
    }

    private static TorchOps shared;

    /** One module for casts that belong to no model (e.g. making bfloat16 zeros); never closed. */
    static synchronized TorchOps shared() {
        if (shared == null) {
            shared = create(Qwen2Config.of(256, 64, 64, 1, 1, 1, true, 0, 0));
        }
        return shared;
    }

    /** Loads the module for a model of this shape (its RMSNorm epsilon and query heads per kv head). */
    static TorchOps create(Qwen2Config config) {
        NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
        try {
            byte[] archive = archive(source(config.rmsNormEps(), config.numHeads() / config.numKvHeads()));
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) m, new ByteArrayInputStream(archive), true, false);
            return new TorchOps(m, block);
        } catch (IOException e) {
            m.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private NDArray method(String name) {
        NDArray a = manager.create(new float[] {0});
        a.setName("module_method:" + name);
        return a;
    }

    NDArray toBf16(NDArray x) {
        return call(new NDList(x));
    }

    NDArray toFp32(NDArray x) {
        return call(new NDList(x, toFp32));
    }

    NDArray rmsNorm(NDArray x, NDArray weight) {
        return call(new NDList(x, weight, rmsNorm));
    }

    /**
     * Attention output [B, heads, T, d] for queries [B, heads, T, d], keys and values [B, kvHeads, S, d]
     * and an additive mask [B, 1, T, S] in the queries' type; scaled by 1/sqrt(d).
     */
    NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        return call(new NDList(q, k, v, mask, attention));
    }

    /**
     * Runs a method (the last input names it). DJL reads structure from input names ("a.b" means a
     * dictionary entry), so the arguments' names (parameters carry their checkpoint names) are
     * cleared for the call and put back after.
     */
    private NDArray call(NDList inputs) {
        if (!PLAIN_INTERPRETER.get()) {
            JniUtils.setGraphExecutorOptimize(false);
            PLAIN_INTERPRETER.set(true);
        }
        int args = inputs.size() - (inputs.get(inputs.size() - 1).getName() != null
                && inputs.get(inputs.size() - 1).getName().startsWith("module_method:") ? 1 : 0);
        String[] names = new String[args];
        for (int i = 0; i < args; i++) {
            names[i] = inputs.get(i).getName();
            if (names[i] != null) {
                inputs.get(i).setName(null);
            }
        }
        try {
            return IValueUtils.forward(module, inputs, true).singletonOrThrow();
        } finally {
            for (int i = 0; i < args; i++) {
                if (names[i] != null) {
                    inputs.get(i).setName(names[i]);
                }
            }
        }
    }

    /** TorchScript source of the module (the form {@code torch.jit.save} writes into code/). */
    static String source(double eps, int rep) {
        String e = String.format(Locale.ROOT, "%.10e", eps);
        return String.join("\n",
                "class TorchOps(Module):",
                "  __parameters__ = []",
                "  __buffers__ = []",
                "  training : bool",
                "  def forward(self: __torch__.TorchOps,",
                "    x: Tensor) -> Tensor:",
                "    return torch.to(x, " + BFLOAT16 + ")",
                "  def to_fp32(self: __torch__.TorchOps,",
                "    x: Tensor) -> Tensor:",
                "    return torch.to(x, " + FLOAT32 + ")",
                "  def rms_norm(self: __torch__.TorchOps,",
                "    x: Tensor,",
                "    w: Tensor) -> Tensor:",
                "    xf = torch.to(x, " + FLOAT32 + ")",
                "    v = torch.mean(torch.pow(xf, 2), [-1], True)",
                "    n = torch.mul(xf, torch.rsqrt(torch.add(v, " + e + ")))",
                "    return torch.mul(w, torch.to(n, ops.prim.dtype(x)))",
                "  def attention(self: __torch__.TorchOps,",
                "    q: Tensor,",
                "    k: Tensor,",
                "    v: Tensor,",
                "    mask: Tensor) -> Tensor:",
                "    k2 = torch.repeat_interleave(k, " + rep + ", 1)",
                "    v2 = torch.repeat_interleave(v, " + rep + ", 1)",
                "    return torch.scaled_dot_product_attention(q, k2, v2, mask, 0., False)",
                "");
    }

    /**
     * A TorchScript archive (zip, stored entries): the module object pickled as an instance of
     * {@code __torch__.TorchOps} with {@code training = True}, its code, no constants, format version 3.
     */
    static byte[] archive(String code) throws IOException {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(new byte[] {(byte) 0x80, 2}); // PROTO 2
        pickle.write("c__torch__\nTorchOps\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        pickle.write(new byte[] {'q', 0, ')', (byte) 0x81, '}', '('}); // BINPUT 0, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK
        byte[] training = "training".getBytes(StandardCharsets.US_ASCII);
        pickle.write('X'); // BINUNICODE
        pickle.write(new byte[] {(byte) training.length, 0, 0, 0});
        pickle.write(training);
        pickle.write(new byte[] {(byte) 0x88, 'u', 'b', '.'}); // NEWTRUE, SETITEMS, BUILD, STOP
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            stored(z, "torchops/data.pkl", pickle.toByteArray());
            stored(z, "torchops/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(z, "torchops/constants.pkl", new byte[] {(byte) 0x80, 2, ')', 'q', 0, '.'});
            stored(z, "torchops/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return zip.toByteArray();
    }

    private static void stored(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
