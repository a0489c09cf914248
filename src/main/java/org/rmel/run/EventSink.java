package org.rmel.run;

/** Consumes events in log order; the incremental state of every view and analysis. */
public interface EventSink {
    void accept(LoggedEvent event);

    /**
     * Everything accepted so far is void: a {@code resumed} event showed that some of it belonged
     * to lost work, and the events follow again from the start of the log, already filtered.
     */
    void reset();
}
