package org.rmel.figures.data;

import java.util.List;

/**
 * One run's (or one source's) rates over the same buckets, e.g. "R-MEL revision" or "MEL+Extra rollout".
 *
 * @param runIndex the run's position in the selection, which picks its colour (-1: by order in the panel)
 * @param variant 0 for a run's first source, 1 for its second (a run with both revisions and extra rollouts)
 */
public record RateSeries(String name, List<RateBucket> buckets, int runIndex, int variant) {
    public RateSeries {
        buckets = List.copyOf(buckets);
    }

    public RateSeries(String name, List<RateBucket> buckets) {
        this(name, buckets, -1, 0);
    }
}
