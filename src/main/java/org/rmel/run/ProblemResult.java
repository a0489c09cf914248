package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One benchmark problem in an {@link EvalEvent}: whether the greedy answer verified and how many
 * of the eval's {@code samples} sampled answers verified.
 */
public record ProblemResult(
        String id,
        @JsonProperty("greedy_correct") boolean greedyCorrect,
        @JsonProperty("samples_correct") int samplesCorrect) {
}
