package org.rmel.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.library.Workspace;

/** Save dialogs open in the last export folder, else the workspace; never somewhere arbitrary. */
class SaveLocationTest {
    @TempDir
    Path tmp;

    private final Preferences root = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());

    @AfterEach
    void clean() throws Exception {
        root.removeNode();
    }

    @Test
    void lastExportFolderElseWorkspace() throws Exception {
        Preferences export = root.node("export");
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        new Workspace(root).setFolder(tmp.resolve("not-created-yet"));
        assertNull(SaveLocation.initialDirectory(export), "no workspace folder on disk, no export yet: the chooser's default");
        new Workspace(root).setFolder(workspace);
        assertEquals(workspace.toFile(), SaveLocation.initialDirectory(export), "the chosen workspace");
        Path figures = Files.createDirectories(tmp.resolve("paper/figures"));
        SaveLocation.remember(export, figures.resolve("fig.pdf").toFile());
        assertEquals(figures.toFile(), SaveLocation.initialDirectory(export), "then the folder of the last export");
        Files.delete(figures);
        assertEquals(workspace.toFile(), SaveLocation.initialDirectory(export), "a vanished export folder falls back");
    }
}
