package org.rmel.verify;

/**
 * Thrown inside one verification when a hard limit (time, depth, number size, length) is hit.
 * It never leaves {@link Verifier}: the verifier turns it into a {@code false} verdict whose
 * reason is this message. Stack traces are not filled in because they are never shown and the
 * exception is part of normal control flow for adversarial input.
 */
final class LimitExceededException extends RuntimeException {
    LimitExceededException(String message) {
        super(message, null, false, false);
    }
}
