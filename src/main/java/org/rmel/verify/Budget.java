package org.rmel.verify;

/**
 * The resources one verification may use: a wall-clock deadline and a nesting depth. Every
 * loop and recursion of the pipeline calls {@link #tick()}, so a hostile answer stops within
 * the time limit instead of hanging the trainer. One budget belongs to one call and one thread.
 */
final class Budget {
    private final long deadlineNanos;
    private final long limitMillis;
    private final int maxDepth;
    private final int maxNumberBits;
    private int ticks;

    Budget(long limitMillis, int maxDepth, int maxNumberBits) {
        this.limitMillis = limitMillis;
        this.deadlineNanos = System.nanoTime() + limitMillis * 1_000_000L;
        this.maxDepth = maxDepth;
        this.maxNumberBits = maxNumberBits;
    }

    /** Counts one unit of work; reads the clock only every 64 units because nanoTime is not free. */
    void tick() {
        if ((++ticks & 63) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new LimitExceededException("time limit of " + limitMillis + " ms exceeded");
        }
    }

    /** Reads the clock now: between the linear scans of a long output, which do not tick. */
    void checkClock() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new LimitExceededException("time limit of " + limitMillis + " ms exceeded");
        }
    }

    void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new LimitExceededException("nesting deeper than " + maxDepth + " levels");
        }
    }

    int maxNumberBits() {
        return maxNumberBits;
    }
}
