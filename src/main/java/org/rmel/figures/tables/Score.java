package org.rmel.figures.tables;

/**
 * A score as a fraction in [0, 1] with an optional confidence interval (NaN when absent).
 * Tables print it as a percentage with two decimals, like the paper.
 */
public record Score(double value, double ciLo, double ciHi) {
    public static Score of(double value) {
        return new Score(value, Double.NaN, Double.NaN);
    }

    public static Score missing() {
        return of(Double.NaN);
    }

    public boolean present() {
        return !Double.isNaN(value);
    }

    public boolean hasCi() {
        return !Double.isNaN(ciLo) && !Double.isNaN(ciHi);
    }
}
