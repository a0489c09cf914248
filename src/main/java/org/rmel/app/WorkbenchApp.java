package org.rmel.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The workbench window. */
public final class WorkbenchApp extends Application {
    private ExecutorService background;

    @Override
    public void start(Stage stage) {
        background = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "workbench-background");
            thread.setDaemon(true);
            return thread;
        });
        WorkbenchContext context = new WorkbenchContext(background, () -> stage,
                Preferences.userNodeForPackage(WorkbenchApp.class));
        WorkbenchFrame frame = new WorkbenchFrame(context, PanelRegistry.panels());
        stage.setTitle("R-MEL Workbench");
        stage.setScene(new Scene(frame.root(), 1280, 800));
        Theme.decorate(stage);
        stage.show();
    }

    @Override
    public void stop() {
        background.shutdownNow();
    }
}
