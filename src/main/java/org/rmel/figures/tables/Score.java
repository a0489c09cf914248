package org.rmel.figures.tables;

/**
 * A score as a fraction in [0, 1], NaN when missing. Tables print it as a percentage with two
 * decimals, like the paper. (Confidence intervals of differences between runs come from the
 * analysis package's paired bootstrap and are shown beside the tables, not inside them.)
 */
public record Score(double value) {
    public static Score of(double value) {
        return new Score(value);
    }

    public static Score missing() {
        return new Score(Double.NaN);
    }

    public boolean present() {
        return !Double.isNaN(value);
    }
}
