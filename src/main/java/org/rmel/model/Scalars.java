package org.rmel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Tensor-by-constant arithmetic that is safe under autograd. Use these, never DJL's
 * {@code NDArray.mul(Number)} / {@code div(Number)} / {@code pow(Number)}, on any tensor that
 * takes gradients.
 *
 * <p>Why: DJL 0.36 turns the number into a 0-d tensor made {@code from_blob} over a Java direct
 * buffer and closes it as soon as the operation returns. PyTorch's autograd keeps that tensor for
 * the backward pass ({@code MulBackward}, {@code DivBackward} and {@code PowBackward} read the
 * constant), but its memory is the Java buffer, which the next garbage collection frees. A
 * backward pass after such a collection reads freed memory: the gradient through that operation
 * is scaled by whatever lies there (zero or NaN in our measurements), so under GC pressure the
 * gradient through the sampling temperature, the KL coefficient, the MSE KL's 0.5 or the NLL
 * weight silently went wrong (and, before the fused attention, through the queries' 1/sqrt(d)).
 * The constant made here is allocated by PyTorch itself (its refcount keeps it alive for
 * autograd), and holds the same float64 value DJL's would, so the results are bit-identical to
 * the old ones.
 */
final class Scalars {
    private Scalars() {}

    /** {@code x * c}. */
    static NDArray times(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.mul(k);
        }
    }

    /** {@code x / c}. */
    static NDArray dividedBy(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.div(k);
        }
    }

    /** A 0-d float64 tensor holding {@code c}, in PyTorch's own memory, on x's manager and device. */
    private static NDArray constant(NDArray x, double c) {
        return JniUtils.full((PtNDManager) x.getManager(), new Shape(), c, DataType.FLOAT64, x.getDevice(),
                SparseFormat.DENSE);
    }
}
