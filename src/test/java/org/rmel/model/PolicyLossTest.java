package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy update's loss against hand computations: every expected value below is computed
 * in this file from the formulas as VERL writes them ({@code core_algos.compute_policy_loss},
 * {@code agg_loss}, {@code kl_penalty}), on log-probabilities scored by the real model (a tiny
 * Qwen2 on the CPU), and compared with what {@link Policy#trainStep} reports.
 */
class PolicyLossTest {

    private static final double T = 0.8;

    private static Policy tiny() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        return Policies.random(Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()),
                tok, 3, DeviceChoice.CPU);
    }

    /** VERL's clipped token loss with dual clip and the ±20 log-ratio clamp, as the formula reads. */
    private static double tokenLoss(double logp, double old, double a, double low, double high, double c) {
        double logRatio = Math.max(-20, Math.min(20, logp - old));
        double r = Math.exp(logRatio);
        double loss = Math.max(-a * r, -a * Math.max(1 - low, Math.min(1 + high, r)));
        if (c > 0 && a < 0) {
            loss = Math.min(loss, -a * c);
        }
        return loss;
    }

    /** A response: its tokens, the model's log-probs at T, the shifts making old = now − shift, and A. */
    private record Response(int[] prompt, int[] completion, float[] now, float[] old, double advantage) {
        double ratio(int k) {
            return Math.exp(Math.max(-20, Math.min(20, (double) now[k] - old[k])));
        }
    }

    private static List<Response> responses(Policy p, double[][] shifts) {
        Tokenizer t = p.tokenizer();
        String[][] text = {{"Q:1+2\n", "1+2=3\n"}, {"Q:9-4\n", "9-4="}, {"Q:3*3\n", "3*3=9"}};
        double[] advantages = {1.2, -0.8, 0.0};
        List<Response> out = new ArrayList<>();
        for (int i = 0; i < text.length; i++) {
            int[] prompt = t.encode(text[i][0]);
            int[] completion = t.encode(text[i][1]);
            float[] now = p.sequenceLogprobs(List.of(prompt), List.of(completion), T, 64).get(0);
            float[] old = new float[now.length];
            for (int k = 0; k < now.length; k++) {
                old[k] = (float) (now[k] - shifts[i][k]);
            }
            out.add(new Response(prompt, completion, now, old, advantages[i]));
        }
        return out;
    }

    /** Shifts that put ratios inside the clip range and past each bound, and one past the dual clip. */
    private static final double[][] SHIFTS = {
        {0, 0.1, 0.3, -0.5, 0.15, -0.1},   // A > 0: e^0.3 = 1.35 is clipped above; e^-0.5 = 0.61 is not
        {-0.5, 0.5, 1.5, 0.0},             // A < 0: 0.61 clipped below; 1.65 unclipped; 4.48 past c = 3
        {0.2, -0.3, 0.4, 0.0, 1.0}};       // A = 0: no loss, but its tokens count

    private static List<PolicyGradientSample> samples(List<Response> rs) {
        return rs.stream().map(r -> new PolicyGradientSample(r.prompt(), r.completion(), r.old(), r.advantage())).toList();
    }

    @Test
    void eachLossAggregationModeMatchesTheFormula() {
        double low = 0.2;
        double high = 0.2;
        double c = 3.0;
        for (LossAggregation mode : LossAggregation.values()) {
            try (Policy p = tiny()) {
                List<Response> rs = responses(p, SHIFTS);
                double tokenSum = 0;
                int tokens = 0;
                double seqSums = 0;
                double seqMeans = 0;
                for (Response r : rs) {
                    double s = 0;
                    for (int k = 0; k < r.now().length; k++) {
                        s += tokenLoss(r.now()[k], r.old()[k], r.advantage(), low, high, c);
                    }
                    tokenSum += s;
                    tokens += r.now().length;
                    seqSums += s;
                    seqMeans += s / r.now().length;
                }
                double expected = switch (mode) {
                    case TOKEN_MEAN -> tokenSum / tokens;
                    case SEQ_MEAN_TOKEN_SUM -> seqSums / rs.size();
                    case SEQ_MEAN_TOKEN_MEAN -> seqMeans / rs.size();
                };
                TrainStepResult result = p.trainStep(samples(rs), List.of(), TrainStepParams.defaults()
                        .withTemperature(T).withLossAggregation(mode).withClipRatios(low, high, c));
                assertEquals(expected, result.pgLoss(), 1e-5, mode.wireName());
                assertEquals(expected, result.loss(), 1e-5, mode.wireName());
                assertEquals(tokens, result.pgTokens());
                assertFalse(result.skipped());
            }
        }
    }

    @Test
    void clipFractionsRatioStatisticsAndPpoKlMatchTheirDefinitions() {
        double low = 0.2;
        double high = 0.25;
        double c = 3.0;
        try (Policy p = tiny()) {
            List<Response> rs = responses(p, SHIFTS);
            int tokens = 0;
            int clipLow = 0;
            int clipHigh = 0;
            int dual = 0;
            int zero = 0;
            double ratioSum = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            double kl = 0;
            for (Response r : rs) {
                for (int k = 0; k < r.now().length; k++) {
                    double ratio = r.ratio(k);
                    double a = r.advantage();
                    tokens++;
                    // VERL: pg_clipfrac counts tokens where −A·clip(ρ) > −A·ρ; pg_clipfrac_lower where the dual clip binds
                    clipLow += -a * Math.max(1 - low, Math.min(1 + high, ratio)) > -a * ratio && a < 0 ? 1 : 0;
                    clipHigh += -a * Math.max(1 - low, Math.min(1 + high, ratio)) > -a * ratio && a > 0 ? 1 : 0;
                    dual += a < 0 && Math.max(-a * ratio, -a * Math.max(1 - low, Math.min(1 + high, ratio))) > -a * c ? 1 : 0;
                    zero += a == 0 ? 1 : 0;
                    ratioSum += ratio;
                    min = Math.min(min, ratio);
                    max = Math.max(max, ratio);
                    kl += (double) r.old()[k] - r.now()[k];
                }
            }
            assertTrue(clipLow > 0 && clipHigh > 0 && dual > 0, "the case exercises every clip");
            TrainStepResult result = p.trainStep(samples(rs), List.of(),
                    TrainStepParams.defaults().withTemperature(T).withClipRatios(low, high, c));
            RatioStats s = result.ratio();
            assertEquals(clipLow / (double) tokens, s.clipFractionLow(), 1e-12);
            assertEquals(clipHigh / (double) tokens, s.clipFractionHigh(), 1e-12);
            assertEquals((clipLow + clipHigh) / (double) tokens, result.clipFraction(), 1e-12);
            assertEquals(dual / (double) tokens, s.clipFractionDual(), 1e-12);
            assertEquals(zero / (double) tokens, s.zeroAdvantageFraction(), 1e-12);
            assertEquals(ratioSum / tokens, s.ratioMean(), 1e-5);
            assertEquals(min, s.ratioMin(), 1e-5);
            assertEquals(max, s.ratioMax(), 1e-5);
            assertEquals(kl / tokens, s.ppoKl(), 1e-5);
        }
    }

    @Test
    void dualClipCapsTheLossOfNegativeAdvantagesAndOffRestoresTheClippedObjective() {
        for (double c : new double[] {3.0, 0.0}) {
            try (Policy p = tiny()) {
                List<Response> rs = responses(p, SHIFTS);
                double sum = 0;
                int tokens = 0;
                for (Response r : rs) {
                    for (int k = 0; k < r.now().length; k++) {
                        sum += tokenLoss(r.now()[k], r.old()[k], r.advantage(), 0.2, 0.2, c);
                        tokens++;
                    }
                }
                TrainStepResult result = p.trainStep(samples(rs), List.of(),
                        TrainStepParams.defaults().withTemperature(T).withClipRatios(0.2, 0.2, c));
                assertEquals(sum / tokens, result.pgLoss(), 1e-5, "c = " + c);
                // the response with A = −0.8 has a token at ρ = e^1.5: capped at 0.8 · 3 with the dual clip
                Response neg = rs.get(1);
                double capped = -neg.advantage() * 3.0;
                double uncapped = -neg.advantage() * neg.ratio(2);
                assertTrue(uncapped > capped + 1);
                if (c == 0) {
                    assertEquals(0, result.ratio().clippedDual());
                }
            }
        }
    }

    @Test
    void logRatioIsClampedAtTwentyBeforeExponentiating() {
        try (Policy p = tiny()) {
            double[][] shifts = {{0, 0, 0, 0, 0, 0}, {25, 0, 0, 0}, {0, 0, 0, 0, 0}};
            List<Response> rs = responses(p, shifts);
            double sum = 0;
            int tokens = 0;
            for (Response r : rs) {
                for (int k = 0; k < r.now().length; k++) {
                    sum += tokenLoss(r.now()[k], r.old()[k], r.advantage(), 0.2, 0.2, 0);
                    tokens++;
                }
            }
            TrainStepResult result = p.trainStep(samples(rs), List.of(),
                    TrainStepParams.defaults().withTemperature(T).withClipRatios(0.2, 0.2, 0));
            assertEquals(0.8 * Math.exp(20) / tokens, sum / tokens, 1e-3 * sum / tokens);
            assertEquals(sum / tokens, result.pgLoss(), 1e-5 * sum / tokens);
            assertEquals(Math.exp(20), result.ratio().ratioMax(), 1e-4 * Math.exp(20));
        }
    }

    /** VERL's kl_penalty for log-probs logp (policy) and ref, as the formulas read. */
    private static double kl(KlPenalty type, double logp, double ref) {
        return switch (type) {
            case KL -> logp - ref;
            case ABS -> Math.abs(logp - ref);
            case MSE -> 0.5 * (logp - ref) * (logp - ref);
            case LOW_VAR_KL -> {
                double d = Math.max(-20, Math.min(20, ref - logp));
                yield Math.max(-10, Math.min(10, Math.exp(d) - d - 1));
            }
        };
    }

    @Test
    void eachKlTypeMatchesItsFormulaIncludingTheLowVarianceClamps() {
        // ref − logp per token: ordinary values, one past the k3 clamp at 10 (e^3 − 4 = 16.1) and
        // one past the ±20 clamp of the log-ratio inside k3
        double[][] refOffsets = {{0.3, -0.2, 3.0, 0.0, 0.1, -0.4}, {-25, 0.05, 0.2, -1.0}, {0.5, 0, 0, 1.5, -0.3}};
        double coef = 0.05;
        for (LossAggregation mode : List.of(LossAggregation.TOKEN_MEAN, LossAggregation.SEQ_MEAN_TOKEN_SUM)) {
            for (KlPenalty type : KlPenalty.values()) {
                try (Policy p = tiny()) {
                    List<Response> rs = responses(p, new double[][] {new double[6], new double[4], new double[5]});
                    List<PolicyGradientSample> samples = new ArrayList<>();
                    double tokenSum = 0;
                    double seqSum = 0;
                    int tokens = 0;
                    for (int i = 0; i < rs.size(); i++) {
                        Response r = rs.get(i);
                        float[] ref = new float[r.now().length];
                        double s = 0;
                        for (int k = 0; k < ref.length; k++) {
                            ref[k] = (float) (r.now()[k] + refOffsets[i][k]);
                            s += kl(type, r.now()[k], ref[k]);
                        }
                        tokenSum += s;
                        seqSum += s;
                        tokens += ref.length;
                        samples.add(new PolicyGradientSample(r.prompt(), r.completion(), r.old(), ref, r.advantage()));
                    }
                    double expected = mode == LossAggregation.TOKEN_MEAN ? tokenSum / tokens : seqSum / rs.size();
                    TrainStepResult result = p.trainStep(samples, List.of(), TrainStepParams.defaults()
                            .withTemperature(T).withLossAggregation(mode).withKlLoss(type, coef));
                    String what = type.wireName() + " " + mode.wireName();
                    assertEquals(expected, result.klLoss(), 1e-4 * Math.max(1, Math.abs(expected)), what);
                    // old = now: every ratio is 1, so the policy loss is −A aggregated
                    assertEquals(result.pgLoss() + coef * result.klLoss(), result.loss(), 1e-6, what);
                }
            }
        }
    }

    @Test
    void klLossNeedsReferenceLogprobs() {
        try (Policy p = tiny()) {
            List<Response> rs = responses(p, SHIFTS);
            assertThrows(IllegalArgumentException.class, () -> p.trainStep(samples(rs), List.of(),
                    TrainStepParams.defaults().withKlLoss(KlPenalty.LOW_VAR_KL, 0.001)));
        }
    }

    @Test
    void logprobsAtATemperatureAreTheLogSoftmaxOfLogitsOverIt() {
        try (Policy p = tiny()) {
            int[] prompt = p.tokenizer().encode("Q:1+2\n");
            int vocab = p.tokenizer().vocabSize();
            List<int[]> prompts = new ArrayList<>();
            List<int[]> next = new ArrayList<>();
            for (int v = 0; v < vocab; v++) {
                prompts.add(prompt);
                next.add(new int[] {v});
            }
            List<float[]> at1 = p.sequenceLogprobs(prompts, next, 1.0, 7);
            List<float[]> atT = p.sequenceLogprobs(prompts, next, T, 5);
            // log softmax(z / T)_v = (log p1_v + lse(z)) / T − lse(z / T), and the lse terms cancel into
            // −log Σ_u exp(log p1_u / T)
            double lse = 0;
            for (float[] f : at1) {
                lse += Math.exp(f[0] / T);
            }
            lse = Math.log(lse);
            for (int v = 0; v < vocab; v++) {
                assertEquals(at1.get(v)[0] / T - lse, atT.get(v)[0], 1e-4, "token " + v);
            }
        }
    }

    @Test
    void referenceIsTheFrozenStartingPolicy() {
        try (Policy p = tiny()) {
            List<Response> rs = responses(p, new double[][] {new double[6], new double[4], new double[5]});
            List<int[]> prompts = rs.stream().map(Response::prompt).toList();
            List<int[]> completions = rs.stream().map(Response::completion).toList();
            assertFalse(p.hasReference());
            p.freezeReference();
            List<float[]> before = p.sequenceLogprobs(prompts, completions, T, 2);
            for (int i = 0; i < 3; i++) {
                p.trainStep(samples(rs), List.of(), TrainStepParams.defaults().withLearningRate(1e-2).withTemperature(T));
            }
            List<float[]> ref = p.referenceLogprobs(prompts, completions, T, 2);
            List<float[]> after = p.sequenceLogprobs(prompts, completions, T, 2);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), ref.get(i), 0f);
                assertTrue(Math.abs(after.get(i)[0] - before.get(i)[0]) > 1e-4, "the policy moved");
            }
        }
    }

    @Test
    void nonFiniteGradientOrLossSkipsTheStepAndLeavesWeightsAndOptimizerAlone() {
        try (Policy p = tiny()) {
            List<Response> rs = responses(p, SHIFTS);
            List<int[]> prompts = rs.stream().map(Response::prompt).toList();
            List<int[]> completions = rs.stream().map(Response::completion).toList();
            List<float[]> before = p.sequenceLogprobs(prompts, completions);
            Response r = rs.get(0);
            // a NaN advantage makes the gradient NaN; a NaN old log-prob makes the loss NaN (the
            // log-ratio clamp passes no gradient through NaN, so the gradient stays finite)
            float[] nanOld = r.old().clone();
            nanOld[2] = Float.NaN;
            List<PolicyGradientSample> nanGradient = new ArrayList<>(samples(rs));
            nanGradient.set(0, new PolicyGradientSample(r.prompt(), r.completion(), r.old(), Double.NaN));
            List<PolicyGradientSample> nanLoss = new ArrayList<>(samples(rs));
            nanLoss.set(0, new PolicyGradientSample(r.prompt(), r.completion(), nanOld, r.advantage()));
            TrainStepResult badGradient = p.trainStep(nanGradient, List.of(), TrainStepParams.defaults().withTemperature(T));
            assertTrue(badGradient.skipped());
            assertFalse(Double.isFinite(badGradient.gradNorm()));
            TrainStepResult badLoss = p.trainStep(nanLoss, List.of(), TrainStepParams.defaults().withTemperature(T));
            assertTrue(badLoss.skipped());
            assertFalse(Double.isFinite(badLoss.loss()));
            assertEquals(0, p.optimizerSteps());
            List<float[]> unchanged = p.sequenceLogprobs(prompts, completions);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), unchanged.get(i), 0f);
            }
            TrainStepResult good = p.trainStep(samples(rs), List.of(), TrainStepParams.defaults().withTemperature(T));
            assertFalse(good.skipped());
            assertTrue(Double.isFinite(good.gradNorm()) && good.gradNorm() > 0);
            assertEquals(1, p.optimizerSteps());
        }
    }
}
