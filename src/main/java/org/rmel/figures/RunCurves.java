package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.rmel.figures.data.Curve;
import org.rmel.figures.data.CurvePanel;
import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.StepEvent;

/**
 * Step curves of one metric for several runs. A metric is a key of the step events' metrics map
 * (e.g. {@code reward/mean}, {@code mel/p_keep}) or an eval series {@code eval/pass_at_1},
 * {@code eval/avg_at_8} (mean over benchmarks), or {@code eval/BENCHMARK/pass_at_1}.
 */
public final class RunCurves {
    public static final List<String> DEFAULT_METRICS = List.of("eval/pass_at_1", "reward/mean");

    private RunCurves() {
    }

    public static CurvePanel panel(List<Path> runs, String metric) {
        List<String> labels = RunLabels.of(runs);
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Curve c = curve(runs.get(i), labels.get(i), metric, i);
            if (c.size() > 0) {
                curves.add(c);
            }
        }
        return new CurvePanel(MetricLabels.title(metric), "step", MetricLabels.axis(metric), curves, metric);
    }

    /** Metric names present in any of the runs: step metrics first, then eval series. */
    public static List<String> available(List<Path> runs) {
        Set<String> steps = new LinkedHashSet<>();
        Set<String> evals = new LinkedHashSet<>();
        for (Path run : runs) {
            RunDirectory.open(run).read(new EventSink() {
                @Override
                public void accept(LoggedEvent e) {
                    if (e.event() instanceof StepEvent s) {
                        steps.addAll(s.metrics().keySet());
                    } else if (e.event() instanceof EvalEvent ev) {
                        evals.add("eval/pass_at_1");
                        evals.add("eval/avg_at_8");
                        evals.add("eval/" + ev.benchmark() + "/pass_at_1");
                        evals.add("eval/" + ev.benchmark() + "/avg_at_8");
                    }
                }

                @Override
                public void reset() {
                    // names only accumulate; a resumed run lists the same names again
                }
            });
        }
        List<String> all = new ArrayList<>(steps);
        all.addAll(evals);
        return all;
    }

    /** The run's values of the metric in log order; eval means are per step over the benchmarks evaluated there. */
    static Curve curve(Path run, String label, String metric, int runIndex) {
        String[] parts = metric.split("/");
        boolean eval = parts[0].equals("eval") && parts.length >= 2;
        boolean avg8 = eval && parts[parts.length - 1].equals("avg_at_8");
        String benchmark = eval && parts.length == 3 ? parts[1] : null;
        TreeMap<Integer, double[]> evalByStep = new TreeMap<>();
        List<double[]> points = new ArrayList<>();
        RunDirectory.open(run).read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                if (!eval && e.event() instanceof StepEvent s) {
                    double v = s.metric(metric);
                    if (!Double.isNaN(v)) {
                        points.add(new double[] {s.step(), v});
                    }
                } else if (eval && e.event() instanceof EvalEvent ev && (benchmark == null || benchmark.equals(ev.benchmark()))) {
                    double[] acc = evalByStep.computeIfAbsent(ev.step(), k -> new double[2]);
                    acc[0] += avg8 ? ev.avgAt8() : ev.passAt1();
                    acc[1]++;
                }
            }

            @Override
            public void reset() {
                points.clear();
                evalByStep.clear();
            }
        });
        evalByStep.forEach((step, acc) -> points.add(new double[] {step, acc[0] / acc[1]}));
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Curve(label, x, y, runIndex);
    }
}
