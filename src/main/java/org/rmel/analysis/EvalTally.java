package org.rmel.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.rmel.run.EvalEvent;
import org.rmel.run.ProblemResult;

/** Evaluation results per benchmark and step, and the best step by mean Pass@1. */
final class EvalTally {
    private final Map<String, TreeMap<Integer, EvalEvent>> byBenchmark = new LinkedHashMap<>();

    /** A later eval of the same benchmark and step (a re-evaluation) replaces the earlier one. */
    void add(EvalEvent e) {
        byBenchmark.computeIfAbsent(e.benchmark(), k -> new TreeMap<>()).put(e.step(), e);
    }

    Map<String, List<EvalPoint>> points() {
        Map<String, List<EvalPoint>> out = new LinkedHashMap<>();
        byBenchmark.forEach((b, evals) -> {
            List<EvalPoint> list = new ArrayList<>();
            evals.values().forEach(e -> list.add(point(e)));
            out.put(b, list);
        });
        return out;
    }

    static EvalPoint point(EvalEvent e) {
        List<ProblemResult> per = e.perProblem();
        if (per.isEmpty()) {
            return new EvalPoint(e.step(), e.benchmark(), e.n(), e.samples(), e.passAt1(), e.avgAt8(), Map.of());
        }
        double greedy = 0;
        double sampled = 0;
        Map<Integer, Double> passAtK = new TreeMap<>();
        for (int k = 1; k <= e.samples(); k *= 2) {
            passAtK.put(k, 0.0);
        }
        for (ProblemResult p : per) {
            int c = Math.max(0, Math.min(p.samplesCorrect(), e.samples()));
            greedy += p.greedyCorrect() ? 1 : 0;
            sampled += c / (double) e.samples();
            passAtK.replaceAll((k, sum) -> sum + PassAtK.estimate(e.samples(), c, k));
        }
        int n = per.size();
        passAtK.replaceAll((k, sum) -> sum / n);
        return new EvalPoint(e.step(), e.benchmark(), n, e.samples(), greedy / n, sampled / n, passAtK);
    }

    /** The step with the highest Pass@1 averaged over the benchmarks evaluated at it (earliest on ties). */
    OptionalInt bestStep() {
        Map<Integer, double[]> sums = new TreeMap<>();
        byBenchmark.values().forEach(evals -> evals.forEach((step, e) -> {
            double[] s = sums.computeIfAbsent(step, k -> new double[2]);
            s[0] += point(e).passAt1();
            s[1]++;
        }));
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, double[]> en : sums.entrySet()) {
            double mean = en.getValue()[0] / en.getValue()[1];
            if (mean > bestMean) {
                bestMean = mean;
                best = en.getKey();
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }


    Map<String, TreeMap<Integer, EvalEvent>> events() {
        Map<String, TreeMap<Integer, EvalEvent>> copy = new LinkedHashMap<>();
        byBenchmark.forEach((b, m) -> copy.put(b, new TreeMap<>(m)));
        return copy;
    }
}
