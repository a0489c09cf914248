package org.rmel.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmel.base.BadInputException;
import org.rmel.method.Condition;
import org.rmel.method.DifficultyTracker;
import org.rmel.method.ExtraTokenBudget;
import org.rmel.method.GroupOutcome;
import org.rmel.method.RevisionSearch;
import org.rmel.model.Policy;
import org.rmel.run.RunWriter;
import org.rmel.run.StepEvent;

/**
 * One training step, phase by phase as in the paper's method (Sections 3.1–3.2):
 * <ol>
 *   <li>{@link RolloutPhase rollout}: K trajectories per prompt from the current policy;</li>
 *   <li>{@link VerifyPhase verify}: rewards from the verifier, groups, all-negative detection;</li>
 *   <li>by condition: {@link ExtraRolloutPhase extra rollouts} (MEL+Extra) or the
 *       {@link RevisePhase revision search} (R-MEL) on the all-negative groups;</li>
 *   <li>{@link PairPhase pair}: contrastive pairs of mixed and rescued groups → meta-experiences;</li>
 *   <li>{@link ReplayPhase replay}: validation by replay, keep iff it verifies;</li>
 *   <li>{@link UpdatePhase update}: GRPO loss + MEL's NLL term (+ KL loss), PPO mini-batches.</li>
 * </ol>
 * Each phase adds its metrics; the step event is written at the end.
 */
final class StepRunner {
    private final TrainSettings settings;
    private final Condition condition;
    private final Policy policy;
    private final AnswerJudge judge;
    private final PromptFormat format;
    private final RunWriter writer;
    private final DifficultyTracker tracker;
    private final RolloutPhase rollout;
    private final VerifyPhase verify = new VerifyPhase();
    private final ExtraRolloutPhase extra;
    private final RevisePhase revise;
    private final PairPhase pair;
    private final ReplayPhase replay = new ReplayPhase();
    private final UpdatePhase update;

    StepRunner(TrainSettings settings, Policy policy, AnswerJudge judge, PromptFormat format, ExperienceMaker maker,
               List<TaskProblem> pool, DifficultyTracker tracker, AdaptiveBudget adaptive, RunWriter writer,
               int skipStreak) {
        this(settings, policy, judge, format, maker, pool, tracker, adaptive, new ExtraTokenBudget(), writer, skipStreak);
    }

    StepRunner(TrainSettings settings, Policy policy, AnswerJudge judge, PromptFormat format, ExperienceMaker maker,
               List<TaskProblem> pool, DifficultyTracker tracker, AdaptiveBudget adaptive, ExtraTokenBudget extraBudget,
               RunWriter writer, int skipStreak) {
        this.extra = new ExtraRolloutPhase(extraBudget);
        this.settings = settings;
        this.condition = Condition.fromCliName(settings.string("condition"));
        this.policy = policy;
        this.judge = judge;
        this.format = format;
        this.writer = writer;
        this.tracker = tracker;
        this.rollout = new RolloutPhase(pool,
                new PromptSchedule(pool.size(), settings.integer("prompts_per_step"), settings.integer("seed")));
        this.revise = new RevisePhase(adaptive);
        this.pair = new PairPhase(maker, policy.tokenizer().stepDelimiterIds());
        this.update = new UpdatePhase(skipStreak);
    }

    /** Optimizer steps skipped in a row so far (a checkpoint keeps it, for an exact resume). */
    int skipStreak() {
        return update.skipStreak();
    }

    /**
     * Runs step {@code step} (1-based) and returns its metrics (also written as the step event).
     *
     * @throws BadInputException after the step event, when {@code max_consecutive_skips} optimizer
     *     steps in a row were skipped for a non-finite loss or gradient norm
     */
    Map<String, Double> run(int step) {
        StepContext c = new StepContext(step, settings, condition, policy, judge, format, writer);

        List<LiveGroup> groups = verify.run(c, rollout.run(c));
        List<LiveGroup> allNegative = groups.stream()
                .filter(g -> g.rollouts.outcome() == GroupOutcome.ALL_NEGATIVE).toList();
        Map<LiveGroup, AdaptiveBudget.Bucket> buckets = difficulty(groups);

        c.metrics.put("revision/groups", 0.0);
        c.metrics.put("revision/rescued", 0.0);
        c.metrics.put("revision/attempts", 0.0);
        c.metrics.put("tokens/revision", 0.0);
        c.metrics.put("tokens/extra", 0.0);
        if (condition.spendsExtraRollouts() && !allNegative.isEmpty()) {
            extra.run(c, allNegative);
        }
        if (condition.revises()) {
            List<LiveGroup> revisable = allNegative.stream().filter(g -> RevisionSearch.revisable(g.group)).toList();
            if (!revisable.isEmpty()) {
                revise.run(c, revisable, buckets);
            }
        }
        c.metrics.put("revision/success_rate", c.metrics.get("revision/groups") > 0
                ? c.metrics.get("revision/rescued") / c.metrics.get("revision/groups") : Double.NaN);

        List<ReplayPhase.Kept> kept = replay.run(c, pair.run(c, groups));
        update.run(c, groups, kept);

        c.metrics.putAll(c.clock.metrics());
        c.metrics.put("device/memory_mb", memoryMb());
        writer.append(new StepEvent(0, step, c.metrics));
        int limit = settings.integer("max_consecutive_skips");
        if (update.skipStreak() >= limit) {
            throw new BadInputException("max_consecutive_skips: training diverged at step " + step + ": the last "
                    + update.skipStreak() + " optimizer steps were skipped for a non-finite loss or gradient norm"
                    + " (limit " + limit + "); lower lr, or resume from an earlier checkpoint with other settings");
        }
        return c.metrics;
    }

    /**
     * Each group's difficulty bucket as known before this visit (what the adaptive budget
     * allocates by), then this visit recorded in the tracker.
     */
    private Map<LiveGroup, AdaptiveBudget.Bucket> difficulty(List<LiveGroup> groups) {
        Map<LiveGroup, AdaptiveBudget.Bucket> buckets = new HashMap<>();
        for (LiveGroup g : groups) {
            buckets.put(g, AdaptiveBudget.Bucket.of(tracker.get(g.problem.id())));
            tracker.record(g.rollouts);
        }
        return buckets;
    }

    /** MEL+Extra's token-matching totals, for the checkpoint. */
    ExtraTokenBudget extraBudget() {
        return extra.budget();
    }

    private double memoryMb() {
        long used = policy.deviceInfo().memoryUsedBytes();
        return used < 0 ? Double.NaN : used / (1024.0 * 1024.0);
    }
}
