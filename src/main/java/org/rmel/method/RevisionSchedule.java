package org.rmel.method;

import java.util.ArrayList;
import java.util.List;

/**
 * The explicit list of truncation ratios, one per continuation attempt: the τ list cycled in
 * order and truncated to the budget B. With the default τ list (0.7, 0.5, 0.3):
 * B = 1 → [0.7]; B = 3 → [0.7, 0.5, 0.3]; B = 4 → [0.7, 0.5, 0.3, 0.7] — the 4th attempt is a
 * second, independent sample at τ = 0.7, the ratio the paper finds most productive. B = 0 is an
 * empty schedule (no revision).
 *
 * <p>The trainer writes {@link #taus()} into run.json as {@code revision_schedule}, so a run says
 * exactly which attempts it made.
 */
public record RevisionSchedule(List<Double> taus) {

    /** The paper's truncation ratios, tried in this order. */
    public static final List<Double> DEFAULT_TAUS = List.of(0.7, 0.5, 0.3);
    /** The paper's default revision budget. */
    public static final int DEFAULT_BUDGET = 4;

    public RevisionSchedule {
        taus = List.copyOf(taus);
        for (double tau : taus) {
            TruncationCut.requireRatio("tau", tau);
        }
    }

    /** The τ list cycled in order and truncated to {@code budget} attempts. */
    public static RevisionSchedule of(List<Double> tauList, int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
        if (tauList.isEmpty() && budget > 0) {
            throw new IllegalArgumentException("tau_schedule is empty but budget is " + budget);
        }
        List<Double> attempts = new ArrayList<>(budget);
        for (int i = 0; i < budget; i++) {
            attempts.add(tauList.get(i % tauList.size()));
        }
        return new RevisionSchedule(attempts);
    }

    /** Number of attempts, i.e. the budget B. */
    public int size() {
        return taus.size();
    }

    /** τ of attempt {@code attempt} (0-based). */
    public double tau(int attempt) {
        return taus.get(attempt);
    }
}
