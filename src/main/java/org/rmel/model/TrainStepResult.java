package org.rmel.model;

/**
 * What one optimisation step (one PPO mini-batch) did.
 *
 * @param loss total loss = pgLoss + klCoef · klLoss + nllWeight · nllLoss
 * @param pgLoss clipped policy loss, aggregated by the step's loss aggregation over every
 *     response token of the mini-batch (0 with no samples)
 * @param klLoss the KL estimate to the reference, aggregated the same way, before its
 *     coefficient (NaN when the KL loss is off)
 * @param nllLoss NLL of the meta-experience targets, aggregated by the same mode over the NLL
 *     tokens (0 with no NLL samples)
 * @param gradNorm global gradient norm before clipping (may be non-finite: see {@code skipped})
 * @param skipped the gradient norm or the loss was not finite, so the parameters and the
 *     optimizer state were left unchanged (the accumulated gradients are dropped)
 * @param pgSequences sequences in the policy-gradient term
 * @param nllSequences sequences in the NLL term
 * @param nllTokens target tokens in the NLL term
 * @param ratio the policy-gradient tokens' ratio diagnostics (token count included)
 */
public record TrainStepResult(double loss, double pgLoss, double klLoss, double nllLoss, double gradNorm,
        boolean skipped, int pgSequences, int nllSequences, long nllTokens, RatioStats ratio) {

    /** Completion tokens in the policy-gradient term. */
    public long pgTokens() {
        return ratio.tokens();
    }

    /** VERL's {@code pg_clipfrac}. */
    public double clipFraction() {
        return ratio.clipFraction();
    }
}
