package org.rmel.app.study;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.rmel.study.CellState;
import org.rmel.study.CellStatus;
import org.rmel.study.Study;
import org.rmel.study.StudyCell;

/** The Study view's grid: one row per condition, one column per seed; each cell its run's state, progress and ETA. */
final class StudyGrid {
    private static final Map<CellState, String> COLOURS = Map.of(
            CellState.PENDING, "#9e9e9e", CellState.QUEUED, "#8d6e63", CellState.RUNNING, "#0072b2",
            CellState.FINISHED, "#009e73", CellState.STOPPED, "#e69f00", CellState.FAILED, "#d55e00",
            CellState.KILLED, "#cc79a7");

    private final GridPane grid = new GridPane();
    private final Map<Integer, Label> states = new HashMap<>();
    private final Map<Integer, ProgressBar> bars = new HashMap<>();
    private final Map<Integer, Label> details = new HashMap<>();
    private final Map<Integer, VBox> boxes = new HashMap<>();

    StudyGrid(Study study, Consumer<Path> openRun) {
        grid.setId("study-grid");
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        List<Integer> seeds = study.spec().seeds();
        for (int s = 0; s < seeds.size(); s++) {
            Label h = new Label("seed " + seeds.get(s));
            h.setStyle("-fx-font-weight: bold;");
            grid.add(h, s + 1, 0);
        }
        List<String> conditions = study.spec().conditions();
        for (int c = 0; c < conditions.size(); c++) {
            Label name = new Label(org.rmel.study.report.StudyResults.label(conditions.get(c)));
            name.setStyle("-fx-font-weight: bold;");
            grid.add(name, 0, c + 1);
        }
        for (StudyCell cell : study.spec().cells()) {
            Label state = new Label("…");
            state.setId("cell-" + cell.name());
            ProgressBar bar = new ProgressBar(0);
            bar.setPrefWidth(170);
            Label detail = new Label();
            detail.setStyle("-fx-font-size: 11px;");
            VBox box = new VBox(2, state, bar, detail);
            box.setPadding(new Insets(6));
            box.setStyle("-fx-border-color: #cccccc; -fx-border-radius: 3;");
            box.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    openRun.accept(study.runDir(cell));
                }
            });
            Tooltip.install(box, new Tooltip(study.runDir(cell).toString()));
            states.put(cell.index(), state);
            bars.put(cell.index(), bar);
            details.put(cell.index(), detail);
            boxes.put(cell.index(), box);
            grid.add(box, study.spec().seeds().indexOf(cell.seed()) + 1, conditions.indexOf(cell.condition()) + 1);
        }
    }

    GridPane node() {
        return grid;
    }

    void show(List<CellStatus> cells) {
        for (CellStatus c : cells) {
            int i = c.cell().index();
            Label state = states.get(i);
            state.setText(c.state().label() + c.job().map(j -> " (" + j + ")").orElse(""));
            state.setStyle("-fx-font-weight: bold; -fx-text-fill: " + COLOURS.get(c.state()) + ";");
            double progress = c.stepsTotal().map(t -> t > 0 ? Math.min(1.0, c.stepsDone() / (double) t) : 0.0).orElse(0.0);
            bars.get(i).setProgress(c.state() == CellState.RUNNING && c.run().isEmpty() ? ProgressBar.INDETERMINATE_PROGRESS : progress);
            String steps = c.stepsTotal().map(t -> c.stepsDone() + "/" + t + " steps").orElse("");
            String eta = c.eta().map(d -> "  ETA " + minutes(d.toSeconds())).orElse("");
            details.get(i).setText(steps + eta);
            Tooltip.install(boxes.get(i), new Tooltip(c.cell().name() + ": " + c.state().label() + " — " + c.detail()
                    + c.log().map(l -> "\nlog: " + l).orElse("") + "\nDouble-click to open the run in the workbench."));
        }
    }

    static String minutes(long s) {
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
