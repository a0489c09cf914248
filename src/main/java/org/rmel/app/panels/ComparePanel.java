package org.rmel.app.panels;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.rmel.analysis.PairedBootstrap;
import org.rmel.app.LatestTaskRunner;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.app.WorkbenchPanel;
import org.rmel.figures.RunAnalyses;
import org.rmel.figures.tables.Score;
import org.rmel.figures.tables.Table1;
import org.rmel.figures.tables.Table2;
import org.rmel.figures.tables.TableFormat;
import org.rmel.figures.tables.TableWriter;

/**
 * Runs side by side in the paper's table shapes: Table 1 (methods × benchmarks, Pass@1 and Avg@8
 * at each run's best step, best bold and second underlined), Table 2 (average Pass@1 with Δ
 * against the full R-MEL run), paired bootstrap intervals of the differences per benchmark, and
 * the generated tokens each rescued all-negative group cost (revision vs extra rollouts). Tables
 * export as LaTeX (booktabs), CSV and Markdown.
 */
public final class ComparePanel implements WorkbenchPanel {
    /** What is computed off the FX thread for one selection. */
    record Model(Table1 table1, Table2 table2, String table2Problem, String reference,
            List<PairedBootstrap.Comparison> comparisons, List<RunAnalyses.RescueCost> costs) {
    }

    private final VBox content = new VBox(8);
    private final ScrollPane root = new ScrollPane(content);
    private final Label note = new Label("Select two or more runs with evaluations.");
    private final TableView<Table1.Row> pass1 = new TableView<>();
    private final TableView<Table1.Row> avg8 = new TableView<>();
    private final TableView<Table2.Row> table2 = new TableView<>();
    private final TableView<PairedBootstrap.Comparison> paired = new TableView<>();
    private final TableView<RunAnalyses.RescueCost> costs = new TableView<>();
    private final Label pairedTitle = new Label();
    private final ChoiceBox<TableFormat> format = new ChoiceBox<>();
    private final LatestTaskRunner loader;
    private final WorkbenchContext context;
    private final Preferences prefs;
    private RunSelection shown;
    private Model model;

    public ComparePanel(WorkbenchContext context) {
        this.context = context;
        this.prefs = context.preferences().node("export");
        loader = new LatestTaskRunner(context.background());
        pass1.setId("table1-pass1");
        avg8.setId("table1-avg8");
        table2.setId("table2");
        paired.setId("paired-bootstrap");
        costs.setId("rescue-costs");
        format.getItems().setAll(TableFormat.values());
        format.setValue(TableFormat.TEX);
        Button exportT1 = new Button("Export Table 1…");
        exportT1.setOnAction(e -> save("table1", m -> TableWriter.table1(m.table1(), format.getValue())));
        Button exportT2 = new Button("Export Table 2…");
        exportT2.setOnAction(e -> save("table2", m -> {
            if (m.table2() == null) {
                throw new IllegalStateException(m.table2Problem());
            }
            return TableWriter.table2(m.table2(), format.getValue());
        }));
        FlowPane bar = new FlowPane(8, 4, new Label("format"), format, exportT1, exportT2);
        note.setWrapText(true);
        note.getStyleClass().add("panel-note");
        for (TableView<?> t : List.of(pass1, avg8, table2, paired, costs)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            t.setPrefHeight(170);
        }
        content.getChildren().addAll(bar, note, heading("Table 1 — Pass@1 (best step per run; best bold, second underlined)"), pass1,
                heading("Table 1 — Avg@8"), avg8, heading("Table 2 — average Pass@1 and Δ against the full method"), table2,
                pairedTitle, paired, heading("Revision compute per rescued group vs MEL+Extra"), costs);
        pairedTitle.getStyleClass().add("panel-heading");
        content.setPadding(new Insets(8));
        root.setFitToWidth(true);
    }

    private static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    @Override
    public String title() {
        return "Compare";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void show(RunSelection selection) {
        if (Objects.equals(selection, shown)) {
            return;
        }
        shown = selection;
        if (selection.isEmpty()) {
            return;
        }
        loader.submit(() -> load(selection), this::display, e -> note.setText(e.getMessage()));
    }

    static Model load(RunSelection selection) {
        RunAnalyses a = RunAnalyses.read(selection.runs());
        Table1 t1 = a.table1();
        Table2 t2 = null;
        String problem = "";
        try {
            t2 = a.table2();
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        return new Model(t1, t2, problem, a.referenceLabel(), a.comparisons(), a.rescueCosts());
    }

    Model model() {
        return model;
    }

    TableView<Table1.Row> pass1Table() {
        return pass1;
    }

    TableView<Table2.Row> table2View() {
        return table2;
    }

    private void display(Model m) {
        model = m;
        fillTable1(pass1, m.table1(), Table1.PASS_AT_1);
        fillTable1(avg8, m.table1(), Table1.AVG_AT_8);
        table2.getColumns().setAll(List.of(
                col("Method", Table2.Row::method),
                col("Config", r -> r.config().isBlank() ? "–" : r.config()),
                col("Avg Pass@1", r -> pct(r.avgPass1().value())),
                col("Δ", r -> m.table2() == null ? "" : signed(m.table2().delta(r)))));
        table2.getItems().setAll(m.table2() == null ? List.of() : m.table2().rows());
        note.setText(m.table2() == null ? m.table2Problem() : "");
        pairedTitle.setText("Paired bootstrap (95% CI, problems paired by id): " + m.reference() + " minus each run");
        paired.getColumns().setAll(List.of(
                col("benchmark", PairedBootstrap.Comparison::benchmark),
                col("metric", c -> c.metric() == PairedBootstrap.Metric.PASS_AT_1 ? "Pass@1" : "Avg@8"),
                col("other run mean", c -> pct(c.meanB())),
                col("reference mean", c -> pct(c.meanA())),
                col("difference", c -> signed(c.difference())),
                col("95% CI", c -> "[" + signed(c.low()) + ", " + signed(c.high()) + "]"),
                col("paired", c -> Integer.toString(c.paired()))));
        paired.getItems().setAll(m.comparisons());
        costs.getColumns().setAll(List.of(
                col("run", RunAnalyses.RescueCost::run),
                col("source", RunAnalyses.RescueCost::source),
                col("tokens", c -> Long.toString(c.tokens())),
                col("rescued groups", c -> Long.toString(c.rescued())),
                col("tokens per rescued group", c -> Double.isNaN(c.tokensPerRescue()) ? "–"
                        : String.format(Locale.ROOT, "%.0f", c.tokensPerRescue()))));
        costs.getItems().setAll(m.costs());
    }

    private static void fillTable1(TableView<Table1.Row> view, Table1 t, String metric) {
        List<TableColumn<Table1.Row, ?>> cols = new ArrayList<>();
        cols.add(col("Method", Table1.Row::method));
        for (String c : t.columns()) {
            TableColumn<Table1.Row, String> column = col(c, r -> pct(t.cell(r, metric, c).value()));
            int[] ranks = t.ranks(metric, c);
            column.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    int row = getIndex();
                    int rank = empty || row < 0 || row >= ranks.length ? 0 : ranks[row];
                    setStyle(rank == 1 ? "-fx-font-weight: bold;" : rank == 2 ? "-fx-underline: true;" : "");
                    getStyleClass().removeAll("rank-best", "rank-second");
                    if (rank > 0) {
                        getStyleClass().add(rank == 1 ? "rank-best" : "rank-second");
                    }
                }
            });
            cols.add(column);
        }
        view.getColumns().setAll(cols);
        view.getItems().setAll(t.rows());
    }

    private static <T> TableColumn<T, String> col(String name, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f", 100 * v);
    }

    private void save(String name, Function<Model, String> render) {
        Model m = model;
        if (m == null) {
            note.setText("Nothing to export yet.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name + "." + format.getValue().extension());
        String last = prefs.get("dir", null);
        if (last != null && new File(last).isDirectory()) {
            chooser.setInitialDirectory(new File(last));
        }
        File f = chooser.showSaveDialog(context.owner().get());
        if (f == null) {
            return;
        }
        prefs.put("dir", f.getParent());
        try {
            writeTable(f.toPath(), render.apply(m));
            note.setText("wrote " + f);
        } catch (IOException | RuntimeException e) {
            note.setText("export failed: " + e.getMessage());
        }
    }

    static void writeTable(Path out, String text) throws IOException {
        Files.writeString(out, text);
    }
}
