package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainStepTest {

    private static Policy tiny(long seed) {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        return Policies.random(Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()),
                tok, seed, DeviceChoice.CPU);
    }

    @Test
    void nllTermIsTheTokenMeanOfTheTargetsTimesItsWeight() {
        try (Policy p = tiny(3)) {
            Tokenizer t = p.tokenizer();
            int[] context = t.encode("Q:4\n");
            int[] target = t.encode("Answer: 4");
            float[] targetLp = p.sequenceLogprobs(List.of(context), List.of(target)).get(0);
            double nll = 0;
            for (float f : targetLp) {
                nll -= f;
            }
            nll /= targetLp.length;
            double nllWeight = 0.5;
            TrainStepResult r = p.trainStep(List.of(), List.of(new NllSample(context, target)),
                    TrainStepParams.defaults().withLearningRate(1e-3).withNllWeight(nllWeight));
            assertEquals(nll, r.nllLoss(), 1e-5);
            assertEquals(nllWeight * nll, r.loss(), 1e-5);
            assertEquals(target.length, r.nllTokens());
            assertEquals(0, r.pgTokens());
            assertTrue(r.gradNorm() > 0);
            assertEquals(1, p.optimizerSteps());
        }
    }

    @Test
    void positiveAdvantageMakesTheCompletionMoreLikely() {
        try (Policy p = tiny(4)) {
            int[] prompt = p.tokenizer().encode("Q:7*6\n");
            int[] completion = p.tokenizer().encode("7*6=42\n");
            float[] before = p.sequenceLogprobs(List.of(prompt), List.of(completion)).get(0);
            p.trainStep(List.of(new PolicyGradientSample(prompt, completion, before, 1.0)), List.of(),
                    TrainStepParams.defaults().withLearningRate(1e-2));
            float[] after = p.sequenceLogprobs(List.of(prompt), List.of(completion)).get(0);
            assertTrue(sum(after) > sum(before), "log-prob " + sum(before) + " -> " + sum(after));
        }
    }

    @Test
    void nextTokenLossFallsOverAFewSteps() {
        try (Policy p = Policies.builtin(5, DeviceChoice.CPU)) {
            Tokenizer t = p.tokenizer();
            List<NllSample> data = new ArrayList<>();
            String[] lines = {"Q:12+7\n12+7=19\nAnswer: 19\n", "Q:3*4\n3*4=12\nAnswer: 12\n",
                "Q:(2+3)*5\n2+3=5\n5*5=25\nAnswer: 25\n", "Q:9-4\n9-4=5\nAnswer: 5\n"};
            for (String s : lines) {
                int[] ids = t.encode(s);
                data.add(new NllSample(new int[] {ids[0]}, java.util.Arrays.copyOfRange(ids, 1, ids.length)));
            }
            TrainStepParams params = TrainStepParams.defaults().withLearningRate(3e-3);
            double first = p.supervisedStep(data, params).nllLoss();
            double last = first;
            for (int i = 0; i < 15; i++) {
                last = p.supervisedStep(data, params).nllLoss();
            }
            assertTrue(last < 0.6 * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void checkpointReloadsExactlyWithOptimizerState(@TempDir Path dir) {
        List<NllSample> data = new ArrayList<>();
        try (Policy p = tiny(6)) {
            Tokenizer t = p.tokenizer();
            data.add(new NllSample(t.encode("Q:5+5\n"), t.encode("5+5=10\nAnswer: 10\n")));
            p.supervisedStep(data, TrainStepParams.defaults());
            p.supervisedStep(data, TrainStepParams.defaults());
            p.save(dir);
            TrainStepResult next = p.supervisedStep(data, TrainStepParams.defaults());
            float[] after = p.sequenceLogprobs(List.of(data.get(0).contextIds()), List.of(data.get(0).targetIds())).get(0);
            try (Policy q = Policies.load(dir, DeviceChoice.CPU)) {
                assertEquals(2, q.optimizerSteps());
                TrainStepResult again = q.supervisedStep(data, TrainStepParams.defaults());
                assertEquals(next.loss(), again.loss(), 0.0);
                assertEquals(next.gradNorm(), again.gradNorm(), 0.0);
                float[] reloaded = q.sequenceLogprobs(List.of(data.get(0).contextIds()),
                        List.of(data.get(0).targetIds())).get(0);
                assertArrayEquals(after, reloaded, 0f);
            }
        }
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float f : a) {
            s += f;
        }
        return s;
    }
}
