package org.rmel.figures;

import java.math.BigDecimal;
import java.math.MathContext;

/** Short, exact-looking numbers for labels: 0.3 not 0.30, 0 not 0.0, at most three significant digits. */
public final class Numbers {
    private Numbers() {
    }

    public static String brief(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
