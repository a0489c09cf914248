package org.rmel.train;

/** Extracts a response's answer and decides whether it equals the gold answer (the reward). */
public interface AnswerJudge {

    /**
     * @param answer the extracted answer ("" when the response has none)
     * @param correct whether it equals the gold answer
     */
    record Judgement(String answer, boolean correct) {}

    Judgement judge(String gold, String response);
}
