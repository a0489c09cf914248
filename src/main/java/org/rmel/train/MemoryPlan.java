package org.rmel.train;

import org.rmel.model.MemoryEstimate;
import org.rmel.model.Precision;
import org.rmel.model.Qwen2Config;

/**
 * The sizes of one training step of a run's settings, for {@link MemoryEstimate}: how many
 * sequences are sampled together and how long they get, and how many sequences of what length
 * one forward/backward micro-batch holds.
 */
public final class MemoryPlan {
    /** Tokens a MEL meta-experience adds to its context (critique and heuristic, capped when generated). */
    static final int EXPERIENCE_TOKENS = 256;

    private MemoryPlan() {
    }

    /**
     * @param longestPrompt the longest rollout prompt in tokens
     */
    public static MemoryEstimate.Workload workload(TrainSettings s, Qwen2Config config, Precision precision,
            int longestPrompt) {
        int newTokens = s.integer("max_new_tokens");
        int rows = Math.min(s.integer("sampling_micro_batch_size"), s.integer("prompts_per_step") * s.integer("k"));
        // the longest training sequence: a MEL context [x, y+, y-] with its meta-experience
        int trainTokens = longestPrompt + 2 * newTokens + EXPERIENCE_TOKENS;
        int trainRows = trainRows(s, trainTokens);
        boolean kl = flag(s, "use_kl_loss");
        // rollouts: the prompts; revisions: prompts that hold up to the largest τ of a response.
        // The larger of the two counts.
        MemoryEstimate.Workload rollouts = new MemoryEstimate.Workload(rows, longestPrompt, newTokens,
                trainRows, trainTokens, kl);
        double maxTau = s.doubleList("tau_schedule").stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int revisionPrompt = longestPrompt + (int) Math.ceil(maxTau * newTokens);
        MemoryEstimate.Workload revisions = new MemoryEstimate.Workload(rows, revisionPrompt, newTokens,
                trainRows, trainTokens, kl);
        return sampling(config, precision, revisions) > sampling(config, precision, rollouts) ? revisions : rollouts;
    }

    private static long sampling(Qwen2Config config, Precision precision, MemoryEstimate.Workload w) {
        MemoryEstimate e = MemoryEstimate.of(config, precision, w);
        return e.kvCache() + e.samplingActivations();
    }

    /** Sequences per forward/backward pass ({@code micro_batch_size}). */
    static int trainRows(TrainSettings s, int trainTokens) {
        return s.integer("micro_batch_size");
    }

    private static boolean flag(TrainSettings s, String key) {
        return Boolean.TRUE.equals(s.get(key));
    }
}
