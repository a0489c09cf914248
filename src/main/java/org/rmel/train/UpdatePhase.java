package org.rmel.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.GrpoAdvantages;
import org.rmel.method.Trajectory;
import org.rmel.model.KlPenalty;
import org.rmel.model.LossAggregation;
import org.rmel.model.NllSample;
import org.rmel.model.PpoUpdate;
import org.rmel.model.RatioStats;
import org.rmel.model.TrainStepParams;
import org.rmel.model.UpdateSummary;

/**
 * The update phase (the paper: GRPO's contrastive objective plus MEL's NLL term on the kept
 * meta-experiences), with the semantics of VERL's PPO actor ({@link PpoUpdate}): GRPO advantages
 * per group; every response of the step goes to the update — those of all-correct and all-wrong
 * groups with advantage 0, so their tokens count in the loss's denominator as in VERL; the batch
 * splits into {@code ppo_mini_batch_size}-prompt mini-batches, one optimizer step each, for
 * {@code ppo_epochs} passes; each kept meta-experience's NLL target goes with its prompt's
 * mini-batch. Counts optimizer steps skipped for a non-finite loss or gradient norm in a row,
 * across steps, for the run's stop rule.
 */
final class UpdatePhase {
    private int skipStreak;

    /** @param skipStreak skipped optimizer steps in a row before this run segment (a checkpoint's) */
    UpdatePhase(int skipStreak) {
        this.skipStreak = skipStreak;
    }

    /** Optimizer steps skipped in a row, up to the last one taken. */
    int skipStreak() {
        return skipStreak;
    }

    void run(StepContext c, List<LiveGroup> groups, List<ReplayPhase.Kept> kept) {
        List<PpoUpdate.Group> batch = batch(groups, kept);
        int responses = 0;
        long tokens = 0;
        for (PpoUpdate.Group g : batch) {
            responses += g.responses().size();
            tokens += g.responses().stream().mapToLong(r -> r.completionIds().length).sum();
        }
        c.metrics.put("update/pg_samples", (double) responses);
        c.metrics.put("update/pg_tokens", (double) tokens);
        c.metrics.put("update/nll_samples", (double) kept.size());
        UpdateSummary s = new PpoUpdate(c.policy).run(batch, settings(c.settings));
        if (s.steps().isEmpty()) {
            c.metrics.put("loss/grpo", Double.NaN);
            c.metrics.put("loss/nll", Double.NaN);
            c.metrics.put("loss/total", Double.NaN);
            c.metrics.put("update/skipped", 1.0);
        } else {
            metrics(c, s);
            int trailing = s.trailingSkips();
            skipStreak = trailing == s.steps().size() ? skipStreak + trailing : trailing;
        }
        c.metrics.put("lr", c.settings.doubleValue("lr"));
        c.metrics.put("tokens/generated", c.metric("tokens/rollout") + c.metric("tokens/revision")
                + c.metric("tokens/extra") + c.metric("tokens/replay"));
        c.clock.lap("update");
    }

    private static void metrics(StepContext c, UpdateSummary s) {
        RatioStats r = s.ratio();
        c.metrics.put("loss/grpo", s.meanPgLoss());
        c.metrics.put("loss/nll", s.meanNllLoss());
        if (c.settings.bool("use_kl_loss")) {
            c.metrics.put("loss/kl", s.meanKlLoss());
            c.metrics.put("update/kl_coef", c.settings.doubleValue("kl_loss_coef"));
        }
        c.metrics.put("loss/total", s.meanLoss());
        c.metrics.put("update/skipped", 0.0);
        c.metrics.put("update/mini_batches", (double) s.miniBatches());
        c.metrics.put("update/optimizer_steps", (double) s.taken());
        c.metrics.put("update/skipped_nonfinite", (double) s.skipped());
        c.metrics.put("update/grad_norm", s.meanGradNorm());
        c.metrics.put("update/grad_norm_max", s.maxGradNorm());
        c.metrics.put("update/clip_frac", r.clipFraction());
        c.metrics.put("update/clip_frac_low", r.clipFractionLow());
        c.metrics.put("update/clip_frac_high", r.clipFractionHigh());
        c.metrics.put("update/clip_frac_dual", r.clipFractionDual());
        c.metrics.put("update/ppo_kl", r.ppoKl());
        c.metrics.put("update/ratio_mean", r.ratioMean());
        c.metrics.put("update/ratio_min", r.tokens() == 0 ? Double.NaN : r.ratioMin());
        c.metrics.put("update/ratio_max", r.tokens() == 0 ? Double.NaN : r.ratioMax());
        c.metrics.put("update/zero_adv_token_frac", r.zeroAdvantageFraction());
    }

    /**
     * Each group with all its responses and their GRPO advantages (computed over the group as it
     * stands after extra rollouts or an accepted revision), and the NLL targets of its kept
     * meta-experiences.
     */
    private static List<PpoUpdate.Group> batch(List<LiveGroup> groups, List<ReplayPhase.Kept> kept) {
        Map<LiveGroup, List<NllSample>> nll = new IdentityHashMap<>();
        for (ReplayPhase.Kept k : kept) {
            nll.computeIfAbsent(k.owner(), g -> new ArrayList<>()).add(k.sample());
        }
        List<PpoUpdate.Group> out = new ArrayList<>();
        for (LiveGroup g : groups) {
            double[] adv = GrpoAdvantages.of(g.group);
            List<Trajectory> ts = g.group.trajectories();
            List<PpoUpdate.Response> responses = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                responses.add(new PpoUpdate.Response(g.promptIds, ts.get(i).tokens(), adv[i]));
            }
            out.add(new PpoUpdate.Group(responses, nll.getOrDefault(g, List.of())));
        }
        return out;
    }

    /** Prompt counts of the PPO mini-batches of one step, in order (the last is smaller when the size does not divide). */
    static List<Integer> miniBatchSizes(TrainSettings s) {
        List<Integer> out = new ArrayList<>();
        int prompts = s.integer("prompts_per_step");
        int size = s.integer("ppo_mini_batch_size");
        for (int start = 0; start < prompts; start += size) {
            out.add(Math.min(size, prompts - start));
        }
        return out;
    }

    /** One line for trainer.log: how the update runs. */
    static String describe(TrainSettings s) {
        List<Integer> sizes = miniBatchSizes(s);
        boolean even = sizes.stream().distinct().count() == 1;
        String kl = s.bool("use_kl_loss") ? "KL loss " + s.string("kl_loss_type") + " x " + s.doubleValue("kl_loss_coef")
                + " to the frozen starting policy" : "no KL loss";
        String dual = s.doubleValue("clip_ratio_c") == 0 ? "no dual clip" : "dual clip " + s.doubleValue("clip_ratio_c");
        return "update: " + s.integer("prompts_per_step") + " prompts per step in " + sizes.size() + " PPO mini-batch"
                + (sizes.size() == 1 ? "" : "es") + " of " + (even ? sizes.get(0) : sizes) + " prompts (one optimizer step each), "
                + s.integer("ppo_epochs") + " epoch(s); " + s.string("loss_agg_mode") + " over every response token; clip ["
                + (1 - s.doubleValue("clip_ratio_low")) + ", " + (1 + s.doubleValue("clip_ratio_high")) + "], " + dual + "; "
                + kl + "; log-probs at temperature " + s.doubleValue("temperature") + "; " + s.integer("micro_batch_size")
                + " sequences per micro-batch";
    }

    /** The run's update settings, by their names in run.json. */
    static PpoUpdate.Settings settings(TrainSettings s) {
        TrainStepParams step = TrainStepParams.defaults()
                .withLearningRate(s.doubleValue("lr"))
                .withWeightDecay(s.doubleValue("weight_decay"))
                .withGradClip(s.doubleValue("grad_clip"))
                .withClipRatios(s.doubleValue("clip_ratio_low"), s.doubleValue("clip_ratio_high"),
                        s.doubleValue("clip_ratio_c"))
                .withLossAggregation(LossAggregation.fromName(s.string("loss_agg_mode")))
                .withNllWeight(s.doubleValue("nll_weight"))
                .withTemperature(s.doubleValue("temperature"))
                .withMicroBatchSize(s.integer("micro_batch_size"));
        step = s.bool("use_kl_loss")
                ? step.withKlLoss(KlPenalty.fromName(s.string("kl_loss_type")), s.doubleValue("kl_loss_coef"))
                : step.withoutKlLoss();
        return new PpoUpdate.Settings(s.integer("ppo_mini_batch_size"), s.integer("ppo_epochs"), step);
    }
}
