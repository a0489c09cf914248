package org.rmel.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Limits and tolerances of a {@link Verifier}.
 *
 * @param timeLimit          wall-clock bound for one {@code verify} call (default 1 s)
 * @param relativeTolerance  numbers a, b are equal when |a - b| <= tol * max(|a|, |b|) (default 1e-6)
 * @param absoluteTolerance  added to the bound for values computed in floating point, so that
 *                           sin(pi) counts as 0; never applied to two exact rationals (default 1e-12)
 * @param maxDepth           deepest nesting the parser and evaluator follow (default 200)
 * @param maxAnswerChars     longest extracted answer that is parsed (default 10,000)
 * @param maxNumberBits      largest exact number, in bits of numerator plus denominator (default 20,000)
 * @param samplePoints       points at which expressions with variables must agree (default 5)
 */
public record VerifierSettings(Duration timeLimit, double relativeTolerance, double absoluteTolerance,
        int maxDepth, int maxAnswerChars, int maxNumberBits, int samplePoints) {

    public VerifierSettings {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive");
        }
        if (!(relativeTolerance >= 0 && relativeTolerance < 1) || !(absoluteTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be in [0, 1)");
        }
        if (maxDepth < 8 || maxAnswerChars < 16 || maxNumberBits < 64 || samplePoints < 2) {
            throw new IllegalArgumentException("limits too small to verify anything");
        }
    }

    public static VerifierSettings defaults() {
        return new VerifierSettings(Duration.ofSeconds(1), 1e-6, 1e-12, 200, 10_000, 20_000, 5);
    }

    public VerifierSettings withTimeLimit(Duration limit) {
        return new VerifierSettings(limit, relativeTolerance, absoluteTolerance, maxDepth, maxAnswerChars,
                maxNumberBits, samplePoints);
    }

    public VerifierSettings withRelativeTolerance(double tolerance) {
        return new VerifierSettings(timeLimit, tolerance, absoluteTolerance, maxDepth, maxAnswerChars,
                maxNumberBits, samplePoints);
    }

    /** The tolerance as an exact fraction, for comparing two rationals without rounding. */
    Rational relativeToleranceRational() {
        BigDecimal d = new BigDecimal(Double.toString(relativeTolerance));
        return d.scale() <= 0 ? Rational.of(d.toBigIntegerExact(), BigInteger.ONE)
                : Rational.of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }
}
