package org.rmel.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the runs selected in the library, in selection order (the first is
 * the primary run, e.g. the one the status bar describes). {@code version} grows each time the
 * selection changes or a selected run's files grow, so a panel can tell a live update from a
 * repeated call.
 */
public record RunSelection(List<Path> runs, long version) {
    public static final RunSelection EMPTY = new RunSelection(List.of(), 0);

    public RunSelection {
        runs = List.copyOf(runs);
    }

    public Optional<Path> primary() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }
}
