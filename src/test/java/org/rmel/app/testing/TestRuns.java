package org.rmel.app.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmel.run.EvalEvent;
import org.rmel.run.RunJson;
import org.rmel.run.RunSpec;
import org.rmel.run.RunWriter;
import org.rmel.run.StepEvent;

/** Writes run folders for the workbench tests through the real run writer. */
public final class TestRuns {
    private TestRuns() {
    }

    public static RunSpec spec(String condition, int stepsTotal) {
        ObjectNode o = RunJson.MAPPER.createObjectNode();
        o.put(RunSpec.CONDITION, condition);
        o.put(RunSpec.K, 4);
        o.put(RunSpec.BUDGET, 4);
        o.putArray(RunSpec.TAU_SCHEDULE).add(0.7).add(0.5).add(0.3);
        o.put(RunSpec.TAU_MIN, 0.3);
        o.put(RunSpec.SEED, 1);
        o.put(RunSpec.STEPS_TOTAL, stepsTotal);
        return RunSpec.of(o);
    }

    /** The metrics of step {@code s}: deterministic, distinct per step, so a test can check the exact values drawn. */
    public static Map<String, Double> metrics(int s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("reward/mean", 0.1 + 0.01 * s);
        m.put("groups/all_negative_frac", 0.4 - 0.002 * s);
        m.put("revision/success_rate", 0.25);
        m.put("mel/p_keep", 0.5);
        m.put("loss/grpo", 1.0 / (s + 1));
        m.put("loss/nll", 2.0 / (s + 1));
        m.put("response/length_mean", 40.0 + s);
        m.put("tokens/rollouts", 1000.0);
        m.put("tokens/revisions", 200.0);
        m.put("tokens/extra", 0.0);
        return m;
    }

    public static void steps(RunWriter writer, int from, int to) {
        for (int s = from; s <= to; s++) {
            writer.append(new StepEvent(0, s, metrics(s)));
        }
    }

    public static void eval(RunWriter writer, int step, String benchmark, double pass1, double avg8) {
        writer.append(new EvalEvent(0, step, benchmark, 10, 8, pass1, avg8, List.of()));
    }

    /** A finished run of {@code steps} steps with an eval at the end. */
    public static Path finished(Path dir, String condition, int steps) {
        long[] clock = {1_700_000_000_000L};
        try (RunWriter writer = RunWriter.create(dir, spec(condition, steps), () -> clock[0] += 1000)) {
            steps(writer, 1, steps);
            eval(writer, steps, "arith-easy", 0.5, 0.45);
            writer.finish("completed");
        }
        return dir;
    }
}
