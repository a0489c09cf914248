package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.app.WorkbenchWindowTest.fx;
import static org.rmel.app.WorkbenchWindowTest.waitUntil;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.library.Workspace;
import org.rmel.figures.CharLevelRuns;
import org.rmel.launch.TrainerCommand;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window at 1024 × 700: the library keeps a usable width, the Revisions panel's texts keep a
 * readable height (its detail scrolls rather than squeezing them), and collapsing the trainer
 * log gives its height to the panels.
 */
class SmallWindowTest {
    @TempDir
    Path workspaceDir;

    private final Preferences preferences = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    private WorkbenchWindow window;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        new Workspace(preferences).setFolder(workspaceDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(() -> window.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }

    private Node lookup(String selector) throws Exception {
        return fx(() -> window.stage().getScene().lookup(selector));
    }

    private static Bounds onScene(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    @Test
    void at1024By700TheLibraryAndRevisionsStayUsable() throws Exception {
        Path run = CharLevelRuns.write(workspaceDir.resolve("r-mel-with-a-long-name-seed-1"));
        window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, TrainerCommand.ofCurrentJvm(), List.of(run));
            w.stage().setWidth(1024);
            w.stage().setHeight(700);
            w.show();
            return w;
        }).get(30, TimeUnit.SECONDS);
        waitUntil("the run is listed", () -> window.libraryView().table().getItems().size() == 1);
        fx(() -> {
            window.frame().tabs().getSelectionModel().select(window.frame().tabs().getTabs().stream()
                    .filter(t -> t.getText().equals("Revisions")).findFirst().orElseThrow());
            return null;
        });
        @SuppressWarnings("unchecked")
        TableView<Object> attempts = (TableView<Object>) lookup("#revision-table");
        waitUntil("the attempts are listed", () -> attempts.getItems().size() == 7);
        fx(() -> {
            attempts.getSelectionModel().select(6);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        double width = fx(() -> window.stage().getScene().getWidth());
        Bounds library = fx(() -> onScene(window.libraryView().table()));
        assertTrue(library.getWidth() >= 220 && library.getWidth() <= 0.4 * width,
                "the library keeps its share of the narrower window: " + library.getWidth());
        Bounds seed = fx(() -> onScene(lookup("#seed-text").getParent()));
        Bounds revision = fx(() -> onScene(lookup("#revision-text").getParent()));
        assertTrue(seed.getHeight() >= 85 && revision.getHeight() >= 85, "seed " + seed + ", revision " + revision);
        assertTrue(seed.getMinX() >= library.getMaxX() && seed.getMaxX() <= width + 0.5, "the seed lies right of the library: " + seed);
        ScrollPane detail = (ScrollPane) lookup("#revision-detail");
        assertTrue(fx(() -> detail.getViewportBounds().getWidth()) >= 250, "the detail keeps a readable width");
        assertTrue(fx(() -> ((javafx.scene.layout.Region) detail.getContent()).getWidth()
                <= detail.getViewportBounds().getWidth() + 0.5), "nothing in the detail sticks out to the right");
        Bounds table = fx(() -> onScene(attempts));
        assertTrue(table.getWidth() >= 280, "the attempts table keeps its columns readable: " + table.getWidth());

        TitledPane log = (TitledPane) lookup("#trainer-log-pane");
        Node frame = fx(() -> window.frame().root());
        double before = fx(() -> frame.getLayoutBounds().getHeight());
        fx(() -> {
            log.setExpanded(false);
            return null;
        });
        waitUntil("the panels took the log's height", () -> frame.getLayoutBounds().getHeight() > before + 40,
                () -> before + " → " + frame.getLayoutBounds().getHeight());
        fx(() -> {
            log.setExpanded(true);
            return null;
        });
        waitUntil("expanding gives it back", () -> Math.abs(frame.getLayoutBounds().getHeight() - before) < 2,
                () -> before + " → " + frame.getLayoutBounds().getHeight());
        assertEquals(false, preferences.node("layout").getBoolean("log-collapsed", true), "the expanded state is remembered");
    }
}
