package org.rmel.model;

/**
 * Settings of one optimisation step on one PPO mini-batch: the loss (VERL's clipped policy
 * loss with dual clip, optional KL loss to a frozen reference, MEL's NLL term) and AdamW with
 * global gradient-norm clipping.
 *
 * @param learningRate AdamW step size
 * @param weightDecay decoupled weight decay (applied to matrices, not to norms and biases)
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param gradClip maximum global gradient norm; 0 or less disables clipping
 * @param clipRatioLow the ratio is clipped below at 1 − this (VERL {@code clip_ratio_low})
 * @param clipRatioHigh the ratio is clipped above at 1 + this (VERL {@code clip_ratio_high})
 * @param clipRatioC dual clip: for a negative advantage the token loss is at most −A·c
 *     (VERL {@code clip_ratio_c}, > 1); 0 turns the dual clip off
 * @param lossAggregation how token losses of the mini-batch become one number (for the policy
 *     loss, the KL loss and, over its own tokens, the NLL term)
 * @param useKlLoss add {@code klCoef} × KL(π_θ ‖ π_ref) to the loss; every policy-gradient
 *     sample then needs reference log-probabilities
 * @param klPenalty the per-token KL estimate
 * @param klCoef weight of the KL loss
 * @param nllWeight weight of the NLL term added to the policy-gradient loss
 * @param temperature log-probabilities are those of logits / temperature (the sampling temperature)
 * @param microBatchSize sequences per forward/backward pass; gradients are accumulated over the
 *     micro-batches, which changes memory, not the result
 */
public record TrainStepParams(
        double learningRate,
        double weightDecay,
        double beta1,
        double beta2,
        double gradClip,
        double clipRatioLow,
        double clipRatioHigh,
        double clipRatioC,
        LossAggregation lossAggregation,
        boolean useKlLoss,
        KlPenalty klPenalty,
        double klCoef,
        double nllWeight,
        double temperature,
        int microBatchSize) {

    public TrainStepParams {
        if (!(clipRatioLow >= 0 && clipRatioLow < 1) || !(clipRatioHigh >= 0)) {
            throw new IllegalArgumentException("clip ratios must be in [0, 1) below and >= 0 above, got "
                    + clipRatioLow + " and " + clipRatioHigh);
        }
        if (clipRatioC != 0 && !(clipRatioC > 1)) {
            throw new IllegalArgumentException("dual-clip constant must be > 1 (or 0 for off), got " + clipRatioC);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (microBatchSize < 1) {
            throw new IllegalArgumentException("micro-batch size must be >= 1, got " + microBatchSize);
        }
        if (lossAggregation == null || klPenalty == null) {
            throw new IllegalArgumentException("loss aggregation and KL type must be given");
        }
    }

    /**
     * lr 1e-3, no weight decay, betas (0.9, 0.999), gradient clip 1.0, clip ratios 0.2 / 0.2,
     * dual clip 3.0, token-mean, no KL loss (low_var_kl, 0.001 when turned on), NLL weight 1,
     * temperature 1, 64 sequences per micro-batch.
     */
    public static TrainStepParams defaults() {
        return new TrainStepParams(1e-3, 0.0, 0.9, 0.999, 1.0, 0.2, 0.2, 3.0, LossAggregation.TOKEN_MEAN,
                false, KlPenalty.LOW_VAR_KL, 0.001, 1.0, 1.0, 64);
    }

    public TrainStepParams withLearningRate(double lr) {
        return new TrainStepParams(lr, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh, clipRatioC,
                lossAggregation, useKlLoss, klPenalty, klCoef, nllWeight, temperature, microBatchSize);
    }

    public TrainStepParams withWeightDecay(double wd) {
        return new TrainStepParams(learningRate, wd, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh, clipRatioC,
                lossAggregation, useKlLoss, klPenalty, klCoef, nllWeight, temperature, microBatchSize);
    }

    public TrainStepParams withGradClip(double clip) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, clip, clipRatioLow, clipRatioHigh, clipRatioC,
                lossAggregation, useKlLoss, klPenalty, klCoef, nllWeight, temperature, microBatchSize);
    }

    public TrainStepParams withClipRatios(double low, double high, double c) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, low, high, c,
                lossAggregation, useKlLoss, klPenalty, klCoef, nllWeight, temperature, microBatchSize);
    }

    public TrainStepParams withLossAggregation(LossAggregation mode) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh,
                clipRatioC, mode, useKlLoss, klPenalty, klCoef, nllWeight, temperature, microBatchSize);
    }

    /** Turns the KL loss on with this estimate and weight. */
    public TrainStepParams withKlLoss(KlPenalty type, double coef) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh,
                clipRatioC, lossAggregation, true, type, coef, nllWeight, temperature, microBatchSize);
    }

    public TrainStepParams withoutKlLoss() {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh,
                clipRatioC, lossAggregation, false, klPenalty, klCoef, nllWeight, temperature, microBatchSize);
    }

    public TrainStepParams withNllWeight(double w) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh,
                clipRatioC, lossAggregation, useKlLoss, klPenalty, klCoef, w, temperature, microBatchSize);
    }

    public TrainStepParams withTemperature(double t) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh,
                clipRatioC, lossAggregation, useKlLoss, klPenalty, klCoef, nllWeight, t, microBatchSize);
    }

    public TrainStepParams withMicroBatchSize(int sequences) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipRatioLow, clipRatioHigh,
                clipRatioC, lossAggregation, useKlLoss, klPenalty, klCoef, nllWeight, temperature, sequences);
    }
}
