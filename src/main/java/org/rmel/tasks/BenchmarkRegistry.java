package org.rmel.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rmel.base.BadInputException;

/**
 * The evaluation sets the trainer and the workbench share. The data files are not part of the
 * workbench: the user points at a folder holding them (or at one file). The default folder is
 * the {@code rmel.benchmarks.dir} system property, else the {@code RMEL_BENCHMARKS} environment
 * variable, else the user's data folder where {@code datasets fetch} writes ({@code RMEL_DATA_DIR},
 * else {@code ~/.rmel/data} if it exists). The data folder's path rule lives here, not in the
 * datasets package, so that package depends on this one and not the reverse.
 */
public final class BenchmarkRegistry {
    public static final String DIR_PROPERTY = "rmel.benchmarks.dir";
    public static final String DIR_ENVIRONMENT = "RMEL_BENCHMARKS";
    /** The environment variable naming the user's data folder. */
    public static final String DATA_DIR_ENVIRONMENT = "RMEL_DATA_DIR";

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

    /** The folder benchmarks are read from when no command names one; see the class comment. */
    public static Optional<Path> defaultDir() {
        return defaultDir(configuredDir(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * {@code configured} if present, else the user's data folder: named by {@code RMEL_DATA_DIR}
     * (kept even if missing, so the error names the folder the user chose), else {@code
     * home/.rmel/data} only when it exists (a missing default should read as "nothing set").
     */
    public static Optional<Path> defaultDir(Optional<Path> configured, Map<String, String> env, Path home) {
        if (configured.isPresent()) {
            return configured;
        }
        Path data = userDataDir(env, home);
        return dataDirFromEnvironment(env) || Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
    }

    /** The folder named by the system property or the {@code RMEL_BENCHMARKS} variable, if any. */
    public static Optional<Path> configuredDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENVIRONMENT);
        }
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /** The user's data folder: {@code RMEL_DATA_DIR} if set, else {@code home/.rmel/data}. */
    public static Path userDataDir(Map<String, String> env, Path home) {
        return dataDirFromEnvironment(env)
                ? Path.of(env.get(DATA_DIR_ENVIRONMENT)).toAbsolutePath().normalize()
                : home.resolve(".rmel").resolve("data");
    }

    /** Whether {@code RMEL_DATA_DIR} names the data folder (a blank value does not). */
    public static boolean dataDirFromEnvironment(Map<String, String> env) {
        String value = env.get(DATA_DIR_ENVIRONMENT);
        return value != null && !value.isBlank();
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
