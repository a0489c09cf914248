package org.rmel.app.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    private final Preferences node = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    @Test
    void defaultsToRmelRunsInTheHomeFolderAndRemembersAChoice(@TempDir Path tmp) {
        assertEquals(Path.of(System.getProperty("user.home"), "rmel-runs"), new Workspace(node).folder());
        new Workspace(node).setFolder(tmp);
        assertEquals(tmp.toAbsolutePath().normalize(), new Workspace(node).folder(), "a second instance reads it back");
        assertEquals(tmp.toAbsolutePath().normalize().resolve(".workbench/launches"), new Workspace(node).launchesFolder());
    }

    @Test
    void findsSampleRunsInTheWorkingDirOrNextToTheJar(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("app/target/rmel-workbench.jar");
        Files.createDirectories(jar.getParent());
        assertEquals(List.of(), Workspace.sampleRunFolders(tmp.resolve("elsewhere"), jar));
        Files.createDirectories(tmp.resolve("app/sample-runs"));
        assertEquals(List.of(tmp.resolve("app/sample-runs")), Workspace.sampleRunFolders(tmp.resolve("elsewhere"), jar));
        Files.createDirectories(tmp.resolve("cwd/sample-runs"));
        assertEquals(List.of(tmp.resolve("cwd/sample-runs")), Workspace.sampleRunFolders(tmp.resolve("cwd"), jar));
    }

    @Test
    void thePropertyNamesTheSampleFolderOrTurnsSamplesOff(@TempDir Path tmp) {
        String before = System.getProperty(Workspace.SAMPLE_RUNS_PROPERTY);
        try {
            System.setProperty(Workspace.SAMPLE_RUNS_PROPERTY, "none");
            assertEquals(List.of(), Workspace.sampleRunFolders());
            System.setProperty(Workspace.SAMPLE_RUNS_PROPERTY, tmp.toString());
            assertEquals(List.of(tmp.toAbsolutePath()), Workspace.sampleRunFolders());
        } finally {
            if (before == null) {
                System.clearProperty(Workspace.SAMPLE_RUNS_PROPERTY);
            } else {
                System.setProperty(Workspace.SAMPLE_RUNS_PROPERTY, before);
            }
        }
    }
}
