package org.rmel.figures.data;

/**
 * One run's values of one metric against step (or wall time); x and y have equal length.
 *
 * @param runIndex the run's position in the selection, which picks its colour in every chart (-1: by order in the panel)
 */
public record Curve(String run, double[] x, double[] y, int runIndex) {
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve " + run + ": " + x.length + " x values but " + y.length + " y values");
        }
    }

    public Curve(String run, double[] x, double[] y) {
        this(run, x, y, -1);
    }

    public int size() {
        return x.length;
    }
}
