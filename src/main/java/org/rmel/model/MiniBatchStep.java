package org.rmel.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * One optimizer step on one PPO mini-batch, with VERL's loss: per response token, with
 * ρ = exp(clamp(log π_θ − log π_old, −20, 20)) and the response's advantage A,
 *
 * <pre>
 *   ℓ = max(−A·ρ, −A·clip(ρ, 1 − clip_ratio_low, 1 + clip_ratio_high))
 *   ℓ = min(ℓ, −A·clip_ratio_c)            for A &lt; 0 (dual clip; skipped when clip_ratio_c = 0)
 *   loss = agg(ℓ) + kl_coef · agg(kl(log π_θ, log π_ref)) + nll_weight · agg_nll(−log π_θ)
 * </pre>
 *
 * where agg is the {@link LossAggregation} over every response token of the mini-batch and
 * agg_nll the same mode over the NLL targets' tokens. Log-probabilities of the responses are
 * those of logits / temperature; the NLL term is at temperature 1 (supervised likelihood of the
 * meta-experience text). The mini-batch is processed in micro-batches of
 * {@code microBatchSize} sequences (responses first, NLL targets after), each token weighted by
 * its mini-batch-wide aggregation weight, so the accumulated gradient is the whole mini-batch's.
 * A non-finite gradient norm skips the update (VERL's behaviour), as does a non-finite loss; the
 * skip is reported, not thrown.
 */
final class MiniBatchStep {
    /** VERL clamps the log-ratio to this range before exponentiating. */
    static final double LOG_RATIO_CLAMP = 20;

    private final Qwen2Model model;
    private final AdamW optimizer;
    private final int padId;

    MiniBatchStep(Qwen2Model model, AdamW optimizer, int padId) {
        this.model = model;
        this.optimizer = optimizer;
        this.padId = padId;
    }

    private record PolicyPart(double pgLoss, double klLoss, RatioStats stats) {}

    TrainStepResult run(List<PolicyGradientSample> pg, List<NllSample> nll, TrainStepParams p) {
        if (pg.isEmpty() && nll.isEmpty()) {
            throw new IllegalArgumentException("a training step needs at least one sample");
        }
        if (p.useKlLoss()) {
            for (int i = 0; i < pg.size(); i++) {
                if (pg.get(i).refLogprobs() == null) {
                    throw new IllegalArgumentException("the KL loss is on but policy-gradient sample " + i
                            + " has no reference log-probabilities");
                }
            }
        }
        double[] pgWeights = p.lossAggregation().tokenWeights(pg.stream().mapToInt(s -> s.completionIds().length).toArray());
        int[] nllLengths = nll.stream().mapToInt(s -> s.targetIds().length).toArray();
        double[] nllWeights = p.lossAggregation().tokenWeights(nllLengths);
        long nllTokens = 0;
        for (int l : nllLengths) {
            nllTokens += l;
        }
        double pgLoss = 0;
        double klLoss = 0;
        double nllLoss = 0;
        RatioStats stats = RatioStats.EMPTY;
        int micro = p.microBatchSize();
        try {
            for (int start = 0; start < pg.size(); start += micro) {
                int end = Math.min(pg.size(), start + micro);
                PolicyPart part = policyPart(pg.subList(start, end), slice(pgWeights, start, end), p);
                pgLoss += part.pgLoss();
                klLoss += part.klLoss();
                stats = stats.plus(part.stats());
            }
            for (int start = 0; start < nll.size(); start += micro) {
                int end = Math.min(nll.size(), start + micro);
                nllLoss += nllPart(nll.subList(start, end), slice(nllWeights, start, end), p.nllWeight());
            }
            double norm = optimizer.gradNorm();
            double total = pgLoss + (p.useKlLoss() ? p.klCoef() * klLoss : 0) + p.nllWeight() * nllLoss;
            // VERL skips on a non-finite gradient norm; a non-finite loss with a finite gradient (a
            // NaN log-ratio, whose clamp passes no gradient) is as broken, so it skips too
            boolean skipped = !Double.isFinite(norm) || !Double.isFinite(total);
            if (skipped) {
                optimizer.zeroGradients();
            } else {
                optimizer.step(p, norm);
            }
            return new TrainStepResult(total, pgLoss, p.useKlLoss() ? klLoss : Double.NaN, nllLoss, norm, skipped,
                    pg.size(), nll.size(), nllTokens, stats);
        } catch (RuntimeException e) {
            optimizer.zeroGradients();
            throw e;
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /** Forward and backward of the policy (and KL) loss of one micro-batch; returns its weighted sums. */
    private PolicyPart policyPart(List<PolicyGradientSample> chunk, double[] weights, TrainStepParams p) {
        SequenceBatch batch = new SequenceBatch(chunk.stream().map(PolicyGradientSample::promptIds).toList(),
                chunk.stream().map(PolicyGradientSample::completionIds).toList(), padId);
        float[] mask = batch.perTarget((r, k) -> 1f);
        float[] advantage = batch.perTarget((r, k) -> (float) chunk.get(r).advantage());
        float[] minusAdvantage = batch.perTarget((r, k) -> (float) -chunk.get(r).advantage());
        float[] negative = batch.perTarget((r, k) -> chunk.get(r).advantage() < 0 ? 1f : 0f);
        float[] old = batch.perTarget((r, k) -> chunk.get(r).oldLogprobs()[k]);
        float[] weight = batch.perTarget((r, k) -> (float) weights[r]);
        Shape shape = new Shape(batch.rows(), batch.width());
        try (NDManager m = model.manager().newSubManager();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray logp = batch.nextTokenLogprobs(m, model, p.temperature());
            NDArray inResponse = m.create(mask, shape);
            NDArray logRatio = logp.sub(m.create(old, shape)).clip(-LOG_RATIO_CLAMP, LOG_RATIO_CLAMP).mul(inResponse);
            NDArray ratio = logRatio.exp();
            NDArray minusA = m.create(minusAdvantage, shape);
            NDArray unclipped = ratio.mul(minusA);
            NDArray clipped = ratio.clip(1 - p.clipRatioLow(), 1 + p.clipRatioHigh()).mul(minusA);
            NDArray token = NDArrays.maximum(unclipped, clipped);
            if (p.clipRatioC() > 0) {
                NDArray dual = NDArrays.minimum(token, minusA.mul(p.clipRatioC()));
                token = token.add(dual.sub(token).mul(m.create(negative, shape)));
            }
            NDArray w = m.create(weight, shape);
            NDArray pgPart = token.mul(w).sum();
            NDArray loss = pgPart;
            double kl = 0;
            if (p.useKlLoss()) {
                float[] ref = batch.perTarget((r, k) -> chunk.get(r).refLogprobs()[k]);
                NDArray klPart = p.klPenalty().perToken(logp, m.create(ref, shape)).mul(inResponse).mul(w).sum();
                loss = loss.add(Scalars.times(klPart, p.klCoef()));
                kl = klPart.getFloat();
            }
            gc.backward(loss);
            return new PolicyPart(pgPart.getFloat(), kl, stats(batch, logRatio.toFloatArray(), advantage, p));
        }
    }

    /** The ratio diagnostics of one micro-batch, from the clamped log-ratios brought to the host. */
    private static RatioStats stats(SequenceBatch batch, float[] logRatio, float[] advantage, TrainStepParams p) {
        long tokens = 0;
        long zero = 0;
        long low = 0;
        long high = 0;
        long dual = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double oldMinusNew = 0;
        int w = batch.width();
        for (int r = 0; r < batch.rows(); r++) {
            int first = batch.firstTargetColumn(r);
            for (int k = 0; k < batch.targets.get(r).length; k++) {
                int i = r * w + first + k;
                double ratio = Math.exp(logRatio[i]);
                double a = advantage[i];
                tokens++;
                zero += a == 0 ? 1 : 0;
                low += a < 0 && ratio < 1 - p.clipRatioLow() ? 1 : 0;
                high += a > 0 && ratio > 1 + p.clipRatioHigh() ? 1 : 0;
                dual += p.clipRatioC() > 0 && a < 0 && ratio > p.clipRatioC() ? 1 : 0;
                sum += ratio;
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
                oldMinusNew -= logRatio[i];
            }
        }
        return new RatioStats(tokens, zero, low, high, dual, sum, min, max, oldMinusNew);
    }

    /** Forward and backward of the NLL term of one micro-batch; returns its aggregated NLL (unweighted). */
    private double nllPart(List<NllSample> chunk, double[] weights, double nllWeight) {
        SequenceBatch batch = new SequenceBatch(chunk.stream().map(NllSample::contextIds).toList(),
                chunk.stream().map(NllSample::targetIds).toList(), padId);
        float[] weight = batch.perTarget((r, k) -> (float) weights[r]);
        Shape shape = new Shape(batch.rows(), batch.width());
        try (NDManager m = model.manager().newSubManager();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray nll = batch.nextTokenLogprobs(m, model).neg().mul(m.create(weight, shape)).sum();
            gc.backward(Scalars.times(nll, nllWeight));
            return nll.getFloat();
        }
    }

    private static double[] slice(double[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
