package org.rmel.method;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The method's settings for a run, with the condition's fixed values applied. The trainer
 * writes them into run.json as {@code condition}, {@code tau_schedule}, {@code budget},
 * {@code tau_min} and {@code revision_schedule} ({@link #revisionSchedule()}'s τ list).
 *
 * @param condition   the condition
 * @param tauSchedule the τ list the attempts cycle through
 * @param budget      B: continuation attempts per all-negative group (R-MEL conditions) or extra
 *                    rollouts per all-negative group (MEL+Extra); unused by MEL
 * @param tauMin      the LCP filter's minimum ratio
 */
public record MethodSettings(Condition condition, List<Double> tauSchedule, int budget, double tauMin) {

    public MethodSettings {
        Objects.requireNonNull(condition, "condition");
        tauSchedule = List.copyOf(tauSchedule);
        tauSchedule.forEach(tau -> TruncationCut.requireRatio("tau_schedule entry", tau));
        TruncationCut.requireRatio("tau_min", tauMin);
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
        if (tauSchedule.isEmpty() && condition.revises() && budget > 0) {
            throw new IllegalArgumentException("tau_schedule is empty but condition " + condition.cliName() + " revises");
        }
        int b = budget;
        double t = tauMin;
        condition.budgetOverride().ifPresent(fixed -> requireFixed(condition, "budget", fixed, b));
        condition.tauMinOverride().ifPresent(fixed -> requireFixed(condition, "tau_min", fixed, t));
    }

    /** The paper's settings for a condition: τ list (0.7, 0.5, 0.3), B = 4, τ_min = 0.3, unless fixed. */
    public static MethodSettings defaults(Condition condition) {
        return resolve(condition, RevisionSchedule.DEFAULT_TAUS, OptionalInt.empty(), OptionalDouble.empty());
    }

    /**
     * Settings from what the user asked for: unspecified values take the condition's fixed value
     * or the default; a requested value that contradicts the condition's fixed value is an error
     * naming the setting.
     */
    public static MethodSettings resolve(Condition condition, List<Double> tauSchedule, OptionalInt budget,
                                         OptionalDouble tauMin) {
        int b = budget.orElse(condition.budgetOverride().orElse(RevisionSchedule.DEFAULT_BUDGET));
        double t = tauMin.orElse(condition.tauMinOverride().orElse(RevisionAcceptance.DEFAULT_TAU_MIN));
        return new MethodSettings(condition, tauSchedule, b, t);
    }

    /** The attempt schedule: the τ list cycled to B entries, or empty when the condition does not revise. */
    public RevisionSchedule revisionSchedule() {
        return condition.revises() ? RevisionSchedule.of(tauSchedule, budget) : new RevisionSchedule(List.of());
    }

    /** Fresh rollouts per all-negative group: B under MEL+Extra, else 0. */
    public int extraRolloutsPerGroup() {
        return condition.spendsExtraRollouts() ? budget : 0;
    }

    private static void requireFixed(Condition condition, String setting, double fixed, double requested) {
        if (Double.compare(fixed, requested) != 0) {
            throw new IllegalArgumentException("condition " + condition.cliName() + " fixes " + setting + " = "
                    + format(fixed) + "; got " + format(requested));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
