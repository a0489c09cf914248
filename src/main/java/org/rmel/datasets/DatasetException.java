package org.rmel.datasets;

/** A fetch or verification that could not be completed; the message is meant for the user as is. */
public final class DatasetException extends Exception {
    /** What went wrong, which decides whether other benchmarks are still worth trying and the exit code. */
    public enum Kind {
        /** No connection at all: refused, unknown host, connect timeout. Trying other files is pointless. */
        UNREACHABLE,
        /** The server answered with a status other than 200. */
        HTTP_STATUS,
        /** The transfer broke off or stalled before the whole file arrived. */
        INCOMPLETE,
        /** The file arrived but is not the JSON Lines layout expected for this benchmark. */
        BAD_SOURCE,
        /** Bytes do not hash to the recorded or advertised SHA-256. */
        CHECKSUM_MISMATCH,
        /** The data folder cannot be written. */
        LOCAL_IO
    }

    private final Kind kind;

    public DatasetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DatasetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
