package org.rmel.train;

import java.util.List;
import org.rmel.tasks.arith.ArithProblem;
import org.rmel.tasks.arith.ArithSuite;

/** The built-in arithmetic suite as a task source: pool and held-out sets from the run's seed. */
public final class ArithTaskSource implements TaskSource {
    private final ArithSuite suite;
    private final int poolSize;
    private final int evalSize;

    public ArithTaskSource(long seed, int poolSize, int evalSize) {
        this.suite = new ArithSuite(seed);
        this.poolSize = poolSize;
        this.evalSize = evalSize;
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
    public List<TaskProblem> benchmark(String name) {
        return suite.evalSet(name, evalSize, poolSize).stream().map(ArithTaskSource::toTask).toList();
    }

    private static TaskProblem toTask(ArithProblem p) {
        return new TaskProblem(p.id(), p.question(), p.answer());
    }
}
