package org.rmel.method;

/**
 * Decides whether a meta-experience's text states the gold answer. The method core only applies
 * the rule (a leak is neither replayed nor internalised, and p_keep leaves it out); the test
 * itself needs the verifier's normalisation and lives on the trainer's side.
 */
@FunctionalInterface
public interface AnswerLeak {
    /** Never a leak (for tests, or a task without a single gold answer). */
    AnswerLeak NONE = (text, gold, problem) -> false;

    /**
     * @param text    a critique or heuristic
     * @param gold    the problem's gold answer
     * @param problem the problem statement (a number the problem itself states is no leak)
     * @return whether {@code text} states the gold answer
     */
    boolean states(String text, String gold, String problem);

    /** Whether the critique or the heuristic states the gold answer. */
    default boolean leaks(String critique, String heuristic, String gold, String problem) {
        return states(critique, gold, problem) || states(heuristic, gold, problem);
    }
}
