package org.rmel.app.overview;

import java.util.List;
import java.util.function.Predicate;

/**
 * One Overview chart: its title, y label and which metric names it draws. Metric names are
 * matched by pattern rather than listed, so a trainer that adds e.g. {@code loss/kl} gets it
 * drawn in "Losses" without a workbench change.
 */
public record ChartSpec(String id, String title, String yLabel, Predicate<String> metric, String prefixToDrop,
                        boolean sparse) {

    /** A per-step chart (dense: smoothed by the EMA slider, drawn as lines). */
    public ChartSpec(String id, String title, String yLabel, Predicate<String> metric, String prefixToDrop) {
        this(id, title, yLabel, metric, prefixToDrop, false);
    }

    /** The Overview's charts, in display order. */
    public static List<ChartSpec> overview() {
        return List.of(
                new ChartSpec("reward", "Reward", "mean reward", n -> n.startsWith("reward/"), "reward/"),
                new ChartSpec("all-negative", "All-negative groups", "fraction",
                        n -> n.contains("all_negative"), "groups/"),
                new ChartSpec("revision", "Revision success", "rate", n -> n.startsWith("revision/success"), "revision/"),
                new ChartSpec("p-keep", "p_keep (kept meta-experiences, leaks excluded)", "fraction", n -> n.contains("p_keep"), "mel/"),
                new ChartSpec("leaks", "Leaks (meta-experiences stating the answer)", "per step", n -> n.startsWith("mel/leaks"), "mel/"),
                new ChartSpec("losses", "Losses", "loss", n -> n.startsWith("loss/"), "loss/"),
                // KL to the frozen reference (the KL loss, with use_kl_loss) and to the sampling policy (VERL's ppo_kl)
                new ChartSpec("kl", "KL divergence", "nats per token",
                        n -> n.equals("loss/kl") || n.equals("update/ppo_kl"), ""),
                new ChartSpec("length", "Response length", "tokens",
                        n -> n.startsWith("response/") || n.contains("length"), "response/"),
                new ChartSpec("tokens", "Tokens generated", "tokens per step", n -> n.startsWith("tokens/"), "tokens/"),
                // responses cut by max_new_tokens (no stop token): rollouts, extra rollouts, revision continuations
                new ChartSpec("truncated", "Truncated responses", "responses per step", n -> n.startsWith("truncated/"),
                        "truncated/"),
                // evaluations are few and far between: drawn as points, never smoothed
                new ChartSpec("pass1", "Eval Pass@1", "accuracy", n -> n.startsWith(OverviewSeries.PASS_AT_1),
                        OverviewSeries.PASS_AT_1, true),
                new ChartSpec("avg8", "Eval Avg@8", "accuracy", n -> n.startsWith(OverviewSeries.AVG_AT_8),
                        OverviewSeries.AVG_AT_8, true));
    }

    /** The name shown in the legend for a metric of this chart. */
    public String shortName(String metricName) {
        return !prefixToDrop.isEmpty() && metricName.startsWith(prefixToDrop)
                ? metricName.substring(prefixToDrop.length()) : metricName;
    }
}
