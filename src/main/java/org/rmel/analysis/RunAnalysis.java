package org.rmel.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.rmel.run.EvalEvent;

/**
 * A snapshot of everything the analysis knows about one run (see {@link RunAnalyzer}). Rates
 * carry their counts and Wilson 95 % interval; series are per step at full resolution.
 * The JSON form (keys in snake_case) is documented in {@code docs/run-format.md}.
 *
 * @param lastStep highest step seen in any event
 * @param series the trainer's step metrics by name, plus {@code derived/*} series from the events
 * @param allNegative all-negative rollout groups over rollout groups
 * @param revisionSuccess revisions with an accepted attempt over revisions
 * @param revisionByTau per truncation ratio: accepted attempts over attempts
 * @param pKeep kept meta-experiences over all; {@code pKeepBySource} split natural / revision
 * @param leaks meta-experiences whose critique or heuristic stated the gold answer, over all
 *     meta-experiences (they are not replayed, and {@code pKeep} leaves them out)
 * @param difficulty revision success and MEL+Extra rescue by difficulty under the two one-run
 *     definitions (online, whole-run); the paper's across-runs one is {@link CrossRunDifficulty}
 * @param revisionBySeedLogprob revision success per quintile of the seed's mean token log-prob
 * @param evals per benchmark, one point per evaluated step
 * @param bestStep the step with the highest mean Pass@1 over benchmarks
 */
public record RunAnalysis(
        int lastStep,
        Map<String, Series> series,
        Rate allNegative,
        Rate revisionSuccess,
        List<TauRate> revisionByTau,
        Rate pKeep,
        Map<String, Rate> pKeepBySource,
        Rate leaks,
        LcpStats lcp,
        List<DifficultyBuckets> difficulty,
        List<BucketRate> revisionBySeedLogprob,
        Map<String, List<EvalPoint>> evals,
        OptionalInt bestStep,
        Compute compute,
        @JsonIgnore Map<String, TreeMap<Integer, EvalEvent>> evalEvents) {

    /** The eval event of {@code benchmark} at {@code step} (for bootstrap comparisons). */
    public Optional<EvalEvent> eval(String benchmark, int step) {
        TreeMap<Integer, EvalEvent> m = evalEvents.get(benchmark);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(step));
    }

    /** The difficulty buckets under a one-run definition (online or whole-run). */
    public DifficultyBuckets difficulty(DifficultyDefinition definition) {
        return difficulty.stream().filter(d -> d.definition() == definition).findFirst().orElseThrow(() ->
                new IllegalArgumentException(definition.wireName() + " difficulty needs several runs (CrossRunDifficulty)"));
    }

    /**
     * Revision success per difficulty band within this run (the whole-run k/n); the paper's
     * across-runs bands come from {@link CrossRunDifficulty}.
     */
    public List<BucketRate> revisionByDifficultyBand() {
        return difficulty(DifficultyDefinition.WHOLE_RUN).revisionBands();
    }

    /** MEL+Extra's rescue per difficulty band within this run (the whole-run k/n). */
    public List<BucketRate> extraRescueByDifficultyBand() {
        return difficulty(DifficultyDefinition.WHOLE_RUN).extraBands();
    }

    /** The eval of {@code benchmark} at the best step, else its latest. */
    public Optional<EvalEvent> evalForComparison(String benchmark) {
        TreeMap<Integer, EvalEvent> m = evalEvents.get(benchmark);
        if (m == null || m.isEmpty()) {
            return Optional.empty();
        }
        if (bestStep.isPresent() && m.containsKey(bestStep.getAsInt())) {
            return Optional.of(m.get(bestStep.getAsInt()));
        }
        return Optional.of(m.lastEntry().getValue());
    }
}
