package org.rmel.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaders' default folder falls back to the user's data folder, which {@code datasets fetch} fills. */
class BenchmarkRegistryDefaultDirTest {
    @TempDir
    Path home;

    @Test
    void theConfiguredFolderWinsOverTheDataFolder() throws IOException {
        Files.createDirectories(home.resolve(".rmel/data"));
        Optional<Path> configured = Optional.of(Path.of("/srv/tasks"));
        assertEquals(configured, BenchmarkRegistry.defaultDir(configured,
                Map.of(BenchmarkRegistry.DATA_DIR_ENVIRONMENT, "/srv/data"), home));
    }

    @Test
    void withoutAConfiguredFolderTheDataFolderVariableIsUsed() {
        assertEquals(Optional.of(Path.of("/srv/data")), BenchmarkRegistry.defaultDir(Optional.empty(),
                Map.of(BenchmarkRegistry.DATA_DIR_ENVIRONMENT, "/srv/data"), home));
    }

    @Test
    void theHomeDataFolderIsUsedOnlyOnceItExists() throws IOException {
        assertEquals(Optional.empty(), BenchmarkRegistry.defaultDir(Optional.empty(), Map.of(), home));
        assertEquals(Optional.empty(), BenchmarkRegistry.defaultDir(Optional.empty(),
                Map.of(BenchmarkRegistry.DATA_DIR_ENVIRONMENT, " "), home));
        Path data = Files.createDirectories(home.resolve(".rmel/data"));
        assertEquals(Optional.of(data), BenchmarkRegistry.defaultDir(Optional.empty(), Map.of(), home));
    }
}
