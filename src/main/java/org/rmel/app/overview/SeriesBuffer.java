package org.rmel.app.overview;

import java.util.Arrays;

/** One growing metric series: step, seconds since the run started, value. Not thread-safe. */
final class SeriesBuffer {
    private double[] steps = new double[64];
    private double[] seconds = new double[64];
    private double[] values = new double[64];
    private int size;

    void add(double step, double secondsSinceStart, double value) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            seconds = Arrays.copyOf(seconds, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        steps[size] = step;
        seconds[size] = secondsSinceStart;
        values[size] = value;
        size++;
    }

    int size() {
        return size;
    }

    Series snapshot(String name) {
        return new Series(name, Arrays.copyOf(steps, size), Arrays.copyOf(seconds, size), Arrays.copyOf(values, size));
    }
}
