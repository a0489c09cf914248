package org.rmel.method;

/**
 * MEL+Extra matched by generated tokens ({@link ExtraMatch#TOKENS}): how many fresh rollouts each
 * all-negative group of a step gets so that, over the run, the extra rollouts generate as many
 * tokens as R-MEL's revision search would have spent on the same groups.
 *
 * <p>Each step the trainer measures R-MEL's spend on the step's all-negative groups with a probe
 * (the revision search run under the run's R-MEL settings, its results discarded) and adds it to
 * the budget. Every all-negative group of the step then gets
 * m = round((budget − spent) / (g · L̄)) extra rollouts, clamped to [0, cap], where g is the
 * number of all-negative groups and L̄ the mean length of the step's rollouts (the expected length
 * of one fresh rollout); afterwards the tokens actually generated are added to {@code spent}.
 * The deficit carries over, so the rounding to whole rollouts does not bias the total: spent
 * stays within about one rollout per group of the budget. Because the probe measures the current
 * policy on the current groups from step 1 on, there is no cold start and no prior.
 *
 * <p>Mutable; the trainer checkpoints {@link #budget()} and {@link #spent()}.
 */
public final class ExtraTokenBudget {
    private long budget;
    private long spent;

    public ExtraTokenBudget() {
        this(0, 0);
    }

    /** Restores the running totals (resume). */
    public ExtraTokenBudget(long budget, long spent) {
        if (budget < 0 || spent < 0) {
            throw new IllegalArgumentException("token totals must be >= 0");
        }
        this.budget = budget;
        this.spent = spent;
    }

    /** Restores the running totals from a checkpoint. */
    public void restore(long budget, long spent) {
        if (budget < 0 || spent < 0) {
            throw new IllegalArgumentException("token totals must be >= 0");
        }
        this.budget = budget;
        this.spent = spent;
    }

    /**
     * Adds a step's measured revision spend and returns the extra rollouts for each of its
     * all-negative groups.
     *
     * @param revisionTokens  tokens the probe's revision search generated this step
     * @param groups          all-negative groups this step (the probe's and the extra rollouts')
     * @param meanRolloutTokens mean length of this step's rollouts, in tokens
     * @param cap             most extra rollouts one group may get
     */
    public int plan(long revisionTokens, int groups, double meanRolloutTokens, int cap) {
        if (revisionTokens < 0 || groups < 0 || cap < 0) {
            throw new IllegalArgumentException("tokens, groups and cap must be >= 0");
        }
        budget += revisionTokens;
        if (groups == 0) {
            return 0;
        }
        double perRollout = Math.max(1.0, meanRolloutTokens);
        long m = Math.round((budget - spent) / (groups * perRollout));
        return (int) Math.max(0, Math.min(cap, m));
    }

    /** Records the tokens the extra rollouts generated. */
    public void spend(long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0");
        }
        spent += tokens;
    }

    /** R-MEL's measured revision tokens so far. */
    public long budget() {
        return budget;
    }

    /** Extra-rollout tokens generated so far. */
    public long spent() {
        return spent;
    }
}
