package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A training step's result must not depend on when the JVM collects garbage. DJL's
 * {@code NDArray.mul(Number)} keeps its constant in a Java buffer that a collection frees while
 * autograd still holds it for the backward pass; with garbage collections running, the gradient
 * through the temperature, the KL coefficient, the MSE KL's 0.5 and the NLL weight read freed
 * memory (see {@link Scalars}). Seen as TrainStepTest's checkpoint test failing under load; with
 * collections forced by another thread the steps below differed in every run before the fix.
 */
class GradientUnderGcTest {

    private static final int STEPS = 4;

    private static Policy tiny() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        return Policies.random(Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()),
                tok, 11, DeviceChoice.CPU);
    }

    /** Every step's loss and gradient norm, then the trained model's log-probabilities, as one list. */
    private static List<Double> train(Policy p) {
        Tokenizer t = p.tokenizer();
        int[] prompt = t.encode("Q:5+5\n");
        int[] good = t.encode("5+5=10\nAnswer: 10\n");
        int[] bad = t.encode("5+5=11\nAnswer: 11\n");
        // temperature, KL (mse, which multiplies by 0.5) and the NLL weight: every constant in the loss
        TrainStepParams params = TrainStepParams.defaults().withLearningRate(1e-2).withTemperature(0.7)
                .withKlLoss(KlPenalty.MSE, 0.3).withNllWeight(0.5);
        float[] ref0 = p.sequenceLogprobs(List.of(prompt), List.of(good), 0.7, 1).get(0);
        float[] ref1 = p.sequenceLogprobs(List.of(prompt), List.of(bad), 0.7, 1).get(0);
        List<Double> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            List<float[]> old = p.sequenceLogprobs(List.of(prompt, prompt), List.of(good, bad), 0.7, 2);
            TrainStepResult r = p.trainStep(
                    List.of(new PolicyGradientSample(prompt, good, old.get(0), ref0, 1.0),
                            new PolicyGradientSample(prompt, bad, old.get(1), ref1, -1.0)),
                    List.of(new NllSample(prompt, good)), params);
            out.add(r.loss());
            out.add(r.gradNorm());
        }
        for (float f : p.sequenceLogprobs(List.of(prompt), List.of(good)).get(0)) {
            out.add((double) f);
        }
        return out;
    }

    @Test
    void trainingStepsAreTheSameWhileGarbageIsCollected() throws InterruptedException {
        List<Double> quiet;
        try (Policy p = tiny()) {
            quiet = train(p);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-forcer");
        collector.setDaemon(true);
        collector.start();
        List<List<Double>> collected = new ArrayList<>();
        try {
            for (int run = 0; run < 3; run++) {
                try (Policy p = tiny()) {
                    collected.add(train(p));
                }
            }
        } finally {
            stop.set(true);
            collector.join();
        }
        double[] expected = quiet.stream().mapToDouble(Double::doubleValue).toArray();
        for (int run = 0; run < collected.size(); run++) {
            assertEquals(quiet.size(), collected.get(run).size());
            assertArrayEquals(expected, collected.get(run).stream().mapToDouble(Double::doubleValue).toArray(), 0.0,
                    "run " + run + " with garbage collections: step losses and gradient norms, then log-probs");
        }
    }
}
