package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.app.WorkbenchWindowTest.fx;
import static org.rmel.app.WorkbenchWindowTest.waitUntil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.launch.NewRunDialog;
import org.rmel.launch.TrainerCommand;
import org.rmel.app.library.LibraryRow;
import org.rmel.app.library.Workspace;
import org.rmel.app.testing.FakeTrainer;
import org.rmel.app.testing.TestRuns;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The New Run dialog and process control through the real window, with real child JVMs. The
 * child is {@link FakeTrainer} (a run writer on a timer) so these tests need no model; the
 * real trainer's end-to-end run is in {@link RealTrainerFromDialogTest}.
 */
class LaunchAndStopTest {
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
            for (LibraryRow row : w.libraryView().table().getItems()) {
                w.launches().stop(row.dir(), java.time.Duration.ofSeconds(5));
            }
            FxToolkit.setupFixture(() -> w.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }

    WorkbenchWindow open(String... fakeTrainerProperties) throws Exception {
        TrainerCommand current = TrainerCommand.ofCurrentJvm();
        List<String> options = new ArrayList<>(current.jvmOptions());
        for (String p : fakeTrainerProperties) {
            options.add("-D" + p);
        }
        TrainerCommand fake = new TrainerCommand(current.javaBinary(), current.classpath(), options,
                FakeTrainer.class.getName());
        WorkbenchWindow window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, fake, List.of());
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
        return row(window, name).map(LibraryRow::status).orElse("(not listed)");
    }

    private static NewRunDialog dialog(WorkbenchWindow window) throws Exception {
        return fx(window::showNewRunDialog);
    }

    private static void type(NewRunDialog dialog, String field, String text) throws Exception {
        fx(() -> {
            ((TextField) dialog.dialog().getDialogPane().lookup("#field-" + field)).setText(text);
            return null;
        });
    }

    private static double fieldWidth(NewRunDialog dialog, String field) throws Exception {
        return fx(() -> {
            dialog.dialog().getDialogPane().applyCss();
            dialog.dialog().getDialogPane().layout();
            return ((javafx.scene.layout.Region) dialog.dialog().getDialogPane().lookup("#field-" + field)).getWidth();
        });
    }

    private static String problem(NewRunDialog dialog, String field) throws Exception {
        return fx(() -> ((Label) dialog.dialog().getDialogPane().lookup("#problem-" + field)).getText());
    }

    private static boolean startEnabled(NewRunDialog dialog) throws Exception {
        return fx(() -> !dialog.dialog().getDialogPane().lookupButton(dialog.startButton()).isDisabled());
    }

    private static void start(NewRunDialog dialog) throws Exception {
        waitUntil("Start is enabled", () -> !dialog.dialog().getDialogPane().lookupButton(dialog.startButton()).isDisabled());
        fx(() -> {
            ((Button) dialog.dialog().getDialogPane().lookupButton(dialog.startButton())).fire();
            return null;
        });
    }

    private static String launch(WorkbenchWindow window, String name) throws Exception {
        NewRunDialog dialog = dialog(window);
        fx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> preset = (ChoiceBox<String>) dialog.dialog().getDialogPane().lookup("#field-preset");
            preset.setValue("smoke");
            return null;
        });
        type(dialog, "output", window.workspace().folder().resolve(name).toString());
        start(dialog);
        return name;
    }

    @Test
    void invalidDialogValuesAreRefusedWithTheReason() throws Exception {
        TestRuns.finished(workspaceDir.resolve("taken"), "mel", 2);
        WorkbenchWindow window = open();
        NewRunDialog dialog = dialog(window);
        waitUntil("the defaults validate", () -> !dialog.dialog().getDialogPane().lookupButton(dialog.startButton()).isDisabled());

        double outputWidth = fieldWidth(dialog, "output");
        type(dialog, "k", "1");
        waitUntil("K=1 is refused", () -> problem(dialog, "k").contains("must be at least 2"));
        assertFalse(startEnabled(dialog));
        // the message sits under its field: no field is narrowed by it (they were, to half width)
        waitUntil("laid out", () -> fieldWidth(dialog, "output") > 0);
        assertEquals(outputWidth, fieldWidth(dialog, "output"), 1.0, "the output folder keeps its width");
        type(dialog, "k", "eight");
        waitUntil("K must be a number", () -> problem(dialog, "k").contains("is not an integer"));
        type(dialog, "k", "8");
        type(dialog, "tau_min", "1.5");
        waitUntil("τ_min above 1 is refused", () -> problem(dialog, "tau_min").contains("must be in [0.0, 1.0]")
                && problem(dialog, "k").isEmpty());
        type(dialog, "tau_min", "0.3");
        type(dialog, "output", workspaceDir.resolve("taken").toString());
        waitUntil("a folder holding a run is refused", () -> problem(dialog, "output").contains("already holds a run"));
        type(dialog, "output", workspaceDir.resolve("fresh").toString());
        type(dialog, "model", workspaceDir.resolve("no-such-model").toString());
        waitUntil("a missing model folder is refused", () -> problem(dialog, "model").contains("no such folder"));
        type(dialog, "model", "builtin:tiny");
        waitUntil("valid again", () -> problem(dialog, "model").isEmpty() && problem(dialog, "output").isEmpty());
        assertTrue(startEnabled(dialog));
    }

    @Test
    void aRunStartedFromTheDialogIsFollowedUntilItFinishes() throws Exception {
        WorkbenchWindow window = open("fake.steps=5");
        String run = launch(window, "from-dialog");
        waitUntil("the run is listed", () -> row(window, run).isPresent());
        waitUntil("the run finishes", () -> status(window, run).equals("finished"), () -> status(window, run));
        assertEquals("5/5", row(window, run).orElseThrow().steps());
        waitUntil("the overview drew its 5 steps", () -> {
            var viewer = (org.jfree.chart.fx.ChartViewer) window.stage().getScene().lookup("#chart-reward");
            var data = viewer.getChart().getXYPlot().getDataset();
            return data.getSeriesCount() >= 1 && data.getItemCount(0) == 5;
        });
    }

    @Test
    void stopEndsTheRunGracefully() throws Exception {
        WorkbenchWindow window = open("fake.steps=1000");
        String run = launch(window, "to-stop");
        waitUntil("the run is running", () -> status(window, run).equals("running"));
        fx(() -> {
            window.stage().getScene().lookup("#stop-run");
            ((Button) window.stage().getScene().lookup("#stop-run")).fire();
            return null;
        });
        waitUntil("the run is stopped", () -> status(window, run).equals("stopped"), () -> status(window, run));
        waitUntil("the trainer process is gone", () -> !window.launches().isRunning(window.workspace().folder().resolve(run)));
    }

    @Test
    void aCrashingTrainerShowsFailedWithTheReason() throws Exception {
        WorkbenchWindow window = open("fake.steps=10", "fake.crashAt=3");
        String run = launch(window, "crashing");
        waitUntil("the run fails", () -> status(window, run).equals("failed"), () -> status(window, run));
        String detail = row(window, run).orElseThrow().detail();
        assertTrue(detail.startsWith("exit code 1"), detail);
        assertTrue(detail.contains("simulated trainer bug at step 3"), detail);
        waitUntil("the log pane shows the reason",
                () -> window.logArea().getText().startsWith("FAILED: exit code 1")
                        && window.logArea().getText().contains("simulated trainer bug"),
                () -> window.logArea().getText());
    }

    @Test
    void aReopenedWorkbenchReattachesToTheRunningTrainerAndCanStopIt() throws Exception {
        WorkbenchWindow first = open("fake.steps=1000");
        String run = launch(first, "long");
        waitUntil("running", () -> status(first, run).equals("running"));
        FxToolkit.setupFixture(() -> first.stage().close());
        windows.remove(first);

        WorkbenchWindow second = open();
        waitUntil("the new window lists the run as running", () -> status(second, run).equals("running"));
        Path dir = workspaceDir.resolve(run).toAbsolutePath().normalize();
        waitUntil("it re-attached to the trainer", () -> second.launches().isRunning(dir));
        fx(() -> {
            second.libraryView().select(List.of(dir));
            second.stopSelected();
            return null;
        });
        waitUntil("stopped from the second window", () -> status(second, run).equals("stopped"), () -> status(second, run));
    }
}
