package org.rmel.train;

import java.util.List;

/** Where a run's training prompts and evaluation sets come from. */
public interface TaskSource {

    /** The training pool; prompts are drawn from it epoch by epoch. */
    List<TaskProblem> trainingPool();

    /** The evaluation sets this source offers, in display order. */
    List<String> benchmarkNames();

    /** One evaluation set; an unknown name is a {@code BadInputException} listing the known ones. */
    List<TaskProblem> benchmark(String name);

    /**
     * The evaluation sets drawn from the training pool's distribution (held-out problems of the
     * pool's kind), which {@code analyze} pools to judge whether a run learned; empty when the
     * source cannot say (benchmark files).
     */
    default List<String> inDistributionBenchmarks() {
        return List.of();
    }
}
