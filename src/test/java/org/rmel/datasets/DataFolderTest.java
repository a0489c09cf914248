package org.rmel.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
