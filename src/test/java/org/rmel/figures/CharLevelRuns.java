package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.StepEvent;
import org.rmel.run.Trajectory;
import org.rmel.testsupport.RunScript;

/**
 * Writes small R-MEL runs through the real run writer with character-level texts (one token per
 * character, as the built-in tokenizer does), so every offset in a test is known exactly.
 */
public final class CharLevelRuns {
    /** The seed of every revision: 61 characters, wrong answer 116. */
    public static final String SEED = "Step 1: 17 + 25 = 42. Step 2: 42 * 3 = 126. Step 3: 126-9=116";
    public static final String GOLD = "117";

    private CharLevelRuns() {
    }

    /**
     * Three steps; step s revises prompt "q{s}": step 1 accepts at τ = 0.7 (attempt 1), step 2
     * rejects every attempt, step 3 accepts at τ = 0.5 (attempt 2, after a failed τ = 0.7).
     */
    public static Path write(Path dir) {
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 4, 4, 0.3, 3))) {
            for (int step = 1; step <= 3; step++) {
                String prompt = "q" + step;
                List<Trajectory> ts = List.of(
                        new Trajectory("t0", SEED, SEED.length(), 0, "116", -20.0),
                        new Trajectory("t1", "Step 1: 17 + 25 = 42. The answer is 40", 38, 0, "40", -15.0));
                s.writer().append(new GroupEvent(0, step, prompt, 1, GOLD, GroupEvent.ROLLOUT, ts));
                List<RevisionAttempt> attempts = new ArrayList<>();
                Integer accepted = null;
                if (step == 1) {
                    attempts.add(attempt(0.7, ". Step 3: 126-9=117", true));
                    accepted = 0;
                } else if (step == 2) {
                    attempts.add(attempt(0.7, ". Step 3: 126-9=115", false));
                    attempts.add(attempt(0.5, "42 * 3 = 125. Step 3: 125-9=116", false));
                    attempts.add(attempt(0.3, "42. Step 2: 42 * 3 = 126. 126-9=116", false));
                    attempts.add(attempt(0.7, ". Step 3: 126 - 9 = 118", false));
                } else {
                    attempts.add(attempt(0.7, ". Step 3: 126-9=118", false));
                    attempts.add(attempt(0.5, "42 * 3 = 126. Step three: 126 - 9 = 117", true));
                    accepted = 1;
                }
                s.writer().append(new RevisionEvent(0, step, prompt, "t0", SEED.length(), -20.0, attempts, accepted));
                if (accepted != null) {
                    RevisionAttempt a = attempts.get(accepted);
                    s.writer().append(new MetaExperienceEvent(0, step, prompt, MetaExperienceEvent.REVISION, "rev", "t0",
                            a.lcp(), 3, "subtracted 9 from 126 wrongly", "check the last subtraction", "117", step == 1));
                }
                s.writer().append(new MetaExperienceEvent(0, step, prompt, MetaExperienceEvent.NATURAL, "t1", "t0", 22, 2,
                        "natural critique " + step, "natural heuristic", "42", false));
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("reward/mean", 0.1 * step);
                s.writer().append(new StepEvent(0, step, m));
            }
            s.finish();
        }
        return dir;
    }

    public static int cut(double tau) {
        return (int) Math.floor(tau * SEED.length());
    }

    /** An attempt continuing SEED from ⌊τ·|seed|⌋ with the true character LCP. */
    static RevisionAttempt attempt(double tau, String continuation, boolean ok) {
        int cut = cut(tau);
        String revised = SEED.substring(0, cut) + continuation;
        int lcp = 0;
        while (lcp < Math.min(SEED.length(), revised.length()) && SEED.charAt(lcp) == revised.charAt(lcp)) {
            lcp++;
        }
        return new RevisionAttempt(tau, cut, continuation, continuation.length(), ok ? "117" : "116", ok, lcp,
                lcp / (double) SEED.length(), ok);
    }
}
