package org.rmel.app.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.charts.ChartFigure;
import org.rmel.figures.charts.GridFigure;
import org.rmel.study.ExecutorSpec;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutor;
import org.rmel.study.report.StudyFigures;
import org.rmel.study.report.StudyReport;
import org.rmel.study.report.StudyResults;
import org.rmel.study.report.StudyTables;
import org.rmel.study.stats.Claim;
import org.rmel.study.stats.SeedRun;

/**
 * The Study view: the grid of runs (state, progress, ETA, live), and as runs finish the claims,
 * Table 1, Table 2, the differences to the reference and the figures, from the same code as
 * {@code study report}. Run / Resume start the study's driver as a child process (it outlives this
 * window and the workbench); Cancel stops it (local: SIGTERM to the driver and its trainers;
 * Slurm: scancel); Write report writes {@code STUDY/report/}. Reading happens off the FX thread.
 */
public final class StudyWindow {
    private final Stage stage = new Stage();
    private final Study study;
    private final StudyFollower follower;
    private final StudyLauncher launcher;
    private final ExecutorService background;
    private final StudyGrid grid;
    private final Label summary = new Label("Reading the study…");
    private final Label message = new Label();
    private final Label notes = new Label();
    private final Label resultsNote = new Label();
    private final TableView<Claim> claims = new TableView<>();
    private final VBox tables = new VBox(10);
    private final VBox figures = new VBox(10);
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Timeline timeline;
    private volatile StudyFollower.Snapshot latest;

    public StudyWindow(Window owner, Study study, StudyLauncher launcher, ExecutorService background,
            Map<String, String> environment, Consumer<Path> openRun) {
        this.study = study;
        this.follower = new StudyFollower(study, environment);
        this.launcher = launcher;
        this.background = background;
        this.grid = new StudyGrid(study, openRun);
        stage.initOwner(owner);
        stage.setTitle("Study — " + study.name());

        Label title = new Label(study.dir() + " — " + study.spec().conditions().size() + " conditions × "
                + study.spec().seeds().size() + " seeds, preset " + study.spec().preset() + ", "
                + study.spec().executor().type() + " executor");
        title.setStyle("-fx-font-weight: bold;");
        summary.setId("study-summary");
        message.setId("study-message");
        notes.setId("study-notes");
        notes.setWrapText(true);
        resultsNote.setWrapText(true);
        Button run = button("study-run", "Run", () -> start(StudyExecutor.Mode.START));
        Button resume = button("study-resume", "Resume", () -> start(StudyExecutor.Mode.RESUME));
        Button cancel = button("study-cancel", "Cancel", this::cancel);
        Button report = button("study-report", "Write report", this::writeReport);
        HBox buttons = new HBox(6, run, resume, cancel, report, message);
        VBox top = new VBox(4, title, summary, buttons);
        top.setPadding(new Insets(8));

        claims.setId("study-claims");
        claims.getColumns().add(column("The paper says", Claim::statement, 330));
        claims.getColumns().add(column("This study measured (95% interval)", Claim::measured, 430));
        claims.getColumns().add(column("Verdict", c -> c.verdict().label, 150));
        claims.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox claimsBox = new VBox(6, resultsNote, claims);
        claimsBox.setPadding(new Insets(8));
        tables.setPadding(new Insets(8));
        figures.setPadding(new Insets(8));
        TabPane tabs = new TabPane(new Tab("Runs", new ScrollPane(grid.node())), new Tab("Claims", claimsBox),
                new Tab("Tables", new ScrollPane(tables)), new Tab("Figures", new ScrollPane(figures)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("study-tabs");
        BorderPane root = new BorderPane(tabs, top, null, notes, null);
        BorderPane.setMargin(notes, new Insets(4, 8, 6, 8));
        stage.setScene(new Scene(root, 1180, 760));
        boolean slurm = study.spec().executor().type().equals(ExecutorSpec.SLURM);
        timeline = new Timeline(new KeyFrame(javafx.util.Duration.seconds(slurm ? 5 : 2), e -> refresh()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        stage.setOnHidden(e -> {
            timeline.stop();
            background.execute(follower::close);
        });
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(12));
                text.getStyleClass().add("text");
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return c;
    }

    public void show() {
        stage.show();
        refresh();
        timeline.play();
    }

    public Stage stage() {
        return stage;
    }

    public Study study() {
        return study;
    }

    /** The latest snapshot shown (for tests). */
    public StudyFollower.Snapshot latest() {
        return latest;
    }

    public Label summaryLabel() {
        return summary;
    }

    public Label messageLabel() {
        return message;
    }

    public TableView<Claim> claimsTable() {
        return claims;
    }

    public VBox tablesBox() {
        return tables;
    }

    public VBox figuresBox() {
        return figures;
    }

    /** Refreshes off the FX thread; one refresh at a time. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        background.execute(() -> {
            try {
                StudyFollower.Snapshot s = follower.refresh();
                List<Node> tableNodes = s.resultsChanged() ? s.results().map(this::tableNodes).orElse(List.of()) : null;
                List<Object> figureList = s.resultsChanged() ? s.results().map(this::figures).orElse(List.of()) : null;
                Platform.runLater(() -> {
                    show(s, tableNodes, figureList);
                    refreshing.set(false);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    message.setText("Cannot read the study: " + e.getMessage());
                    refreshing.set(false);
                });
            }
        });
    }

    private void show(StudyFollower.Snapshot s, List<Node> tableNodes, List<Object> figureList) {
        latest = s;
        grid.show(s.status().cells());
        summary.setText(s.status().summary() + s.status().eta().filter(d -> s.status().anyActive())
                .map(d -> "; study ETA " + StudyGrid.minutes(d.toSeconds())).orElse("")
                + (launcher.isRunning(study.dir()) ? "; driver running" : ""));
        notes.setText(String.join("\n", s.status().notes()));
        if (!s.resultsChanged()) {
            return;
        }
        resultsNote.setText(s.resultsNote());
        claims.getItems().setAll(s.results().map(StudyResults::claims).orElse(List.of()));
        tables.getChildren().setAll(tableNodes == null || tableNodes.isEmpty() ? List.of(new Label(s.resultsNote())) : tableNodes);
        figures.getChildren().setAll(figureList == null || figureList.isEmpty() ? List.of(new Label(s.resultsNote()))
                : figureNodes(figureList));
    }

    /** Built off the FX thread (the bootstrap runs here); the nodes are only attached on it. */
    private List<Node> tableNodes(StudyResults r) {
        StudyTables t = new StudyTables(r);
        List<Node> out = new ArrayList<>();
        if (r.data().benchmarks().isEmpty()) {
            out.add(new Label("The finished runs have no evaluations in common yet."));
            return out;
        }
        for (SeedRun.Metric m : SeedRun.Metric.values()) {
            out.add(table("Table 1, " + m.label, t.table1(m)));
        }
        out.add(table("Table 2", t.table2()));
        for (SeedRun.Metric m : SeedRun.Metric.values()) {
            out.add(table("Differences to " + StudyResults.label(r.reference()), t.differences(m)));
        }
        return out;
    }

    private static Node table(String title, StudyTables.TextTable t) {
        TableView<List<String>> view = new TableView<>();
        for (int c = 0; c < t.header().size(); c++) {
            int col = c;
            TableColumn<List<String>, String> column = new TableColumn<>(t.header().get(c));
            column.setCellValueFactory(d -> new ReadOnlyStringWrapper(col < d.getValue().size() ? d.getValue().get(col) : ""));
            column.setPrefWidth(c == 0 ? 170 : t.header().get(c).equals("seeds") ? 60 : 150);
            view.getColumns().add(column);
        }
        view.getItems().setAll(t.rows());
        view.setPrefHeight(32 + 26 * (t.rows().size() + 1));
        Label heading = new Label(title);
        heading.setStyle("-fx-font-weight: bold;");
        Label caption = new Label(t.caption());
        caption.setWrapText(true);
        return new VBox(3, heading, caption, view);
    }

    /** The figures (or why one cannot be drawn yet), built off the FX thread: the bootstrap runs here. */
    private List<Object> figures(StudyResults r) {
        StudyFigures f = new StudyFigures(r);
        List<Object> out = new ArrayList<>();
        List<Function<FigureStyle, Figure>> builders = new ArrayList<>(List.of(f::scores, f::difficulty));
        if (f.acrossRuns()) {
            builders.add(f::difficultyWithinRun);
        }
        builders.addAll(List.of(f::lcpShare, f::lcp));
        for (Function<FigureStyle, Figure> b : builders) {
            try {
                out.add(b.apply(FigureStyle.screen()));
            } catch (RuntimeException e) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    private static List<Node> figureNodes(List<Object> figureList) {
        List<Node> out = new ArrayList<>();
        for (Object o : figureList) {
            if (!(o instanceof Figure figure)) {
                out.add(new Label(String.valueOf(o)));
                continue;
            }
            List<ChartFigure> parts = figure instanceof GridFigure g
                    ? g.panels().stream().map(ChartFigure.class::cast).toList() : List.of((ChartFigure) figure);
            HBox row = new HBox(6);
            for (ChartFigure p : parts) {
                ChartViewer v = new ChartViewer(p.chart(), false);
                v.setPrefSize(Math.max(360, 1100.0 / parts.size()), 400);
                row.getChildren().add(v);
            }
            out.add(row);
        }
        return out;
    }

    private void start(StudyExecutor.Mode mode) {
        message.setText(mode == StudyExecutor.Mode.START ? "Starting…" : "Resuming…");
        background.execute(() -> {
            String text;
            try {
                long pid = launcher.start(study, mode).pid();
                text = "Driver started (pid " + pid + "); it keeps running if the workbench is closed";
            } catch (Exception e) {
                text = "Cannot start: " + e.getMessage();
            }
            String t = text;
            Platform.runLater(() -> {
                message.setText(t);
                refresh();
            });
        });
    }

    private void cancel() {
        message.setText("Cancelling (running trainers finish their step)…");
        background.execute(() -> {
            List<String> lines = new ArrayList<>();
            try {
                follower.executor().cancel(study, lines::add);
            } catch (RuntimeException e) {
                lines.add("Cannot cancel: " + e.getMessage());
            }
            Platform.runLater(() -> {
                message.setText(lines.isEmpty() ? "" : lines.get(lines.size() - 1).replaceFirst("^\\[[0-9:]+\\] ", ""));
                refresh();
            });
        });
    }

    private void writeReport() {
        StudyFollower.Snapshot s = latest;
        if (s == null || s.results().isEmpty()) {
            message.setText("No finished run yet: nothing to report");
            return;
        }
        message.setText("Writing the report…");
        background.execute(() -> {
            String text;
            try {
                text = "Report written: " + StudyReport.write(s.results().get(), study.reportDir()).markdown();
            } catch (RuntimeException e) {
                text = "Cannot write the report: " + e.getMessage();
            }
            String t = text;
            Platform.runLater(() -> message.setText(t));
        });
    }
}
