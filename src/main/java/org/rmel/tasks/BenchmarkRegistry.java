package org.rmel.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rmel.base.BadInputException;

/**
 * The evaluation sets the trainer and the workbench share. The data files are not part of the
 * workbench: the user points at a folder holding them (or at one file). The default folder is
 * the {@code rmel.benchmarks.dir} system property, else the {@code RMEL_BENCHMARKS} environment
 * variable.
 */
public final class BenchmarkRegistry {
    public static final String DIR_PROPERTY = "rmel.benchmarks.dir";
    public static final String DIR_ENVIRONMENT = "RMEL_BENCHMARKS";

    private static final List<Benchmark> STANDARD = List.of(
            new Benchmark("MATH-500", "math500.jsonl", 500, AnswerStyle.LATEX),
            new Benchmark("AIME24", "aime24.jsonl", 30, AnswerStyle.INTEGER),
            new Benchmark("AIME25", "aime25.jsonl", 30, AnswerStyle.INTEGER),
            new Benchmark("AMC23", "amc23.jsonl", 40, AnswerStyle.INTEGER),
            new Benchmark("OlympiadBench", "olympiadbench.jsonl", 674, AnswerStyle.LATEX),
            new Benchmark("Minerva", "minervamath.jsonl", 272, AnswerStyle.NUMERIC));

    private BenchmarkRegistry() {
    }

    /** The six benchmarks of the paper's tables, in table order. */
    public static List<Benchmark> all() {
        return STANDARD;
    }

    /** By name, ignoring case and punctuation: "MATH-500", "math500", "minerva", "minervamath". */
    public static Optional<Benchmark> find(String name) {
        String key = key(name);
        return STANDARD.stream()
                .filter(b -> key(b.name()).equals(key) || key(b.fileName().replace(".jsonl", "")).equals(key))
                .findFirst();
    }

    public static Benchmark require(String name) {
        return find(name).orElseThrow(() -> new BadInputException("unknown benchmark \"" + name + "\"; known: "
                + STANDARD.stream().map(Benchmark::name).collect(Collectors.joining(", "))));
    }

    /** The folder named by the system property or environment variable, if any. */
    public static Optional<Path> defaultDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENVIRONMENT);
        }
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /** The benchmark's file: {@code location} itself if it is a file, else the file inside that folder. */
    public static Path locate(Benchmark benchmark, Path location) {
        Path file = Files.isDirectory(location) ? location.resolve(benchmark.fileName()) : location;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("benchmark " + benchmark.name() + ": file " + file + " not found (expected "
                    + benchmark.fileName() + " in the benchmarks folder)");
        }
        return file;
    }

    public static List<Problem> load(Benchmark benchmark, Path location) {
        return ProblemFile.read(locate(benchmark, location));
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
