package org.rmel.figures.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmaTest {
    @Test
    void weightZeroIsTheIdentity() {
        double[] y = {3, 1, 4, 1, 5};
        assertArrayEquals(y, Ema.smooth(y, 0), 0);
    }

    @Test
    void debiasedSoTheFirstPointIsTheFirstValue() {
        double[] s = Ema.smooth(new double[] {10, 10, 10}, 0.9);
        assertArrayEquals(new double[] {10, 10, 10}, s, 1e-12);
    }

    @Test
    void matchesTheRecurrenceByHand() {
        double[] s = Ema.smooth(new double[] {0, 1}, 0.5);
        // acc1 = 0, /0.5 = 0; acc2 = 0.5*0 + 0.5*1 = 0.5, /(1-0.25) = 2/3
        assertEquals(0, s[0], 1e-12);
        assertEquals(2.0 / 3, s[1], 1e-12);
    }

    @Test
    void nanStaysNanAndDoesNotBreakTheAverage() {
        double[] s = Ema.smooth(new double[] {1, Double.NaN, 1}, 0.6);
        assertTrue(Double.isNaN(s[1]));
        assertEquals(1, s[2], 1e-12);
    }

    @Test
    void refusesWeightsOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[1], 1.0));
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[1], -0.1));
    }
}
