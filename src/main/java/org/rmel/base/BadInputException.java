package org.rmel.base;

/**
 * A user error: a file, line, field or setting that cannot be used. The message names the
 * culprit (file and line, setting name, tensor name) and is shown to the user as is, without a
 * stack trace; the command line exits with {@link #EXIT_CODE}.
 */
public class BadInputException extends RuntimeException {
    /** Exit code for unusable input, shared by every command. */
    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
