package org.rmel.train;

import org.rmel.verify.Verdict;
import org.rmel.verify.Verifier;

/** The reward: the project's verifier (the Math-Verify role) on the whole response. */
public final class VerifierJudge implements AnswerJudge {
    private final Verifier verifier = new Verifier();

    @Override
    public Judgement judge(String gold, String response) {
        Verdict v = verifier.verify(gold, response);
        return new Judgement(v.predAnswer() == null ? "" : v.predAnswer(), v.equal());
    }
}
