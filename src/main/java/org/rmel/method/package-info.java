/**
 * The R-MEL method core: groups of trajectories, GRPO advantages, the revision search for
 * all-negative groups, MEL+Extra planning, MEL pairing with bifurcation points, meta-experience
 * records and p_keep bookkeeping, conditions and difficulty tracking.
 *
 * <p>Pure Java (JDK only): no model, no UI, no JSON. The trainer and the analysis both use these
 * classes, so the rules here are the single source of truth for the algorithm; they are written
 * out in {@code docs/method.md} ("Revision search rules"). Continuations come in through
 * {@link org.rmel.method.Continuer} / {@link org.rmel.method.BatchContinuer}, so the search runs
 * without a model in tests.
 *
 * <p>Wrong arguments (programming errors and out-of-range settings) raise
 * {@link java.lang.IllegalArgumentException} with a message naming the argument; callers that
 * take values from users wrap it into their own user-error type.
 */
package org.rmel.method;
