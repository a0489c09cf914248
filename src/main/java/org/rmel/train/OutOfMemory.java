package org.rmel.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rmel.model.MemoryEstimate;

/**
 * Turns PyTorch's out-of-memory error (CUDA's "CUDA out of memory. Tried to allocate …", or the CPU
 * allocator's "not enough memory") into a message that says what was running, the memory estimate
 * for the run's settings, the setting to lower and how to continue from the last checkpoint.
 */
final class OutOfMemory {
    private OutOfMemory() {
    }

    /** Whether {@code t} (or a cause) is PyTorch running out of device or host memory. */
    static boolean is(Throwable t) {
        for (Throwable c : chain(t)) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if ((m.contains("out of memory") && (m.contains("cuda") || m.contains("gpu") || m.contains("hip")))
                    || m.contains("not enough memory") || m.contains("can't allocate memory")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The phase the error came from, read off our own frames, innermost first: sampling (the sampler,
     * or the rollout, extra-rollout, revision, replay and evaluation phases), scoring (log-probs
     * without gradients) or the update; "" when none of them is on the stack.
     */
    static String phase(Throwable t) {
        for (Throwable c : chain(t)) {
            for (StackTraceElement e : c.getStackTrace()) {
                String cls = e.getClassName();
                String where = cls + "." + e.getMethodName();
                if (where.startsWith("org.rmel.model.Sampler") || where.endsWith("DjlPolicy.sample")) {
                    return "sampling";
                }
                if (where.endsWith("DjlPolicy.sequenceLogprobs")) {
                    return "scoring";
                }
                if (where.endsWith("DjlPolicy.trainStep") || cls.startsWith("org.rmel.model.AdamW")
                        || cls.equals("org.rmel.train.UpdatePhase")) {
                    return "update";
                }
                if (SAMPLING_PHASES.contains(cls)) {
                    return "sampling";
                }
            }
        }
        return "";
    }

    private static final List<String> SAMPLING_PHASES = List.of("org.rmel.train.RolloutPhase",
            "org.rmel.train.ExtraRolloutPhase", "org.rmel.train.RevisePhase", "org.rmel.train.ReplayPhase",
            "org.rmel.train.Evaluator", "org.rmel.train.TemplateExperienceMaker");

    /** The one message for the user (and the run's {@code run_failed} event). */
    static String message(Throwable t, MemoryEstimate estimate, TrainSettings s, Path run) {
        String phase = phase(t);
        String pytorch = firstLine(t);
        String setting;
        int now;
        if (phase.equals("sampling")) {
            setting = "sampling_micro_batch_size";
            now = s.integer(setting);
        } else {
            setting = TrainSettings.catalogue().containsKey("micro_batch_size") ? "micro_batch_size"
                    : "sampling_micro_batch_size";
            now = s.integer(setting);
        }
        int lower = Math.max(1, now / 2);
        StringBuilder b = new StringBuilder("out of memory");
        if (!phase.isEmpty()) {
            b.append(" while ").append(phase.equals("update") ? "updating the model" : phase);
        }
        b.append(" (").append(pytorch).append("). ");
        if (estimate != null) {
            b.append("For these settings, ").append(estimate.describe()).append(". ");
        }
        b.append("Lower ").append(setting).append(" (now ").append(now).append(")");
        if (!phase.equals("sampling")) {
            b.append(" or max_new_tokens");
        }
        b.append(", then continue from the last checkpoint: rmel train --resume ").append(run)
                .append(" --set ").append(setting).append("=").append(lower);
        return b.toString();
    }

    private static String firstLine(Throwable t) {
        for (Throwable c : chain(t)) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("memory")) {
                String line = m.strip().lines().findFirst().orElse(m);
                return line.length() > 240 ? line.substring(0, 240) + "…" : line;
            }
        }
        return String.valueOf(t.getMessage());
    }

    private static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }
}
