package org.rmel.gpu;

/** {@code gpu setup} could not finish; the message is meant for the user as is. */
public final class SetupException extends Exception {
    /** What went wrong; decides the exit code. */
    public enum Kind {
        /** No connection to the download site (the message says how to install offline). */
        OFFLINE(1),
        /** The server refused a file (HTTP status), or the transfer broke off and retries did not finish it. */
        DOWNLOAD(1),
        /** A file arrived but fails its integrity check (gzip CRC-32 and length, ELF header). */
        CORRUPT(3),
        /** {@code --from} names something that is not the right libtorch or mirror. */
        BAD_SOURCE(2),
        /** The install folder cannot be written, or the disk is too full. */
        LOCAL_IO(4);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public SetupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SetupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
