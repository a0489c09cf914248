package org.rmel.train;

import java.util.List;
import org.rmel.tasks.arith.ArithProblem;
import org.rmel.tasks.arith.ArithSuite;

/** The built-in arithmetic suite as a task source: pool and held-out sets from the run's seed. */
public final class ArithTaskSource implements TaskSource {
    private final ArithSuite suite;
    private final int poolSize;
    private final int evalSize;
    private final int oodEvalSize;

    public ArithTaskSource(long seed, int poolSize, int evalSize) {
        this(seed, poolSize, evalSize, evalSize);
    }

    /**
     * @param evalSize    problems per held-out set of the training distribution (a tier of the pool)
     * @param oodEvalSize problems per out-of-distribution set (a tier harder than the pool's)
     */
    public ArithTaskSource(long seed, int poolSize, int evalSize, int oodEvalSize) {
        this.suite = new ArithSuite(seed);
        this.poolSize = poolSize;
        this.evalSize = evalSize;
        this.oodEvalSize = oodEvalSize;
    }

    @Override
    public List<TaskProblem> trainingPool() {
        return suite.trainingPool(poolSize).stream().map(ArithTaskSource::toTask).toList();
    }

    @Override
    public List<String> benchmarkNames() {
        return ArithSuite.evalNames();
    }

    @Override
    public List<String> inDistributionBenchmarks() {
        return benchmarkNames().stream().filter(ArithTaskSource::inDistribution).toList();
    }

    private static boolean inDistribution(String name) {
        return ArithSuite.TRAIN_TIERS.stream().anyMatch(t -> t.name().equals(name));
    }

    @Override
    public List<TaskProblem> benchmark(String name) {
        boolean inDistribution = inDistribution(name);
        return suite.evalSet(name, inDistribution ? evalSize : oodEvalSize, poolSize).stream()
                .map(ArithTaskSource::toTask).toList();
    }

    private static TaskProblem toTask(ArithProblem p) {
        return new TaskProblem(p.id(), p.question(), p.answer());
    }
}
