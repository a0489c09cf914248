package org.rmel.figures.data;

/** One run's values of one metric against step (or wall time); x and y have equal length. */
public record Curve(String run, double[] x, double[] y) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve " + run + ": " + x.length + " x values but " + y.length + " y values");
        }
    }

    public int size() {
        return x.length;
    }
}
