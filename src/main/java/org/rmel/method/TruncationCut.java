package org.rmel.method;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where a seed of n tokens is cut for truncation ratio τ: ⌊τ·n⌋ tokens are kept.
 *
 * <p>Computed exactly on the decimal value of τ ({@link BigDecimal#valueOf(double)}, i.e. the
 * shortest decimal that prints as τ), so 0.7·90 keeps 63 tokens although {@code 0.7 * 90} in
 * binary floating point is 62.999…, and {@code (int) (0.7 * 90)} would keep 62 (the same happens
 * for 0.7 at n = 170, 180, 330, …).
 */
public final class TruncationCut {
    private TruncationCut() {
    }

    /** ⌊τ·n⌋ for τ in [0, 1] and n ≥ 0. */
    public static int at(double tau, int n) {
        requireRatio("tau", tau);
        if (n < 0) {
            throw new IllegalArgumentException("sequence length must be >= 0, got " + n);
        }
        return exactProduct(tau, n).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /** τ·n as an exact decimal. */
    static BigDecimal exactProduct(double ratio, int n) {
        return BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(n));
    }

    static void requireRatio(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
