package org.rmel.model;

/**
 * Settings of one optimisation step (AdamW with global gradient-norm clipping).
 *
 * @param learningRate AdamW step size
 * @param weightDecay decoupled weight decay (applied to matrices, not to norms and biases)
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param gradClip maximum global gradient norm; 0 or less disables clipping
 * @param clipEpsilon PPO ratio clip range (0.2 in the paper)
 * @param nllWeight weight of the NLL term added to the policy-gradient loss
 * @param microBatchTokens sequences are processed in chunks of about this many tokens, with
 *     gradients accumulated, to bound memory
 */
public record TrainStepParams(
        double learningRate,
        double weightDecay,
        double beta1,
        double beta2,
        double gradClip,
        double clipEpsilon,
        double nllWeight,
        int microBatchTokens) {

    public static TrainStepParams defaults() {
        return new TrainStepParams(1e-3, 0.0, 0.9, 0.999, 1.0, 0.2, 1.0, 16384);
    }

    public TrainStepParams withLearningRate(double lr) {
        return new TrainStepParams(lr, weightDecay, beta1, beta2, gradClip, clipEpsilon, nllWeight, microBatchTokens);
    }

    public TrainStepParams withWeightDecay(double wd) {
        return new TrainStepParams(learningRate, wd, beta1, beta2, gradClip, clipEpsilon, nllWeight, microBatchTokens);
    }

    public TrainStepParams withNllWeight(double w) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipEpsilon, w, microBatchTokens);
    }

    public TrainStepParams withGradClip(double clip) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, clip, clipEpsilon, nllWeight, microBatchTokens);
    }

    public TrainStepParams withMicroBatchTokens(int tokens) {
        return new TrainStepParams(learningRate, weightDecay, beta1, beta2, gradClip, clipEpsilon, nllWeight, tokens);
    }
}
