package org.rmel.train;

import java.nio.file.Path;
import java.util.List;
import org.rmel.tasks.Benchmark;
import org.rmel.tasks.BenchmarkRegistry;
import org.rmel.tasks.Problem;
import org.rmel.tasks.ProblemFile;
import org.rmel.base.BadInputException;

/**
 * Tasks from files, for a real LLM: the training pool from a JSONL file (any layout the task
 * loaders read: problem/answer, MATH, DAPO), evaluation on the registered benchmarks found in
 * the benchmarks folder ({@code rmel.benchmarks.dir} / {@code RMEL_BENCHMARKS}).
 */
public final class FileTaskSource implements TaskSource {
    private final Path trainingFile;
    private final List<String> benchmarks;

    public FileTaskSource(Path trainingFile, List<String> benchmarks) {
        this.trainingFile = trainingFile;
        this.benchmarks = benchmarks;
    }

    @Override
    public List<TaskProblem> trainingPool() {
        return ProblemFile.read(trainingFile).stream().map(FileTaskSource::toTask).toList();
    }

    @Override
    public List<String> benchmarkNames() {
        return benchmarks;
    }

    @Override
    public List<TaskProblem> benchmark(String name) {
        Benchmark b = BenchmarkRegistry.require(name);
        Path dir = BenchmarkRegistry.defaultDir().orElseThrow(() -> new BadInputException("benchmark " + name
                + ": set the benchmarks folder with -D" + BenchmarkRegistry.DIR_PROPERTY + "=DIR or "
                + BenchmarkRegistry.DIR_ENVIRONMENT + "=DIR"));
        return BenchmarkRegistry.load(b, dir).stream().map(FileTaskSource::toTask).toList();
    }

    private static TaskProblem toTask(Problem p) {
        return new TaskProblem(p.id(), p.text(), p.answer());
    }
}
