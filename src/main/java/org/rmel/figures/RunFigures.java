package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmel.base.BadInputException;
import org.rmel.figures.charts.ChartFigure;
import org.rmel.figures.charts.CurveCharts;
import org.rmel.figures.charts.GridFigure;
import org.rmel.figures.charts.LcpCharts;
import org.rmel.figures.charts.RateCharts;
import org.rmel.figures.data.RatePanel;
import org.rmel.figures.charts.TrajectoryFigure;
import org.rmel.figures.data.CurvePanel;
import org.rmel.figures.data.LcpData;
import org.rmel.figures.data.LcpSample;
import org.rmel.figures.revisions.RevisionCatalog;
import org.rmel.figures.revisions.RevisionRecord;

/**
 * Figures built straight from run folders. The workbench panels and the {@code export} command
 * both call these, so a figure exported without a display is the figure on screen.
 */
public final class RunFigures {
    private RunFigures() {
    }

    /** One panel per metric, runs overlaid; metrics no run has are left out. */
    public static Figure curves(List<Path> runs, List<String> metrics, FigureStyle style) {
        List<ChartFigure> panels = new ArrayList<>();
        for (String m : metrics) {
            CurvePanel p = RunCurves.panel(runs, m);
            if (!p.curves().isEmpty()) {
                panels.add(CurveCharts.create(p, style));
            }
        }
        if (panels.isEmpty()) {
            throw new BadInputException("none of the runs has any of the metrics " + metrics + "; available: "
                    + RunCurves.available(runs));
        }
        return new GridFigure(panels);
    }

    public static LcpData lcpData(Path run, RevisionCatalog catalog) {
        return lcpData(run, catalog, RunLabels.conditionLabel(run), -1);
    }

    static LcpData lcpData(Path run, RevisionCatalog catalog, String label, int runIndex) {
        List<LcpSample> samples = catalog.attempts().stream()
                .map(r -> new LcpSample(r.tau(), r.lcpRatio(), r.accepted(), r.attempt().verified()))
                .toList();
        return new LcpData(label, samples, catalog.tauMin(), reading(run), runIndex);
    }

    /** How the run filtered revisions: revision mode and LCP rule (runs before these settings: forced, fixed). */
    static String reading(Path run) {
        org.rmel.run.RunSpec spec = org.rmel.run.RunDirectory.open(run).spec();
        String mode = spec.string("revision_mode").orElse("forced");
        if ("r-mel-no-prefix".equals(spec.condition().orElse(""))) {
            return mode + ", no LCP filter (" + spec.string("no_prefix_reading").orElse("no_filter") + ")";
        }
        String rule = spec.string("lcp_rule").orElse("fixed");
        return mode + ", " + (rule.equals("per_attempt") ? "LCP ≥ each attempt's τ"
                : "LCP ≥ τ_min = " + spec.tauMin().stream().mapToObj(Numbers::brief).findFirst().orElse("?"));
    }

    /** LCP ratios of every selected run that made revision attempts, each with its place in the selection. */
    public static List<LcpData> lcpData(List<Path> runs) {
        List<LcpData> out = new ArrayList<>();
        List<String> labels = RunLabels.of(runs);
        for (int i = 0; i < runs.size(); i++) {
            RevisionCatalog c = RevisionCatalog.read(runs.get(i));
            if (!c.attempts().isEmpty()) {
                out.add(lcpData(runs.get(i), c, labels.get(i), i));
            }
        }
        return out;
    }

    /** One LCP histogram per run, in a grid with one legend of the τ shades. */
    public static Figure lcpFigure(List<LcpData> data, FigureStyle style) {
        if (data.isEmpty()) {
            throw new BadInputException("none of the runs made revision attempts (only R-MEL runs revise)");
        }
        List<Double> taus = data.stream().flatMap(d -> d.taus().stream()).distinct()
                .sorted((a, b) -> Double.compare(b, a)).toList();
        List<ChartFigure> panels = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            panels.add(LcpCharts.histogram(data.get(i), style, LcpCharts.DEFAULT_BINS, taus, i));
        }
        return new GridFigure(panels);
    }

    public static Figure lcp(List<Path> runs, FigureStyle style) {
        return lcpFigure(lcpData(runs), style);
    }

    /** The difficulty figure: panel (a) by all-negative frequency and (b) by seed log-prob quintile, side by side. */
    public static Figure difficultyFigure(List<RatePanel> panels, FigureStyle style) {
        return new GridFigure(panels.stream().map(p -> RateCharts.create(p, style)).toList());
    }

    /** The difficulty figure under the runs' default definition (across runs when they share a seed). */
    public static Figure difficulty(List<Path> runs, FigureStyle style) {
        return difficulty(runs, null, style);
    }

    /** The difficulty figure under {@code definition} (null: the default), labelled with it. */
    public static Figure difficulty(List<Path> runs, org.rmel.analysis.DifficultyDefinition definition, FigureStyle style) {
        RunAnalyses a = RunAnalyses.read(runs);
        return difficultyFigure(a.difficultyPanels(definition == null ? a.defaultDifficulty() : definition, false), style);
    }

    /**
     * The annotated trajectory of one revision attempt. {@code selector} is {@code STEP:PROMPT} or
     * {@code STEP:PROMPT:ATTEMPT} (1-based); null picks the run's first accepted revision.
     */
    public static TrajectoryFigure revision(Path run, String selector, FigureStyle style) {
        RevisionCatalog c = RevisionCatalog.read(run);
        RevisionRecord r = select(run, c, selector);
        return new TrajectoryFigure(r.annotate(c.schedule(), Verdicts.describe(r)), style);
    }

    /** The same, from the first of several runs that made revisions (MEL runs in the list are passed over). */
    public static TrajectoryFigure revision(List<Path> runs, String selector, FigureStyle style) {
        for (Path run : runs) {
            if (!RevisionCatalog.read(run).attempts().isEmpty()) {
                return revision(run, selector, style);
            }
        }
        throw new BadInputException("no revision events in " + runs + " (only R-MEL runs revise)");
    }

    static RevisionRecord select(Path run, RevisionCatalog c, String selector) {
        if (c.attempts().isEmpty()) {
            throw new BadInputException(run + ": no revision events (only R-MEL runs revise)");
        }
        if (selector == null || selector.isBlank()) {
            return c.attempts().stream().filter(RevisionRecord::accepted).findFirst().orElse(c.attempts().get(0));
        }
        String[] parts = selector.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new BadInputException("--revision '" + selector + "': expected STEP:PROMPT or STEP:PROMPT:ATTEMPT");
        }
        int step;
        Integer attempt = null;
        try {
            step = Integer.parseInt(parts[0].trim());
            if (parts.length == 3) {
                attempt = Integer.parseInt(parts[2].trim());
            }
        } catch (NumberFormatException e) {
            throw new BadInputException("--revision '" + selector + "': STEP and ATTEMPT must be whole numbers");
        }
        String prompt = parts[1].trim();
        List<RevisionRecord> matches = c.attempts().stream().filter(r -> r.step() == step && r.promptId().equals(prompt)).toList();
        if (matches.isEmpty()) {
            throw new BadInputException("--revision '" + selector + "': " + run + " has no revision of prompt " + prompt
                    + " at step " + step);
        }
        if (attempt == null) {
            return matches.stream().filter(RevisionRecord::accepted).findFirst().orElse(matches.get(matches.size() - 1));
        }
        int a = attempt;
        return matches.stream().filter(r -> r.attemptIndex() == a - 1).findFirst().orElseThrow(() -> new BadInputException(
                "--revision '" + selector + "': that revision has " + matches.size() + " attempts"));
    }
}
