package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.app.WorkbenchWindowTest.fx;
import static org.rmel.app.WorkbenchWindowTest.waitUntil;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.library.Workspace;
import org.rmel.app.testing.TestRuns;
import org.rmel.launch.TrainerCommand;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Overview charts in the real window: the mouse wheel zooms both axes, Reset zoom returns both,
 * another selection never inherits a zoom, the hover text gives the logged value and the smoothed
 * one, labelled, and an empty chart says why it is empty.
 */
class OverviewChartsTest {
    @TempDir
    Path workspaceDir;

    private final Preferences preferences = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    private WorkbenchWindow window;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        new Workspace(preferences).setFolder(workspaceDir);
        preferences.node("overview").putDouble("ema", 0.5);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(() -> window.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }

    private ChartViewer viewer(String id) throws Exception {
        return fx(() -> (ChartViewer) window.stage().getScene().lookup("#chart-" + id));
    }

    private XYPlot plot() throws Exception {
        return fx(() -> viewer("reward").getChart().getXYPlot());
    }

    private boolean zoomed() throws Exception {
        return fx(() -> !plot().getDomainAxis().isAutoRange() || !plot().getRangeAxis().isAutoRange());
    }

    private void select(Path dir) throws Exception {
        fx(() -> {
            window.libraryView().select(List.of(dir.toAbsolutePath().normalize()));
            window.libraryView().table().getSelectionModel().clearSelection();
            for (int i = 0; i < window.libraryView().table().getItems().size(); i++) {
                if (window.libraryView().table().getItems().get(i).dir().equals(dir.toAbsolutePath().normalize())) {
                    window.libraryView().table().getSelectionModel().select(i);
                }
            }
            return null;
        });
    }

    private int points() throws Exception {
        return fx(() -> {
            XYSeriesCollection d = (XYSeriesCollection) plot().getDataset();
            return d.getSeriesCount() == 0 ? 0 : d.getSeries(0).getItemCount();
        });
    }

    private void open() throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, TrainerCommand.ofCurrentJvm(), List.of());
            w.stage().setWidth(1400);
            w.stage().setHeight(950);
            w.show();
            return w;
        }).get(30, TimeUnit.SECONDS);
    }

    private String emptyMessage(String chart) throws Exception {
        return fx(() -> viewer(chart).getChart().getXYPlot().getNoDataMessage());
    }

    @Test
    void emptyChartsSayWhy() throws Exception {
        // As the trainer writes a MEL run: the revision rate of every step is null (no revision ran).
        Path mel = workspaceDir.resolve("mel");
        try (org.rmel.run.RunWriter w = org.rmel.run.RunWriter.create(mel, TestRuns.spec("mel", 5))) {
            for (int s = 1; s <= 5; s++) {
                java.util.Map<String, Double> m = new java.util.LinkedHashMap<>(TestRuns.metrics(s));
                m.put("revision/success_rate", Double.NaN);
                w.append(new org.rmel.run.StepEvent(0, s, m));
            }
            w.finish("completed");
        }
        open();
        assertEquals("select a run in the library", emptyMessage("revision"));
        waitUntil("listed", () -> window.libraryView().table().getItems().size() == 1);
        select(mel);
        waitUntil("drawn", () -> points() == 5);
        waitUntil("the revision chart of a MEL run is not applicable, not 'no data yet'",
                () -> emptyMessage("revision").startsWith("not applicable to MEL runs"), () -> emptyMessage("revision"));
        assertEquals(0, fx(() -> viewer("revision").getChart().getXYPlot().getDataset().getSeriesCount()));
    }

    @Test
    void wheelZoomResetAndSelectionChanges() throws Exception {
        Path a = TestRuns.finished(workspaceDir.resolve("a"), "r-mel", 40);
        Path b = TestRuns.finished(workspaceDir.resolve("b"), "mel", 30);
        open();
        waitUntil("both runs are listed", () -> window.libraryView().table().getItems().size() == 2);
        select(a);
        waitUntil("a's 40 steps are drawn", () -> points() == 40);
        assertFalse(zoomed());

        FxRobot robot = new FxRobot();
        robot.moveTo(viewer("reward"));
        robot.scroll(3, VerticalDirection.UP);
        waitUntil("the wheel zoomed both axes", () -> !plot().getDomainAxis().isAutoRange()
                && !plot().getRangeAxis().isAutoRange());

        fx(() -> {
            ((Button) window.stage().getScene().lookup("#reset-zoom")).fire();
            return null;
        });
        assertFalse(zoomed(), "Reset zoom returns both axes to the data");

        robot.moveTo(viewer("reward"));
        robot.scroll(3, VerticalDirection.UP);
        waitUntil("zoomed again", this::zoomed);
        select(b);
        waitUntil("b's 30 steps are drawn", () -> points() == 30);
        assertFalse(zoomed(), "a zoom made on run a does not carry over to run b");

        // Hover text: the logged value at the point, and the EMA there, labelled.
        String raw = fx(() -> viewer("reward").getChart().getXYPlot().getRenderer().getToolTipGenerator(0, 9)
                .generateToolTip(plot().getDataset(), 0, 9));
        assertTrue(raw.startsWith("mean\nstep 10\nlogged: 0.2\nsmoothed (EMA 0.5): "), raw);
        String smooth = fx(() -> viewer("reward").getChart().getXYPlot().getRenderer().getToolTipGenerator(1, 9)
                .generateToolTip(plot().getDataset(), 1, 9));
        assertEquals(raw, smooth, "the smoothed line's point says the same: both values, each named");
        double ema = fx(() -> ((XYSeriesCollection) plot().getDataset()).getSeries(1).getY(9).doubleValue());
        assertTrue(raw.endsWith(": " + new java.text.DecimalFormat("0.######",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(ema)), raw + " vs " + ema);
    }
}
