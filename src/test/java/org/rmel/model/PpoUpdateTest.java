package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;

/** The PPO update over a step's batch: mini-batches, epochs, micro-batches, the denominator, resume. */
class PpoUpdateTest {

    private static final double T = 0.9;

    private static Policy tiny() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        return Policies.random(Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()),
                tok, 11, DeviceChoice.CPU);
    }

    private static PpoUpdate.Group group(Tokenizer t, String prompt, String[] responses, double[] advantages,
            String... nll) {
        List<PpoUpdate.Response> rs = new ArrayList<>();
        for (int i = 0; i < responses.length; i++) {
            rs.add(new PpoUpdate.Response(t.encode(prompt), t.encode(responses[i]), advantages[i]));
        }
        List<NllSample> targets = new ArrayList<>();
        for (String n : nll) {
            targets.add(new NllSample(t.encode(prompt + "#"), t.encode(n)));
        }
        return new PpoUpdate.Group(rs, targets);
    }

    /** A mixed group: two right, two wrong (GRPO advantages ±0.866 for rewards 1, 0, 1, 0). */
    private static PpoUpdate.Group mixed(Tokenizer t, String prompt, String right, String wrong, String... nll) {
        double a = 0.5 / Math.sqrt(1.0 / 3);
        return group(t, prompt, new String[] {right, wrong, right + "\n", wrong + "\n"}, new double[] {a, -a, a, -a}, nll);
    }

    /** An all-negative group: every advantage is 0. */
    private static PpoUpdate.Group allNegative(Tokenizer t, String prompt, String... wrong) {
        return group(t, prompt, wrong, new double[wrong.length]);
    }

    private static PpoUpdate.Settings settings(int miniBatchGroups, int epochs, TrainStepParams step) {
        return new PpoUpdate.Settings(miniBatchGroups, epochs, step);
    }

    @Test
    void allNegativeGroupsShrinkThePolicyTermByTheirTokenShareUnderTokenMean() {
        TrainStepParams step = TrainStepParams.defaults().withTemperature(T).withGradClip(0);
        try (Policy a = tiny(); Policy b = tiny()) {
            Tokenizer t = a.tokenizer();
            List<PpoUpdate.Group> mixedOnly = List.of(mixed(t, "Q:1+2\n", "1+2=3", "1+2=4"),
                    mixed(t, "Q:7-5\n", "7-5=2\nAnswer: 2", "7-5=3"));
            List<PpoUpdate.Group> withAllNegative = new ArrayList<>(mixedOnly);
            withAllNegative.add(allNegative(t, "Q:9*9\n", "9*9=18", "9*9=99\nAnswer: 99", "81=9"));
            withAllNegative.add(allNegative(t, "Q:(2+3)*4\n", "2+3=6\n6*4=24"));
            long mixedTokens = tokens(mixedOnly);
            long allTokens = tokens(withAllNegative);
            double share = mixedTokens / (double) allTokens;
            assertTrue(share < 0.7, "the all-negative groups are a large part of the batch");

            UpdateSummary alone = new PpoUpdate(a).run(mixedOnly, settings(8, 1, step));
            UpdateSummary diluted = new PpoUpdate(b).run(withAllNegative, settings(8, 1, step));
            TrainStepResult x = alone.steps().get(0);
            TrainStepResult y = diluted.steps().get(0);
            assertEquals(allTokens, y.pgTokens());
            assertEquals(x.pgLoss() * share, y.pgLoss(), 1e-6 * Math.abs(x.pgLoss()));
            assertEquals(x.gradNorm() * share, y.gradNorm(), 1e-4 * x.gradNorm());
            assertEquals(1 - share, y.ratio().zeroAdvantageFraction(), 1e-12);
        }
    }

    private static long tokens(List<PpoUpdate.Group> groups) {
        long n = 0;
        for (PpoUpdate.Group g : groups) {
            for (PpoUpdate.Response r : g.responses()) {
                n += r.completionIds().length;
            }
        }
        return n;
    }

    @Test
    void laterMiniBatchesSeeRatiosOtherThanOneAndTheClipActs() {
        TrainStepParams step = TrainStepParams.defaults().withLearningRate(3e-2).withTemperature(T);
        try (Policy p = tiny()) {
            Tokenizer t = p.tokenizer();
            List<PpoUpdate.Group> groups = List.of(mixed(t, "Q:1+2\n", "1+2=3", "1+2=4"),
                    mixed(t, "Q:1+3\n", "1+3=4", "1+3=5"), mixed(t, "Q:1+4\n", "1+4=5", "1+4=6"),
                    mixed(t, "Q:1+5\n", "1+5=6", "1+5=7"));
            UpdateSummary s = new PpoUpdate(p).run(groups, settings(1, 2, step));
            assertEquals(4, s.miniBatches());
            assertEquals(8, s.steps().size());
            assertEquals(8, p.optimizerSteps());
            RatioStats first = s.steps().get(0).ratio();
            assertEquals(1.0, first.ratioMin(), 1e-6);
            assertEquals(1.0, first.ratioMax(), 1e-6);
            assertEquals(0, first.clippedLow() + first.clippedHigh());
            long clipped = 0;
            for (int i = 1; i < s.steps().size(); i++) {
                RatioStats r = s.steps().get(i).ratio();
                assertTrue(r.ratioMax() - r.ratioMin() > 1e-3, "mini-batch " + i + " sees the earlier steps");
                clipped += r.clippedLow() + r.clippedHigh();
            }
            assertTrue(clipped > 0, "the clip acts on later mini-batches");
            assertTrue(s.ratio().clipFraction() > 0);
        }
    }

    @Test
    void microBatchesAccumulateToExactlyTheWholeMiniBatch() {
        for (LossAggregation mode : LossAggregation.values()) {
            TrainStepParams step = TrainStepParams.defaults().withTemperature(T).withLossAggregation(mode)
                    .withKlLoss(KlPenalty.LOW_VAR_KL, 0.1).withNllWeight(0.7).withLearningRate(1e-2);
            try (Policy whole = tiny(); Policy micro = tiny()) {
                Tokenizer t = whole.tokenizer();
                for (Policy p : List.of(whole, micro)) {
                    p.freezeReference();
                    // move away from the reference first, so the KL term is not trivially 0
                    new PpoUpdate(p).run(List.of(mixed(t, "Q:3+3\n", "3+3=6", "3+3=7")), settings(1, 1, step));
                }
                List<PpoUpdate.Group> groups = List.of(
                        mixed(t, "Q:1+2\n", "1+2=3", "1+2=4", "C:4 is wrong\nH:1+2=3\n"),
                        allNegative(t, "Q:9*9\n", "9*9=18", "9*9=99\nAnswer: 99"),
                        mixed(t, "Q:7-5\n", "7-5=2\nAnswer: 2", "7-5=3", "C:off by one\n", "H:7-5=2\n"));
                TrainStepResult a = new PpoUpdate(whole).run(groups, settings(3, 1, step.withMicroBatchSize(64)))
                        .steps().get(0);
                TrainStepResult b = new PpoUpdate(micro).run(groups, settings(3, 1, step.withMicroBatchSize(1)))
                        .steps().get(0);
                String what = mode.wireName();
                assertEquals(a.pgLoss(), b.pgLoss(), 1e-6, what);
                assertEquals(a.klLoss(), b.klLoss(), 1e-6, what);
                assertEquals(a.nllLoss(), b.nllLoss(), 1e-5, what);
                assertEquals(a.loss(), b.loss(), 1e-5, what);
                assertEquals(a.gradNorm(), b.gradNorm(), 1e-5 * a.gradNorm(), what);
                assertEquals(a.ratio().tokens(), b.ratio().tokens());
                assertEquals(a.ratio().ratioMax(), b.ratio().ratioMax(), 1e-6);
                List<int[]> prompts = new ArrayList<>();
                List<int[]> completions = new ArrayList<>();
                for (PpoUpdate.Group g : groups) {
                    for (PpoUpdate.Response r : g.responses()) {
                        prompts.add(r.promptIds());
                        completions.add(r.completionIds());
                    }
                }
                List<float[]> afterWhole = whole.sequenceLogprobs(prompts, completions);
                List<float[]> afterMicro = micro.sequenceLogprobs(prompts, completions);
                for (int i = 0; i < afterWhole.size(); i++) {
                    assertArrayEquals(afterWhole.get(i), afterMicro.get(i), 1e-4f, what + " response " + i);
                }
            }
        }
    }

    @Test
    void restoredCheckpointWithTheStartingReferenceContinuesExactly(@TempDir Path dir) {
        TrainStepParams step = TrainStepParams.defaults().withTemperature(T).withKlLoss(KlPenalty.LOW_VAR_KL, 0.5)
                .withLearningRate(1e-2);
        try (Policy original = tiny(); Policy resumed = tiny()) {
            Tokenizer t = original.tokenizer();
            List<PpoUpdate.Group> first = List.of(mixed(t, "Q:1+2\n", "1+2=3", "1+2=4", "C:x\n"),
                    mixed(t, "Q:7-5\n", "7-5=2", "7-5=3"));
            List<PpoUpdate.Group> next = List.of(mixed(t, "Q:4*2\n", "4*2=8", "4*2=6", "H:4*2=8\n"),
                    allNegative(t, "Q:9*9\n", "9*9=18"));
            original.freezeReference();
            new PpoUpdate(original).run(first, settings(1, 1, step));
            Path ckpt = dir.resolve("step-1");
            original.save(ckpt);
            UpdateSummary expected = new PpoUpdate(original).run(next, settings(1, 1, step));

            resumed.freezeReference();
            resumed.restore(ckpt);
            assertEquals(2, resumed.optimizerSteps());
            UpdateSummary again = new PpoUpdate(resumed).run(next, settings(1, 1, step));
            for (int i = 0; i < expected.steps().size(); i++) {
                assertEquals(expected.steps().get(i), again.steps().get(i), "optimizer step " + i);
            }
            List<int[]> prompts = List.of(t.encode("Q:4*2\n"));
            List<int[]> completions = List.of(t.encode("4*2=8"));
            assertArrayEquals(original.sequenceLogprobs(prompts, completions).get(0),
                    resumed.sequenceLogprobs(prompts, completions).get(0), 0f);
            assertArrayEquals(original.referenceLogprobs(prompts, completions, T, 4).get(0),
                    resumed.referenceLogprobs(prompts, completions, T, 4).get(0), 0f);
        }
    }

    @Test
    void checkpointOfAnotherModelIsRefusedNamingItsConfig(@TempDir Path dir) {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        try (Policy other = Policies.random(Qwen2Config.of(tok.vocabSize(), 16, 32, 1, 2, 1, true, tok.eosId(),
                tok.padId()), tok, 1, DeviceChoice.CPU); Policy p = tiny()) {
            other.save(dir);
            BadInputException e = assertThrows(BadInputException.class, () -> p.restore(dir));
            assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        }
    }

    @Test
    void klLossWithoutAFrozenReferenceIsRefused() {
        try (Policy p = tiny()) {
            Tokenizer t = p.tokenizer();
            TrainStepParams step = TrainStepParams.defaults().withKlLoss(KlPenalty.KL, 0.01);
            assertThrows(IllegalStateException.class, () -> new PpoUpdate(p)
                    .run(List.of(mixed(t, "Q:1+2\n", "1+2=3", "1+2=4")), settings(1, 1, step)));
        }
    }
}
