package org.rmel.figures.charts;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.data.Range;

/**
 * A number axis that stays readable for the series a live run starts with: a constant or single
 * value gets a range around it (JFreeChart's default range of 1e-8 printed one label ten times),
 * data that are all ≥ 0 never get negative ticks from the margins, and a rate axis stays within
 * [0, 1] (a constant rate shows the whole of [0, 1]). Step axes tick on whole numbers only.
 */
public class TidyNumberAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;

    private final boolean rate;
    private final boolean wholeNumbers;

    /**
     * @param rate values are fractions in [0, 1] (success rates, Pass@1, kept shares)
     * @param wholeNumbers ticks on integers only (steps, counts)
     */
    public TidyNumberAxis(String label, boolean rate, boolean wholeNumbers) {
        super(label);
        this.rate = rate;
        this.wholeNumbers = wholeNumbers;
        setAutoRangeIncludesZero(false);
        if (wholeNumbers) {
            setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
    }

    public boolean isRate() {
        return rate;
    }

    @Override
    protected void autoAdjustRange() {
        super.autoAdjustRange();
        Plot plot = getPlot();
        if (!isAutoRange() || !(plot instanceof ValueAxisPlot vap)) {
            return;
        }
        Range data = vap.getDataRange(this);
        if (data == null || Double.isNaN(data.getLowerBound()) || Double.isNaN(data.getUpperBound())) {
            return;
        }
        setRange(tidy(data.getLowerBound(), data.getUpperBound(), getLowerBound(), getUpperBound(), rate, wholeNumbers),
                false, false);
    }

    /**
     * The range to show for data in [lo, hi] where JFreeChart proposed [axisLo, axisHi]: degenerate
     * data get a range around the value, non-negative data no negative part, rates at most [0, 1].
     */
    static Range tidy(double lo, double hi, double axisLo, double axisHi, boolean rate, boolean whole) {
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        if (hi - lo <= Math.max(1e-12, magnitude * 1e-9)) {
            double c = (lo + hi) / 2;
            if (rate && c >= 0 && c <= 1) {
                return new Range(0, 1);
            }
            double half = whole ? 1 : c == 0 ? 1 : niceStep(Math.abs(c) * 0.1);
            axisLo = c - half;
            axisHi = c + half;
        }
        if (lo >= 0 && axisLo < 0) {
            axisLo = 0;
        }
        if (rate && hi <= 1 && axisHi > 1) {
            axisHi = 1;
        }
        if (rate && lo >= 0 && axisLo < 0) {
            axisLo = 0;
        }
        return new Range(axisLo, Math.max(axisHi, axisLo + 1e-9));
    }

    /** The 1, 2, 5 × 10^k value nearest above {@code v}. */
    static double niceStep(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        double m = v / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }
}
