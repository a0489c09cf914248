package org.rmel.figures.data;

import java.util.List;

/**
 * One revision attempt laid out on text: the seed (failed trajectory), the truncation points of the
 * schedule, the prefix kept for this attempt, the continuation generated from it, the longest common
 * prefix with the seed and the bifurcation point. All positions are character offsets.
 *
 * @param cutChar end of the prefix this attempt continued from (offset into the seed)
 * @param lcpChars length of the common prefix of the seed and the revision (prefix + continuation)
 * @param bifurcationChar offset of the bifurcation point in the seed, or -1 if there is none
 * @param verdict the verifier's reason for its decision on the revision's answer
 * @param problem the problem text (the prompt before its template), or "" when the run did not record it
 * @param tokens the same positions counted in the policy's tokens
 * @param exactPositions whether the character positions are exact (false: estimated for an old run)
 * @param positions where the character positions come from, in words
 * @param primed the prefix was shown in the policy's prompt and {@code continuation} is its whole
 *        response (the revision); otherwise (forced) the revision is the kept prefix + continuation
 */
public record AnnotatedRevision(
        String title,
        String seedText,
        List<TruncationMark> marks,
        double tau,
        int cutChar,
        int lcpChars,
        double lcpRatio,
        int bifurcationChar,
        String continuation,
        String gold,
        String seedAnswer,
        String revisionAnswer,
        boolean verified,
        boolean accepted,
        String verdict,
        String problem,
        RevisionTokens tokens,
        boolean exactPositions,
        String positions,
        boolean primed) {

    public AnnotatedRevision {
        marks = List.copyOf(marks);
        problem = problem == null ? "" : problem;
        positions = positions == null ? "" : positions;
        if (cutChar < 0 || cutChar > seedText.length()) {
            throw new IllegalArgumentException("cut at " + cutChar + " is outside the seed (" + seedText.length() + " chars)");
        }
        for (TruncationMark m : marks) {
            if (m.charOffset() < 0 || m.charOffset() > seedText.length()) {
                throw new IllegalArgumentException("truncation mark at " + m.charOffset() + " is outside the seed");
            }
        }
    }

    /** An attempt whose prefix was forced (kept verbatim, then continued). */
    public AnnotatedRevision(String title, String seedText, List<TruncationMark> marks, double tau, int cutChar, int lcpChars,
                             double lcpRatio, int bifurcationChar, String continuation, String gold, String seedAnswer,
                             String revisionAnswer, boolean verified, boolean accepted, String verdict, String problem,
                             RevisionTokens tokens, boolean exactPositions, String positions) {
        this(title, seedText, marks, tau, cutChar, lcpChars, lcpRatio, bifurcationChar, continuation, gold, seedAnswer,
                revisionAnswer, verified, accepted, verdict, problem, tokens, exactPositions, positions, false);
    }

    /**
     * The revised trajectory: the kept prefix of the seed followed by the continuation, or for a
     * primed attempt the whole response the policy wrote.
     */
    public String revisionText() {
        return primed ? continuation : seedText.substring(0, cutChar) + continuation;
    }

    /** Characters of the revision that are the seed's prefix kept verbatim (none when primed). */
    public int keptInRevision() {
        return primed ? 0 : cutChar;
    }

    /** LCP region, clamped to the texts (an estimated offset can overshoot by a few characters). */
    public int lcpEnd() {
        return Math.max(0, Math.min(lcpChars, Math.min(seedText.length(), revisionText().length())));
    }
}
