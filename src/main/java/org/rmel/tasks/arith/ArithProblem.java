package org.rmel.tasks.arith;

import java.util.List;

/**
 * One generated problem with its canonical step-by-step solution.
 *
 * @param id stable identifier ({@code <set>-<index>})
 * @param question the expression, e.g. {@code 7*8+46-49}
 * @param steps the canonical intermediate lines, e.g. {@code 56+46-49} and {@code 102-49}; the
 *     answer line follows them
 * @param answer the final value, as the verifier's gold answer
 * @param tier the difficulty tier the problem was drawn from
 */
public record ArithProblem(String id, String question, List<String> steps, String answer, ArithTier tier) {
    public ArithProblem {
        steps = List.copyOf(steps);
    }

    /** The prompt with an empty hint slot (what rollouts see). */
    public String prompt() {
        return ArithFormat.prompt(question, "");
    }

    /** The canonical response: every step, then the answer line. */
    public String solution() {
        return ArithFormat.response(steps, answer);
    }
}
