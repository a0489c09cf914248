package org.rmel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmel.run.EvalEvent;
import org.rmel.run.ProblemResult;

class StatisticsTest {
    /** Newcombe (1998), Table I: the Wilson score intervals of 81/263 and 1/29, to 4 decimals. */
    @Test
    void wilsonMatchesPublishedIntervals() {
        Rate a = Rate.of(81, 263);
        assertEquals(0.2553, a.low(), 5e-5);
        assertEquals(0.3662, a.high(), 5e-5);
        Rate b = Rate.of(1, 29);
        assertEquals(0.0061, b.low(), 5e-5);
        assertEquals(0.1718, b.high(), 5e-5);
    }

    /** (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), worked out for 2/13, 0/10 and 10/10. */
    @Test
    void wilsonMatchesTheFormulaAtTheEdges() {
        Rate r = Rate.of(2, 13);
        assertEquals(2 / 13.0, r.value(), 1e-15);
        assertEquals(0.043258178358081184, r.low(), 1e-12);
        assertEquals(0.4223463101948254, r.high(), 1e-12);
        assertEquals(0.0, Rate.of(0, 10).low());
        assertEquals(0.2775327998628892, Rate.of(0, 10).high(), 1e-12);
        assertEquals(0.7224672001371107, Rate.of(10, 10).low(), 1e-12);
        assertEquals(1.0, Rate.of(10, 10).high(), 1e-12);
        assertTrue(Double.isNaN(Rate.of(0, 0).value()));
        assertThrows(IllegalArgumentException.class, () -> Rate.of(3, 2));
    }

    @Test
    void unbiasedPassAtK() {
        assertEquals(0.25, PassAtK.estimate(8, 2, 1), 1e-15);
        assertEquals(1 - 15 / 28.0, PassAtK.estimate(8, 2, 2), 1e-15); // 1 − C(6,2)/C(8,2)
        assertEquals(1 - 1 / 70.0, PassAtK.estimate(8, 4, 4), 1e-15); // 1 − C(4,4)/C(8,4)
        assertEquals(1.0, PassAtK.estimate(8, 2, 7));
        assertEquals(0.0, PassAtK.estimate(8, 0, 8));
        assertEquals(1.0, PassAtK.estimate(8, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(8, 2, 9));
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] v = {1, 2, 3, 4};
        assertEquals(1.75, PairedBootstrap.quantile(v, 0.25), 1e-15);
        assertEquals(1.075, PairedBootstrap.quantile(v, 0.025), 1e-15);
        assertEquals(4.0, PairedBootstrap.quantile(v, 1.0));
    }

    private static EvalEvent eval(String benchmark, boolean... greedy) {
        List<ProblemResult> per = new ArrayList<>();
        for (int i = 0; i < greedy.length; i++) {
            per.add(new ProblemResult("p" + i, greedy[i], greedy[i] ? 8 : 0));
        }
        return new EvalEvent(1, 1, benchmark, greedy.length, 8, 0, 0, per);
    }

    /**
     * Two problems with paired differences 0 and 1: a resampled mean is 0, 0.5 or 1 with
     * probabilities 1/4, 1/2, 1/4, so the 2.5th and 97.5th percentiles of 10,000 resamples are
     * 0 and 1, and the observed difference is 0.5.
     */
    @Test
    void bootstrapOfTwoProblemsIsWorkedOutByHand() {
        PairedBootstrap.Comparison c = PairedBootstrap.compare(eval("b", true, true), eval("b", true, false),
                PairedBootstrap.Metric.PASS_AT_1, 10_000, 1);
        assertEquals(0.5, c.difference(), 1e-15);
        assertEquals(0.0, c.low(), 1e-15);
        assertEquals(1.0, c.high(), 1e-15);
        assertEquals(2, c.paired());
        assertEquals(1.0, c.meanA());
        assertEquals(0.5, c.meanB());
    }

    @Test
    void bootstrapOfEqualDifferencesHasNoWidthAndPairsById() {
        EvalEvent a = eval("b", true, true, true);
        List<ProblemResult> shifted = new ArrayList<>(eval("b", false, false, false).perProblem());
        shifted.add(new ProblemResult("only-in-b", true, 8));
        java.util.Collections.reverse(shifted);
        EvalEvent b = new EvalEvent(1, 1, "b", 4, 8, 0, 0, shifted);
        PairedBootstrap.Comparison c = PairedBootstrap.compare(a, b, PairedBootstrap.Metric.AVG_AT_8, 500, 3);
        assertEquals(1.0, c.difference());
        assertEquals(1.0, c.low());
        assertEquals(1.0, c.high());
        assertEquals(3, c.paired());
        assertEquals(0, c.onlyInA());
        assertEquals(1, c.onlyInB());
    }

    /**
     * 400 problems, A right on 60 that B missed and B right on 20 that A missed: the difference
     * is 0.1 and its standard error √((0.15 + 0.05 − 0.1²)/400) ≈ 0.0218, so the percentile
     * interval should sit near 0.1 ± 1.96·0.0218 = [0.0573, 0.1427].
     */
    @Test
    void bootstrapAgreesWithTheNormalApproximationOnALargeSample() {
        boolean[] ga = new boolean[400];
        boolean[] gb = new boolean[400];
        for (int i = 0; i < 400; i++) {
            ga[i] = i < 60 || i >= 200;
            gb[i] = (i >= 60 && i < 80) || i >= 200;
        }
        PairedBootstrap.Comparison c = PairedBootstrap.compare(eval("m", ga), eval("m", gb),
                PairedBootstrap.Metric.PASS_AT_1, PairedBootstrap.DEFAULT_RESAMPLES, 42);
        assertEquals(0.1, c.difference(), 1e-12);
        assertEquals(0.0573, c.low(), 0.006);
        assertEquals(0.1427, c.high(), 0.006);
        PairedBootstrap.Comparison same = PairedBootstrap.compare(eval("m", ga), eval("m", gb),
                PairedBootstrap.Metric.PASS_AT_1, PairedBootstrap.DEFAULT_RESAMPLES, 42);
        assertEquals(c, same, "the same seed gives the same interval");
    }
}
