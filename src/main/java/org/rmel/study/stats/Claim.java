package org.rmel.study.stats;

/**
 * One of the paper's claims checked against a study.
 *
 * @param statement the claim in the paper's words and numbers
 * @param measured what the study measured, with 95 % intervals and the seeds they are over
 * @param note how the verdict was reached, or why the claim cannot be tested
 */
public record Claim(String id, String statement, String measured, Verdict verdict, String note) {
}
