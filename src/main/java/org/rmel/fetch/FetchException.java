package org.rmel.fetch;

/** A download that could not be completed; the message is meant for the user as is. */
public final class FetchException extends Exception {
    /** What went wrong, which decides whether trying again or trying other files makes sense. */
    public enum Kind {
        /** No connection at all: refused, unknown host, connect timeout, TLS failure. */
        UNREACHABLE,
        /** The server answered with a status other than 200 (or 206 for a resumed download). */
        HTTP_STATUS,
        /** The transfer broke off or stalled before the whole file arrived; a resume may finish it. */
        INCOMPLETE,
        /** The local file cannot be written. */
        LOCAL_IO
    }

    private final Kind kind;
    private final int status;

    public FetchException(Kind kind, String message, Throwable cause) {
        this(kind, -1, message, cause);
    }

    public FetchException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_STATUS}; -1 otherwise. */
    public int status() {
        return status;
    }
}
