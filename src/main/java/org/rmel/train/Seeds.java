package org.rmel.train;

/**
 * Derives independent seeds from (run seed, step, purpose), so every sampling call of a step is
 * reproducible on its own — what makes a resumed run continue exactly where a killed one was.
 */
public final class Seeds {
    public static final int ROLLOUT = 1;
    public static final int EXTRA = 2;
    public static final int REVISION = 3;
    public static final int REPLAY = 4;
    public static final int EVAL = 5;
    public static final int EXPERIENCE = 6;
    /** MEL+Extra's probe of R-MEL's revision spend (token matching). */
    public static final int MATCH_PROBE = 7;

    private Seeds() {
    }

    /** A well-mixed 64-bit seed (SplitMix64 finaliser over the three inputs). */
    public static long mix(long seed, long step, long purpose) {
        long z = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + purpose * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
