package org.rmel.app.library;

import java.nio.file.Path;
import java.util.Optional;
import org.rmel.run.RunStatus;

/**
 * One library entry: a run folder with its condition and status, or a folder that could not be
 * read as a run ({@code problem} says why; status is empty then).
 */
public record RunSummary(Path dir, Source source, Optional<String> condition, Optional<RunStatus> status,
                         int warnings, Optional<String> problem) {
    /** Where the library found the run. */
    public enum Source { WORKSPACE, SAMPLE, OPENED }

    public String name() {
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }
}
