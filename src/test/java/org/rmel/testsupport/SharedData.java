package org.rmel.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test data folder (set by surefire as {@code rmel.shared.dir}). */
public final class SharedData {
    private SharedData() {}

    public static Path sharedDir() {
        String dir = System.getProperty("rmel.shared.dir", "../shared");
        Path p = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared test data folder not found: " + p);
        }
        return p;
    }

    /** The folder of the six benchmark JSONL files. */
    public static Path benchmarksDir() {
        return sharedDir().resolve("data").resolve("benchmarks");
    }
}
