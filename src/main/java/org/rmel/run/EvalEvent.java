package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * {@code eval}: one benchmark evaluated at a step. {@code n} is the number of problems,
 * {@code samples} the number of sampled answers per problem (8 for Avg@8);
 * {@code pass_at_1} and {@code avg_at_8} are fractions in [0, 1] as computed by the trainer.
 */
public record EvalEvent(
        long t,
        @JsonProperty(required = true) int step,
        @JsonProperty(required = true) String benchmark,
        int n,
        int samples,
        @JsonProperty("pass_at_1") double passAt1,
        @JsonProperty("avg_at_8") double avgAt8,
        @JsonProperty("per_problem") List<ProblemResult> perProblem) implements RunEvent {
    public static final String TYPE = "eval";

    public EvalEvent {
        Objects.requireNonNull(benchmark, "benchmark");
        perProblem = perProblem == null ? List.of() : List.copyOf(perProblem);
        samples = samples <= 0 ? 8 : samples;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
