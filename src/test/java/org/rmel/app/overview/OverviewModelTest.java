package org.rmel.app.overview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewModelTest {
    private static FollowedRun.Snapshot run(String name, int n) {
        double[] steps = new double[n];
        double[] seconds = new double[n];
        double[] reward = new double[n];
        double[] grpo = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
            seconds[i] = 30.0 * (i + 1);
            reward[i] = i % 2;
            grpo[i] = -i;
        }
        Map<String, Series> series = new LinkedHashMap<>();
        series.put("reward/mean", new Series("reward/mean", steps, seconds, reward));
        series.put("loss/grpo", new Series("loss/grpo", steps, seconds, grpo));
        series.put("loss/nll", new Series("loss/nll", steps, seconds, grpo));
        return new FollowedRun.Snapshot(Path.of(name), name, series, List.of(), null, 1, n);
    }

    private static ChartSpec spec(String id) {
        return ChartSpec.overview().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void klChartDrawsTheKlToTheReferenceAndToTheSamplingPolicy() {
        FollowedRun.Snapshot r = run("a", 4);
        Map<String, Series> series = new LinkedHashMap<>(r.series());
        double[] steps = {1, 2, 3, 4};
        series.put("loss/kl", new Series("loss/kl", steps, steps, new double[] {0, 1e-4, 3e-4, 6e-4}));
        series.put("update/ppo_kl", new Series("update/ppo_kl", steps, steps, new double[] {0, -1e-5, 2e-5, 1e-5}));
        FollowedRun.Snapshot withKl = new FollowedRun.Snapshot(r.dir(), r.name(), series, List.of(), null, 1, 4);
        ChartData data = OverviewModel.chart(spec("kl"), List.of(withKl), XAxisMode.STEP, 0, null, 100);
        assertEquals(List.of("loss/kl", "update/ppo_kl"), data.lines().stream().map(ChartData.Line::label).toList());
        assertArrayEquals(new double[] {0, 1e-4, 3e-4, 6e-4}, data.lines().get(0).y());
    }

    @Test
    void withoutSmoothingTheRawValuesAreDrawnAsLogged() {
        ChartData data = OverviewModel.chart(spec("reward"), List.of(run("a", 10)), XAxisMode.STEP, 0, null, 100);
        assertEquals(1, data.lines().size());
        ChartData.Line line = data.lines().get(0);
        assertEquals("mean", line.label());
        assertTrue(line.raw());
        assertFalse(line.faint());
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, line.y());
    }

    @Test
    void smoothingAddsABoldEmaOverTheFaintRawLine() {
        ChartData data = OverviewModel.chart(spec("reward"), List.of(run("a", 10)), XAxisMode.STEP, 0.5, null, 100);
        assertEquals(2, data.lines().size());
        assertTrue(data.lines().get(0).faint());
        ChartData.Line ema = data.lines().get(1);
        assertFalse(ema.raw());
        assertEquals("mean (EMA 0.5)", ema.label());
        assertEquals(2.0 / 3, ema.y()[1], 1e-12);
    }

    @Test
    void evaluationsAreNeverSmoothed() {
        FollowedRun.Snapshot base = run("a", 3);
        Map<String, Series> series = new LinkedHashMap<>(base.series());
        series.put("eval/pass_at_1/arith", new Series("eval/pass_at_1/arith", new double[] {0, 10}, new double[] {0, 60},
                new double[] {0.2, 0.6}));
        FollowedRun.Snapshot withEval = new FollowedRun.Snapshot(base.dir(), "a", series, List.of(), null, 1, 5);
        ChartData data = OverviewModel.chart(spec("pass1"), List.of(withEval), XAxisMode.STEP, 0.9, null, 100);
        assertEquals(1, data.lines().size());
        assertEquals("arith", data.lines().get(0).label());
        assertArrayEquals(new double[] {0.2, 0.6}, data.lines().get(0).y());
    }

    @Test
    void wallTimeIsInMinutesSinceTheStart() {
        ChartData data = OverviewModel.chart(spec("reward"), List.of(run("a", 4)), XAxisMode.WALL_TIME, 0, null, 100);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, data.lines().get(0).x());
        assertEquals("wall time (min)", data.xLabel());
    }

    @Test
    void overlaidRunsAreNamedAndColouredApart() {
        ChartData data = OverviewModel.chart(spec("losses"), List.of(run("a", 5), run("b", 5)), XAxisMode.STEP, 0, null, 100);
        assertEquals(List.of("a · grpo", "a · nll", "b · grpo", "b · nll"),
                data.lines().stream().map(ChartData.Line::label).toList());
        // one colour per run (its place in the selection), the run's metrics apart by line style
        assertEquals(List.of(0, 0, 1, 1), data.lines().stream().map(ChartData.Line::colorIndex).toList());
        assertEquals(List.of(0, 1, 0, 1), data.lines().stream().map(ChartData.Line::variant).toList());
    }

    @Test
    void longSeriesAreDownsampledAndZoomingBringsBackEveryPoint() {
        FollowedRun.Snapshot big = run("a", 100_000);
        ChartData full = OverviewModel.chart(spec("reward"), List.of(big), XAxisMode.STEP, 0, null, 200);
        assertTrue(full.lines().get(0).x().length <= 3 * 200 + 2);
        ChartData zoomed = OverviewModel.chart(spec("reward"), List.of(big), XAxisMode.STEP, 0,
                new OverviewModel.Range(500, 600), 200);
        assertEquals(101 + 2, zoomed.lines().get(0).x().length, "101 points in range plus a neighbour each side");
    }
}
