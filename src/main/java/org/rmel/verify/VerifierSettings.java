package org.rmel.verify;

import java.time.Duration;

/**
 * Limits and tolerances of a {@link Verifier}.
 *
 * @param timeLimit          wall-clock bound for one {@code verify} call (default 1 s)
 * @param floatRounding      decimal places to which a number written as a decimal and the value it
 *                           is compared with are both rounded (Math-Verify's {@code float_rounding},
 *                           default 6: 0.333333 equals 1/3, 0.3333 does not); two exact numbers
 *                           written without a decimal point are compared exactly
 * @param relativeTolerance  values computed in floating point (sample points of expressions with
 *                           variables, roots, pi) are equal when |a - b| <= tol * max(|a|, |b|) + abs
 *                           (default 1e-9, standing in for SymPy's symbolic simplification)
 * @param absoluteTolerance  the abs of that bound, so that sin(pi) counts as 0 (default 1e-12)
 * @param maxDepth           deepest nesting the parser and evaluator follow (default 200)
 * @param maxAnswerChars     longest extracted answer that is parsed (default 10,000)
 * @param maxNumberBits      largest exact number, in bits of numerator plus denominator (default 20,000)
 * @param samplePoints       points at which expressions with variables must agree (default 5)
 */
public record VerifierSettings(Duration timeLimit, int floatRounding, double relativeTolerance,
        double absoluteTolerance, int maxDepth, int maxAnswerChars, int maxNumberBits, int samplePoints) {

    public VerifierSettings {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive");
        }
        if (floatRounding < 0 || floatRounding > 30) {
            throw new IllegalArgumentException("floatRounding must be between 0 and 30 decimal places");
        }
        if (!(relativeTolerance >= 0 && relativeTolerance < 1) || !(absoluteTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be in [0, 1)");
        }
        if (maxDepth < 8 || maxAnswerChars < 16 || maxNumberBits < 64 || samplePoints < 2) {
            throw new IllegalArgumentException("limits too small to verify anything");
        }
    }

    public static VerifierSettings defaults() {
        return new VerifierSettings(Duration.ofSeconds(1), 6, 1e-9, 1e-12, 200, 10_000, 20_000, 5);
    }

    public VerifierSettings withTimeLimit(Duration limit) {
        return new VerifierSettings(limit, floatRounding, relativeTolerance, absoluteTolerance, maxDepth,
                maxAnswerChars, maxNumberBits, samplePoints);
    }

    public VerifierSettings withFloatRounding(int places) {
        return new VerifierSettings(timeLimit, places, relativeTolerance, absoluteTolerance, maxDepth,
                maxAnswerChars, maxNumberBits, samplePoints);
    }

    public VerifierSettings withRelativeTolerance(double tolerance) {
        return new VerifierSettings(timeLimit, floatRounding, tolerance, absoluteTolerance, maxDepth,
                maxAnswerChars, maxNumberBits, samplePoints);
    }
}
