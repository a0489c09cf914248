package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rmel.figures.export.FigureExporter;
import org.rmel.figures.export.ImageFormat;
import org.rmel.testsupport.RunScript;

/**
 * Every exported figure, at the narrowest venue column (ACL, 3.03 in), the 3.5 in single and the
 * 7.16 in double column, with 1, 3 and 6 runs, drawn into a {@link RecordingGraphics}: no text
 * outside the figure or cut by a clip, no two texts overlapping, none below 5 pt. The runs have
 * long folder names and repeat conditions, so legends must abbreviate; a simulated study's figures
 * (five conditions pooled over three seeds) are checked the same way. With
 * {@code -Dfigures.dump=DIR} the figures are also written there as PNGs to look at.
 */
class FigureLegibilityTest {
    @TempDir
    static Path tmp;

    static List<Path> runs = new ArrayList<>();

    /** A simulated study of the five conditions × 3 seeds: the study report's figures pooled over seeds. */
    static org.rmel.study.report.StudyFigures study;

    /** A real revision from the trainer (the sample runs are real runs of the built-in model). */
    private static final Path SAMPLE_RMEL = Path.of("sample-runs", "r-mel");

    private static final String SUFFIX = "_seed-%d_lr-1e-6_2026-11-30T02-22";

    @BeforeAll
    static void writeRuns() {
        String[][] conditions = {{"mel", "1"}, {"mel-extra", "1"}, {"r-mel", "1"}, {"r-mel", "2"}, {"r-mel", "3"},
                {"r-mel-no-prefix", "1"}, {"r-mel-b1", "1"}, {"r-mel-adaptive", "1"}};
        long seed = 11;
        for (String[] c : conditions) {
            Path run = tmp.resolve(c[0] + String.format(Locale.ROOT, SUFFIX, Integer.parseInt(c[1])));
            double tauMin = c[0].equals("r-mel-no-prefix") ? 0 : 0.3;
            try (RunScript s = RunScript.create(run, RunScript.spec(c[0], 8, c[0].equals("r-mel-b1") ? 1 : 4, tauMin, 12))) {
                s.simulate(c[0], 12, 16, 8, 8, seed++);
                s.finish();
            }
            runs.add(run);
        }
        org.rmel.study.Study st = org.rmel.study.report.StudyReportTest.simulatedStudy(tmp.resolve("study"));
        study = new org.rmel.study.report.StudyFigures(org.rmel.study.report.StudyResults.compute(st,
                org.rmel.study.RunStates.read(st), new org.rmel.study.report.StudyResults.Options("r-mel", 200,
                        org.rmel.study.stats.Bootstrap.DEFAULT_SEED, 0.03), new org.rmel.study.stats.SeedRuns()));
    }

    /** The runs a figure of n runs shows: the mixed set for curves and difficulty, revising runs for LCP. */
    private static List<Path> pick(String figure, int n) {
        if (figure.startsWith("study")) {
            return List.of();
        }
        List<Integer> order = switch (figure) {
            case "lcp", "revisions" -> List.of(2, 3, 4, 5, 6, 7);
            case "difficulty" -> List.of(2, 1, 3, 5, 6, 7);
            default -> List.of(0, 1, 2, 3, 5, 6);
        };
        return order.subList(0, n).stream().map(runs::get).toList();
    }

    private static final List<String> CURVE_METRICS = List.of("eval/pass_at_1", "reward/mean", "groups/all_negative_frac",
            "revision/success_rate");

    private static Figure build(String figure, List<Path> selected, FigureStyle style) {
        return switch (figure) {
            case "curves" -> RunFigures.curves(selected, CURVE_METRICS, style);
            case "curves-one" -> RunFigures.curves(selected, List.of("reward/mean"), style);
            case "lcp" -> RunFigures.lcp(selected, style);
            case "difficulty" -> RunFigures.difficulty(selected, style);
            case "revisions" -> RunFigures.revision(selected, null, style);
            case "revisions-sample" -> RunFigures.revision(SAMPLE_RMEL, null, style);
            case "study-difficulty" -> study.difficulty(style);
            case "study-lcp" -> study.lcp(style);
            case "study-lcp-share" -> study.lcpShare(style);
            case "study-scores" -> study.scores(style);
            default -> throw new IllegalArgumentException(figure);
        };
    }

    /**
     * Widths and text sizes: the narrowest venue column with the largest venue text (ACL, 9 pt),
     * the default (a two-column article's column, 8 pt), the 3.5 in single and 7.16 in double
     * column at the paper preset's 7 pt, and NeurIPS's one column (5.5 in, 8 pt).
     */
    static final double[][] SIZES = {
        {Venue.ACL.columnIn(), Venue.ACL.figureBasePt()},
        {Venue.TWO_COLUMN.columnIn(), Venue.TWO_COLUMN.figureBasePt()},
        {3.5, FigureStyle.SizePreset.PAPER.basePt},
        {Venue.NEURIPS.textIn(), Venue.NEURIPS.figureBasePt()},
        {7.16, FigureStyle.SizePreset.PAPER.basePt},
    };

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String figure : List.of("curves", "curves-one", "lcp", "difficulty", "revisions", "revisions-sample",
                "study-difficulty", "study-lcp", "study-lcp-share", "study-scores")) {
            for (double[] size : SIZES) {
                // the revision figure shows one attempt whatever the selection, a study its five conditions
                boolean fixed = figure.startsWith("revisions") || figure.startsWith("study");
                for (int n : fixed ? new int[] {figure.startsWith("study") ? 5 : 1} : new int[] {1, 3, 6}) {
                    out.add(Arguments.of(figure, size[0], size[1], n));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at {1} in, {2} pt, {3} runs")
    @MethodSource("matrix")
    void everyTextIsInsideItsFigureAndClearOfTheOthers(String figure, double widthIn, double basePt, int n) {
        List<Path> selected = pick(figure, n);
        FigureStyle style = FigureStyle.paper().withBasePt(basePt);
        Figure f = build(figure, selected, style);
        FigureSize size = FigureExporter.size(f, widthIn, 0);
        Rectangle2D area = new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt());
        RecordingGraphics g = new RecordingGraphics();
        FigureLayout layout = new FigureLayout();
        f.draw(g, area, layout);
        dump(figure + "-" + basePt + "pt", widthIn, n, f, size);
        f.notes().forEach(note -> System.out.println(figure + " at " + widthIn + " in, " + basePt + " pt, " + n + " runs: note: " + note));
        List<String> problems = new ArrayList<>(LayoutCheck.violations(g.texts(), area, !figure.startsWith("revisions")));
        if (!figure.startsWith("revisions")) {
            problems.addAll(LayoutCheck.violations(layout, g.texts(), area));
        }
        assertTrue(problems.isEmpty(), figure + " at " + widthIn + " in, " + basePt + " pt, with " + n + " runs:\n  " + String.join("\n  ",
                problems.subList(0, Math.min(25, problems.size()))) + (problems.size() > 25 ? "\n  …" + problems.size() : ""));
    }

    private static void dump(String figure, double widthIn, int n, Figure f, FigureSize size) {
        String dir = System.getProperty("figures.dump");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FigureExporter.write(f, size, ImageFormat.PNG, 200,
                Path.of(dir, String.format(Locale.ROOT, "%s-%.2fin-%druns.png", figure, widthIn, n)));
    }
}
