package org.rmel.method;

import java.util.Set;

/**
 * Splits a token sequence into reasoning steps by the task's step delimiter tokens (e.g. the
 * newline token ids). A delimiter ends the step it belongs to, so step s runs from just after the
 * s-th delimiter up to and including the (s+1)-th; the step of token i is the number of
 * delimiters strictly before i. Step indices are 0-based.
 */
public final class StepSegmenter {
    private final Set<Integer> delimiters;

    /** @param delimiters the token ids that end a step (may be empty: everything is step 0) */
    public StepSegmenter(Set<Integer> delimiters) {
        this.delimiters = Set.copyOf(delimiters);
    }

    public Set<Integer> delimiters() {
        return delimiters;
    }

    /**
     * The step containing token {@code index}; {@code index == tokens.length} (the position just
     * past the end, where a sequence that is a prefix of another "differs") is allowed.
     */
    public int stepOf(int[] tokens, int index) {
        if (index < 0 || index > tokens.length) {
            throw new IllegalArgumentException("token index " + index + " outside 0.." + tokens.length);
        }
        int step = 0;
        for (int i = 0; i < index; i++) {
            if (delimiters.contains(tokens[i])) {
                step++;
            }
        }
        return step;
    }

    /** Number of steps: delimiters, plus one for an unterminated last step. */
    public int stepCount(int[] tokens) {
        if (tokens.length == 0) {
            return 0;
        }
        int ended = stepOf(tokens, tokens.length);
        return delimiters.contains(tokens[tokens.length - 1]) ? ended : ended + 1;
    }
}
