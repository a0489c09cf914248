package org.rmel.model;

/**
 * What one optimisation step did.
 *
 * @param loss total loss = pgLoss + nllWeight * nllLoss
 * @param pgLoss clipped policy-gradient loss, mean over completion tokens (0 with no samples)
 * @param nllLoss NLL, mean over target tokens (0 with no samples)
 * @param gradNorm global gradient norm before clipping
 * @param pgTokens completion tokens in the policy-gradient term
 * @param nllTokens target tokens in the NLL term
 * @param clipFraction share of completion tokens whose ratio was clipped
 */
public record TrainStepResult(
        double loss, double pgLoss, double nllLoss, double gradNorm, int pgTokens, int nllTokens, double clipFraction) {}
