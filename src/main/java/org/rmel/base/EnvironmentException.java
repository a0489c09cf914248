package org.rmel.base;

/**
 * A fault of the machine rather than of the input: the disk is full, a file or folder may not be
 * written (permission denied, read-only file system), an I/O error, memory exhausted. The message
 * names the file and what happened ({@code RUN/events.jsonl: disk full (No space left on device)});
 * the command line prints it as one {@code error:} line and exits with {@link #EXIT_CODE}, so a
 * script can tell "fix the input" (2) from "fix the machine, then run again" (4).
 */
public class EnvironmentException extends RuntimeException {
    /** Exit code for an environment fault, shared by every command. */
    public static final int EXIT_CODE = 4;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
