package org.rmel.datasets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.rmel.tasks.BenchmarkRegistry;

/**
 * The user's data folder, where {@code datasets fetch} writes and the benchmark loaders read:
 * {@code --data-dir} if given, else {@code RMEL_DATA_DIR}, else the task registry's benchmarks
 * folder ({@code -Drmel.benchmarks.dir} / {@code RMEL_BENCHMARKS}) so both always agree when
 * only that one is set, else {@code ~/.rmel/data}. The env-or-home path rule is the task
 * registry's ({@link BenchmarkRegistry#userDataDir}), so the benchmark loaders find what is
 * fetched here. Knowing which rule chose it lets the CLI say so.
 */
public record DataFolder(Path path, String chosenBy) {
    public static final String ENV = BenchmarkRegistry.DATA_DIR_ENVIRONMENT;

    /** The folder for this process: no option, the real environment and home folder. */
    public static DataFolder ofUser() {
        return resolve(null, System.getenv(), BenchmarkRegistry.configuredDir(), Path.of(System.getProperty("user.home")));
    }

    public static DataFolder resolve(Path option, Map<String, String> env, Optional<Path> benchmarksDir, Path home) {
        if (option != null) {
            return new DataFolder(option.toAbsolutePath().normalize(), "--data-dir");
        }
        if (BenchmarkRegistry.dataDirFromEnvironment(env)) {
            return new DataFolder(BenchmarkRegistry.userDataDir(env, home), ENV);
        }
        if (benchmarksDir.isPresent()) {
            return new DataFolder(benchmarksDir.get().toAbsolutePath().normalize(),
                    BenchmarkRegistry.DIR_PROPERTY + " / " + BenchmarkRegistry.DIR_ENVIRONMENT);
        }
        return new DataFolder(BenchmarkRegistry.userDataDir(env, home), "default");
    }

    public Path fileOf(DatasetSource source) {
        return path.resolve(source.localFileName());
    }

    public Path manifest() {
        return path.resolve(Manifest.FILE_NAME);
    }
}
