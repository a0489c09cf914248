package org.rmel.figures.data;

import java.util.List;

/** One run's (or one source's) rates over the same buckets, e.g. "R-MEL revision" or "MEL+Extra rollout". */
public record RateSeries(String name, List<RateBucket> buckets) {
    public RateSeries {
        buckets = List.copyOf(buckets);
    }
}
