package org.rmel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rmel.analysis.AnalysisJson;
import org.rmel.analysis.AnalysisText;
import org.rmel.analysis.CrossRunDifficulty;
import org.rmel.analysis.DifficultyBuckets;
import org.rmel.analysis.DifficultyDefinition;
import org.rmel.analysis.LearningChange;
import org.rmel.analysis.PairedBootstrap;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.base.BadInputException;
import org.rmel.run.EvalEvent;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze RUN_DIR [--json]}: the run's statistics, as text or one JSON object. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse a run folder: all-negative rate, revision success (per tau, per step, by difficulty "
                + "with Wilson intervals), p_keep, LCP distributions, Pass@1 / Avg@8 / pass@k, token accounting, and whether the run learned (training "
                + "reward by prompt, first vs last visit; held-out Pass@1 and Avg@N, first vs last evaluation; paired "
                + "bootstrap intervals).",
                "Problems (unreadable, duplicated, impossible lines; run.json keys of the wrong type or range) are "
                        + "reported on stderr as warnings with the file and line; unusable input exits with code 2."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder (holds run.json and events.jsonl).")
    private Path runDir;

    @Option(names = "--json", description = "Print one JSON object (keys: docs/run-format.md) instead of the report.")
    private boolean json;

    @Option(names = "--strict", description = "Treat any problem (a warning) as unusable input (exit 2).")
    private boolean strict;

    @Option(names = "--baseline", paramLabel = "RUN_DIR",
            description = "Compare with this run: paired bootstrap CI of the Pass@1 and Avg@8 differences per shared "
                    + "benchmark, at each run's best step (else its last eval).")
    private Path baseline;

    @Option(names = "--difficulty", paramLabel = "D",
            description = "Difficulty definition of the revision-success buckets: across-runs (the paper's: k of the MEL, "
                    + "MEL+Extra and R-MEL runs of the seed, this run in its condition's place (an ablation in R-MEL's), "
                    + "found among --with, all-negative at the same draw), whole-run (k/n over the run) or online "
                    + "(k/n before the visit, what R-MEL adaptive uses). Default: across-runs with --with, else whole-run.")
    private String difficulty;

    @Option(names = "--with", paramLabel = "RUN_DIR", arity = "1..*",
            description = "Runs of the other conditions with the same seed and prompts, for --difficulty across-runs "
                    + "(runs outside the cohort are noted and left out).")
    private List<Path> cohort = new ArrayList<>();

    @Option(names = "--resamples", defaultValue = "10000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--bootstrap-seed", defaultValue = "0", description = "Bootstrap random seed (default ${DEFAULT-VALUE}).")
    private long bootstrapSeed;

    @Override
    public Integer call() {
        if (resamples < 1) {
            throw new BadInputException("--resamples must be at least 1, got " + resamples);
        }
        RunDirectory run = RunDirectory.open(runDir);
        List<ReadWarning> specProblems = RunProblems.spec(run);
        RunAnalyzer.Result result = RunAnalyzer.analyze(run);
        List<ReadWarning> warnings = new ArrayList<>(specProblems);
        warnings.addAll(result.read().warnings());
        RunProblems.print(warnings, spec.commandLine().getErr());
        if (strict && !warnings.isEmpty()) {
            throw new BadInputException(warnings.size() + " problem(s) with --strict; first: " + warnings.get(0));
        }
        List<PairedBootstrap.Comparison> comparisons = baseline == null ? List.of() : compare(result);
        DifficultyBuckets buckets = difficulty(run, result);
        LearningChange learning = LearningChange.of(run, result.analysis(), resamples, bootstrapSeed);
        PrintWriter out = spec.commandLine().getOut();
        String report;
        if (json) {
            ObjectNode root = AnalysisJson.toJson(run, result, comparisons, learning);
            ArrayNode listed = (ArrayNode) root.get("warnings");
            for (int i = specProblems.size() - 1; i >= 0; i--) {
                listed.insert(0, specProblems.get(i).toString());
            }
            root.set("difficulty", AnalysisJson.tree(buckets));
            report = AnalysisJson.toString(root) + "\n";
        } else {
            report = AnalysisText.render(run, result, comparisons, buckets, learning);
        }
        out.print(report);
        out.flush();
        return 0;
    }

    private DifficultyBuckets difficulty(RunDirectory run, RunAnalyzer.Result result) {
        DifficultyDefinition d;
        try {
            d = difficulty == null ? (cohort.isEmpty() ? DifficultyDefinition.WHOLE_RUN : DifficultyDefinition.ACROSS_RUNS)
                    : DifficultyDefinition.fromName(difficulty);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--difficulty: " + e.getMessage());
        }
        if (d != DifficultyDefinition.ACROSS_RUNS) {
            if (!cohort.isEmpty()) {
                throw new BadInputException("--with is for --difficulty across-runs, not " + d.wireName());
            }
            return result.analysis().difficulty(d);
        }
        if (cohort.isEmpty()) {
            throw new BadInputException("--difficulty across-runs needs the other conditions' runs of the same seed: --with RUN_DIR...");
        }
        List<RunDirectory> runs = new ArrayList<>();
        runs.add(run);
        cohort.forEach(p -> runs.add(RunDirectory.open(p)));
        PrintWriter err = spec.commandLine().getErr();
        CrossRunDifficulty.notes(runs).forEach(n -> err.println("note: " + n));
        CrossRunDifficulty.Cohort mine = CrossRunDifficulty.cohorts(runs).get(0);
        for (int i = 1; i < runs.size(); i++) {
            if (!mine.members().contains(i)) {
                err.println("note: --with " + cohort.get(i - 1) + " is not in " + runDir + "'s cohort (the MEL, MEL+Extra and R-MEL runs"
                        + " of its seed, an ablation in R-MEL's place) and does not count");
            }
        }
        err.flush();
        return CrossRunDifficulty.of(runs).get(0);
    }

    private List<PairedBootstrap.Comparison> compare(RunAnalyzer.Result result) {
        RunAnalyzer.Result base = RunAnalyzer.analyze(RunDirectory.open(baseline));
        List<PairedBootstrap.Comparison> out = new ArrayList<>();
        for (String benchmark : result.analysis().evals().keySet()) {
            Optional<EvalEvent> a = result.analysis().evalForComparison(benchmark);
            Optional<EvalEvent> b = base.analysis().evalForComparison(benchmark);
            if (a.isEmpty() || b.isEmpty()) {
                continue;
            }
            for (PairedBootstrap.Metric m : PairedBootstrap.Metric.values()) {
                out.add(PairedBootstrap.compare(a.get(), b.get(), m, resamples, bootstrapSeed));
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(baseline + ": shares no evaluated benchmark with " + runDir);
        }
        return out;
    }
}
