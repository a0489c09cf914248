package org.rmel.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rmel.method.Condition;
import org.rmel.study.CellState;
import org.rmel.study.CellStatus;
import org.rmel.study.Study;
import org.rmel.study.StudyCell;
import org.rmel.study.stats.Bootstrap;
import org.rmel.study.stats.Claim;
import org.rmel.study.stats.ClaimChecks;
import org.rmel.study.stats.SeedRun;
import org.rmel.study.stats.SeedRuns;
import org.rmel.study.stats.StudyData;
import org.rmel.study.stats.StudyStatistics;
import org.rmel.train.TrainSettings;

/**
 * Everything the report and the workbench's Study view show, computed from the study's finished
 * runs: the statistics, the claims, and each condition's configuration. Cheap to recompute as runs
 * finish: the runs are read through a {@link SeedRuns} cache.
 */
public final class StudyResults {
    /** How the statistics are computed; every choice is named in the report. */
    public record Options(String reference, int resamples, long bootstrapSeed, double pKeepMargin) {
        public static Options defaults(Study study) {
            return new Options(study.spec().reference(), Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED,
                    ClaimChecks.DEFAULT_PKEEP_MARGIN);
        }
    }

    private final Study study;
    private final Options options;
    private final StudyStatistics stats;
    private final List<Claim> claims;
    private final List<CellStatus> cells;

    private StudyResults(Study study, Options options, StudyStatistics stats, List<CellStatus> cells) {
        this.study = study;
        this.options = options;
        this.stats = stats;
        this.claims = new ClaimChecks(stats, options.pKeepMargin()).all();
        this.cells = List.copyOf(cells);
    }

    /** From the cells' states (only finished runs count), reading runs through {@code cache}. */
    public static StudyResults compute(Study study, List<CellStatus> cells, Options options, SeedRuns cache) {
        if (!study.spec().conditions().contains(options.reference())) {
            throw new org.rmel.base.BadInputException("--reference " + options.reference() + ": not one of the study's conditions ("
                    + String.join(", ", study.spec().conditions()) + ")");
        }
        List<SeedRun> finished = new ArrayList<>();
        for (CellStatus c : cells) {
            if (c.state() == CellState.FINISHED) {
                StudyCell cell = c.cell();
                finished.add(cache.read(cell.condition(), cell.seed(), study.runDir(cell)));
            }
        }
        StudyData data = StudyData.of(study.spec().conditions(), study.spec().seeds(), cache.withAcrossRuns(finished));
        return new StudyResults(study, options, new StudyStatistics(data, new Bootstrap(options.resamples(),
                options.bootstrapSeed())), cells);
    }

    public Study study() {
        return study;
    }

    public Options options() {
        return options;
    }

    public StudyStatistics statistics() {
        return stats;
    }

    public StudyData data() {
        return stats.data();
    }

    public List<Claim> claims() {
        return claims;
    }

    public List<CellStatus> cells() {
        return cells;
    }

    public String reference() {
        return options.reference();
    }

    /** The conditions in the study's order that have at least one finished run. */
    public List<String> conditionsWithRuns() {
        return stats.data().conditions().stream().filter(stats.data()::has).toList();
    }

    public static String label(String condition) {
        try {
            return Condition.fromCliName(condition).label();
        } catch (IllegalArgumentException e) {
            return condition;
        }
    }

    /** "τ = 0.3, B = 4" for revising conditions (from the study's settings of the condition), else "". */
    public String config(String condition) {
        if (!Condition.fromCliName(condition).revises()) {
            return "";
        }
        TrainSettings s = study.spec().settings(new StudyCell(0, condition, study.spec().seeds().get(0)));
        return String.format(Locale.ROOT, "τ = %s, B = %d", brief(s.doubleValue("tau_min")), s.integer("budget"));
    }

    private static String brief(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Conditions whose runs revise (have revision success by band). */
    public List<String> revisingConditions() {
        return conditionsWithRuns().stream().filter(c -> Condition.fromCliName(c).revises()).toList();
    }
}
