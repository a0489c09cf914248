package org.rmel.app.library;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rmel.app.launch.Launches;
import org.rmel.run.RunStatus;

/**
 * One line of the library table, as text: what the run summary and the launch bookkeeping say
 * together. A trainer that exited with an error before writing {@code run_failed} (or before the
 * run folder existed) shows as failed with its exit code; {@code detail} holds the reason.
 * {@code stepsDone} and {@code startedAtMs} (−1 when unknown) are what the Steps and Started
 * columns sort by; dates are written year first in full (2026-03-04 17:05), never ambiguous.
 */
public record LibraryRow(Path dir, String name, String condition, String status, String steps, String started,
                         String detail, boolean running, int stepsDone, long startedAtMs) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** States from which {@code train --resume} continues a run. */
    private static final java.util.Set<String> RESUMABLE = java.util.Set.of("stopped", "killed", "failed");

    /** Whether the run can be continued with {@code train --resume}: it has a run folder and no trainer. */
    public boolean resumable() {
        return !running && startedAtMs >= 0 && RESUMABLE.contains(status);
    }

    public static LibraryRow of(RunSummary summary, Launches launches, ZoneId zone) {
        Optional<RunStatus> status = summary.status();
        Optional<Launches.Ended> ended = launches.ended(summary.dir());
        boolean processAlive = launches.isRunning(summary.dir());
        String state;
        String detail;
        if (status.isPresent()) {
            RunStatus s = status.get();
            state = s.state().name().toLowerCase(Locale.ROOT);
            detail = s.detail();
            boolean endedBadly = s.state() == RunStatus.State.KILLED || s.state() == RunStatus.State.RUNNING && !processAlive && ended.isPresent();
            if (endedBadly && ended.isPresent() && ended.get().failed()) {
                state = "failed";
                detail = failure(ended.get());
            } else if (s.state() == RunStatus.State.FAILED && ended.isPresent() && ended.get().failed()) {
                detail = s.detail() + " (exit code " + ended.get().exitCode().getAsInt() + ")";
            }
            if (summary.warnings() > 0) {
                detail = detail + "; " + summary.warnings() + " unreadable line(s)";
            }
        } else if (processAlive) {
            state = "starting";
            detail = "the trainer is preparing the run folder";
        } else if (ended.isPresent() && ended.get().failed()) {
            state = "failed";
            detail = failure(ended.get());
        } else {
            state = "unreadable";
            detail = summary.problem().orElse("");
        }
        String steps = status.map(s -> s.stepsDone() + (s.stepsTotal().isPresent() ? "/" + s.stepsTotal().getAsInt() : ""))
                .orElse("");
        String started = status.flatMap(RunStatus::startedAt).map(t -> TIME.format(t.atZone(zone))).orElse("");
        return new LibraryRow(summary.dir(), summary.name(), summary.condition().orElse(""), state, steps, started,
                detail, "running".equals(state) || "starting".equals(state), status.map(RunStatus::stepsDone).orElse(-1),
                status.flatMap(RunStatus::startedAt).map(java.time.Instant::toEpochMilli).orElse(-1L));
    }

    static String failure(Launches.Ended ended) {
        List<String> lines = ended.lastLines();
        return "exit code " + ended.exitCode().getAsInt() + (lines.isEmpty() ? "" : ": " + String.join("\n", lines));
    }

}
