package org.rmel.method;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the policy and verifier made of one {@link ContinuationRequest}.
 *
 * @param tokens       the generated tokens only: forced, the continuation (the prefix is not
 *                     repeated); primed, the whole response
 * @param text         their decoded text
 * @param revisedText  the full revised trajectory's text (forced: prefix + continuation; primed: the
 *                     response), as verified
 * @param answer       the answer extracted from the revised text ("" when none)
 * @param verified     whether the revised trajectory's answer matches the gold answer
 * @param logprob      sum of the generated tokens' log-probabilities (a forced prefix is not counted)
 */
public record ContinuationResult(int[] tokens, String text, String revisedText, String answer,
                                 boolean verified, double logprob) {

    public ContinuationResult {
        tokens = tokens.clone();
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(revisedText, "revisedText");
        Objects.requireNonNull(answer, "answer");
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContinuationResult r && Arrays.equals(tokens, r.tokens) && text.equals(r.text)
                && revisedText.equals(r.revisedText) && answer.equals(r.answer) && verified == r.verified
                && Double.compare(logprob, r.logprob) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(tokens), text, revisedText, answer, verified, logprob);
    }

    @Override
    public String toString() {
        return "ContinuationResult[" + tokens.length + " tokens, answer " + answer + ", verified " + verified + "]";
    }
}
