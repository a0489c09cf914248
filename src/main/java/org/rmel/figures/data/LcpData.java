package org.rmel.figures.data;

import java.util.List;

/**
 * LCP ratios of one run's revision attempts.
 *
 * @param tauMin the prefix constraint of the run (accepted revisions have LCP ratio ≥ τ_min); NaN if unknown
 * @param reading the run's reading of the filter, e.g. "primed, fixed τ_min = 0.3" ("" if unknown)
 * @param runIndex the run's position in the selection, which picks its colour (-1: by order in the figure)
 */
public record LcpData(String run, List<LcpSample> samples, double tauMin, String reading, int runIndex) {
    public LcpData {
        samples = List.copyOf(samples);
        reading = reading == null ? "" : reading;
    }

    public LcpData(String run, List<LcpSample> samples, double tauMin) {
        this(run, samples, tauMin, "");
    }

    public LcpData(String run, List<LcpSample> samples, double tauMin, String reading) {
        this(run, samples, tauMin, reading, -1);
    }

    /** Verified attempts the LCP filter rejected. */
    public long filtered() {
        return samples.stream().filter(LcpSample::filtered).count();
    }

    /** Verified attempts. */
    public long verified() {
        return samples.stream().filter(LcpSample::verified).count();
    }

    /** Share of accepted revisions whose LCP ratio is below {@code threshold} (the paper: 33.9% below 0.5 without the constraint). */
    public double acceptedShareBelow(double threshold) {
        long accepted = samples.stream().filter(LcpSample::accepted).count();
        if (accepted == 0) {
            return Double.NaN;
        }
        long below = samples.stream().filter(s -> s.accepted() && s.lcpRatio() < threshold).count();
        return (double) below / accepted;
    }

    public List<Double> taus() {
        return samples.stream().map(LcpSample::tau).distinct().sorted((a, b) -> Double.compare(b, a)).toList();
    }
}
