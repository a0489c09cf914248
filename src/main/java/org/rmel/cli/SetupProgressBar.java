package org.rmel.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.rmel.gpu.SetupProgress;

/**
 * {@code gpu setup}'s progress on the terminal: a bar redrawn in place ({@code \r}) on a terminal,
 * or, for logs and the workbench (which reads the child process's output), one line per percent
 * of the whole set ({@code progress 45% 1.21/2.70 GB ...}).
 */
final class SetupProgressBar implements SetupProgress {
    /** How the progress is shown. */
    enum Style { BAR, LINES, NONE }

    private static final int WIDTH = 28;
    private final PrintWriter out;
    private final Style style;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastPercent = -1;
    private boolean barOnLine;

    SetupProgressBar(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void phase(String text) {
        if (style == Style.NONE) {
            return;
        }
        endBar();
        out.println(text);
        out.flush();
    }

    @Override
    public void note(String text) {
        if (style == Style.NONE) {
            return;
        }
        endBar();
        out.println("  " + text);
        out.flush();
    }

    @Override
    public void bytes(String file, long done, long total, long allDone, long allTotal) {
        long now = System.nanoTime();
        long shownDone = allTotal > 0 ? allDone : done;
        long shownTotal = allTotal > 0 ? allTotal : total;
        int percent = shownTotal > 0 ? (int) Math.min(100, 100 * shownDone / shownTotal) : -1;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? allDone / seconds : 0;
        String eta = shownTotal > 0 && rate > 0 ? " ETA " + clock((shownTotal - shownDone) / rate) : "";
        String amounts = shownTotal > 0 ? gb(shownDone) + "/" + gb(shownTotal) + " GB" : gb(shownDone) + " GB";
        String speed = String.format(Locale.ROOT, "%.1f MB/s", rate / 1e6);
        switch (style) {
            case BAR -> {
                if (now - lastDraw < 100_000_000L && percent == lastPercent && done != total) {
                    return;
                }
                int filled = percent < 0 ? 0 : percent * WIDTH / 100;
                String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
                out.print(String.format(Locale.ROOT, "\r  [%s] %s %s %s%s  %s   ", bar,
                        percent < 0 ? "  ?%" : String.format(Locale.ROOT, "%3d%%", percent), amounts, speed, eta, file));
                out.flush();
                barOnLine = true;
            }
            case LINES -> {
                if (percent == lastPercent && now - lastDraw < 10_000_000_000L) {
                    return;
                }
                out.println("progress " + (percent < 0 ? "?" : percent) + "% " + amounts + " " + speed + eta + " " + file);
                out.flush();
            }
            case NONE -> {
                return;
            }
        }
        lastDraw = now;
        lastPercent = percent;
    }

    /** Moves off the bar's line before anything else is printed. */
    void endBar() {
        if (barOnLine) {
            out.println();
            barOnLine = false;
        }
    }

    private static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1e9);
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
