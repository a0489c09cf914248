package org.rmel.app.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The library table headless: sorting that survives refreshes, Stop/Resume enablement, long names. */
class RunLibraryViewTest {
    private RunLibraryView view;
    private Stage stage;
    private final List<List<Path>> reported = new ArrayList<>();

    private static LibraryRow row(String name, String status, int done, int total, long startedMs) {
        boolean running = status.equals("running");
        return new LibraryRow(Path.of("/runs", name), name, "r-mel", status, done + "/" + total,
                startedMs < 0 ? "" : "t" + startedMs, "", running, done, startedMs);
    }

    private static final List<LibraryRow> ROWS = List.of(
            row("b-run", "finished", 100, 100, 3_000),
            row("a-run", "running", 9, 100, 5_000),
            row("C-run", "stopped", 10, 100, 1_000),
            row("d-run", "killed", 55, 100, 4_000),
            row("e-run", "failed", 2, 100, 2_000));

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        view = fx(() -> new RunLibraryView(reported::add));
        stage = fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(view.table(), 520, 300));
            s.show();
            view.setRows(ROWS);
            return s;
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(stage::close);
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        T t = WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return t;
    }

    private List<String> names() throws Exception {
        return fx(() -> view.table().getItems().stream().map(LibraryRow::name).toList());
    }

    private void sortBy(int column, boolean ascending) throws Exception {
        fx(() -> {
            TableColumn<LibraryRow, ?> c = view.table().getColumns().get(column);
            c.setSortType(ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
            view.table().getSortOrder().setAll(List.of(c));
            return null;
        });
    }

    @Test
    void everyColumnSortsAndTheSortSurvivesARefresh() throws Exception {
        sortBy(0, true);
        assertEquals(List.of("a-run", "b-run", "C-run", "d-run", "e-run"), names(), "names, ignoring case");
        sortBy(2, true);
        assertEquals(List.of("e-run", "b-run", "d-run", "a-run", "C-run"), names(), "status: failed, finished, killed, …");
        sortBy(3, true);
        assertEquals(List.of("e-run", "a-run", "C-run", "d-run", "b-run"), names(), "steps as numbers: 9 before 10 before 55");
        sortBy(4, false);
        assertEquals(List.of("a-run", "d-run", "b-run", "e-run", "C-run"), names(), "start time, newest first");
        // The library refreshes every second with new row objects: the order stays.
        List<LibraryRow> refreshed = new ArrayList<>(ROWS);
        refreshed.set(1, row("a-run", "running", 10, 100, 5_000));
        refreshed.add(row("f-run", "running", 0, 100, 6_000));
        fx(() -> {
            view.setRows(refreshed);
            return null;
        });
        assertEquals(List.of("f-run", "a-run", "d-run", "b-run", "e-run", "C-run"), names());
        sortBy(1, true);
        assertEquals(6, names().size(), "condition sorts too (all equal here)");
    }

    @Test
    void stopNeedsARunningRunAndResumeAStoppedKilledOrFailedOne() throws Exception {
        assertFalse(fx(() -> view.canStop().get()), "nothing selected");
        select("b-run");
        assertFalse(fx(() -> view.canStop().get()), "finished");
        assertFalse(fx(() -> view.canResume().get()), "finished runs have nothing to resume");
        select("a-run");
        assertEquals(List.of("a-run"), fx(() -> view.selectedRows().stream().map(LibraryRow::name).toList()));
        assertTrue(fx(() -> view.canStop().get()), "a running run can be stopped");
        assertFalse(fx(() -> view.canResume().get()), "a running run is not resumed");
        for (String resumable : List.of("C-run", "d-run", "e-run")) {
            select(resumable);
            assertFalse(fx(() -> view.canStop().get()), resumable);
            assertTrue(fx(() -> view.canResume().get()), resumable);
        }
        // A refresh that shows the selected run running again turns the buttons around.
        select("d-run");
        List<LibraryRow> resumed = new ArrayList<>(ROWS);
        resumed.set(3, row("d-run", "running", 55, 100, 4_000));
        fx(() -> {
            view.setRows(resumed);
            return null;
        });
        assertTrue(fx(() -> view.canStop().get()));
        assertFalse(fx(() -> view.canResume().get()));
        assertNotNull(fx(() -> view.table().lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() != null)
                .findFirst().map(n -> ((javafx.scene.control.TableRow<?>) n).getContextMenu()).orElse(null)),
                "each row has a context menu with Stop and Resume");
    }

    @Test
    void longNamesAreShortenedInTheMiddleAndShownWholeInTheTooltip() throws Exception {
        String longName = "r-mel-qwen2.5-math-1.5b-tau0.3-budget4-seed1";
        fx(() -> {
            view.setRows(List.of(row(longName, "finished", 1, 1, 1), row(longName.replace("seed1", "seed2"), "finished", 1, 1, 2)));
            return null;
        });
        TableCell<?, ?> cell = fx(() -> view.table().lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && longName.equals(c.getItem())).map(n -> (TableCell<?, ?>) n)
                .findFirst().orElseThrow());
        assertEquals(OverrunStyle.CENTER_ELLIPSIS, cell.getTextOverrun(), "the seed at the end stays visible");
        assertTrue(fx(() -> cell.getTooltip().getText()).contains(Path.of("/runs", longName).toString()));
        assertTrue(fx(() -> view.table().getColumns().get(0).getWidth()) >= 150, "a wide default for names");
    }

    private void select(String name) throws Exception {
        fx(() -> {
            view.table().getSelectionModel().clearSelection();
            for (int i = 0; i < view.table().getItems().size(); i++) {
                if (view.table().getItems().get(i).name().equals(name)) {
                    view.table().getSelectionModel().select(i);
                }
            }
            return null;
        });
    }
}
