package org.rmel.train;

/**
 * A problem as the trainer uses it, whatever its source.
 *
 * @param id stable id (the run's {@code prompt_id})
 * @param question the problem text without any prompt template
 * @param gold the reference answer the verifier compares with
 */
public record TaskProblem(String id, String question, String gold) {}
