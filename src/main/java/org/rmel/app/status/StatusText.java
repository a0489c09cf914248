package org.rmel.app.status;

import java.time.Duration;
import java.util.Locale;
import org.rmel.run.RunStatus;

/** The status bar's words for a run: state, step/total and ETA. */
public final class StatusText {
    private StatusText() {
    }

    public static String of(String runName, RunStatus status) {
        if (status == null) {
            return runName + ": reading…";
        }
        StringBuilder text = new StringBuilder(runName).append(": ").append(status.state().name().toLowerCase(Locale.ROOT));
        text.append(" · step ").append(status.stepsDone());
        status.stepsTotal().ifPresent(total -> text.append('/').append(total));
        status.eta().ifPresent(eta -> text.append(" · ETA ").append(duration(eta)));
        return text.toString();
    }

    /** "42 s", "3 min 05 s", "2 h 07 min". */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
