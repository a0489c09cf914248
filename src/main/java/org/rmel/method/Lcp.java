package org.rmel.method;

/** Longest common prefix of two token sequences, the overlap measure of the revision filter. */
public final class Lcp {
    private Lcp() {
    }

    /** Number of leading positions where both sequences hold the same token. */
    public static int length(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /**
     * LCP(revised, seed) / |seed|, as reported in {@code lcp_ratio}. An empty seed has ratio 0
     * (there is nothing to preserve). Acceptance does not compare this double but the exact
     * inequality in {@link RevisionAcceptance}.
     */
    public static double ratio(int[] revised, int[] seed) {
        return seed.length == 0 ? 0.0 : (double) length(revised, seed) / seed.length;
    }
}
