package org.rmel.app.panels;

import java.util.List;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.rmel.app.LatestTaskRunner;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.app.WorkbenchPanel;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.charts.ChartFigure;
import org.rmel.figures.charts.GridFigure;

/**
 * A panel that shows one figure for the selected runs and exports it. The model is loaded off the
 * FX thread (latest request wins); the figure is built from it by {@link #build} — with the screen
 * style for the panel and with the export style for files, so both are the same chart code.
 *
 * @param <M> what is loaded from the runs (analysis results, revision catalogs…)
 */
abstract class FigurePanel<M> implements WorkbenchPanel {
    private final BorderPane root = new BorderPane();
    private final HBox charts = new HBox(6);
    private final javafx.scene.layout.FlowPane legend = org.rmel.app.SwatchLegend.create();
    private boolean dark;
    private final Label note = new Label();
    private final Label loadingText = new Label();
    private final VBox loading = new VBox(8, new ProgressIndicator(), loadingText);
    private final FlowPane controls = new FlowPane(8, 4);
    private final LatestTaskRunner loader;
    private final ExportPane export;
    private RunSelection shown;
    private List<java.nio.file.Path> loadedRuns = List.of();
    private M model;

    FigurePanel(WorkbenchContext context, String id) {
        loader = new LatestTaskRunner(context.background());
        export = new ExportPane(id + "-export", id, this::exportFigure, context.preferences().node("export"),
                context.background(), context.owner());
        note.getStyleClass().add("panel-note");
        note.setWrapText(true);
        VBox bottom = new VBox(4, note, export.node());
        bottom.setPadding(new Insets(6));
        controls.setPadding(new Insets(6));
        root.setTop(controls);
        loading.setId("figure-loading");
        loading.setAlignment(javafx.geometry.Pos.CENTER);
        loading.setMaxSize(220, 120);
        loading.setVisible(false);
        loading.setMouseTransparent(true);
        javafx.scene.layout.StackPane chartArea = new javafx.scene.layout.StackPane(charts, loading);
        VBox.setVgrow(chartArea, Priority.ALWAYS);
        root.setCenter(new VBox(2, chartArea, legend));
        legend.setId(id + "-legend");
        org.rmel.app.Theme.watch(root, theme -> {
            if (theme.dark() != dark) {
                dark = theme.dark();
                if (model != null) {
                    display(model);
                }
            }
        });
        root.setBottom(bottom);
        root.setId(id + "-panel");
        export.setExportable(false);
    }

    /** Reads what the figure needs; runs on a background thread. */
    abstract M load(RunSelection selection) throws Exception;

    /** The figure for a model in a style; the same call serves the screen and the export. */
    abstract Figure build(M model, FigureStyle style);

    /** A line under the chart (counts, notes); empty by default. */
    String describe(M model) {
        return "";
    }

    @Override
    public Node view() {
        return root;
    }

    /** Adds an option above the chart (e.g. a bucketing choice). */
    void addControl(Node control) {
        controls.getChildren().add(control);
    }

    /** Loads again even if the selection did not change (an option changed). */
    void reload(RunSelection selection) {
        shown = null;
        show(selection);
    }

    @Override
    public void show(RunSelection selection) {
        if (Objects.equals(selection, shown)) {
            return;
        }
        shown = selection;
        if (selection.isEmpty()) {
            charts.getChildren().clear();
            model = null;
            export.setExportable(false);
            org.rmel.app.SwatchLegend.show(legend, List.of(), FigureStyle.screen(dark));
            note.setText("Select one or more runs in the library.");
            return;
        }
        if (!selection.runs().equals(loadedRuns)) {
            // Other runs: the previous figure is not theirs, so say that theirs is loading instead.
            charts.getChildren().clear();
            loadingText.setText("Loading " + selection.runs().size() + " run(s)…");
            loading.setVisible(true);
            model = null;
            export.setExportable(false);
            note.setText("");
        }
        loadedRuns = selection.runs();
        loader.submit(() -> load(selection), this::display, e -> {
            loading.setVisible(false);
            charts.getChildren().clear();
            export.setExportable(false);
            org.rmel.app.SwatchLegend.show(legend, List.of(), FigureStyle.screen(dark));
            note.setText(e.getMessage());
        });
    }

    private void display(M m) {
        model = m;
        loading.setVisible(false);
        try {
            FigureStyle style = FigureStyle.screen(dark);
            Figure f = build(m, style);
            GridFigure grid = f instanceof GridFigure g ? g : GridFigure.of((ChartFigure) f);
            List<ChartFigure> parts = grid.panels();
            // One legend for all panels, outside the charts: many runs never shrink a plot.
            org.rmel.app.SwatchLegend.show(legend, grid.legendKeys(), style);
            charts.getChildren().setAll(parts.stream().map(p -> {
                ChartViewer v = new ChartViewer(p.chart());
                HBox.setHgrow(v, Priority.ALWAYS);
                v.setPrefSize(600, 420);
                return (Node) v;
            }).toList());
            note.setText(describe(m));
            export.setExportable(true);
        } catch (RuntimeException e) {
            // A run without the data this figure needs (e.g. no revisions in a MEL run): say so.
            charts.getChildren().clear();
            export.setExportable(false);
            org.rmel.app.SwatchLegend.show(legend, List.of(), FigureStyle.screen(dark));
            note.setText(e.getMessage());
        }
    }

    private Figure exportFigure(FigureStyle style) {
        M m = model;
        if (m == null) {
            throw new IllegalStateException("nothing to export yet");
        }
        return build(m, style);
    }

    M model() {
        return model;
    }

    HBox charts() {
        return charts;
    }

    /** The loading indicator over the (empty) chart area while other runs load. */
    Node loadingIndicator() {
        return loading;
    }

    javafx.scene.layout.FlowPane legend() {
        return legend;
    }

    Label note() {
        return note;
    }

    ExportPane exportPane() {
        return export;
    }
}
