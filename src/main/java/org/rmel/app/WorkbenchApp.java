package org.rmel.app;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;
import org.rmel.launch.TrainerCommand;

/** The workbench application: one {@link WorkbenchWindow}; command-line arguments are run folders to open. */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        List<Path> runs = getParameters().getRaw().stream().map(Path::of).toList();
        WorkbenchWindow window = new WorkbenchWindow(stage, Preferences.userNodeForPackage(WorkbenchApp.class),
                TrainerCommand.ofCurrentJvm(), runs);
        window.show();
    }
}
