package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.library.LibraryRow;
import org.rmel.app.library.Workspace;
import org.rmel.app.testing.FakeTrainer;
import org.rmel.app.testing.TestRuns;
import org.rmel.launch.TrainerCommand;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Stop and Resume follow the selected run's state (Resume runs {@code train --resume} as a child
 * process), the workbench writes only under the workspace the user chose, and a run just started
 * reads "starting" rather than "no such run folder" until its trainer creates the folder. Real
 * child JVMs ({@link FakeTrainer}), the real window, headless.
 */
class RunControlTest {
    @TempDir
    Path tmp;

    private final Preferences preferences = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    private WorkbenchWindow window;
    private Path first;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        first = tmp.resolve("first-workspace");
        Files.createDirectories(first);
        new Workspace(preferences).setFolder(first);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            for (LibraryRow row : window.libraryView().table().getItems()) {
                window.launches().stop(row.dir(), java.time.Duration.ofSeconds(5));
            }
            FxToolkit.setupFixture(() -> window.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }

    private void open(String... fakeTrainerProperties) throws Exception {
        TrainerCommand current = TrainerCommand.ofCurrentJvm();
        List<String> options = new ArrayList<>(current.jvmOptions());
        for (String p : fakeTrainerProperties) {
            options.add("-D" + p);
        }
        TrainerCommand fake = new TrainerCommand(current.javaBinary(), current.classpath(), options, FakeTrainer.class.getName());
        window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, fake, List.of());
            w.show();
            return w;
        }).get(30, TimeUnit.SECONDS);
    }

    private Optional<LibraryRow> row(String name) throws Exception {
        return fx(() -> window.libraryView().table().getItems().stream().filter(r -> r.name().equals(name)).findFirst());
    }

    private String status(String name) throws Exception {
        return row(name).map(LibraryRow::status).orElse("(not listed)");
    }

    private MenuItem menuItem(String id) throws Exception {
        return fx(() -> ((MenuBar) ((BorderPane) window.stage().getScene().getRoot()).getTop()).getMenus().stream()
                .map(Menu::getItems).flatMap(List::stream).filter(i -> id.equals(i.getId())).findFirst().orElseThrow());
    }

    private Button stopButton() throws Exception {
        return fx(() -> (Button) window.stage().getScene().lookup("#stop-run"));
    }

    private void select(Path dir) throws Exception {
        fx(() -> {
            window.libraryView().select(List.of(dir.toAbsolutePath().normalize()));
            window.libraryView().table().getSelectionModel().getSelectedItems(); // fires the listeners' bindings
            return null;
        });
    }

    /** Starts the fake trainer on {@code dir} as the New Run dialog would, and selects the run. */
    private void launch(Path dir) throws Exception {
        fx(() -> {
            window.launches().start(dir, List.of("--out", dir.toString()), window.workspace().consoleLogFor(dir));
            window.openRuns(List.of(dir));
            return null;
        });
    }

    @Test
    void stopAndResumeFollowTheSelectedRunsState() throws Exception {
        Path finished = TestRuns.finished(first.resolve("done"), "mel", 3);
        open("fake.steps=100000");
        Path live = first.resolve("live");
        launch(live);
        waitUntil("running", () -> status("live").equals("running"), () -> status("live"));
        select(live);
        waitUntil("Stop is enabled for a running run", () -> !stopButton().isDisabled());
        assertTrue(menuItem("menu-resume").isDisable(), "a running run is not resumed");

        select(finished);
        waitUntil("Stop is disabled for a finished run", () -> stopButton().isDisabled());
        assertTrue(menuItem("menu-stop").isDisable());
        assertTrue(menuItem("menu-resume").isDisable(), "a finished run has nothing to resume");

        select(live);
        fx(() -> {
            stopButton().fire();
            return null;
        });
        waitUntil("stopped", () -> status("live").equals("stopped"), () -> status("live"));
        waitUntil("Resume is enabled for a stopped run", () -> !menuItem("menu-resume").isDisable());
        assertTrue(stopButton().isDisabled());
        fx(() -> {
            menuItem("menu-resume").fire();
            return null;
        });
        waitUntil("resumed: running again under a new trainer", () -> status("live").equals("running")
                && window.launches().isRunning(live), () -> status("live") + " " + window.messageLabel().getText());
        assertTrue(window.messageLabel().getText().startsWith("Resumed live"), window.messageLabel().getText());
        assertTrue(Files.readString(live.resolve("events.jsonl")).contains("\"type\":\"resumed\""), "train --resume continued the run");
        waitUntil("Stop is enabled again", () -> !stopButton().isDisabled());
    }

    @Test
    void everythingTheWorkbenchWritesGoesUnderTheChosenWorkspace() throws Exception {
        open("fake.steps=100000");
        Path second = tmp.resolve("second-workspace");
        Files.createDirectories(second);
        fx(() -> {
            window.setWorkspace(second);
            return null;
        });
        waitUntil("the workspace changed", () -> window.workspace().folder().equals(second));
        launch(second.resolve("run-b"));
        waitUntil("running", () -> status("run-b").equals("running"), () -> status("run-b"));
        try (Stream<Path> records = Files.list(second.resolve(".workbench").resolve("launches"))) {
            assertEquals(1, records.count(), "the launch record is in the chosen workspace");
        }
        assertTrue(Files.isDirectory(second.resolve(".workbench").resolve("console")));
        assertFalse(Files.exists(first.resolve(".workbench")), "nothing is written under the workspace left behind");
        assertFalse(Files.exists(Workspace.defaultFolder().resolve(".workbench").resolve("launches")
                .resolve("pid-" + window.launches().process(second.resolve("run-b")).orElseThrow().pid() + ".json")));
    }

    @Test
    void aJustStartedRunReadsStartingNeverNoSuchRunFolder() throws Exception {
        open("fake.steps=3", "fake.startDelayMs=2500");
        Path dir = first.resolve("slow-start");
        launch(dir);
        List<String> seen = new ArrayList<>();
        long until = System.currentTimeMillis() + 2000;
        while (System.currentTimeMillis() < until) {
            seen.add(fx(() -> window.runStatusLabel().getText()));
            Thread.sleep(50);
        }
        assertTrue(seen.stream().noneMatch(s -> s.contains("no such run folder")), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.contains("slow-start: starting")), seen.toString());
        waitUntil("it finishes", () -> status("slow-start").equals("finished"), () -> status("slow-start"));
    }
}
