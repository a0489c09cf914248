package org.rmel.figures.series;

/**
 * Exponential moving average as TensorBoard draws it: s_i = w·s_{i−1} + (1−w)·y_i, divided by
 * (1 − w^n) so the first points are not pulled towards zero. NaN inputs stay NaN and do not
 * disturb the average; weight 0 returns the series unchanged.
 */
public final class Ema {
    private Ema() {
    }

    public static double[] smooth(double[] y, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("EMA weight must be in [0, 1), was " + weight);
        }
        double[] out = new double[y.length];
        double accumulated = 0;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                out[i] = Double.NaN;
                continue;
            }
            accumulated = weight * accumulated + (1 - weight) * y[i];
            count++;
            double debias = 1 - Math.pow(weight, count);
            out[i] = debias == 0 ? y[i] : accumulated / debias;
        }
        return out;
    }
}
