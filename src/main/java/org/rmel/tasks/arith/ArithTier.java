package org.rmel.tasks.arith;

/**
 * A difficulty tier of the built-in arithmetic suite: how many operations a problem chains and
 * how many digits its multi-digit operands have. Difficulty grows with both: more operations
 * mean longer traces (more places to slip), more digits mean longer carry and borrow chains.
 *
 * @param name the tier's name, used as the held-out evaluation set's name
 * @param ops number of operations (1..6)
 * @param digits digits of the multi-digit operands (1..4)
 */
public record ArithTier(String name, int ops, int digits) {
    public ArithTier {
        if (ops < 1 || ops > 6) {
            throw new IllegalArgumentException("ops must be in 1..6, got " + ops);
        }
        if (digits < 1 || digits > 4) {
            throw new IllegalArgumentException("digits must be in 1..4, got " + digits);
        }
    }

    /** A tier named by its shape, e.g. {@code arith-3op-2d}. */
    public static ArithTier of(int ops, int digits) {
        return new ArithTier("arith-" + ops + "op-" + digits + "d", ops, digits);
    }
}
