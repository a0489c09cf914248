package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.cli.RmelCommand;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;

/** The readings and the leak rule in real smoke runs of the built-in model, and their building blocks. */
class ReadingsInTrainingTest {
    @TempDir
    Path tmp;

    private RunLog train(String name, String condition, String... sets) {
        Path out = tmp.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("train", "--preset", "smoke", "--condition", condition,
                "--out", out.toString(), "--set", "steps=3", "--set", "eval_benchmarks=arith-2op-1d"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        assertEquals(0, RmelCommand.execute(args.toArray(String[]::new)));
        return RunLog.read(out);
    }

    @Test
    void defaultRunIsPrimedFixedAndLeakFree() {
        RunLog log = train("primed", "r-mel");
        var spec = RunDirectory.open(tmp.resolve("primed")).spec();
        assertEquals("primed", spec.string("revision_mode").orElseThrow());
        assertEquals("fixed", spec.string("lcp_rule").orElseThrow());
        assertEquals("tokens", spec.string("extra_match").orElseThrow());
        assertFalse(spec.json().get("revision_in_grpo").asBoolean());
        List<RevisionEvent> revisions = log.of(RevisionEvent.class);
        assertFalse(revisions.isEmpty());
        for (RevisionEvent r : revisions) {
            assertTrue(r.primed());
            for (RevisionAttempt a : r.attempts()) {
                assertEquals(a.accepted(), a.verified() && a.lcpRatio() >= 0.3, "fixed rule at tau_min 0.3");
            }
        }
        for (MetaExperienceEvent m : log.of(MetaExperienceEvent.class)) {
            assertFalse(m.heuristic().startsWith("Answer:"), "previous_step: a heuristic never is the answer line: " + m);
            if (m.leaked()) {
                assertFalse(m.kept());
                assertNull(m.replayAnswer(), "a leak is not replayed");
            }
        }
    }

    @Test
    void dropReadingMarksAnswerLineHeuristicsAsLeaks() {
        RunLog log = train("drop", "r-mel", "answer_step_experience=drop", "revision_mode=forced");
        List<MetaExperienceEvent> mes = log.of(MetaExperienceEvent.class);
        assertFalse(mes.isEmpty());
        for (MetaExperienceEvent m : mes) {
            if (m.heuristic().startsWith("Answer: ")) {
                assertTrue(m.leaked(), "the answer line states the gold answer: " + m);
                assertNull(m.replayAnswer());
            }
        }
        assertTrue(mes.stream().anyMatch(MetaExperienceEvent::leaked), "answer-line bifurcations happen in a smoke run");
    }

    @Test
    void perAttemptRuleAndFreshRolloutReading() {
        for (RevisionEvent r : train("per-attempt", "r-mel", "lcp_rule=per_attempt").of(RevisionEvent.class)) {
            for (RevisionAttempt a : r.attempts()) {
                assertEquals(a.accepted(), a.verified() && a.lcp() >= a.tau() * r.seedTokens() - 1e-9,
                        "per-attempt: LCP/|y-| >= the attempt's tau");
            }
        }
        List<RevisionEvent> fresh = train("fresh", "r-mel-no-prefix", "no_prefix_reading=fresh_rollout").of(RevisionEvent.class);
        assertFalse(fresh.isEmpty());
        for (RevisionEvent r : fresh) {
            for (RevisionAttempt a : r.attempts()) {
                assertEquals(0.0, a.tau());
                assertEquals(0, a.cut());
                assertEquals(a.verified(), a.accepted(), "no filter: every verified fresh rollout is accepted");
            }
        }
    }

    @Test
    void leakRuleUsesTheVerifiersNormalisation() {
        VerifierLeak leak = new VerifierLeak();
        assertTrue(leak.states("Answer: 53", "53", "7*8+46-49"));
        assertTrue(leak.states("Answer: 53.0", "53", "7*8+46-49"), "normalised: 53.0 = 53");
        assertTrue(leak.states("the total is $\\frac{1}{2}$ here", "1/2", "x"), "a math segment");
        assertTrue(leak.states("53 is right, not 52", "53", "7*8+46-49"), "any number not in the problem");
        assertFalse(leak.states("102-49", "53", "7*8+46-49"), "a step line evaluates to the answer but does not state it");
        assertFalse(leak.states("56+46-49", "46", "7*8+46-49"), "46 is stated by the problem itself");
        assertFalse(leak.states("Answer: 52", "53", "7*8+46-49"));
        assertFalse(leak.states("", "53", "x"));
    }

    @Test
    void answerLineHeuristicMovesToTheStepThatLedToIt() {
        TaskProblem p = new TaskProblem("train-1", "7*8+46-49", "53");
        String positive = "56+46-49\n102-49\nAnswer: 53\n";
        String negative = "56+46-49\n102-49\nAnswer: 52\n";
        MetaExperienceText e = new ArithExperienceMaker(true).make(new ExperienceMaker.Pair(p, positive, negative, 2));
        assertEquals("Answer: 52", e.critique());
        assertEquals("102-49", e.heuristic());
        MetaExperienceText first = new ArithExperienceMaker(true).make(
                new ExperienceMaker.Pair(new TaskProblem("t", "3+4", "7"), "Answer: 7\n", "Answer: 8\n", 0));
        assertEquals("3+4", first.heuristic(), "the answer is the first line: the question led to it");
        assertEquals("Answer: 53", new ArithExperienceMaker(false).make(new ExperienceMaker.Pair(p, positive, negative, 2))
                .heuristic(), "drop keeps the answer line for the leak rule to drop");
    }

    @Test
    void builtinPrimedPromptShowsThePrefixsLastCompleteLine() {
        ArithPromptFormat f = new ArithPromptFormat();
        TaskProblem p = new TaskProblem("t", "7*8+46-49", "53");
        assertEquals("Q:7*8+46-49\nH:102-49\n", f.primedPrompt(p, "56+46-49\n102-49\nAns"));
        assertEquals("Q:7*8+46-49\nH:56+46-49\n", f.primedPrompt(p, "56+46-49\n10"));
        assertEquals("Q:7*8+46-49\nH:\n", f.primedPrompt(p, "56+4"), "no complete line: nothing to prime with");
        assertEquals("1+1? was: 1+", new TemplatePromptFormat("{problem}", "{problem}", "{problem} was: {prefix}")
                .primedPrompt(new TaskProblem("a", "1+1?", "2"), "1+"));
    }
}
