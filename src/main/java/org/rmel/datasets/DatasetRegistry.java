package org.rmel.datasets;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rmel.tasks.BenchmarkRegistry;

/**
 * The benchmarks the {@code datasets} command knows, with the hub repository and file each one is
 * fetched from. This is the one place to change when a repository moves.
 *
 * <p>The benchmarks themselves (names, file names, sizes) come from the task package's
 * {@link BenchmarkRegistry}, so a fetched file has exactly the name the loaders look up; this
 * class adds only where each one is downloaded from.
 *
 * <p>Sources (public dataset repositories, JSON Lines, {@code resolve/main} form):
 * <ul>
 *   <li>math500: {@code HuggingFaceH4/MATH-500} {@code test.jsonl} (problem, solution, answer, subject, level)</li>
 *   <li>aime24: {@code math-ai/aime24} {@code test.jsonl} (problem; the answer is the boxed solution)</li>
 *   <li>aime25: {@code math-ai/aime25} {@code test.jsonl} (problem, answer)</li>
 *   <li>amc23: {@code math-ai/amc23} {@code test.jsonl} (question, answer)</li>
 *   <li>olympiadbench: {@code math-ai/olympiadbench} {@code test.jsonl} (question, final_answer as a list)</li>
 *   <li>minervamath: {@code math-ai/minervamath} {@code test.jsonl} (question, answer)</li>
 * </ul>
 * The column names were taken from the repositories' published layouts; the build machines have
 * no route to the hub, so each source lists the alternative field names it accepts rather than
 * failing on a renamed column.
 */
public final class DatasetRegistry {
    private static final List<String> PROBLEM = List.of("problem", "question");
    private static final List<String> QUESTION = List.of("question", "problem");
    private static final List<DatasetSource> SOURCES = List.of(
            source("math500", "HuggingFaceH4/MATH-500", PROBLEM, List.of("answer")),
            source("aime24", "math-ai/aime24", PROBLEM, List.of("answer", "solution")),
            source("aime25", "math-ai/aime25", PROBLEM, List.of("answer")),
            source("amc23", "math-ai/amc23", QUESTION, List.of("answer")),
            source("olympiadbench", "math-ai/olympiadbench", QUESTION, List.of("final_answer", "answer")),
            source("minervamath", "math-ai/minervamath", QUESTION, List.of("answer")));

    private DatasetRegistry() {
    }

    private static DatasetSource source(String name, String repo, List<String> problem, List<String> answer) {
        return new DatasetSource(BenchmarkRegistry.require(name), repo, "test.jsonl", problem, answer);
    }

    /** One source per benchmark of the task registry, in its (table) order. */
    public static List<DatasetSource> all() {
        return BenchmarkRegistry.all().stream()
                .map(b -> SOURCES.stream().filter(s -> s.benchmark().equals(b)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no hub source for benchmark " + b.name())))
                .toList();
    }

    /** Looks a benchmark up by the task registry's rules: "math500", "MATH-500", "minerva" all work. */
    public static Optional<DatasetSource> byName(String name) {
        return BenchmarkRegistry.find(name).flatMap(b -> SOURCES.stream().filter(s -> s.benchmark().equals(b)).findFirst());
    }

    /** The known short names, comma-separated, for error messages. */
    public static String names() {
        return all().stream().map(DatasetSource::name).collect(Collectors.joining(", "));
    }
}
