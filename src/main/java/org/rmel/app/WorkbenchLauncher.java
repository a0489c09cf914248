package org.rmel.app;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;

/** Starts the JavaFX application from a plain main (see {@link org.rmel.Launcher}). */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    public static int launch(List<Path> runDirs) {
        String[] args = runDirs.stream().map(Path::toString).toArray(String[]::new);
        Application.launch(WorkbenchApp.class, args);
        return 0;
    }
}
