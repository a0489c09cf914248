package org.rmel.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.GroupEvent;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;

/**
 * Did the run learn? The change from its start to its end, each with a paired bootstrap 95 %
 * interval (last minus first):
 *
 * <ul>
 *   <li><b>training reward</b>, paired by prompt: the mean reward of a prompt's K rollouts at its
 *       first visit and at its last (prompts visited at least twice; MEL+Extra's extra rollouts
 *       and revisions are not rollouts and do not count), the prompts resampled;</li>
 *   <li><b>held-out evaluation</b>, paired by problem: Pass@1 and Avg@N of each benchmark at the
 *       first evaluated step (step 0) and the last, and the same pooled over the benchmarks run.json
 *       names as the training distribution's ({@code in_distribution_benchmarks}).</li>
 * </ul>
 *
 * @param reward the training reward's change, absent when no prompt was visited twice
 * @param evals per benchmark and metric, last evaluated step minus the first
 * @param pooled the in-distribution benchmarks evaluated at both steps, pooled (label
 *     {@link #POOLED_LABEL}), per metric; empty when run.json names none
 * @param firstEvalStep the first evaluated step (-1 when none)
 * @param lastEvalStep the last evaluated step (-1 when none)
 */
public record LearningChange(Optional<RewardChange> reward, List<PairedBootstrap.Comparison> evals,
        List<PairedBootstrap.Comparison> pooled, int firstEvalStep, int lastEvalStep) {
    /** run.json key listing the held-out benchmarks drawn from the training distribution. */
    public static final String IN_DISTRIBUTION_KEY = RunSpec.IN_DISTRIBUTION_BENCHMARKS;
    public static final String POOLED_LABEL = "in-distribution";

    /**
     * The training reward's change over prompts visited at least twice.
     *
     * @param prompts prompts paired
     * @param first mean over prompts of the first visit's reward
     * @param last mean over prompts of the last visit's reward
     * @param difference last − first
     * @param low 2.5th percentile of the resampled difference
     * @param high 97.5th percentile
     */
    public record RewardChange(int prompts, double first, double last, double difference, double low, double high,
            int resamples, long seed) {
    }

    /** Reads the run's rollout groups (one pass) and compares its first and last evaluations. */
    public static LearningChange of(RunDirectory run, RunAnalysis analysis, int resamples, long seed) {
        Visits visits = new Visits();
        run.read(visits);
        return of(visits.firstAndLast(), inDistribution(run), analysis, resamples, seed);
    }

    /**
     * The change from per-prompt {first, last} visit rewards and the analysis's evaluations.
     *
     * @param promptRewards per prompt, its first and last visit's mean rollout reward
     */
    public static LearningChange of(Map<String, double[]> promptRewards, List<String> inDistribution,
            RunAnalysis analysis, int resamples, long seed) {
        Optional<RewardChange> reward = Optional.empty();
        if (!promptRewards.isEmpty()) {
            double[] diff = new double[promptRewards.size()];
            double first = 0;
            double last = 0;
            int i = 0;
            for (double[] fl : promptRewards.values()) {
                first += fl[0];
                last += fl[1];
                diff[i++] = fl[1] - fl[0];
            }
            int n = diff.length;
            double[] ci = PairedBootstrap.interval(diff, resamples, seed);
            reward = Optional.of(new RewardChange(n, first / n, last / n, (last - first) / n, ci[0], ci[1], resamples, seed));
        }
        List<PairedBootstrap.Comparison> evals = new ArrayList<>();
        List<PairedBootstrap.Comparison> pooled = new ArrayList<>();
        int firstStep = -1;
        int lastStep = -1;
        Map<String, TreeMap<Integer, EvalEvent>> events = analysis.evalEvents();
        for (TreeMap<Integer, EvalEvent> byStep : events.values()) {
            if (!byStep.isEmpty()) {
                firstStep = firstStep < 0 ? byStep.firstKey() : Math.min(firstStep, byStep.firstKey());
                lastStep = Math.max(lastStep, byStep.lastKey());
            }
        }
        List<EvalEvent> pooledFirst = new ArrayList<>();
        List<EvalEvent> pooledLast = new ArrayList<>();
        if (firstStep >= 0 && lastStep > firstStep) {
            for (Map.Entry<String, TreeMap<Integer, EvalEvent>> e : events.entrySet()) {
                EvalEvent a = e.getValue().get(firstStep);
                EvalEvent b = e.getValue().get(lastStep);
                if (a == null || b == null) {
                    continue;
                }
                for (PairedBootstrap.Metric m : PairedBootstrap.Metric.values()) {
                    evals.add(PairedBootstrap.compare(b, a, m, resamples, seed));
                }
                if (inDistribution.contains(e.getKey())) {
                    pooledFirst.add(a);
                    pooledLast.add(b);
                }
            }
            if (!pooledFirst.isEmpty()) {
                for (PairedBootstrap.Metric m : PairedBootstrap.Metric.values()) {
                    pooled.add(PairedBootstrap.comparePooled(POOLED_LABEL, pooledLast, pooledFirst, m, resamples, seed));
                }
            }
        }
        return new LearningChange(reward, evals, pooled, firstStep, lastStep);
    }

    /** The benchmarks run.json names as drawn from the training distribution (empty when it does not). */
    public static List<String> inDistribution(RunDirectory run) {
        JsonNode node = run.spec().json().get(IN_DISTRIBUTION_KEY);
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Per prompt: the mean rollout reward at its first and at its latest visit. */
    private static final class Visits implements EventSink {
        private final Map<String, double[]> firstLast = new LinkedHashMap<>();
        private final Map<String, Integer> visits = new LinkedHashMap<>();

        @Override
        public void accept(LoggedEvent event) {
            if (!(event.event() instanceof GroupEvent g) || g.fromExtraRollouts() || g.trajectories().isEmpty()) {
                return;
            }
            double reward = g.correctCount() / (double) g.trajectories().size();
            double[] fl = firstLast.get(g.promptId());
            if (fl == null) {
                firstLast.put(g.promptId(), new double[] {reward, reward});
                visits.put(g.promptId(), 1);
            } else {
                fl[1] = reward;
                visits.merge(g.promptId(), 1, Integer::sum);
            }
        }

        @Override
        public void reset() {
            firstLast.clear();
            visits.clear();
        }

        Map<String, double[]> firstAndLast() {
            Map<String, double[]> out = new LinkedHashMap<>();
            firstLast.forEach((id, fl) -> {
                if (visits.get(id) >= 2) {
                    out.put(id, fl);
                }
            });
            return out;
        }
    }
}
