package org.rmel.app.overview;

import java.util.Arrays;

/** One growing metric series: step, seconds since the run started, value. Not thread-safe. */
final class SeriesBuffer {
    private double[] steps = new double[64];
    private double[] seconds = new double[64];
    private double[] values = new double[64];
    private int size;
    /** The last snapshot, reused until the next point arrives (views ask several times a second). */
    private Series cached;

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
        cached = null;
    }

    int size() {
        return size;
    }

    Series snapshot(String name) {
        if (cached == null) {
            cached = new Series(name, Arrays.copyOf(steps, size), Arrays.copyOf(seconds, size), Arrays.copyOf(values, size));
        }
        return cached;
    }
}
