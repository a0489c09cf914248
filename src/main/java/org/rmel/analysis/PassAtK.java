package org.rmel.analysis;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): with n samples of which c are correct,
 * pass@k = 1 − C(n−c, k) / C(n, k), computed as a product so it never overflows.
 */
public final class PassAtK {
    private PassAtK() {
    }

    public static double estimate(int n, int c, int k) {
        if (k < 1 || k > n || c < 0 || c > n) {
            throw new IllegalArgumentException("pass@" + k + " needs 1 ≤ k ≤ n and 0 ≤ c ≤ n (n=" + n + ", c=" + c + ")");
        }
        if (n - c < k) {
            return 1.0;
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }
}
