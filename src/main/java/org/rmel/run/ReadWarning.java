package org.rmel.run;

import java.nio.file.Path;

/**
 * A line the reader could not use (malformed JSON, a missing field, an unknown type) or a torn
 * end of file; line 0 is about the file as a whole. The reader carries on after it; the UI lists
 * these and the CLI prints them.
 */
public record ReadWarning(Path file, long line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
