package org.rmel.run;

import java.util.List;

/**
 * What one {@link EventTail#poll} read. When {@code reset} is true the consumer must drop its
 * state before applying {@code events} (they start again from line 1). {@code offset} and
 * {@code size} give progress through the file; {@code tornTail} says the file currently ends in
 * an incomplete line (normal while a writer is mid-write; a truncated file otherwise).
 */
public record Batch(boolean reset, List<LoggedEvent> events, List<ReadWarning> warnings, long offset, long size,
        boolean tornTail) {
    public Batch {
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }

    /** Applies this batch to {@code sink}, reset first. */
    public void feed(EventSink sink) {
        if (reset) {
            sink.reset();
        }
        for (LoggedEvent e : events) {
            sink.accept(e);
        }
    }

    /** The reader has reached the end of the file (up to a torn last line, if any). */
    public boolean caughtUp() {
        return offset >= size || tornTail;
    }

    public boolean isEmpty() {
        return !reset && events.isEmpty() && warnings.isEmpty();
    }
}
