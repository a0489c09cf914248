package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.TruncationCut;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.StepEvent;
import org.rmel.run.TokenOffsets;
import org.rmel.run.Trajectory;
import org.rmel.testsupport.RunScript;

/**
 * Writes small R-MEL runs through the real run writer as the built-in model's trainer does: one
 * token per character plus the end-of-sequence token that ends every sample and has no text (so a
 * 60-character seed has 61 tokens), so every offset in a test is known exactly.
 */
public final class CharLevelRuns {
    /** The seed of every revision: 60 characters + end of sequence = 61 tokens, wrong answer 116. */
    public static final String SEED = "Step 1: 17 + 25 = 42. Step 2: 42 * 3 = 126. Step 3:126-9=116";
    public static final String GOLD = "117";
    public static final String PROBLEM = "Compute (17 + 25) * 3 - 9 step by step.";

    /** How the events are written. */
    public enum Format {
        /** As the trainer writes today: token offsets and the problem text recorded. */
        CURRENT,
        /** As the trainer wrote before (contract v1 without offsets and problem text): positions follow from the built-in tokenizer. */
        V1
    }

    private CharLevelRuns() {
    }

    /**
     * Three steps; step s revises prompt "q{s}": step 1 accepts at τ = 0.7 (attempt 1), step 2
     * rejects every attempt, step 3 accepts at τ = 0.5 (attempt 2, after a failed τ = 0.7).
     */
    public static Path write(Path dir) {
        return write(dir, Format.CURRENT);
    }

    public static Path write(Path dir, Format format) {
        boolean current = format == Format.CURRENT;
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 4, 4, 0.3, 3).with("model", "builtin:tiny"))) {
            for (int step = 1; step <= 3; step++) {
                String prompt = "q" + step;
                List<Trajectory> ts = List.of(
                        new Trajectory("t0", SEED, SEED.length() + 1, 0, "116", -20.0),
                        new Trajectory("t1", "Step 1: 17 + 25 = 42. The answer is 40", 39, 0, "40", -15.0));
                s.writer().append(new GroupEvent(0, step, prompt, 1, GOLD, GroupEvent.ROLLOUT, ts,
                        current ? PROBLEM + " (" + prompt + ")" : null));
                List<RevisionAttempt> attempts = new ArrayList<>();
                Integer accepted = null;
                if (step == 1) {
                    attempts.add(attempt(0.7, ". Step 3:126-9=117", true, current));
                    accepted = 0;
                } else if (step == 2) {
                    attempts.add(attempt(0.7, ". Step 3:126-9=115", false, current));
                    attempts.add(attempt(0.5, "42 * 3 = 125. Step 3: 125-9=116", false, current));
                    attempts.add(attempt(0.3, "42. Step 2: 42 * 3 = 126. 126-9=116", false, current));
                    attempts.add(attempt(0.7, ". Step 3: 126 - 9 = 118", false, current));
                } else {
                    attempts.add(attempt(0.7, ". Step 3:126-9=118", false, current));
                    attempts.add(attempt(0.5, "42 * 3 = 126. Step three: 126 - 9 = 117", true, current));
                    accepted = 1;
                }
                s.writer().append(new RevisionEvent(0, step, prompt, "t0", TOKENS, -20.0, attempts, accepted,
                        current ? seedOffsets() : null));
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

    /** The seed's length in tokens: its characters and the end-of-sequence token. */
    public static final int TOKENS = SEED.length() + 1;

    /** ⌊τ·|y−|⌋ in tokens, which is also the character offset (one character per token). */
    public static int cut(double tau) {
        return TruncationCut.at(tau, TOKENS);
    }

    /** One byte per ASCII character, none for the end-of-sequence token. */
    static TokenOffsets seedOffsets() {
        int[] o = new int[TOKENS + 1];
        for (int i = 0; i <= SEED.length(); i++) {
            o[i] = i;
        }
        o[TOKENS] = SEED.length();
        return TokenOffsets.of(o);
    }

    /**
     * An attempt continuing SEED from ⌊τ·|y−|⌋ with the true token LCP (the revision's tokens are
     * its characters and an end-of-sequence token, which never matches a seed character).
     */
    static RevisionAttempt attempt(double tau, String continuation, boolean ok, boolean withOffsets) {
        int cut = cut(tau);
        String revised = SEED.substring(0, cut) + continuation;
        int lcp = 0;
        while (lcp < Math.min(SEED.length(), revised.length()) && SEED.charAt(lcp) == revised.charAt(lcp)) {
            lcp++;
        }
        return new RevisionAttempt(tau, cut, continuation, continuation.length() + 1, ok ? "117" : "116", ok, lcp,
                lcp / (double) TOKENS, ok, withOffsets ? Integer.valueOf(cut) : null);
    }
}
