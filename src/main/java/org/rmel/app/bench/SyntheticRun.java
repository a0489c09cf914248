package org.rmel.app.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rmel.run.EvalEvent;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunJson;
import org.rmel.run.RunSpec;
import org.rmel.run.RunWriter;
import org.rmel.run.StepEvent;
import org.rmel.run.Trajectory;

/**
 * Writes a large, realistic-shaped run through the real run writer, for the run-open benchmark:
 * each step has 8 groups of 4 short trajectories, 2 revisions of 3 attempts, 2 meta-experiences
 * and a step event with 11 metrics; every 100 steps an eval on two benchmarks.
 */
public final class SyntheticRun {
    private SyntheticRun() {
    }

    /** Writes {@code events} events (run_started and run_finished included) into {@code dir}, a new folder. */
    public static long write(Path dir, long events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode spec = RunJson.MAPPER.createObjectNode();
        spec.put(RunSpec.CONDITION, "r-mel");
        spec.put(RunSpec.K, 4);
        spec.put(RunSpec.BUDGET, 4);
        spec.putArray(RunSpec.TAU_SCHEDULE).add(0.7).add(0.5).add(0.3);
        spec.put(RunSpec.TAU_MIN, 0.3);
        spec.put(RunSpec.SEED, seed);
        long perStep = 13;
        long stepsTotal = (events - 1) / perStep + 1;
        spec.put(RunSpec.STEPS_TOTAL, stepsTotal);
        long[] clock = {1_700_000_000_000L};
        long written = 1; // run_started
        long last = events - 1; // leave room for run_finished
        try (RunWriter writer = RunWriter.create(dir, RunSpec.of(spec), () -> clock[0] += 50)) {
            int step = 0;
            while (written < last) {
                step++;
                for (int g = 0; g < 8 && written < last; g++, written++) {
                    writer.append(group(step, g, random));
                }
                for (int r = 0; r < 2 && written < last; r++, written++) {
                    writer.append(revision(step, r, random));
                }
                for (int m = 0; m < 2 && written < last; m++, written++) {
                    writer.append(new MetaExperienceEvent(0, step, "p" + m, m == 0 ? "natural" : "revision", "t0", "t1",
                            12, 2, "step 2 carries wrongly", "check each carry", "42", random.nextBoolean()));
                }
                if (written < last) {
                    writer.append(new StepEvent(0, step, metrics(step / (double) stepsTotal, random)));
                    written++;
                }
                if (step % 100 == 0) {
                    for (String bench : List.of("arith-easy", "arith-hard")) {
                        if (written < last) {
                            writer.append(new EvalEvent(0, step, bench, 40, 8, random.nextDouble(), random.nextDouble(), List.of()));
                            written++;
                        }
                    }
                }
            }
            writer.finish("completed");
        }
        return written + 1;
    }

    private static GroupEvent group(int step, int g, SplittableRandom random) {
        List<Trajectory> trajectories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int reward = random.nextInt(3) == 0 ? 1 : 0;
            trajectories.add(new Trajectory("t" + i, "12+35=47;47*3=141;141-9=" + (reward == 1 ? "132" : "131"),
                    38, reward, reward == 1 ? "132" : "131", -random.nextDouble() * 20));
        }
        return new GroupEvent(0, step, "p" + (step * 8 + g) % 512, 1 + step / 64, "132", "rollout", trajectories);
    }

    private static RevisionEvent revision(int step, int r, SplittableRandom random) {
        List<RevisionAttempt> attempts = new ArrayList<>();
        double[] taus = {0.7, 0.5, 0.3};
        Integer accepted = null;
        for (int i = 0; i < taus.length && accepted == null; i++) {
            boolean ok = random.nextInt(4) == 0;
            int cut = (int) Math.floor(taus[i] * 38);
            attempts.add(new RevisionAttempt(taus[i], cut, "141-9=132", 9, ok ? "132" : "131", ok, cut, cut / 38.0, ok));
            if (ok) {
                accepted = i;
            }
        }
        return new RevisionEvent(0, step, "p" + r, "t0", 38, -12.5, attempts, accepted);
    }

    /** Curves that move like a healthy run's, with noise; {@code progress} runs from 0 to 1. */
    private static Map<String, Double> metrics(double progress, SplittableRandom random) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("reward/mean", 0.3 + 0.4 * progress + 0.05 * random.nextGaussian());
        m.put("groups/all_negative_frac", 0.4 - 0.2 * progress + 0.03 * random.nextGaussian());
        m.put("revision/success_rate", 0.3 + 0.05 * random.nextGaussian());
        m.put("mel/p_keep", 0.6 + 0.05 * random.nextGaussian());
        m.put("loss/grpo", 0.1 * random.nextGaussian());
        m.put("loss/nll", 1.5 - progress + 0.1 * random.nextGaussian());
        m.put("response/length_mean", 38 + 2 * random.nextGaussian());
        m.put("tokens/rollouts", 1216.0);
        m.put("tokens/revisions", 40 + 10 * random.nextDouble());
        m.put("tokens/extra", 0.0);
        m.put("time/step_s", 0.05);
        return m;
    }
}
