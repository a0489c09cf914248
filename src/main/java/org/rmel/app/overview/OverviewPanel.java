package org.rmel.app.overview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.rmel.app.LatestTaskRunner;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.app.WorkbenchPanel;
import org.rmel.run.ReadWarning;

/**
 * Live curves of the selected runs (overlaid when several are selected): reward, all-negative
 * fraction, revision success, p_keep, losses, response length, tokens and eval accuracy. The
 * EMA slider and x-axis choice are remembered. Data come from the context's {@link RunMonitor};
 * smoothing and downsampling run on the background executor, the newest request winning.
 */
public final class OverviewPanel implements WorkbenchPanel {
    private static final int COLUMNS = 3;
    private final WorkbenchContext context;
    private final Preferences preferences;
    private final LatestTaskRunner refreshes;
    private final Map<String, LatestTaskRunner> rebuckets = new HashMap<>();
    private final List<LiveChart> charts = new ArrayList<>();
    private final Slider ema = new Slider(0, 0.99, 0.6);
    private final ChoiceBox<XAxisMode> xMode = new ChoiceBox<>();
    private final Label info = new Label();
    private final BorderPane root = new BorderPane();
    private RunSelection selection = RunSelection.EMPTY;

    public OverviewPanel(WorkbenchContext context) {
        this.context = context;
        this.preferences = context.preferences().node("overview");
        this.refreshes = new LatestTaskRunner(context.background());

        ema.setId("ema-slider");
        ema.setValue(preferences.getDouble("ema", 0.6));
        ema.setPrefWidth(160);
        Label emaValue = new Label();
        emaValue.textProperty().bind(ema.valueProperty().asString("%.2f"));
        PauseTransition emaSettled = new PauseTransition(Duration.millis(120));
        emaSettled.setOnFinished(e -> {
            preferences.putDouble("ema", smoothing());
            refresh();
        });
        ema.valueProperty().addListener((obs, old, value) -> emaSettled.playFromStart());

        xMode.setId("x-axis-mode");
        xMode.getItems().setAll(XAxisMode.values());
        xMode.setConverter(new StringConverter<>() {
            @Override
            public String toString(XAxisMode mode) {
                return mode == null ? "" : mode.label();
            }

            @Override
            public XAxisMode fromString(String text) {
                return XAxisMode.valueOf(text);
            }
        });
        xMode.setValue(XAxisMode.valueOf(preferences.get("xAxis", XAxisMode.STEP.name())));
        xMode.valueProperty().addListener((obs, old, mode) -> {
            preferences.put("xAxis", mode.name());
            charts.forEach(LiveChart::resetZoom);
            refresh();
        });

        Button resetZoom = new Button("Reset zoom");
        resetZoom.setId("reset-zoom");
        resetZoom.setTooltip(new javafx.scene.control.Tooltip(
                "Zoom: mouse wheel over a chart (both axes, around the pointer) or drag a rectangle. This returns every chart to its data."));
        resetZoom.setOnAction(e -> {
            charts.forEach(LiveChart::resetZoom);
            refresh();
        });
        info.setId("overview-info");
        info.setWrapText(true);
        HBox.setHgrow(info, Priority.ALWAYS);
        HBox toolbar = new HBox(8, new Label("Smoothing (EMA)"), ema, emaValue, new Label("x axis"), xMode, resetZoom, info);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6, 8, 6, 8));

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        for (int c = 0; c < COLUMNS; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / COLUMNS);
            grid.getColumnConstraints().add(column);
        }
        for (ChartSpec spec : ChartSpec.overview()) {
            LiveChart chart = new LiveChart(spec);
            grid.add(chart.viewer(), charts.size() % COLUMNS, charts.size() / COLUMNS);
            charts.add(chart);
            rebuckets.put(spec.id(), new LatestTaskRunner(context.background()));
            PauseTransition zoomSettled = new PauseTransition(Duration.millis(150));
            zoomSettled.setOnFinished(e -> rebucket(chart));
            chart.xAxis().addChangeListener(e -> {
                if (chart.needsRebucketing()) {
                    zoomSettled.playFromStart();
                }
            });
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        root.setTop(toolbar);
        root.setCenter(scroll);
        root.setId("overview");
    }

    @Override
    public String title() {
        return "Overview";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void show(RunSelection newSelection) {
        if (!newSelection.runs().equals(selection.runs())) {
            // A zoom belongs to the runs it was made on: other runs start from their whole data.
            charts.forEach(LiveChart::resetZoom);
        }
        this.selection = newSelection;
        refresh();
    }

    List<LiveChart> charts() {
        return List.copyOf(charts);
    }

    private double smoothing() {
        return Math.round(ema.getValue() * 100) / 100.0;
    }

    /** About one bucket per two pixels: each bucket draws up to three points. */
    private static int buckets(LiveChart chart) {
        return Math.max(50, (int) (chart.viewer().getWidth() / 2));
    }

    private void refresh() {
        XAxisMode mode = xMode.getValue();
        double weight = smoothing();
        List<LiveChart> targets = List.copyOf(charts);
        Map<String, OverviewModel.Range> ranges = new HashMap<>();
        Map<String, Integer> buckets = new HashMap<>();
        for (LiveChart chart : targets) {
            ranges.put(chart.spec().id(), chart.zoomedRange());
            buckets.put(chart.spec().id(), buckets(chart));
        }
        List<java.nio.file.Path> runs = selection.runs();
        refreshes.submit(() -> {
            List<FollowedRun.Snapshot> snapshots = context.runs().snapshots(runs);
            List<ChartData> data = new ArrayList<>();
            for (LiveChart chart : targets) {
                String id = chart.spec().id();
                data.add(OverviewModel.chart(chart.spec(), snapshots, mode, weight, ranges.get(id), buckets.get(id)));
            }
            return new Refresh(snapshots, data);
        }, result -> {
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).apply(result.data().get(i), ranges.get(targets.get(i).spec().id()));
            }
            info.setText(describe(result.snapshots()));
        }, error -> info.setText("Cannot show the runs: " + error.getMessage()));
    }

    /** After a zoom: re-bucket one chart for its new visible range, so detail comes back. */
    private void rebucket(LiveChart chart) {
        XAxisMode mode = xMode.getValue();
        double weight = smoothing();
        OverviewModel.Range range = chart.zoomedRange();
        int buckets = buckets(chart);
        List<java.nio.file.Path> runs = selection.runs();
        rebuckets.get(chart.spec().id()).submit(
                () -> OverviewModel.chart(chart.spec(), context.runs().snapshots(runs), mode, weight, range, buckets),
                data -> {
                    boolean zoomed = range != null;
                    chart.apply(data, range);
                    if (zoomed) {
                        chart.xAxis().setRange(range.from(), range.to()); // keep the user's zoom over new data
                    }
                },
                error -> info.setText("Cannot show the runs: " + error.getMessage()));
    }

    private record Refresh(List<FollowedRun.Snapshot> snapshots, List<ChartData> data) {
    }

    private static String describe(List<FollowedRun.Snapshot> snapshots) {
        List<String> parts = new ArrayList<>();
        for (FollowedRun.Snapshot run : snapshots) {
            if (run.loadedFraction() < 1) {
                parts.add(run.name() + ": loading " + Math.round(run.loadedFraction() * 100) + "%");
            }
            List<ReadWarning> warnings = run.warnings();
            if (!warnings.isEmpty()) {
                ReadWarning w = warnings.get(0);
                String first = run.name() + "/" + w.file().getFileName() + (w.line() > 0 ? " line " + w.line() : "")
                        + ": " + w.message();
                parts.add("⚠ " + first + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : ""));
            }
        }
        return String.join("   ", parts);
    }
}
