package org.rmel.app.overview;

/**
 * A metric's full-resolution values with both x axes: {@code steps[i]} and {@code seconds[i]}
 * (since the run started) for {@code values[i]}. NaN values are gaps. Immutable by convention:
 * the arrays are fresh copies nobody else writes.
 */
public record Series(String name, double[] steps, double[] seconds, double[] values) {
    public int size() {
        return values.length;
    }

    public double[] x(XAxisMode mode) {
        return mode == XAxisMode.STEP ? steps : seconds;
    }
}
