package org.rmel.figures;

import java.util.Locale;
import java.util.Map;

/**
 * Human names for the trainer's metric keys, for figure titles, axes and legends ("Mean reward",
 * not {@code reward/mean}); keys not listed get their last part with spaces. Also says which
 * metrics are rates in [0, 1], so their axes stay within it.
 */
public final class MetricLabels {
    /** key → {title, axis label}. */
    private static final Map<String, String[]> KNOWN = Map.ofEntries(
            Map.entry("reward/mean", new String[] {"Mean reward", "mean reward"}),
            Map.entry("groups/all_negative_frac", new String[] {"All-negative groups", "fraction of groups"}),
            Map.entry("groups/all_positive_frac", new String[] {"All-positive groups", "fraction of groups"}),
            Map.entry("groups/mixed_frac", new String[] {"Mixed groups", "fraction of groups"}),
            Map.entry("revision/success_rate", new String[] {"Revision success", "success rate"}),
            Map.entry("derived/revision_success_rate", new String[] {"Revision success", "success rate"}),
            Map.entry("derived/all_negative_frac", new String[] {"All-negative groups", "fraction of groups"}),
            Map.entry("mel/p_keep", new String[] {"Meta-experiences kept", "share kept"}),
            Map.entry("derived/p_keep", new String[] {"Meta-experiences kept", "share kept"}),
            Map.entry("mel/p_keep_natural", new String[] {"Kept, natural pairs", "share kept"}),
            Map.entry("mel/p_keep_revision", new String[] {"Kept, revision pairs", "share kept"}),
            Map.entry("loss/grpo", new String[] {"GRPO loss", "loss"}),
            Map.entry("loss/nll", new String[] {"NLL loss", "loss"}),
            Map.entry("loss/kl", new String[] {"KL loss (to the reference)", "nats per token"}),
            Map.entry("loss/total", new String[] {"Total loss", "loss"}),
            Map.entry("update/ppo_kl", new String[] {"KL to the sampling policy", "nats per token"}),
            Map.entry("update/clip_frac", new String[] {"Clipped tokens", "fraction of tokens"}),
            Map.entry("update/grad_norm", new String[] {"Gradient norm", "norm"}),
            Map.entry("response/length_mean", new String[] {"Mean response length", "tokens"}),
            Map.entry("tokens/generated", new String[] {"Tokens generated", "tokens per step"}),
            Map.entry("time/step_s", new String[] {"Step time", "seconds"}),
            Map.entry("eval/pass_at_1", new String[] {"Eval Pass@1", "Pass@1 (mean over benchmarks)"}),
            Map.entry("eval/avg_at_8", new String[] {"Eval Avg@8", "Avg@8 (mean over benchmarks)"}));

    private MetricLabels() {
    }

    /** The chart title for a metric: "Mean reward", "Eval Pass@1", "MATH-500 Pass@1". */
    public static String title(String metric) {
        String[] k = KNOWN.get(metric);
        if (k != null) {
            return k[0];
        }
        String[] parts = metric.split("/");
        if (parts[0].equals("eval") && parts.length == 3) {
            return parts[1] + " " + score(parts[2]);
        }
        return capitalise(words(parts[parts.length - 1]));
    }

    /** The y-axis label: what the numbers are ("success rate", "tokens", "Pass@1"). */
    public static String axis(String metric) {
        String[] k = KNOWN.get(metric);
        if (k != null) {
            return k[1];
        }
        String[] parts = metric.split("/");
        if (parts[0].equals("eval") && parts.length == 3) {
            return score(parts[2]);
        }
        return words(parts[parts.length - 1]);
    }

    /** Whether the metric is a fraction in [0, 1]. */
    public static boolean isRate(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.startsWith("eval/") || m.endsWith("_frac") || m.endsWith("_rate") || m.contains("p_keep")
                || m.contains("success") || m.contains("clip_frac") || m.endsWith("/accuracy");
    }

    private static String score(String key) {
        return switch (key) {
            case "pass_at_1" -> "Pass@1";
            case "avg_at_8" -> "Avg@8";
            default -> words(key);
        };
    }

    static String words(String key) {
        String s = key.replace('_', ' ').trim();
        return s.replaceAll("\\bfrac\\b", "fraction");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
