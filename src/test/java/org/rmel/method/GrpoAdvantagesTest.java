package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;

import org.junit.jupiter.api.Test;

class GrpoAdvantagesTest {

    @Test
    void usesSampleStdWithEpsilon() {
        // rewards 1,0,0,0: mean 0.25, sample variance (0.5625 + 3*0.0625)/3 = 0.25, std 0.5
        double[] a = GrpoAdvantages.of(new double[] {1, 0, 0, 0});
        assertEquals(0.75 / (0.5 + 1e-6), a[0], 1e-12);
        assertEquals(-0.25 / (0.5 + 1e-6), a[1], 1e-12);
        assertEquals(a[1], a[3], 0.0);
    }

    @Test
    void twoOppositeRewardsGiveAboutPlusMinusSqrtHalf() {
        // mean 0.5, sample std sqrt(0.5): ±0.5/0.7071 = ±0.7071
        double[] a = GrpoAdvantages.of(new double[] {0, 1});
        assertEquals(-Math.sqrt(0.5), a[0], 1e-5);
        assertEquals(Math.sqrt(0.5), a[1], 1e-5);
    }

    @Test
    void degenerateGroupsGiveZero() {
        assertArrayEquals(new double[] {0}, GrpoAdvantages.of(new double[] {1}));
        assertArrayEquals(new double[] {0, 0, 0}, GrpoAdvantages.of(new double[] {1, 1, 1}));
        assertArrayEquals(new double[] {0, 0}, GrpoAdvantages.of(group("p", fail("a", 1), fail("b", 2))));
        assertArrayEquals(new double[0], GrpoAdvantages.of(new double[0]));
    }

    @Test
    void broadcastsEachTrajectorysAdvantageToItsTokens() {
        Group g = group("p", pass("a", 1, 2, 3), fail("b", 4), fail("c"));
        double[] a = GrpoAdvantages.of(g);
        double[][] perToken = GrpoAdvantages.perToken(g);
        assertArrayEquals(new double[] {a[0], a[0], a[0]}, perToken[0]);
        assertArrayEquals(new double[] {a[1]}, perToken[1]);
        assertEquals(0, perToken[2].length);
    }
}
