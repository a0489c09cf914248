package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmel.method.Condition;
import org.rmel.model.Sample;
import org.rmel.run.GroupEvent;
import org.rmel.run.RunJson;
import org.rmel.run.Trajectory;

/** A response cut by max_new_tokens: reward 0 under truncated_reward = zero, marked in the group event. */
class TruncatedRewardTest {

    private static StepContext context(String rule) {
        TrainSettings s = TrainSettings.preset("smoke").with("truncated_reward", rule);
        AnswerJudge judge = (gold, response) -> new AnswerJudge.Judgement(gold, response.contains(gold));
        return new StepContext(1, s, Condition.R_MEL, null, judge, null, null);
    }

    private static Sample sample(String text, boolean stopped) {
        return new Sample(new int[] {1, 2, 3}, text, new float[] {-1, -1, -1}, -3, stopped);
    }

    @Test
    void aCutCorrectResponseEarnsNothingUnderZeroAndItsRewardUnderVerified() {
        TaskProblem p = new TaskProblem("p1", "What is 6*7?", "42");
        StepContext zero = context("zero");
        assertEquals(1.0, zero.score("r0", p, sample("Answer: 42", true)).reward());
        assertEquals(0.0, zero.score("r1", p, sample("Answer: 42", false)).reward(), "cut: no end token, no credit");
        assertEquals(0.0, zero.score("r2", p, sample("Answer: 41", true)).reward());
        StepContext verified = context("verified");
        assertEquals(1.0, verified.score("r1", p, sample("Answer: 42", false)).reward());
        assertFalse(zero.credited(true, sample("x", false)));
        assertTrue(zero.credited(true, sample("x", true)));
    }

    @Test
    void theFlagIsWrittenOnlyWhenTrueAndOlderLinesReadAsFalse() throws Exception {
        GroupEvent g = new GroupEvent(0, 1, "p1", 1, "42", GroupEvent.ROLLOUT, List.of(
                new Trajectory("r0", "a", 3, 1.0, "42", -3.0),
                new Trajectory("r1", "b", 16, 0.0, "42", -9.0, true)), "What is 6*7?");
        String json = RunJson.MAPPER.writeValueAsString(g);
        assertEquals(1, json.split("\"truncated\"", -1).length - 1, json);
        assertTrue(json.contains("\"truncated\":true"), json);
        GroupEvent back = RunJson.MAPPER.readValue(json, GroupEvent.class);
        assertFalse(back.trajectories().get(0).truncated());
        assertTrue(back.trajectories().get(1).truncated());
        Trajectory old = RunJson.MAPPER.readValue("{\"id\":\"t0\",\"text\":\"x\",\"tokens\":3,\"reward\":0.0,"
                + "\"answer\":\"1\",\"logprob\":-2.0}", Trajectory.class);
        assertFalse(old.truncated());
    }
}
