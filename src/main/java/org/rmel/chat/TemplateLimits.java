package org.rmel.chat;

/**
 * Bounds on one rendering of an untrusted template.
 *
 * @param maxChars longest output, and longest string or list an expression may build
 * @param maxSteps template nodes rendered (every loop iteration renders at least one), so an
 *     endless or explosive loop stops
 * @param maxMillis wall-clock time; past it the rendering thread is interrupted and abandoned
 */
public record TemplateLimits(int maxChars, int maxSteps, long maxMillis) {

    /**
     * A chat prompt is kilobytes and a real template renders in a few hundred steps; these leave
     * orders of magnitude of room. The time limit is a backstop (the step budget stops loops long
     * before it) and generous, because the first rendering in a process loads the engine's
     * classes, which takes seconds on a busy machine.
     */
    public static TemplateLimits defaults() {
        return new TemplateLimits(1_000_000, 200_000, 10_000);
    }

    public TemplateLimits {
        if (maxChars < 1 || maxSteps < 1 || maxMillis < 1) {
            throw new IllegalArgumentException("template limits must be positive");
        }
    }
}
