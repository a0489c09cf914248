package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.app.WorkbenchWindowTest.fx;
import static org.rmel.app.WorkbenchWindowTest.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.launch.NewRunDialog;
import org.rmel.launch.TrainerCommand;
import org.rmel.app.library.LibraryRow;
import org.rmel.app.library.Workspace;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real trainer launched from the New Run dialog as a child JVM (same java, same classpath):
 * a smoke run reaches finished with its curves drawn; a longer run stops gracefully; a trainer
 * that refuses its model shows failed with its exit code and message.
 */
class RealTrainerFromDialogTest {
    @TempDir
    Path workspaceDir;

    private final Preferences preferences = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    private final List<WorkbenchWindow> windows = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        new Workspace(preferences).setFolder(workspaceDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (WorkbenchWindow w : windows) {
            for (Path dir : w.launches().runDirs()) {
                w.launches().stop(dir, java.time.Duration.ofSeconds(20));
            }
            FxToolkit.setupFixture(() -> w.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }

    private WorkbenchWindow open() throws Exception {
        WorkbenchWindow window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, TrainerCommand.ofCurrentJvm(), List.of());
            w.show();
            return w;
        }).get(30, TimeUnit.SECONDS);
        windows.add(window);
        return window;
    }

    private static Optional<LibraryRow> row(WorkbenchWindow window, String name) throws Exception {
        return fx(() -> window.libraryView().table().getItems().stream().filter(r -> r.name().equals(name)).findFirst());
    }

    private static String status(WorkbenchWindow window, String name) throws Exception {
        return row(window, name).map(r -> r.status() + " " + r.steps() + " " + r.detail()).orElse("(not listed)");
    }

    /** Fills the dialog like a user: smoke preset, the given fields, then Start. */
    private static void launch(WorkbenchWindow window, String name, String... fieldValues) throws Exception {
        NewRunDialog dialog = fx(window::showNewRunDialog);
        fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> preset = (ChoiceBox<String>) dialog.dialog().getDialogPane().lookup("#field-preset");
            preset.setValue("smoke");
            ((TextField) dialog.dialog().getDialogPane().lookup("#field-output"))
                    .setText(window.workspace().folder().resolve(name).toString());
            for (int i = 0; i < fieldValues.length; i += 2) {
                ((TextField) dialog.dialog().getDialogPane().lookup("#field-" + fieldValues[i])).setText(fieldValues[i + 1]);
            }
            return null;
        });
        waitUntil("Start is enabled", () -> !dialog.dialog().getDialogPane().lookupButton(dialog.startButton()).isDisabled());
        fx(() -> {
            ((Button) dialog.dialog().getDialogPane().lookupButton(dialog.startButton())).fire();
            return null;
        });
    }

    @Test
    void aSmokeRunStartedFromTheDialogReachesFinished() throws Exception {
        WorkbenchWindow window = open();
        launch(window, "smoke-run");
        waitUntil("the smoke run finishes", () -> status(window, "smoke-run").startsWith("finished"),
                () -> status(window, "smoke-run"), 400);
        LibraryRow row = row(window, "smoke-run").orElseThrow();
        assertEquals("r-mel", row.condition());
        assertTrue(row.steps().matches("(\\d+)/\\1"), row.steps());
        waitUntil("its reward curve is drawn", () -> {
            var data = ((ChartViewer) window.stage().getScene().lookup("#chart-reward")).getChart().getXYPlot().getDataset();
            return data.getSeriesCount() >= 1 && data.getItemCount(0) == Integer.parseInt(row.steps().split("/")[0]);
        });
        waitUntil("the trainer's log is shown", () -> !window.logArea().getText().isBlank());
    }

    @Test
    void aRunningTrainerStopsGracefullyAtTheEndOfItsStep() throws Exception {
        WorkbenchWindow window = open();
        launch(window, "long-run", "steps", "500");
        waitUntil("the first step is done", () -> status(window, "long-run").startsWith("running")
                && !status(window, "long-run").startsWith("running 0/"), () -> status(window, "long-run"), 400);
        fx(() -> {
            ((Button) window.stage().getScene().lookup("#stop-run")).fire();
            return null;
        });
        waitUntil("the run is stopped", () -> status(window, "long-run").startsWith("stopped"),
                () -> status(window, "long-run"), 120);
    }

    @Test
    void aTrainerThatFailsShowsFailedWithItsExitCodeAndMessage() throws Exception {
        Path brokenModel = Files.createDirectories(workspaceDir.resolve("broken-model"));
        Files.writeString(brokenModel.resolve("config.json"), "{\"architectures\": [\"Qwen2ForCausalLM\"]}");
        WorkbenchWindow window = open();
        launch(window, "bad-model", "model", brokenModel.toString());
        waitUntil("the run shows failed", () -> status(window, "bad-model").startsWith("failed"),
                () -> status(window, "bad-model"), 120);
        String detail = row(window, "bad-model").orElseThrow().detail();
        assertTrue(detail.contains("exit code 2"), detail);
        assertTrue(detail.contains("model"), "the reason names the model: " + detail);
    }
}
