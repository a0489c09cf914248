package org.rmel.tasks.arith;

import java.util.ArrayList;
import java.util.List;

/**
 * The text format of the built-in suite, designed for a character-level model: a tiny
 * alphabet, short lines, one step per line, and a hint slot in the prompt.
 *
 * <pre>
 * Q:7*8+46-49
 * H:102-49          &lt;- hint slot; empty ("H:") in ordinary rollouts
 * 56+46-49          &lt;- response: one step per line, the expression with one more operation done
 * 102-49
 * Answer: 53        &lt;- the last operation gives the answer line
 * </pre>
 *
 * The warm start shows a step of the canonical solution in the hint slot on part of its
 * examples, so the model learns to copy a hinted step when it reaches it. MEL replay puts a
 * meta-experience's heuristic (the corrected step) there. The answer line is the
 * {@code Answer:} convention the verifier reads.
 */
public final class ArithFormat {
    /** The step delimiter (the method core's bifurcation step is counted by it). */
    public static final String STEP_DELIMITER = "\n";
    public static final String QUESTION_TAG = "Q:";
    public static final String HINT_TAG = "H:";
    public static final String CRITIQUE_TAG = "C:";
    public static final String ANSWER_TAG = "Answer: ";
    /** Separates the parts of the retrospective context [x, y+, y-] that MEL's NLL term sees. */
    public static final String RETRO_SEPARATOR = "#";
    /**
     * Every character the suite can produce. The character tokenizer is built from it, so a
     * model never meets an unknown character in its own task language.
     */
    public static final String ALPHABET = "0123456789+-*\n :#QHCAnswer";

    private ArithFormat() {
    }

    /** The prompt: the question line and the hint line (hint may be empty). */
    public static String prompt(String question, String hint) {
        return QUESTION_TAG + question + "\n" + HINT_TAG + hint + "\n";
    }

    /** The response: the steps, one per line, then the answer line, ended by a newline. */
    public static String response(List<String> steps, String answer) {
        StringBuilder sb = new StringBuilder();
        for (String s : steps) {
            sb.append(s).append(STEP_DELIMITER);
        }
        return sb.append(ANSWER_TAG).append(answer).append('\n').toString();
    }

    /** The response's lines (steps and answer line), without delimiters; empty lines dropped. */
    public static List<String> lines(String response) {
        List<String> out = new ArrayList<>();
        for (String line : response.split(STEP_DELIMITER, -1)) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * The retrospective context MEL internalises a meta-experience under: the prompt without
     * hint, the correct trajectory, the failed one. The meta-experience text follows it.
     */
    public static String retroContext(String question, String positive, String negative) {
        return prompt(question, "") + positive + RETRO_SEPARATOR + "\n" + negative + RETRO_SEPARATOR + "\n";
    }

    /** The meta-experience text for the built-in model: critique line, heuristic line. */
    public static String metaExperience(String critique, String heuristic) {
        return CRITIQUE_TAG + critique + "\n" + HINT_TAG + heuristic + "\n";
    }
}
