package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmel.analysis.BucketRate;
import org.rmel.analysis.Compute;
import org.rmel.analysis.CrossRunDifficulty;
import org.rmel.analysis.DifficultyBuckets;
import org.rmel.analysis.DifficultyDefinition;
import org.rmel.analysis.EvalPoint;
import org.rmel.analysis.PairedBootstrap;
import org.rmel.analysis.RunAnalysis;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.base.BadInputException;
import org.rmel.figures.data.RateBucket;
import org.rmel.figures.data.RatePanel;
import org.rmel.figures.data.RateSeries;
import org.rmel.figures.tables.Score;
import org.rmel.figures.tables.Table1;
import org.rmel.figures.tables.Table2;
import org.rmel.method.Condition;
import org.rmel.run.EvalEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;

/**
 * Several runs with their analyses (from the analysis package), turned into the difficulty
 * figure's panels, Table 1, Table 2, paired bootstrap comparisons and the compute accounting.
 * The Difficulty and Compare panels and the {@code export} command all go through here.
 */
public record RunAnalyses(List<Path> runs, List<String> labels, List<RunSpec> specs, List<RunAnalysis> analyses) {
    /** The paper's benchmark order; others follow alphabetically. */
    private static final List<String> BENCHMARK_ORDER = List.of("AIME24", "AIME25", "AMC23", "MATH-500", "OlympiadBench");

    public RunAnalyses {
        runs = List.copyOf(runs);
        labels = List.copyOf(labels);
        specs = List.copyOf(specs);
        analyses = List.copyOf(analyses);
    }

    public static RunAnalyses read(List<Path> runs) {
        List<RunSpec> specs = new ArrayList<>();
        List<RunAnalysis> analyses = new ArrayList<>();
        for (Path run : runs) {
            RunDirectory dir = RunDirectory.open(run);
            specs.add(dir.spec());
            analyses.add(RunAnalyzer.analyze(dir).analysis());
        }
        return new RunAnalyses(runs, RunLabels.of(runs), specs, analyses);
    }

    private Optional<Condition> condition(int i) {
        try {
            return specs.get(i).condition().map(Condition::fromCliName);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /**
     * The inverted U (panel a: by all-negative frequency, in the easy / intermediate / hard bands
     * or exact k/n, under a named {@link DifficultyDefinition}) and panel b (by seed log-prob
     * quintile): revision success of revising runs next to the extra-rollout rescue rate of
     * MEL+Extra runs. Panel a's title names the definition (across runs: N and the cohort, each
     * run's own, {@link CrossRunDifficulty#cohorts}); buckets stand in their canonical order.
     */
    public List<RatePanel> difficultyPanels(DifficultyDefinition definition, boolean exactFrequency) {
        boolean across = definition == DifficultyDefinition.ACROSS_RUNS;
        List<RunDirectory> dirs = runs.stream().map(RunDirectory::open).toList();
        List<DifficultyBuckets> buckets = across ? CrossRunDifficulty.of(dirs)
                : analyses.stream().map(a -> a.difficulty(definition)).toList();
        List<CrossRunDifficulty.Cohort> cohorts = across ? CrossRunDifficulty.cohorts(dirs) : List.of();
        List<CrossRunDifficulty.Cohort> plotted = new ArrayList<>();
        List<RateSeries> byFreq = new ArrayList<>();
        List<RateSeries> byLogprob = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunAnalysis a = analyses.get(i);
            DifficultyBuckets d = buckets.get(i);
            boolean revises = !d.revision().isEmpty() && a.revisionSuccess().trials() > 0;
            boolean extra = a.compute().extraGroups() > 0;
            if (revises) {
                byFreq.add(series(labels.get(i) + " revision", exactFrequency ? d.revision() : d.revisionBands(), i, 0));
                byLogprob.add(series(labels.get(i) + " revision", a.revisionBySeedLogprob(), i, 0));
            }
            if (extra) {
                // a run's second source (revisions and extra rollouts both) in a lighter fill of its colour
                byFreq.add(series(labels.get(i) + " rollout", exactFrequency ? d.extra() : d.extraBands(), i, revises ? 1 : 0));
            }
            if (across && (revises || extra)) {
                plotted.add(cohorts.get(i));
            }
        }
        byFreq.removeIf(s -> s.buckets().isEmpty());
        byLogprob.removeIf(s -> s.buckets().isEmpty());
        if (byFreq.isEmpty()) {
            throw new BadInputException("none of the runs has revisions or extra rollouts on all-negative groups yet");
        }
        // the paper's figure names N and the runs counted: each bar's own cohort (an ablation in R-MEL's place)
        String named = across ? CrossRunDifficulty.label(plotted) : definition.label();
        List<RatePanel> panels = new ArrayList<>();
        panels.add(new RatePanel("(a) by all-negative frequency: " + named,
                "all-negative frequency (" + definition.wireName() + ")", "success rate", byFreq, canonicalOrder(byFreq)));
        if (!byLogprob.isEmpty()) {
            panels.add(new RatePanel("(b) by seed log-prob quintile", "seed log-prob quintile (Q1 = least likely)",
                    "success rate", byLogprob, canonicalOrder(byLogprob)));
        }
        return panels;
    }

    /** Every series' buckets in the canonical order (easy, intermediate, hard; k/n ascending; Q1…Q5), whichever series has them. */
    private static List<String> canonicalOrder(List<RateSeries> series) {
        return series.stream().flatMap(s -> s.buckets().stream()).map(RateBucket::label).distinct()
                .sorted(DifficultyBuckets.LABEL_ORDER).toList();
    }

    /** The paper's definition when every run has another condition's run of its seed to count with, else the whole-run one. */
    public DifficultyDefinition defaultDifficulty() {
        List<CrossRunDifficulty.Cohort> cohorts = CrossRunDifficulty.cohorts(runs.stream().map(RunDirectory::open).toList());
        return runs.size() > 1 && cohorts.stream().allMatch(c -> c.size() > 1)
                ? DifficultyDefinition.ACROSS_RUNS : DifficultyDefinition.WHOLE_RUN;
    }

    private static RateSeries series(String name, List<BucketRate> rates, int runIndex, int variant) {
        List<RateBucket> out = new ArrayList<>();
        for (BucketRate b : rates) {
            if (b.rate().trials() > 0) {
                out.add(new RateBucket(axisLabel(b.bucket()), b.rate().successes(), b.rate().trials(), b.rate().value(),
                        b.rate().low(), b.rate().high()));
            }
        }
        return new RateSeries(name, out, runIndex, variant);
    }

    /** "Q2 [-1.234, -0.987]" → "Q2" so quintiles of different runs share a bar group; "<=" → "≤". */
    static String axisLabel(String bucket) {
        int bracket = bucket.indexOf(" [");
        String s = bracket > 0 ? bucket.substring(0, bracket) : bucket;
        return s.replace("<=", "≤");
    }

    public List<String> benchmarks() {
        Set<String> all = new LinkedHashSet<>();
        analyses.forEach(a -> all.addAll(a.evals().keySet()));
        List<String> out = new ArrayList<>(all);
        out.sort(Comparator.comparingInt((String b) -> BENCHMARK_ORDER.contains(b) ? BENCHMARK_ORDER.indexOf(b) : BENCHMARK_ORDER.size())
                .thenComparing(b -> b));
        return out;
    }

    /** Pass@1 and Avg@8 of each run at its best step (highest mean Pass@1), per benchmark. */
    public Table1 table1() {
        List<String> benchmarks = benchmarks();
        if (benchmarks.isEmpty()) {
            throw new BadInputException("none of the runs has eval events; Table 1 needs evaluations");
        }
        List<Table1.Row> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Score> pass = new HashMap<>();
            Map<String, Score> avg = new HashMap<>();
            RunAnalysis a = analyses.get(i);
            for (String b : benchmarks) {
                point(a, b).ifPresent(p -> {
                    pass.put(b, Score.of(p.passAt1()));
                    avg.put(b, Score.of(p.avgAt8()));
                });
            }
            rows.add(new Table1.Row(labels.get(i), pass, avg, a.compute().tokensPerRescuedGroup()));
        }
        return new Table1(benchmarks, rows);
    }

    /** The eval point used for comparison: the best step's, else the latest. */
    private static Optional<EvalPoint> point(RunAnalysis a, String benchmark) {
        Optional<EvalEvent> e = a.evalForComparison(benchmark);
        List<EvalPoint> points = a.evals().get(benchmark);
        if (e.isEmpty() || points == null) {
            return Optional.empty();
        }
        int step = e.get().step();
        return points.stream().filter(p -> p.step() == step).findFirst();
    }

    /** Index of the full method: the first plain R-MEL run. */
    public int fullMethodIndex() {
        for (int i = 0; i < runs.size(); i++) {
            if (condition(i).orElse(null) == Condition.R_MEL) {
                return i;
            }
        }
        return -1;
    }

    /** Avg Pass@1 per run with its configuration and Δ against the full R-MEL run. */
    public Table2 table2() {
        int full = fullMethodIndex();
        if (full < 0) {
            throw new BadInputException("Table 2 compares against the full method: select an R-MEL run (condition r-mel)");
        }
        Table1 t1 = table1();
        List<Table2.Row> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Table1.Row r = t1.rows().get(i);
            rows.add(new Table2.Row(labels.get(i), config(i), t1.cell(r, Table1.PASS_AT_1, "Avg")));
        }
        return new Table2(labels.get(full), rows);
    }

    private String config(int i) {
        boolean revises = condition(i).map(Condition::revises).orElse(false);
        if (!revises) {
            return "";
        }
        RunSpec s = specs.get(i);
        String tau = s.tauMin().isPresent() ? "τ = " + Numbers.brief(s.tauMin().getAsDouble()) : "τ = ?";
        String b = s.budget().isPresent() ? "B = " + s.budget().getAsInt() : "B = ?";
        return tau + ", " + b;
    }

    /**
     * Paired bootstrap of every other run against the default reference (the full method if
     * selected, else the first run), per benchmark, for Pass@1 and Avg@8.
     */
    public List<PairedBootstrap.Comparison> comparisons() {
        return paired(defaultReference()).rows().stream().map(PairedRow::comparison).toList();
    }

    /** The reference a comparison uses unless the user picks one: the first plain R-MEL run, else the first run. */
    public int defaultReference() {
        return fullMethodIndex() >= 0 ? fullMethodIndex() : 0;
    }

    public String referenceLabel() {
        return labels.get(defaultReference());
    }

    /** Fewer paired problems than this make a bootstrap interval too coarse to read; the row says so. */
    public static final int FEW_PAIRED = 20;

    /**
     * One paired comparison: {@code run} against the reference on one benchmark and metric, with a
     * note when it needs one (few paired problems, problems only one run evaluated).
     */
    public record PairedRow(String run, PairedBootstrap.Comparison comparison, String note) {
    }

    /**
     * The paired bootstrap table against a reference: rows, and notes for what could not be
     * compared (a reference or run without per-problem evaluations — e.g. stopped before its first
     * evaluation — or without a benchmark in common), instead of rows of dashes.
     */
    public record Paired(int reference, String referenceLabel, List<PairedRow> rows, List<String> notes) {
        public Paired {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }
    }

    /** Paired bootstrap of every other run against run {@code reference} (an index into {@link #runs()}). */
    public Paired paired(int reference) {
        if (reference < 0 || reference >= runs.size()) {
            throw new IllegalArgumentException("reference " + reference + " outside the " + runs.size() + " runs");
        }
        String refLabel = labels.get(reference);
        List<PairedRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> refBenchmarks = benchmarks().stream().filter(b -> hasPerProblem(reference, b)).toList();
        if (runs.size() < 2) {
            notes.add("Select a second run to compare with " + refLabel + ".");
            return new Paired(reference, refLabel, rows, notes);
        }
        if (refBenchmarks.isEmpty()) {
            notes.add("The reference " + refLabel + " has no evaluation with per-problem results (" + progress(reference)
                    + "), so nothing can be paired with it: choose another reference run.");
            return new Paired(reference, refLabel, rows, notes);
        }
        for (int i = 0; i < runs.size(); i++) {
            if (i == reference) {
                continue;
            }
            int before = rows.size();
            for (String b : refBenchmarks) {
                if (!hasPerProblem(i, b)) {
                    continue;
                }
                EvalEvent a = analyses.get(reference).evalForComparison(b).orElseThrow();
                EvalEvent o = analyses.get(i).evalForComparison(b).orElseThrow();
                for (PairedBootstrap.Metric m : PairedBootstrap.Metric.values()) {
                    PairedBootstrap.Comparison c = PairedBootstrap.compare(a, o, m, PairedBootstrap.DEFAULT_RESAMPLES, 20_240_501L);
                    if (c.paired() == 0) {
                        continue;
                    }
                    rows.add(new PairedRow(labels.get(i), c, rowNote(c, refLabel, labels.get(i))));
                }
            }
            if (rows.size() == before) {
                notes.add(labels.get(i) + ": no evaluation shares problems with " + refLabel + " (" + progress(i) + ").");
            }
        }
        return new Paired(reference, refLabel, rows, notes);
    }

    private boolean hasPerProblem(int run, String benchmark) {
        return analyses.get(run).evalForComparison(benchmark).map(e -> !e.perProblem().isEmpty()).orElse(false);
    }

    /** Where a run stands, for a note: how far it got and what it evaluated. */
    private String progress(int run) {
        RunAnalysis a = analyses.get(run);
        int evals = a.evals().values().stream().mapToInt(List::size).sum();
        return "step " + a.lastStep() + (evals == 0 ? ", no evaluation yet" : ", " + evals + " evaluation(s): "
                + String.join(", ", a.evals().keySet()));
    }

    private static String rowNote(PairedBootstrap.Comparison c, String ref, String run) {
        List<String> parts = new ArrayList<>();
        if (c.paired() < FEW_PAIRED) {
            parts.add("only " + c.paired() + " paired problems: a coarse interval");
        }
        if (c.onlyInA() > 0 || c.onlyInB() > 0) {
            parts.add(c.onlyInA() + " problem(s) only in " + ref + ", " + c.onlyInB() + " only in " + run + " (left out)");
        }
        return String.join("; ", parts);
    }

    /**
     * Generated tokens per rescued all-negative group: revision attempts' tokens over accepted
     * revisions (R-MEL) against extra rollouts' tokens over extra groups with a correct answer
     * (MEL+Extra). NaN where nothing was rescued.
     */
    public record RescueCost(String run, String source, long tokens, long rescued, double tokensPerRescue) {
    }

    /** One row per run, every condition: MEL's row shows that it spends nothing and rescues nothing. */
    public List<RescueCost> rescueCosts() {
        List<RescueCost> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Compute c = analyses.get(i).compute();
            String source = c.revisions() > 0 && c.extraGroups() > 0 ? "revision + extra rollouts"
                    : c.revisions() > 0 ? "revision" : c.extraGroups() > 0 ? "extra rollouts" : "none (discarded)";
            out.add(new RescueCost(labels.get(i), source, c.rescueTokens(), c.rescued(), c.tokensPerRescuedGroup()));
        }
        return out;
    }
}
