package org.rmel.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/** One line per step on the terminal and in {@code trainer.log}: step, ETA and key metrics. */
final class Progress {
    private final PrintStream console;
    private final Path logFile;
    private final int total;
    private long startNanos;
    private int firstStep;
    private boolean logWarned;

    Progress(PrintStream console, Path logFile, int total) {
        this.console = console;
        this.logFile = logFile;
        this.total = total;
    }

    void start(int done) {
        startNanos = System.nanoTime();
        firstStep = done;
    }

    void step(int step, Map<String, Double> m, Map<String, Double> evals) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double perStep = elapsed / Math.max(1, step - firstStep);
        double eta = perStep * (total - step);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "step %d/%d  reward %.3f  all-neg %.0f%%  rescued %s  p_keep %s  loss %s  %.1fs/step  ETA %s",
                step, total, m.get("reward/mean"), 100 * m.get("groups/all_negative_frac"),
                ratio(m.get("revision/rescued"), m.get("revision/groups")), num(m.get("mel/p_keep")),
                num(m.get("loss/total")), m.get("time/step_s"), duration(eta)));
        if (!evals.isEmpty()) {
            sb.append("  pass@1 ").append(mean(evals));
        }
        Double skipped = m.get("update/skipped_nonfinite");
        if (skipped != null && skipped > 0) {
            sb.append(String.format(Locale.ROOT, "  %.0f optimizer step(s) skipped: non-finite loss or gradient", skipped));
        }
        log(sb.toString());
    }

    void eval(int step, Map<String, Double> pass, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "eval at step %d (%.1fs):", step, seconds));
        pass.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.3f", k, v)));
        log(sb.toString());
    }

    void log(String line) {
        console.println(line);
        console.flush();
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            if (!logWarned) {
                logWarned = true; // once: a full disk would otherwise repeat it every step
                console.println("warning: cannot write " + logFile + " (" + org.rmel.base.IoFaults.describe(e) + ")");
            }
        }
    }

    private static String ratio(Double a, Double b) {
        return b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.0f/%.0f", a, b);
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String mean(Map<String, Double> evals) {
        return String.format(Locale.ROOT, "%.3f", evals.values().stream().mapToDouble(Double::doubleValue).average().orElse(0));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
