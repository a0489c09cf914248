package org.rmel.verify;

/** An answer that is not a readable expression; the verifier reports it as the reason. */
final class ParseException extends RuntimeException {
    ParseException(String message) {
        super(message, null, false, false);
    }
}
