package org.rmel.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The policy update of one training step, with the semantics of VERL's PPO actor
 * ({@code dp_actor.update_policy}): the step's batch is split into PPO mini-batches of
 * {@code miniBatchGroups} prompts (each with all its responses, so K responses per prompt, more
 * for a group that gained extra rollouts or a revision), in batch order, without shuffling;
 * every mini-batch gets one optimizer step, {@code epochs} passes over the mini-batches. The old
 * log-probabilities (π_old, the policy that sampled the batch) and the reference
 * log-probabilities are computed for the whole batch before the first optimizer step, at the
 * sampling temperature, so the first mini-batch sees ratio 1 and later ones see the ratio the
 * earlier steps made — where clipping acts.
 *
 * <p>MEL's NLL targets travel with the prompt they were built from: each one is in its prompt's
 * mini-batch. A response without tokens has nothing to train and is left out.
 */
public final class PpoUpdate {

    /** One sampled response and its GRPO advantage (0 for all-correct and all-wrong groups). */
    public record Response(int[] promptIds, int[] completionIds, double advantage) {}

    /** One prompt's share of the batch: every response (zero-advantage ones too) and its NLL targets. */
    public record Group(List<Response> responses, List<NllSample> nll) {}

    /**
     * @param miniBatchGroups prompts per PPO mini-batch (VERL's {@code ppo_mini_batch_size})
     * @param epochs passes over the mini-batches (VERL's {@code ppo_epochs})
     * @param step the loss and optimizer settings of each mini-batch's step
     */
    public record Settings(int miniBatchGroups, int epochs, TrainStepParams step) {
        public Settings {
            if (miniBatchGroups < 1 || epochs < 1) {
                throw new IllegalArgumentException("mini-batch size and epochs must be >= 1, got "
                        + miniBatchGroups + " and " + epochs);
            }
        }
    }

    private final Policy policy;

    public PpoUpdate(Policy policy) {
        this.policy = policy;
    }

    /** Runs the update; an empty batch (no response tokens, no NLL target) makes no step. */
    public UpdateSummary run(List<Group> groups, Settings s) {
        TrainStepParams p = s.step();
        if (p.useKlLoss() && !policy.hasReference()) {
            throw new IllegalStateException("the KL loss is on but the policy has no frozen reference");
        }
        List<MiniBatch> miniBatches = new ArrayList<>();
        for (int start = 0; start < groups.size(); start += s.miniBatchGroups()) {
            MiniBatch mb = miniBatch(groups.subList(start, Math.min(groups.size(), start + s.miniBatchGroups())), p);
            if (!mb.pg().isEmpty() || !mb.nll().isEmpty()) {
                miniBatches.add(mb);
            }
        }
        List<TrainStepResult> steps = new ArrayList<>();
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (MiniBatch mb : miniBatches) {
                steps.add(policy.trainStep(mb.pg(), mb.nll(), p));
            }
        }
        return new UpdateSummary(steps, miniBatches.size());
    }

    private record MiniBatch(List<PolicyGradientSample> pg, List<NllSample> nll) {}

    /** The mini-batch's samples with π_old's (and π_ref's) log-probabilities, before any update. */
    private MiniBatch miniBatch(List<Group> groups, TrainStepParams p) {
        List<Response> responses = new ArrayList<>();
        List<NllSample> nll = new ArrayList<>();
        for (Group g : groups) {
            for (Response r : g.responses()) {
                if (r.completionIds().length > 0) {
                    responses.add(r);
                }
            }
            nll.addAll(g.nll());
        }
        List<int[]> prompts = responses.stream().map(Response::promptIds).toList();
        List<int[]> completions = responses.stream().map(Response::completionIds).toList();
        List<float[]> old = responses.isEmpty() ? List.of()
                : policy.sequenceLogprobs(prompts, completions, p.temperature(), p.microBatchSize());
        List<float[]> ref = responses.isEmpty() || !p.useKlLoss() ? null
                : policy.referenceLogprobs(prompts, completions, p.temperature(), p.microBatchSize());
        List<PolicyGradientSample> pg = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            Response r = responses.get(i);
            pg.add(new PolicyGradientSample(r.promptIds(), r.completionIds(), old.get(i), ref == null ? null : ref.get(i),
                    r.advantage()));
        }
        return new MiniBatch(pg, nll);
    }
}
