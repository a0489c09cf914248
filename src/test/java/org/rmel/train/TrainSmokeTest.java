package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmel.cli.RmelCommand;
import org.rmel.method.Condition;
import org.rmel.run.EvalEvent;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunFinished;
import org.rmel.run.StepEvent;

/** {@code train --preset smoke} for every condition: a real run of the built-in model on the CPU. */
class TrainSmokeTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"mel", "mel-extra", "r-mel", "r-mel-no-prefix", "r-mel-b1", "r-mel-adaptive"})
    void smokeRunWritesTheWholeContract(String conditionName) {
        Path out = tmp.resolve(conditionName);
        assertEquals(0, RmelCommand.execute("train", "--preset", "smoke", "--condition", conditionName, "--out", out.toString()));
        TrainSettings s = TrainSettings.preset("smoke");
        Condition condition = Condition.fromCliName(conditionName);
        RunLog log = RunLog.read(out);
        var spec = org.rmel.run.RunSpec.read(out.resolve("run.json")).json();
        assertEquals("[\"arith-2op-1d\",\"arith-3op-1d\"]", spec.get("in_distribution_benchmarks").toString(),
                "run.json names the held-out sets of the training distribution");
        assertEquals(s.string("warm_start_noise"), spec.get("warm_start_noise").asText());

        List<StepEvent> steps = log.of(StepEvent.class);
        assertEquals(List.of(1, 2), steps.stream().map(StepEvent::step).toList());
        List<GroupEvent> rollouts = log.of(GroupEvent.class).stream().filter(g -> !g.fromExtraRollouts()).toList();
        assertEquals(s.integer("steps") * s.integer("prompts_per_step"), rollouts.size());
        rollouts.forEach(g -> assertEquals(s.integer("k"), g.trajectories().size()));
        long allNegative = rollouts.stream().filter(GroupEvent::allNegative).count();
        double loggedFrac = steps.stream().mapToDouble(e -> e.metric("groups/all_negative_frac")).sum()
                * s.integer("prompts_per_step");
        assertEquals(allNegative, Math.round(loggedFrac), "all-negative fraction matches the group events");

        List<RevisionEvent> revisions = log.of(RevisionEvent.class);
        List<GroupEvent> extras = log.of(GroupEvent.class).stream().filter(GroupEvent::fromExtraRollouts).toList();
        if (condition.revises()) {
            assertEquals(allNegative, revisions.size(), "one revision search per all-negative group");
            int budget = condition == Condition.R_MEL_B1 ? 1 : 4;
            int cap = condition.adaptive() ? s.integer("adaptive_cap") : budget;
            List<Double> schedule = List.of(0.7, 0.5, 0.3, 0.7, 0.5, 0.3, 0.7, 0.5);
            double tauMin = condition == Condition.R_MEL_NO_PREFIX ? 0.0 : 0.3;
            for (RevisionEvent r : revisions) {
                assertTrue(r.attempts().size() >= 1 && r.attempts().size() <= cap);
                for (int i = 0; i < r.attempts().size(); i++) {
                    RevisionAttempt a = r.attempts().get(i);
                    assertEquals(schedule.get(i), a.tau(), "attempt " + i + " follows the schedule");
                    assertEquals((int) Math.floor(a.tau() * r.seedTokens()), a.cut());
                    assertEquals(a.accepted(), a.verified() && a.lcpRatio() >= tauMin);
                }
            }
        } else {
            assertTrue(revisions.isEmpty());
        }
        // MEL+Extra matched by tokens (default): each step's all-negative groups get the step's extra/per_group
        // rollouts each, and the extra tokens track the probe's measured revision tokens
        Map<Integer, Double> perGroup = steps.stream().collect(Collectors.toMap(StepEvent::step, e -> e.metric("extra/per_group")));
        extras.forEach(g -> assertEquals(perGroup.get(g.step()).intValue(), g.trajectories().size()));
        if (condition.spendsExtraRollouts()) {
            double probe = steps.stream().mapToDouble(e -> e.metric("tokens/match_probe")).sum();
            double extra = steps.stream().mapToDouble(e -> e.metric("tokens/extra")).sum();
            assertTrue(probe > 0, "the probe measured R-MEL's revision spend");
            assertEquals(steps.get(steps.size() - 1).metric("extra/token_budget_total"), probe, 1e-9);
            assertEquals(steps.get(steps.size() - 1).metric("extra/tokens_total"), extra, 1e-9);
        } else {
            assertTrue(extras.isEmpty());
        }

        List<MetaExperienceEvent> mes = log.of(MetaExperienceEvent.class);
        long rescued = revisions.stream().filter(RevisionEvent::succeeded).count();
        assertEquals(rescued, mes.stream().filter(m -> m.source().equals("revision")).count(),
                "every rescued group gives one revision meta-experience");
        for (StepEvent e : steps) {
            for (String key : List.of("reward/mean", "groups/all_negative_frac", "tokens/rollout", "tokens/revision",
                    "tokens/extra", "time/step_s", "time/rollout_s", "time/update_s")) {
                assertFalse(Double.isNaN(e.metric(key)), key + " at step " + e.step());
            }
        }
        for (StepEvent e : steps) {
            int step = e.step();
            long responses = log.of(GroupEvent.class).stream().filter(g -> g.step() == step)
                    .mapToLong(g -> g.trajectories().size()).sum()
                    + revisions.stream().filter(r -> r.step() == step && r.succeeded()).count();
            assertEquals(responses, e.metric("update/pg_samples"), "every response is in the update, zero-advantage ones too");
            assertEquals(2.0, e.metric("update/mini_batches"), "smoke: 4 prompts in PPO mini-batches of 2");
            assertEquals(2.0, e.metric("update/optimizer_steps") + e.metric("update/skipped_nonfinite"));
        }
        Map<Integer, List<EvalEvent>> evals = log.of(EvalEvent.class).stream().collect(Collectors.groupingBy(EvalEvent::step));
        assertEquals(List.of(0, 2), evals.keySet().stream().sorted().toList());
        assertTrue(log.events.get(log.events.size() - 1) instanceof RunFinished f && f.reason().equals(RunFinished.COMPLETED));
    }

    @Test
    void evalOfTheLastCheckpointRepeatsTheRunsOwnFinalEvaluation() throws Exception {
        Path out = tmp.resolve("for-eval");
        assertEquals(0, RmelCommand.execute("train", "--preset", "smoke", "--condition", "r-mel", "--out", out.toString()));
        EvalEvent inRun = RunLog.read(out).of(EvalEvent.class).stream().filter(e -> e.step() == 2).findFirst().orElseThrow();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        EvalEvent again = EvalSession.evaluate(out, "step-2", inRun.benchmark(), true,
                new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(inRun.perProblem(), again.perProblem(), "same checkpoint, same seeds: same answers");
        var json = org.rmel.run.RunJson.MAPPER.readTree(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(inRun.passAt1(), json.get("pass_at_1").asDouble());
        assertEquals(1, RmelCommand.execute("eval", "--run", out.toString(), "--benchmark", "aime24") == 2 ? 1 : 0,
                "an unknown benchmark is a user error");
    }
}
