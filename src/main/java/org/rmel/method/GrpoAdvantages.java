package org.rmel.method;

import java.util.Arrays;

/**
 * Group-relative advantages as in GRPO: A_i = (r_i − mean) / (std + 1e-6), with the sample
 * standard deviation (divisor n − 1), and every token of trajectory i gets A_i.
 *
 * <p>A group of one has no sample std, so its advantage is 0; a group whose rewards are all
 * equal gives 0 for everyone (the numerator is 0), which is how all-negative and all-positive
 * groups drop out of the policy-gradient term.
 */
public final class GrpoAdvantages {
    /** Added to the std so a near-constant group does not blow up. */
    public static final double EPSILON = 1e-6;

    private GrpoAdvantages() {
    }

    /** One advantage per reward, in the same order. */
    public static double[] of(double[] rewards) {
        int n = rewards.length;
        double[] advantages = new double[n];
        if (n < 2) {
            return advantages;
        }
        double mean = Arrays.stream(rewards).sum() / n;
        double squares = 0;
        for (double r : rewards) {
            squares += (r - mean) * (r - mean);
        }
        if (squares == 0) {
            return advantages;
        }
        double std = Math.sqrt(squares / (n - 1));
        for (int i = 0; i < n; i++) {
            advantages[i] = (rewards[i] - mean) / (std + EPSILON);
        }
        return advantages;
    }

    /** One advantage per trajectory of the group, in group order. */
    public static double[] of(Group group) {
        return of(group.rewards());
    }

    /** Per-token advantages: row i has trajectory i's advantage repeated over its tokens. */
    public static double[][] perToken(Group group) {
        double[] advantages = of(group);
        double[][] rows = new double[group.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[group.trajectories().get(i).length()];
            Arrays.fill(rows[i], advantages[i]);
        }
        return rows;
    }
}
