package org.rmel.method;

import java.util.Objects;

/**
 * A (y+, y−) pair for MEL with its bifurcation point.
 *
 * @param promptId          the prompt both answer
 * @param source            natural (mixed group) or revision (accepted revision and its seed)
 * @param positive          the verified trajectory
 * @param negative          the failed trajectory
 * @param bifurcationToken  index of the first differing token, = LCP(y+, y−); equals the shorter
 *                          length when one sequence is a prefix of the other
 * @param bifurcationStep   the step containing that token (by the task's {@link StepSegmenter});
 *                          the same in both sequences, since the tokens before it are shared
 */
public record ContrastivePair(String promptId, PairSource source, Trajectory positive, Trajectory negative,
                              int bifurcationToken, int bifurcationStep) {

    public ContrastivePair {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(source, "source");
        if (!positive.correct() || negative.correct()) {
            throw new IllegalArgumentException("pair needs a verified positive and a failed negative, got "
                    + positive.id() + " and " + negative.id());
        }
    }

    /** The pair with its bifurcation point computed. */
    public static ContrastivePair of(String promptId, PairSource source, Trajectory positive, Trajectory negative,
                                     StepSegmenter segmenter) {
        int[] pos = positive.tokens();
        int token = Lcp.length(pos, negative.tokens());
        return new ContrastivePair(promptId, source, positive, negative, token, segmenter.stepOf(pos, token));
    }
}
