package org.rmel.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.tasks.Benchmark;
import org.rmel.tasks.BenchmarkRegistry;

class DataFolderTest {
    private static final Path HOME = Path.of("/home/someone");
    private static final Optional<Path> TASKS_DIR = Optional.of(Path.of("/srv/tasks"));

    @Test
    void optionWinsOverEnvironmentWhichWinsOverTheTaskFolderWhichWinsOverDefault() {
        Map<String, String> env = Map.of(DataFolder.ENV, "/srv/bench");
        assertEquals(Path.of("/opt/data"), DataFolder.resolve(Path.of("/opt/data"), env, TASKS_DIR, HOME).path());
        assertEquals(new DataFolder(Path.of("/srv/bench"), DataFolder.ENV), DataFolder.resolve(null, env, TASKS_DIR, HOME));
        assertEquals(Path.of("/srv/tasks"), DataFolder.resolve(null, Map.of(DataFolder.ENV, "  "), TASKS_DIR, HOME).path());
        assertEquals(new DataFolder(Path.of("/home/someone/.rmel/data"), "default"),
                DataFolder.resolve(null, Map.of(), Optional.empty(), HOME));
    }

    @Test
    void aBenchmarkFetchedIntoTheDefaultDataFolderIsFoundByTheLoaders(@TempDir Path home) throws IOException {
        Path fetchTarget = DataFolder.resolve(null, Map.of(), Optional.empty(), home).path();
        Files.createDirectories(fetchTarget);
        Files.writeString(fetchTarget.resolve("aime24.jsonl"), "{\"problem\": \"1+1?\", \"answer\": \"2\"}\n");
        Path loadersDir = BenchmarkRegistry.defaultDir(Optional.empty(), Map.of(), home).orElseThrow();
        assertEquals(fetchTarget, loadersDir);
        Benchmark aime = BenchmarkRegistry.require("aime24");
        assertEquals("2", BenchmarkRegistry.load(aime, loadersDir).get(0).answer());
    }

    @Test
    void theDataFolderVariableNamesTheSameFolderForFetchAndLoaders() {
        Map<String, String> env = Map.of(DataFolder.ENV, "/srv/data");
        assertEquals(DataFolder.resolve(null, env, Optional.empty(), HOME).path(),
                BenchmarkRegistry.defaultDir(Optional.empty(), env, HOME).orElseThrow());
    }
}
