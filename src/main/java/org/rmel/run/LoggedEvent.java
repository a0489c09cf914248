package org.rmel.run;

/**
 * An event with where it sits in {@code events.jsonl}: its 1-based line number and byte range,
 * so a view can keep only summaries and re-read the full event (texts included) on demand with
 * {@link RunDirectory#readEvent(long, int)}.
 */
public record LoggedEvent(RunEvent event, long line, long offset, int length) {
}
