package org.rmel.figures.charts;

import java.util.ArrayList;
import java.util.List;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.data.SeedBarPanel;
import org.rmel.figures.tables.CsvTable;

/**
 * A study's pooled statistics as grouped bars with their 95 % intervals and one dot per seed (the
 * study's inverted U, p_keep, accepted revisions below an LCP ratio of 0.5, average Pass@1). Built
 * by the same bar body as {@link RateCharts}, so both change together.
 */
public final class SeedBarCharts {
    private SeedBarCharts() {
    }

    public static ChartFigure create(SeedBarPanel panel, FigureStyle style) {
        List<String> labels = new ArrayList<>();
        for (SeedBarPanel.Series s : panel.series()) {
            for (SeedBarPanel.Bar b : s.bars()) {
                if (!labels.contains(b.label())) {
                    labels.add(b.label());
                }
            }
        }
        List<String> names = panel.series().stream().map(SeedBarPanel.Series::name).toList();
        Double[][] values = new Double[names.size()][labels.size()];
        WhiskerBarRenderer.Whisker[][] whiskers = new WhiskerBarRenderer.Whisker[names.size()][labels.size()];
        for (int r = 0; r < names.size(); r++) {
            for (SeedBarPanel.Bar b : panel.series().get(r).bars()) {
                if (Double.isNaN(b.value())) {
                    continue;
                }
                int c = labels.indexOf(b.label());
                values[r][c] = b.value();
                whiskers[r][c] = new WhiskerBarRenderer.Whisker(b.lo(), b.hi(), b.note(),
                        b.seeds().stream().mapToDouble(SeedBarPanel.SeedPoint::value).toArray());
            }
        }
        return RateCharts.bars(panel.title(), panel.xLabel(), panel.yLabel(), names, labels, values, whiskers,
                List.of(csv(panel)), style);
    }

    /** Every bar with its interval, and every seed's value: the data behind the figure. */
    static CsvTable csv(SeedBarPanel panel) {
        List<List<String>> rows = new ArrayList<>();
        for (SeedBarPanel.Series s : panel.series()) {
            for (SeedBarPanel.Bar b : s.bars()) {
                rows.add(List.of(s.name(), b.label(), "pooled", CsvTable.num(b.value()), CsvTable.num(b.lo()),
                        CsvTable.num(b.hi()), b.note()));
                for (SeedBarPanel.SeedPoint p : b.seeds()) {
                    rows.add(List.of(s.name(), b.label(), "seed " + p.seed(), CsvTable.num(p.value()), "", "", ""));
                }
            }
        }
        return new CsvTable(panel.title(), List.of("series", "bucket", "value_of", "value", "ci_lo", "ci_hi", "note"), rows);
    }
}
