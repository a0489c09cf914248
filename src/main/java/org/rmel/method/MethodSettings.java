package org.rmel.method;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The method's settings for a run, with the condition's fixed values applied. The trainer
 * writes them into run.json as {@code condition}, {@code tau_schedule}, {@code budget},
 * {@code tau_min}, {@code lcp_rule}, {@code revision_mode}, {@code revision_in_grpo},
 * {@code no_prefix_reading}, {@code extra_match} and {@code revision_schedule}
 * ({@link #revisionSchedule()}'s τ list). The readings the paper leaves open and their defaults
 * are argued in {@code docs/method.md}.
 *
 * @param condition      the condition
 * @param tauSchedule    the τ list the attempts cycle through
 * @param budget         B: continuation attempts per all-negative group (R-MEL conditions) or extra
 *                       rollouts per all-negative group (MEL+Extra under {@code extra_match = calls});
 *                       unused by MEL
 * @param tauMin         the LCP filter's fixed minimum ratio ({@link LcpRule#FIXED})
 * @param lcpRule        fixed τ_min or the attempt's own τ
 * @param revisionMode   forced or primed prefix
 * @param revisionInGrpo whether an accepted revision also joins its group's GRPO advantages
 * @param noPrefixReading what {@code r-mel-no-prefix} does: no filter, or fresh rollouts (τ = 0)
 * @param extraMatch     what MEL+Extra's extra rollouts are matched to
 */
public record MethodSettings(Condition condition, List<Double> tauSchedule, int budget, double tauMin,
                             LcpRule lcpRule, RevisionMode revisionMode, boolean revisionInGrpo,
                             NoPrefixReading noPrefixReading, ExtraMatch extraMatch) {

    /** Default LCP rule: the fixed τ_min of Section 4.1 and Table 2. */
    public static final LcpRule DEFAULT_LCP_RULE = LcpRule.FIXED;
    /** Default revision mode: the prefix primed in context, so the filter has something to filter. */
    public static final RevisionMode DEFAULT_REVISION_MODE = RevisionMode.PRIMED;
    /** Default: the accepted revision feeds MEL's pair only, as every sentence of the paper says. */
    public static final boolean DEFAULT_REVISION_IN_GRPO = false;
    /** Default reading of "w/o prefix": Section 4.3's "accepting any correct revision". */
    public static final NoPrefixReading DEFAULT_NO_PREFIX_READING = NoPrefixReading.NO_FILTER;
    /** Default matching of MEL+Extra: generated tokens. */
    public static final ExtraMatch DEFAULT_EXTRA_MATCH = ExtraMatch.TOKENS;

    public MethodSettings {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(lcpRule, "lcp_rule");
        Objects.requireNonNull(revisionMode, "revision_mode");
        Objects.requireNonNull(noPrefixReading, "no_prefix_reading");
        Objects.requireNonNull(extraMatch, "extra_match");
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

    /** The paper's τ list, B and τ_min with the default readings (for tests and old callers). */
    public MethodSettings(Condition condition, List<Double> tauSchedule, int budget, double tauMin) {
        this(condition, tauSchedule, budget, tauMin, DEFAULT_LCP_RULE, DEFAULT_REVISION_MODE,
                DEFAULT_REVISION_IN_GRPO, DEFAULT_NO_PREFIX_READING, DEFAULT_EXTRA_MATCH);
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

    /** A copy with the readings replaced. */
    public MethodSettings withReadings(LcpRule rule, RevisionMode mode, boolean inGrpo, NoPrefixReading noPrefix,
                                       ExtraMatch match) {
        return new MethodSettings(condition, tauSchedule, budget, tauMin, rule, mode, inGrpo, noPrefix, match);
    }

    /**
     * The attempt schedule: the τ list cycled to B entries, or empty when the condition does not
     * revise. Under {@code r-mel-no-prefix} with the fresh-rollout reading every attempt is τ = 0.
     */
    public RevisionSchedule revisionSchedule() {
        if (!condition.revises()) {
            return new RevisionSchedule(List.of());
        }
        if (freshRollouts()) {
            return new RevisionSchedule(Collections.nCopies(budget, 0.0));
        }
        return RevisionSchedule.of(tauSchedule, budget);
    }

    /** The τ list a per-prompt budget of {@code attempts} cycles through (adaptive budgets). */
    public List<Double> attemptTaus() {
        return freshRollouts() ? List.of(0.0) : tauSchedule;
    }

    /** The acceptance rule: the LCP filter off for {@code r-mel-no-prefix}, else the chosen rule. */
    public RevisionAcceptance acceptance() {
        if (condition == Condition.R_MEL_NO_PREFIX) {
            return RevisionAcceptance.off();
        }
        return new RevisionAcceptance(lcpRule, tauMin, true);
    }

    /** The revision search these settings describe. */
    public RevisionSearch revisionSearch() {
        return new RevisionSearch(acceptance(), revisionMode);
    }

    /**
     * The R-MEL settings MEL+Extra's token matching measures: condition {@code r-mel} with this
     * run's τ list, B, τ_min and readings.
     */
    public MethodSettings matchedRevision() {
        return new MethodSettings(Condition.R_MEL, tauSchedule, budget, tauMin, lcpRule, revisionMode, revisionInGrpo,
                noPrefixReading, extraMatch);
    }

    /** Fresh rollouts per all-negative group under call matching: B under MEL+Extra, else 0. */
    public int extraRolloutsPerGroup() {
        return condition.spendsExtraRollouts() ? budget : 0;
    }

    private boolean freshRollouts() {
        return condition == Condition.R_MEL_NO_PREFIX && noPrefixReading == NoPrefixReading.FRESH_ROLLOUT;
    }

    /** Valid names of the reading settings, for help texts and choice boxes. */
    public static List<String> names(Class<? extends Enum<?>> setting) {
        if (setting == LcpRule.class) {
            return Names.all(LcpRule.class, LcpRule::wireName);
        } else if (setting == RevisionMode.class) {
            return Names.all(RevisionMode.class, RevisionMode::wireName);
        } else if (setting == NoPrefixReading.class) {
            return Names.all(NoPrefixReading.class, NoPrefixReading::wireName);
        } else if (setting == ExtraMatch.class) {
            return Names.all(ExtraMatch.class, ExtraMatch::wireName);
        }
        throw new IllegalArgumentException("not a reading setting: " + setting);
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
