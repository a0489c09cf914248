package org.rmel.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rmel.base.BadInputException;

/**
 * AdamW (decoupled weight decay) with global gradient-norm clipping, over the model's
 * parameters, updating them in place. Moments live on the model's device; weight decay applies
 * to matrices only (not to norms and biases).
 */
final class AdamW {

    private static final double EPS = 1e-8;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private long steps;

    AdamW(Map<String, NDArray> params, NDManager owner) {
        this.params = params;
        params.forEach((k, p) -> {
            firstMoment.put(k, owner.zeros(p.getShape()));
            secondMoment.put(k, owner.zeros(p.getShape()));
        });
    }

    long steps() {
        return steps;
    }

    /** Global L2 norm of the accumulated gradients. */
    double gradNorm() {
        double sumSq = 0;
        for (NDArray p : params.values()) {
            try (NDManager tmp = p.getManager().newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(tmp);
                sumSq += g.square().sum().getFloat();
            }
        }
        return Math.sqrt(sumSq);
    }

    /** One update from the accumulated gradients, which are then zeroed. */
    void step(TrainStepParams s, double gradNorm) {
        JniUtils.setGradMode(false);
        steps++;
        double scale = s.gradClip() > 0 && gradNorm > s.gradClip() ? s.gradClip() / (gradNorm + 1e-6) : 1.0;
        double bc1 = 1 - Math.pow(s.beta1(), steps);
        double bc2 = 1 - Math.pow(s.beta2(), steps);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray m = firstMoment.get(e.getKey());
            NDArray v = secondMoment.get(e.getKey());
            try (NDManager tmp = m.getManager().newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(tmp);
                // moments join the scope for the duration, so every temporary made from them is freed
                m.tempAttach(tmp);
                v.tempAttach(tmp);
                NDArray gs = g.mul(scale);
                m.muli(s.beta1()).addi(gs.mul(1 - s.beta1()));
                v.muli(s.beta2()).addi(gs.square().mul(1 - s.beta2()));
                NDArray update = m.div(bc1).div(v.div(bc2).sqrt().add(EPS)).mul(s.learningRate());
                if (s.weightDecay() > 0 && p.getShape().dimension() >= 2) {
                    p.muli(1 - s.learningRate() * s.weightDecay());
                }
                p.subi(update);
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    /** Drops accumulated gradients without updating (after a failed step). */
    void zeroGradients() {
        for (NDArray p : params.values()) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** Moments as float32 host tensors, named {@code exp_avg.NAME} and {@code exp_avg_sq.NAME}. */
    Map<String, SafeTensors.Tensor> snapshot() {
        Map<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        firstMoment.forEach((k, a) -> out.put("exp_avg." + k, host(a)));
        secondMoment.forEach((k, a) -> out.put("exp_avg_sq." + k, host(a)));
        return out;
    }

    private static SafeTensors.Tensor host(NDArray a) {
        return new SafeTensors.Tensor(a.getShape().getShape(), FloatBuffer.wrap(a.toFloatArray()));
    }

    void restore(Map<String, SafeTensors.Tensor> tensors, long restoredSteps, String source) {
        for (String k : params.keySet()) {
            load(firstMoment.get(k), tensors.get("exp_avg." + k), "exp_avg." + k, source);
            load(secondMoment.get(k), tensors.get("exp_avg_sq." + k), "exp_avg_sq." + k, source);
        }
        steps = restoredSteps;
    }

    private static void load(NDArray target, SafeTensors.Tensor t, String name, String source) {
        if (t == null) {
            throw new BadInputException(source + ": tensor '" + name + "' is missing");
        }
        if (!new Shape(t.shape()).equals(target.getShape())) {
            throw new BadInputException(source + ": tensor '" + name + "' has shape " + new Shape(t.shape())
                    + " but the model needs " + target.getShape());
        }
        target.set(t.data());
    }
}
