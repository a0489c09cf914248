package org.rmel.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.RevisionTokens;
import org.rmel.figures.data.Curve;
import org.rmel.figures.data.CurvePanel;
import org.rmel.figures.data.LcpData;
import org.rmel.figures.data.LcpSample;
import org.rmel.figures.data.RateBucket;
import org.rmel.figures.data.RatePanel;
import org.rmel.figures.data.RateSeries;
import org.rmel.figures.data.TruncationMark;
import org.rmel.figures.tables.Score;
import org.rmel.figures.tables.Table1;
import org.rmel.figures.tables.Table2;

/** Figure inputs shaped like the paper's (its Table 1/2 numbers, a Figure-3-like pattern) for figure tests. */
public final class FigureFixtures {
    private FigureFixtures() {
    }

    public static CurvePanel curves() {
        List<Curve> curves = new ArrayList<>();
        Random rnd = new Random(7);
        String[] runs = {"MEL", "MEL+Extra", "R-MEL"};
        for (int r = 0; r < runs.length; r++) {
            int n = 100;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                y[i] = -0.9 + 0.5 * (1 - Math.exp(-i / 30.0)) + 0.03 * r + 0.04 * rnd.nextGaussian();
            }
            curves.add(new Curve(runs[r], x, y));
        }
        return new CurvePanel("Reward", "step", "mean reward", curves);
    }

    public static LcpData lcp() {
        Random rnd = new Random(3);
        List<LcpSample> s = new ArrayList<>();
        for (double tau : new double[] {0.7, 0.5, 0.3}) {
            for (int i = 0; i < 60; i++) {
                double ratio = Math.min(1, tau + Math.abs(rnd.nextGaussian()) * 0.08);
                s.add(new LcpSample(tau, ratio, rnd.nextDouble() < 0.12));
            }
        }
        return new LcpData("R-MEL", s, 0.3);
    }

    public static RatePanel difficulty() {
        return new RatePanel("Revision success by difficulty", "all-negative frequency", "success rate", List.of(
                new RateSeries("R-MEL revision", List.of(
                        new RateBucket("1/3", 2, 26, 2 / 26.0, 0.021, 0.242),
                        new RateBucket("2/3", 6, 39, 6 / 39.0, 0.072, 0.298),
                        new RateBucket("3/3", 3, 91, 3 / 91.0, 0.011, 0.093))),
                new RateSeries("MEL+Extra rollout", List.of(
                        new RateBucket("1/3", 7, 26, 7 / 26.0, 0.137, 0.460),
                        new RateBucket("2/3", 9, 39, 9 / 39.0, 0.126, 0.385),
                        new RateBucket("3/3", 8, 91, 8 / 91.0, 0.045, 0.164)))));
    }

    public static AnnotatedRevision revision() {
        String seed = "Step 1: 17 + 25 = 42. Step 2: 42 * 3 = 126. Step 3: 126 - 9 = 116. The answer is 116.";
        int cut = (int) Math.floor(0.5 * seed.length());
        String cont = "7. Step 3: 126 - 9 = 117. The answer is 117.";
        return new AnnotatedRevision("step 12 · prompt arith-0042", seed,
                List.of(new TruncationMark(0.7, (int) Math.floor(0.7 * seed.length()), TruncationMark.Outcome.REJECTED),
                        new TruncationMark(0.5, cut, TruncationMark.Outcome.ACCEPTED),
                        new TruncationMark(0.3, (int) Math.floor(0.3 * seed.length()), TruncationMark.Outcome.NOT_TRIED)),
                0.5, cut, cut + 21, (cut + 21) / (double) seed.length(), cut + 21, cont, "117", "116", "117", true, true,
                "equal: 117 = 117 (integers)", "Compute (17 + 25) * 3 - 9.",
                new RevisionTokens(seed.length(), cut, cut + 21, cont.length()), true, "exact: one token per character");
    }

    public static Table1 table1() {
        List<String> b = List.of("AIME24", "AIME25", "AMC23", "MATH-500", "OlympiadBench");
        return new Table1(b, List.of(
                row("MEL", b, new double[] {10.00, 16.67, 50.00, 53.80, 34.52}, new double[] {8.75, 7.50, 41.56, 49.75, 31.98}),
                row("MEL+Extra", b, new double[] {16.67, 13.33, 50.00, 53.80, 32.74}, new double[] {8.33, 8.33, 43.44, 47.45, 31.52}),
                row("R-MEL", b, new double[] {13.33, 6.67, 52.50, 57.80, 35.56}, new double[] {10.42, 8.33, 46.88, 54.10, 34.15})));
    }

    private static Table1.Row row(String m, List<String> b, double[] p1, double[] a8) {
        Map<String, Score> pass = new java.util.HashMap<>();
        Map<String, Score> avg = new java.util.HashMap<>();
        for (int i = 0; i < b.size(); i++) {
            pass.put(b.get(i), Score.of(p1[i] / 100));
            avg.put(b.get(i), Score.of(a8[i] / 100));
        }
        return new Table1.Row(m, pass, avg);
    }

    public static Table2 table2() {
        return new Table2("R-MEL (full)", List.of(
                new Table2.Row("MEL", "", Score.of(0.3300)),
                new Table2.Row("MEL+Extra", "", Score.of(0.3331)),
                new Table2.Row("R-MEL (full)", "τ = 0.3, B = 4", Score.of(0.3317)),
                new Table2.Row("R-MEL w/o prefix", "τ = 0, B = 4", Score.of(0.3269)),
                new Table2.Row("R-MEL (B = 1)", "τ = 0.3, B = 1", Score.of(0.3280))));
    }
}
