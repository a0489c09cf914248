package org.rmel.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.rmel.run.EvalEvent;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.ProblemResult;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunJson;
import org.rmel.run.RunSpec;
import org.rmel.run.RunWriter;
import org.rmel.run.StepEvent;
import org.rmel.run.Trajectory;

/**
 * Writes run folders for tests through the real {@link RunWriter}: small explicit events for
 * hand-computed expectations, and {@link #simulate} for realistic runs (groups, revisions with
 * attempts, meta-experiences, steps, checkpoints, evals). The clock advances one second per
 * event so times are deterministic.
 */
public final class RunScript implements AutoCloseable {
    public static final long T0 = 1_700_000_000_000L;

    private final RunWriter writer;

    private RunScript(RunWriter writer) {
        this.writer = writer;
    }

    /** A spec like the trainer's: condition, K, B, τ schedule, τ_min, seed, steps_total. */
    public static RunSpec spec(String condition, int k, int budget, double tauMin, int stepsTotal) {
        ObjectNode o = RunJson.MAPPER.createObjectNode();
        o.put(RunSpec.CONDITION, condition);
        o.put(RunSpec.K, k);
        o.put(RunSpec.BUDGET, budget);
        o.putArray(RunSpec.TAU_SCHEDULE).add(0.7).add(0.5).add(0.3).add(0.7);
        o.put(RunSpec.TAU_MIN, tauMin);
        o.put(RunSpec.SEED, 7);
        o.put(RunSpec.STEPS_TOTAL, stepsTotal);
        o.put("model", "tiny-test");
        return RunSpec.of(o);
    }

    public static RunScript create(Path dir, RunSpec spec) {
        AtomicLong clock = new AtomicLong(T0);
        return new RunScript(RunWriter.create(dir, spec, () -> clock.getAndAdd(1000)));
    }

    public static RunScript resume(Path dir) {
        AtomicLong clock = new AtomicLong(T0 + 10_000_000L);
        return new RunScript(RunWriter.resume(dir, () -> clock.getAndAdd(1000)));
    }

    public RunWriter writer() {
        return writer;
    }

    /** A group whose trajectory i has reward rewards[i], 100 + 10·i tokens and logprob −(i+1). */
    public GroupEvent group(int step, String prompt, int visit, String origin, int... rewards) {
        List<Trajectory> ts = new ArrayList<>();
        for (int i = 0; i < rewards.length; i++) {
            ts.add(new Trajectory("t" + i, "step 1: ... answer " + (rewards[i] == 1 ? "42" : "41"),
                    100 + 10 * i, rewards[i], rewards[i] == 1 ? "42" : "41", -(i + 1.0)));
        }
        GroupEvent g = new GroupEvent(0, step, prompt, visit, "42", origin, ts);
        writer.append(g);
        return g;
    }

    /**
     * A revision of a 100-token seed with attempts at {@code taus}; the attempt at index
     * {@code accepted} (or none, when negative) verifies with LCP ratio {@code acceptedRatio};
     * the others fail with an LCP equal to their cut.
     */
    public RevisionEvent revision(int step, String prompt, int accepted, double acceptedRatio, double... taus) {
        return revisionOfSeed(step, prompt, -50.0, accepted, acceptedRatio, taus);
    }

    /** As {@link #revision(int, String, int, double, double...)} with the seed's summed log-prob. */
    public RevisionEvent revisionOfSeed(int step, String prompt, double seedLogprob, int accepted, double acceptedRatio,
            double... taus) {
        List<RevisionAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < taus.length; i++) {
            int cut = (int) Math.floor(taus[i] * 100);
            boolean ok = i == accepted;
            int lcp = ok ? (int) Math.round(acceptedRatio * 100) : cut;
            attempts.add(new RevisionAttempt(taus[i], cut, "continuation " + i, 20 + i, ok ? "42" : "41", ok,
                    lcp, lcp / 100.0, ok));
        }
        RevisionEvent r = new RevisionEvent(0, step, prompt, "t0", 100, seedLogprob, attempts,
                accepted >= 0 ? accepted : null);
        writer.append(r);
        return r;
    }

    public MetaExperienceEvent meta(int step, String prompt, String source, boolean kept) {
        MetaExperienceEvent m = new MetaExperienceEvent(0, step, prompt, source, "t1", "t0", 12, 2,
                "the sign flips in step 2", "check signs when moving terms", "42", kept);
        writer.append(m);
        return m;
    }

    public StepEvent step(int step, Map<String, Double> metrics) {
        StepEvent s = new StepEvent(0, step, metrics);
        writer.append(s);
        return s;
    }

    /** An eval whose problem i is greedy-correct per {@code greedy[i]} with {@code samples[i]} of 8 samples right. */
    public EvalEvent eval(int step, String benchmark, boolean[] greedy, int[] samples) {
        List<ProblemResult> per = new ArrayList<>();
        int g = 0;
        int s = 0;
        for (int i = 0; i < greedy.length; i++) {
            per.add(new ProblemResult("p" + i, greedy[i], samples[i]));
            g += greedy[i] ? 1 : 0;
            s += samples[i];
        }
        EvalEvent e = new EvalEvent(0, step, benchmark, greedy.length, 8, g / (double) greedy.length,
                s / (8.0 * greedy.length), per);
        writer.append(e);
        return e;
    }

    /**
     * A realistic run: {@code prompts} prompts of graded difficulty cycled {@code perStep} at a
     * time, K rollouts each; all-negative groups get a revision (R-MEL conditions) or extra
     * rollouts ({@code mel-extra}); mixed groups and accepted revisions give meta-experiences; a
     * step event with metrics, a checkpoint every 2 steps and an eval every 2 steps.
     */
    public void simulate(String condition, int steps, int prompts, int perStep, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] visits = new int[prompts];
        int cursor = 0;
        for (int step = 1; step <= steps; step++) {
            int allNeg = 0;
            int revisions = 0;
            int rescued = 0;
            for (int j = 0; j < perStep; j++) {
                int p = cursor++ % prompts;
                visits[p]++;
                double pCorrect = 0.05 + 0.9 * (1.0 - p / (double) Math.max(1, prompts - 1)) * 0.6;
                int[] rewards = new int[k];
                for (int i = 0; i < k; i++) {
                    rewards[i] = rnd.nextDouble() < pCorrect ? 1 : 0;
                }
                GroupEvent g = group(step, "q" + p, visits[p], GroupEvent.ROLLOUT, rewards);
                if (g.mixed()) {
                    meta(step, "q" + p, MetaExperienceEvent.NATURAL, rnd.nextDouble() < 0.3);
                } else if (g.allNegative()) {
                    allNeg++;
                    if (condition.equals("mel-extra")) {
                        int[] extra = new int[4];
                        for (int i = 0; i < 4; i++) {
                            extra[i] = rnd.nextDouble() < pCorrect ? 1 : 0;
                        }
                        group(step, "q" + p, visits[p], GroupEvent.EXTRA, extra);
                    } else if (condition.startsWith("r-mel")) {
                        revisions++;
                        int acc = rnd.nextDouble() < 0.4 ? rnd.nextInt(4) : -1;
                        double ratio = acc < 0 ? 0 : 0.3 + 0.6 * rnd.nextDouble();
                        RevisionEvent r = revisionOfSeed(step, "q" + p, -100 * rnd.nextDouble(), acc, ratio,
                                acc < 0 ? new double[] {0.7, 0.5, 0.3, 0.7} : prefix(acc + 1));
                        if (r.succeeded()) {
                            rescued++;
                            meta(step, "q" + p, MetaExperienceEvent.REVISION, rnd.nextDouble() < 0.3);
                        }
                    }
                }
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("reward/mean", rnd.nextDouble());
            m.put("groups/all_negative_frac", allNeg / (double) perStep);
            m.put("revision/success_rate", revisions == 0 ? Double.NaN : rescued / (double) revisions);
            m.put("loss/grpo", 1.0 / step);
            step(step, m);
            if (step % 2 == 0) {
                writer.checkpoint(step, "checkpoints/step-" + String.format("%06d", step));
                boolean[] greedy = new boolean[10];
                int[] samples = new int[10];
                for (int i = 0; i < 10; i++) {
                    greedy[i] = rnd.nextDouble() < 0.5;
                    samples[i] = rnd.nextInt(9);
                }
                eval(step, "synthetic", greedy, samples);
            }
        }
    }

    private static double[] prefix(int n) {
        double[] all = {0.7, 0.5, 0.3, 0.7};
        double[] out = new double[n];
        System.arraycopy(all, 0, out, 0, n);
        return out;
    }

    public void finish() {
        writer.finish("completed");
    }

    /** Leaves the run as a killed trainer would: synced, no final event. */
    @Override
    public void close() {
        writer.close();
    }
}
