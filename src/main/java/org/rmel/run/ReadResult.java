package org.rmel.run;

import java.util.List;

/** The outcome of reading a whole run once: what could not be used, how much was, and its status. */
public record ReadResult(List<ReadWarning> warnings, long events, RunStatus status) {
    public ReadResult {
        warnings = List.copyOf(warnings);
    }
}
