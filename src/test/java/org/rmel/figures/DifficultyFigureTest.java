package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.analysis.DifficultyDefinition;
import org.rmel.cli.RmelCommand;
import org.rmel.figures.charts.GridFigure;
import org.rmel.run.GroupEvent;
import org.rmel.testsupport.RunScript;

/**
 * The difficulty figure (Difficulty tab and {@code export --figure difficulty}): each bar's
 * across-runs cohort is the paper's (ablations selected alongside do not count) and is named on
 * the figure; the bands stand in their canonical order whichever series has which.
 */
class DifficultyFigureTest {
    private static final Path SAMPLES = Path.of("sample-runs");

    @TempDir
    Path tmp;

    private static String export(List<Path> runs, String... options) {
        List<String> args = new ArrayList<>(List.of("export"));
        runs.forEach(r -> args.add(r.toString()));
        args.addAll(List.of(options));
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        return err.toString();
    }

    /** Panel (a)'s CSV rows of one series: "bucket,successes,trials". */
    private static List<String> rows(Path csv, String series) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.startsWith("# (b)")) {
                break;
            }
            if (line.startsWith(series + ",")) {
                String[] cells = line.split(",");
                out.add(cells[1] + "," + cells[2] + "," + cells[3]);
            }
        }
        return out;
    }

    private static JFreeChart panelA(List<Path> runs, DifficultyDefinition d) {
        GridFigure f = (GridFigure) RunFigures.difficulty(runs, d, FigureStyle.paper());
        return f.panels().get(0).chart();
    }

    private static String subtitle(JFreeChart chart) {
        return ((TextTitle) chart.getSubtitle(0)).getText();
    }

    @Test
    void sampleRunsAblationsInTheSelectionDoNotMoveRmelsBandsAndTheFigureNamesTheCohort() throws Exception {
        List<Path> paper = List.of(SAMPLES.resolve("mel"), SAMPLES.resolve("mel-extra"), SAMPLES.resolve("r-mel"));
        List<Path> all = List.of(SAMPLES.resolve("mel"), SAMPLES.resolve("mel-extra"), SAMPLES.resolve("r-mel"),
                SAMPLES.resolve("r-mel-adaptive"), SAMPLES.resolve("r-mel-b1"), SAMPLES.resolve("r-mel-no-prefix"));
        Path three = tmp.resolve("three.csv");
        Path six = tmp.resolve("six.csv");
        export(paper, "--figure", "difficulty", "--format", "csv", "--out", three.toString());
        export(all, "--figure", "difficulty", "--format", "csv", "--out", six.toString());
        List<String> rmel = rows(three, "R-MEL revision");
        assertEquals(3, rmel.size(), rmel.toString());
        assertEquals(rmel, rows(six, "R-MEL revision"), "r-mel-b1 and r-mel-adaptive selected too: R-MEL's bands stay");
        assertEquals(rows(three, "MEL+Extra rollout"), rows(six, "MEL+Extra rollout"));

        assertEquals("k of 3 runs (MEL, MEL+Extra, R-MEL) all-negative at this visit (paper)",
                subtitle(panelA(paper, DifficultyDefinition.ACROSS_RUNS)));
        assertEquals("k of 3 runs (MEL, MEL+Extra, R-MEL or the bar's ablation) all-negative at this visit (paper)",
                subtitle(panelA(all, DifficultyDefinition.ACROSS_RUNS)));
        assertTrue(Files.readString(six).contains("k of 3 runs (MEL, MEL+Extra, R-MEL or the bar's ablation)"),
                "the CSV names the cohort too");
    }

    @Test
    void ablationsWithoutMelRunsFallBackToTheWholeRunDefinition() {
        List<Path> ablations = List.of(SAMPLES.resolve("r-mel"), SAMPLES.resolve("r-mel-adaptive"), SAMPLES.resolve("r-mel-b1"),
                SAMPLES.resolve("r-mel-no-prefix"));
        RunAnalyses a = RunAnalyses.read(ablations);
        assertEquals(DifficultyDefinition.WHOLE_RUN, a.defaultDifficulty(),
                "no MEL or MEL+Extra run: each R-MEL variant is alone in its cohort, the paper's k/N says nothing");
        assertEquals(DifficultyDefinition.WHOLE_RUN.label(), subtitle(panelA(ablations, null)));
    }

    /**
     * Run A (seed 1): prompt h all-negative at both visits (2/2, hard), m at one of two (1/2,
     * intermediate); run B (seed 2): prompt e at one of three (1/3, easy). A comes first and has
     * no easy bar.
     */
    private List<Path> easyOnlyInTheSecondSeries() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        try (RunScript s = RunScript.create(a, RunScript.spec("r-mel", 4, 4, 0.3, 3))) {
            s.group(1, "h", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.revision(1, "h", -1, 0, 0.7);
            s.group(1, "m", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.revision(1, "m", 0, 0.8, 0.7);
            s.group(2, "h", 2, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.revision(2, "h", 0, 0.8, 0.7);
            s.group(2, "m", 2, GroupEvent.ROLLOUT, 1, 0, 0, 0);
        }
        try (RunScript s = RunScript.create(b, RunScript.spec("r-mel", 4, 4, 0.3, 3))) {
            s.group(1, "e", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.revision(1, "e", 0, 0.8, 0.7);
            s.group(2, "e", 2, GroupEvent.ROLLOUT, 1, 0, 0, 0);
            s.group(3, "e", 3, GroupEvent.ROLLOUT, 1, 1, 0, 0);
        }
        return List.of(a, b);
    }

    @Test
    void bandsStandInCanonicalOrderWhenTheFirstSeriesLacksTheEasyOne() throws Exception {
        List<Path> runs = easyOnlyInTheSecondSeries();
        RunAnalyses a = RunAnalyses.read(runs);
        List<String> firstSeries = a.difficultyPanels(DifficultyDefinition.WHOLE_RUN, false).get(0).series().get(0).buckets().stream()
                .map(org.rmel.figures.data.RateBucket::label).toList();
        assertFalse(firstSeries.contains("easy (≤1/3)"), "the case of the bug: " + firstSeries);
        assertEquals(List.of("easy (≤1/3)", "intermediate (≤2/3)", "hard (>2/3)"),
                ((CategoryPlot) panelA(runs, DifficultyDefinition.WHOLE_RUN).getPlot()).getDataset().getColumnKeys());
        assertEquals(List.of("1/3", "1/2", "2/2"), a.difficultyPanels(DifficultyDefinition.WHOLE_RUN, true).get(0).buckets());

        Path csv = tmp.resolve("d.csv");
        export(runs, "--figure", "difficulty", "--difficulty", "whole-run", "--format", "csv", "--out", csv.toString());
        String text = Files.readString(csv);
        assertTrue(text.indexOf("easy (≤1/3)") >= 0 && text.indexOf("intermediate (≤2/3)") > 0, text);
        // both runs are "R-MEL": the series are told apart by RunLabels; each lists its bands easiest first
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> l.contains("≤2/3") || l.contains(">2/3")).toList();
        assertTrue(lines.get(0).contains("intermediate") && lines.get(1).contains("hard"), lines.toString());
    }
}
