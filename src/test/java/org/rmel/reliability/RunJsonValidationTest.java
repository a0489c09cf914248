package org.rmel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.overview.FollowedRun;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;
import org.rmel.testsupport.TrainerRuns;
import org.rmel.train.TrainSettings;

/**
 * run.json judged by the trainer's own settings rules when a run is opened: every variant with a
 * wrong type, an out-of-range value, a contradiction or missing keys is reported naming the key —
 * by {@code analyze} (a warning; exit 2 with {@code --strict}), {@code export} and the
 * workbench's Overview warning — and a run.json the trainer writes passes.
 */
class RunJsonValidationTest {
    @TempDir
    Path tmp;
    Path run;
    ObjectNode good;

    @BeforeEach
    void writeARealRun() throws Exception {
        run = tmp.resolve("run");
        TrainerRuns.Outcome o = TrainerRuns.inProcess("train", "--preset", "smoke", "--condition", "mel",
                "--set", "steps=1", "--set", "eval_benchmarks=arith-2op-1d", "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        good = (ObjectNode) RunJson.MAPPER.readTree(run.resolve(RunFiles.SPEC).toFile());
    }

    record Variant(String name, Consumer<ObjectNode> change, String key) {
    }

    static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("steps_total text", o -> o.put("steps_total", "x"), "steps_total"));
        v.add(new Variant("steps_total 0", o -> o.put("steps_total", 0), "steps_total"));
        v.add(new Variant("steps_total != steps", o -> o.put("steps_total", 7), "steps_total"));
        v.add(new Variant("k negative", o -> o.put("k", -8), "k"));
        v.add(new Variant("k text", o -> o.put("k", "8"), "k"));
        v.add(new Variant("k fraction", o -> o.put("k", 8.5), "k"));
        v.add(new Variant("k null", o -> o.putNull("k"), "k"));
        v.add(new Variant("condition number", o -> o.put("condition", 5), "condition"));
        v.add(new Variant("condition unknown", o -> o.put("condition", "grpo"), "condition"));
        v.add(new Variant("budget 0", o -> o.put("budget", 0), "budget"));
        v.add(new Variant("budget list", o -> o.putArray("budget").add(4), "budget"));
        v.add(new Variant("tau_schedule text", o -> o.put("tau_schedule", "0.7,0.5"), "tau_schedule"));
        v.add(new Variant("tau_schedule empty", o -> o.putArray("tau_schedule"), "tau_schedule"));
        v.add(new Variant("tau_schedule 1.5", o -> o.putArray("tau_schedule").add(0.7).add(1.5), "tau_schedule"));
        v.add(new Variant("tau_schedule mixed", o -> o.putArray("tau_schedule").add(0.7).add("x"), "tau_schedule"));
        v.add(new Variant("tau_min 2", o -> o.put("tau_min", 2.0), "tau_min"));
        v.add(new Variant("tau_min text", o -> o.put("tau_min", "0.3"), "tau_min"));
        v.add(new Variant("seed text", o -> o.put("seed", "one"), "seed"));
        v.add(new Variant("lr negative", o -> o.put("lr", -1e-3), "lr"));
        v.add(new Variant("temperature 0", o -> o.put("temperature", 0.0), "temperature"));
        v.add(new Variant("top_p 1.5", o -> o.put("top_p", 1.5), "top_p"));
        v.add(new Variant("max_new_tokens 0", o -> o.put("max_new_tokens", 0), "max_new_tokens"));
        v.add(new Variant("device tpu", o -> o.put("device", "tpu"), "device"));
        v.add(new Variant("model empty", o -> o.put("model", ""), "model"));
        v.add(new Variant("eval_every -1", o -> o.put("eval_every", -1), "eval_every"));
        v.add(new Variant("clip_ratio_low 1", o -> o.put("clip_ratio_low", 1.0), "clip_ratio_low"));
        v.add(new Variant("no-prefix with tau_min 0.3", o -> o.put("condition", "r-mel-no-prefix"), "tau_min"));
        v.add(new Variant("b1 with budget 4", o -> o.put("condition", "r-mel-b1"), "budget"));
        v.add(new Variant("k missing", o -> o.remove("k"), "k"));
        v.add(new Variant("steps_total missing", o -> o.remove("steps_total"), "steps_total"));
        v.add(new Variant("everything missing: {}", ObjectNode::removeAll, "condition"));
        return v;
    }

    @Test
    void theTrainersOwnRunJsonPasses() {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> spec = RunJson.MAPPER.convertValue(good, java.util.Map.class);
        assertEquals(List.of(), TrainSettings.specProblems(spec));
        assertEquals(List.of(), TrainerRuns.inProcess("analyze", "--strict", run.toString()).errorLines());
    }

    @Test
    void everyBadVariantIsReportedNamingTheKey() throws Exception {
        int reported = 0;
        for (Variant v : variants()) {
            ObjectNode o = good.deepCopy();
            v.change().accept(o);
            Files.writeString(run.resolve(RunFiles.SPEC), o.toPrettyString());
            String named = "key" + (v.name().startsWith("everything") ? "s" : "") + " '" + v.key() + "'";

            TrainerRuns.Outcome analyze = TrainerRuns.inProcess("analyze", run.toString());
            assertEquals(0, analyze.code(), v.name() + ": " + analyze.err());
            assertTrue(analyze.err().lines().anyMatch(l -> l.startsWith("warning: " + run.resolve(RunFiles.SPEC) + ": ")
                    && l.contains(named)), v.name() + ":\n" + analyze.err());
            TrainerRuns.Outcome strict = TrainerRuns.inProcess("analyze", "--strict", run.toString());
            assertEquals(2, strict.code(), v.name());

            TrainerRuns.Outcome export = TrainerRuns.inProcess("export", run.toString(), "--figure", "table1",
                    "--format", "md", "--out", tmp.resolve("t.md").toString());
            assertTrue(export.err().contains(named), v.name() + ":\n" + export.err());

            try (FollowedRun followed = FollowedRun.follow(run, new AtomicLong(), Duration.ofMillis(50))) {
                List<ReadWarning> shown = followed.snapshot().warnings();
                assertTrue(!shown.isEmpty() && shown.get(0).toString().contains(named), v.name() + ": " + shown);
            }
            reported++;
        }
        System.out.println("run.json variants: " + variants().size() + ", reported naming the key: " + reported);
    }

    @Test
    void notAnObjectIsUnusableInput() throws Exception {
        Files.writeString(run.resolve(RunFiles.SPEC), "[1, 2]");
        TrainerRuns.Outcome o = TrainerRuns.inProcess("analyze", run.toString());
        assertEquals(2, o.code());
        assertEquals(List.of("error: " + run.resolve(RunFiles.SPEC) + ": expected a JSON object with the run's settings"),
                o.errorLines());
    }
}
