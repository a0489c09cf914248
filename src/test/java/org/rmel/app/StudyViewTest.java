package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.app.WorkbenchWindowTest.fx;
import static org.rmel.app.WorkbenchWindowTest.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.library.Workspace;
import org.rmel.app.study.NewStudyDialog;
import org.rmel.app.study.StudyWindow;
import org.rmel.launch.TrainerCommand;
import org.rmel.study.CellState;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutors;
import org.rmel.study.report.StudyReportTest;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Study view on a simulated 5 × 3 study (grid, claims, tables, figures), and the New Study
 * dialog end to end with real trainers: create, close the workbench while the driver runs, reopen
 * it — the study window comes back, re-attached, and shows the runs finish.
 */
class StudyViewTest {
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
        for (Path dir : List.of(workspaceDir.resolve("smoke-study"))) {
            if (Files.exists(dir.resolve("study.json"))) {
                StudyExecutors.of(Study.open(dir), java.util.Optional.empty(), System.getenv()).cancel(Study.open(dir), l -> { });
            }
        }
        for (WorkbenchWindow w : windows) {
            FxToolkit.setupFixture(() -> w.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }

    private WorkbenchWindow open(Path... folders) throws Exception {
        WorkbenchWindow window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, TrainerCommand.ofCurrentJvm(), List.of(folders));
            w.show();
            return w;
        }).get(30, TimeUnit.SECONDS);
        windows.add(window);
        return window;
    }

    private static long viewers(StudyWindow view) {
        return view.figuresBox().getChildren().stream().filter(n -> n instanceof javafx.scene.layout.HBox)
                .flatMap(n -> ((javafx.scene.layout.HBox) n).getChildren().stream()).filter(n -> n instanceof ChartViewer).count();
    }

    @Test
    void theStudyViewShowsTheGridClaimsTablesAndFiguresOfFinishedRuns() throws Exception {
        Study study = StudyReportTest.simulatedStudy(workspaceDir.resolve("simulated"));
        WorkbenchWindow window = open(study.dir()); // as `rmel STUDY_DIR` does
        waitUntil("the study folder opens as a study", () -> window.studies().windows().containsKey(study.dir()));
        StudyWindow view = window.studies().windows().get(study.dir());
        waitUntil("the runs are read", () -> view.summaryLabel().getText().startsWith("14 finished, 1 killed"),
                () -> view.summaryLabel().getText(), 60);
        waitUntil("the claims are listed", () -> view.claimsTable().getItems().size() == 8, () -> "" + view.claimsTable().getItems(), 60);
        waitUntil("the figures are drawn: scores, difficulty (a, b), difficulty within runs, LCP share, three LCP histograms",
                () -> viewers(view) == 8, () -> "" + view.figuresBox().getChildren(), 60);
        assertEquals(5, fx(() -> view.tablesBox().getChildren().size()), "Table 1 ×2, Table 2, differences ×2");
        assertTrue(fx(() -> window.libraryView().table().getItems().stream().noneMatch(r -> r.dir().equals(study.dir()))),
                "a study folder is not listed as a (broken) run");
        assertEquals("killed", fx(() -> ((javafx.scene.control.Label) view.stage().getScene().lookup("#cell-mel-s3")).getText()));
        assertEquals("finished", fx(() -> ((javafx.scene.control.Label) view.stage().getScene().lookup("#cell-r-mel-s2")).getText()));
        assertEquals(CellState.KILLED, view.latest().status().cells().stream().filter(c -> c.cell().name().equals("mel-s3"))
                .findFirst().orElseThrow().state());
        Path shot = Path.of("target", "screenshots");
        Files.createDirectories(shot);
        fx(() -> {
            javafx.scene.image.WritableImage image = view.stage().getScene().snapshot(null);
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                    shot.resolve("study-view.png").toFile());
            return null;
        });
        fx(() -> {
            ((Button) view.stage().getScene().lookup("#study-report")).fire();
            return null;
        });
        waitUntil("the report is written", () -> view.messageLabel().getText().startsWith("Report written"),
                () -> view.messageLabel().getText(), 60);
        assertTrue(Files.exists(study.reportDir().resolve("report.md")));
    }

    @Test
    void aStudyCreatedInTheDialogKeepsRunningWhenTheWorkbenchClosesAndIsReattached() throws Exception {
        WorkbenchWindow first = open();
        NewStudyDialog dialog = fx(() -> first.studies().showNewStudyDialog());
        Path dir = workspaceDir.resolve("smoke-study");
        fx(() -> {
            var pane = dialog.dialog().getDialogPane();
            @SuppressWarnings("unchecked")
            ChoiceBox<String> preset = (ChoiceBox<String>) pane.lookup("#field-preset");
            preset.setValue("smoke");
            ((TextField) pane.lookup("#field-folder")).setText(dir.toString());
            for (String c : List.of("mel-extra", "r-mel-no-prefix", "r-mel-b1")) {
                ((CheckBox) pane.lookup("#condition-" + c)).setSelected(false);
            }
            ((TextField) pane.lookup("#field-seeds")).setText("1");
            ((TextField) pane.lookup("#field-executor-parallel")).setText("1");
            ((TextField) pane.lookup("#field-settings-k")).setText("1");
            return null;
        });
        waitUntil("K = 1 is refused with the trainer's message", () -> ((javafx.scene.control.Label) dialog.dialog()
                .getDialogPane().lookup("#problem-settings-k")).getText().equals("must be at least 2, got 1"));
        assertTrue(fx(() -> dialog.dialog().getDialogPane().lookupButton(dialog.createButton()).isDisabled()));
        fx(() -> {
            ((TextField) dialog.dialog().getDialogPane().lookup("#field-settings-k")).setText("4");
            return null;
        });
        waitUntil("Create is enabled", () -> !dialog.dialog().getDialogPane().lookupButton(dialog.createButton()).isDisabled());
        fx(() -> {
            ((Button) dialog.dialog().getDialogPane().lookupButton(dialog.createButton())).fire();
            return null;
        });
        waitUntil("the study window opens", () -> first.studies().windows().containsKey(dir), () -> first.messageLabel().getText(), 60);
        assertEquals(List.of("mel", "r-mel"), Study.open(dir).spec().conditions());
        waitUntil("its driver runs", () -> first.studies().launcher().isRunning(dir), () -> first.messageLabel().getText(), 60);

        FxToolkit.setupFixture(() -> first.stage().close());
        windows.remove(first);
        assertTrue(first.studies().windows().isEmpty(), "study windows close with the workbench");

        WorkbenchWindow second = open();
        waitUntil("the reopened workbench re-attaches to the running study",
                () -> second.studies().windows().containsKey(dir), () -> second.messageLabel().getText(), 60);
        StudyWindow view = second.studies().windows().get(dir);
        waitUntil("both runs finish", () -> view.summaryLabel().getText().startsWith("2 finished"),
                () -> view.summaryLabel().getText(), 400);
        waitUntil("the driver ends", () -> !second.studies().launcher().isRunning(dir), () -> view.summaryLabel().getText(), 60);
        assertEquals(0, StudyExecutors.of(Study.open(dir), java.util.Optional.empty(), System.getenv()).status(Study.open(dir))
                .cells().stream().filter(c -> c.state() != CellState.FINISHED).count());
    }
}
