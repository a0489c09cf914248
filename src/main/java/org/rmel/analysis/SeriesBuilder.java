package org.rmel.analysis;

import java.util.Arrays;

/** Growable primitive arrays behind a {@link Series}, so a 10,000-step run costs kilobytes. */
final class SeriesBuilder {
    private final String name;
    private int[] steps = new int[16];
    private double[] values = new double[16];
    private int size;

    SeriesBuilder(String name) {
        this.name = name;
    }

    void add(int step, double value) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        steps[size] = step;
        values[size] = value;
        size++;
    }

    Series build() {
        return new Series(name, Arrays.copyOf(steps, size), Arrays.copyOf(values, size));
    }
}
