package org.rmel.app.panels;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.rmel.app.library.Workspace;

/**
 * Where a Save dialog opens: the folder of the last export (remembered under the export
 * preferences' {@code dir}), else the workspace folder, else the file chooser's own default.
 */
final class SaveLocation {
    static final String LAST_DIR = "dir";

    private SaveLocation() {
    }

    /** {@code exportPrefs} is the workbench preferences' {@code export} node; its parent holds the workspace. */
    static File initialDirectory(Preferences exportPrefs) {
        String last = exportPrefs.get(LAST_DIR, null);
        if (last != null && Files.isDirectory(Path.of(last))) {
            return new File(last);
        }
        Preferences root = exportPrefs.parent();
        Path workspace = root == null ? null : new Workspace(root).folder();
        return workspace != null && Files.isDirectory(workspace) ? workspace.toFile() : null;
    }

    /** Remembers the folder a file was just saved in. */
    static void remember(Preferences exportPrefs, File saved) {
        if (saved.getParent() != null) {
            exportPrefs.put(LAST_DIR, saved.getParent());
        }
    }
}
