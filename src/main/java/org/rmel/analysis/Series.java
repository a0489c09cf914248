package org.rmel.analysis;

import java.util.Arrays;

/** One curve: values by training step, full resolution (downsampling is the chart's business). */
public record Series(String name, int[] steps, double[] values) {
    public int size() {
        return steps.length;
    }

    public double last() {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.steps, steps)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(steps);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(steps) + "=" + Arrays.toString(values);
    }
}
