package org.rmel.analysis;

import java.util.Map;

/**
 * One benchmark at one step. {@code passAt1} is the greedy accuracy and {@code avgAt8} the mean
 * sample accuracy, recomputed from {@code per_problem} when present (else the trainer's numbers);
 * {@code passAtK} is the unbiased estimator for k = 1, 2, 4, … up to the sample count.
 */
public record EvalPoint(int step, String benchmark, int problems, int samples, double passAt1, double avgAt8,
        Map<Integer, Double> passAtK) {
}
