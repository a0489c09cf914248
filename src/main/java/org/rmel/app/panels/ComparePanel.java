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
import javafx.scene.control.ProgressIndicator;
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
 * against the full R-MEL run), paired bootstrap intervals of the differences per benchmark against
 * a reference run the user picks (default: an R-MEL run; the choice is remembered), and the
 * generated tokens each rescued all-negative group cost (revision vs extra rollouts). Tables
 * export as LaTeX (booktabs), CSV and Markdown.
 */
public final class ComparePanel implements WorkbenchPanel {
    /** What is computed off the FX thread for one selection. */
    record Model(Table1 table1, Table2 table2, String table2Problem, String reference,
            List<PairedBootstrap.Comparison> comparisons, List<RunAnalyses.RescueCost> costs, RunAnalyses.Paired paired,
            List<Path> runs, List<String> labels) {
        Path referenceRun() {
            return runs.get(paired.reference());
        }
    }

    /** Preferences key (node "compare") of the remembered reference run folder. */
    static final String REFERENCE_KEY = "reference";

    private final VBox content = new VBox(8);
    private final ScrollPane root = new ScrollPane(content);
    private final Label note = new Label(EMPTY);
    static final String EMPTY = "Select runs in the library (ctrl-click for several) to compare their evaluations.";
    private final ProgressIndicator loading = new ProgressIndicator();
    private final ChoiceBox<Path> reference = new ChoiceBox<>();
    private final Label pairedNote = new Label();
    private final Preferences comparePrefs;
    private boolean settingReference;
    private final TableView<Table1.Row> pass1 = new TableView<>();
    private final TableView<Table1.Row> avg8 = new TableView<>();
    private final TableView<Table2.Row> table2 = new TableView<>();
    private final TableView<RunAnalyses.PairedRow> paired = new TableView<>();
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
        this.comparePrefs = context.preferences().node("compare");
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
        reference.setId("compare-reference");
        reference.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Path run) {
                return run == null ? "" : label(run);
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        reference.valueProperty().addListener((o, was, run) -> {
            if (!settingReference && run != null && shown != null) {
                comparePrefs.put(REFERENCE_KEY, run.toAbsolutePath().normalize().toString());
                reload(shown);
            }
        });
        loading.setId("compare-loading");
        loading.setMaxSize(22, 22);
        loading.setVisible(false);
        loading.setManaged(false);
        FlowPane bar = new FlowPane(8, 4, new Label("format"), format, exportT1, exportT2, new Label("   reference run"),
                reference, loading);
        pairedNote.setId("paired-note");
        pairedNote.setWrapText(true);
        pairedNote.getStyleClass().add("panel-note");
        note.setId("compare-note");
        note.setWrapText(true);
        for (Label l : List.of(note, pairedNote)) {
            // An empty note takes no room.
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
        }
        note.getStyleClass().add("panel-note");
        for (TableView<?> t : List.of(pass1, avg8, table2, paired, costs)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            t.setPrefHeight(170);
        }
        content.getChildren().addAll(bar, note, heading("Table 1 — Pass@1 (best step per run; best bold, second underlined)"), pass1,
                heading("Table 1 — Avg@8"), avg8, heading("Table 2 — average Pass@1 and Δ against the full method"), table2,
                pairedTitle, pairedNote, paired, heading("Revision compute per rescued group vs MEL+Extra"), costs);
        pairedTitle.getStyleClass().add("panel-heading");
        content.setPadding(new Insets(8));
        root.setFitToWidth(true);
        root.setId("compare-panel");
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
        boolean otherRuns = shown == null || !shown.runs().equals(selection.runs());
        shown = selection;
        if (selection.isEmpty()) {
            model = null;
            clearTables();
            note.setText(EMPTY);
            placeholders("No runs selected.");
            return;
        }
        if (otherRuns) {
            // The previous selection's tables must not stand for this one while it loads.
            model = null;
            clearTables();
            note.setText("Loading the evaluations of " + selection.runs().size() + " run(s)…");
            placeholders("Loading…");
        }
        reload(selection);
    }

    private void reload(RunSelection selection) {
        Path preferred = remembered(selection.runs());
        loading.setVisible(true);
        loading.setManaged(true);
        loader.submit(() -> load(selection, preferred), this::display, e -> {
            loading.setVisible(false);
            loading.setManaged(false);
            note.setText(e.getMessage());
            placeholders("Nothing to show: see the note above.");
        });
    }

    /** The remembered reference if it is among these runs, else null (the default applies). */
    private Path remembered(List<Path> runs) {
        String saved = comparePrefs.get(REFERENCE_KEY, null);
        if (saved == null) {
            return null;
        }
        Path p = Path.of(saved);
        return runs.stream().filter(r -> r.toAbsolutePath().normalize().equals(p)).findFirst().orElse(null);
    }

    /** What the tables say while empty: loading, nothing selected, or nothing to show. */
    private void placeholders(String text) {
        for (TableView<?> t : List.of(pass1, avg8, table2, costs)) {
            t.setPlaceholder(new Label(text));
        }
        if (!text.isEmpty()) {
            paired.setPlaceholder(new Label(text));
        }
    }

    private void clearTables() {
        for (TableView<?> t : List.of(pass1, avg8, table2, paired, costs)) {
            t.getItems().clear();
        }
        pairedTitle.setText("");
        pairedNote.setText("");
        settingReference = true;
        reference.getItems().clear();
        settingReference = false;
    }

    static Model load(RunSelection selection) {
        return load(selection, null);
    }

    /** Reads and analyses the runs; {@code preferredReference} (a selected run or null) is the paired bootstrap's reference. */
    static Model load(RunSelection selection, Path preferredReference) {
        RunAnalyses a = RunAnalyses.read(selection.runs());
        Table1 t1 = a.table1();
        Table2 t2 = null;
        String problem = "";
        try {
            t2 = a.table2();
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        int ref = preferredReference == null ? a.defaultReference() : selection.runs().indexOf(preferredReference);
        RunAnalyses.Paired paired = a.paired(ref < 0 ? a.defaultReference() : ref);
        return new Model(t1, t2, problem, paired.referenceLabel(),
                paired.rows().stream().map(RunAnalyses.PairedRow::comparison).toList(), a.rescueCosts(), paired,
                selection.runs(), a.labels());
    }

    private String label(Path run) {
        Model m = model;
        int i = m == null ? -1 : m.runs().indexOf(run);
        String name = run.getFileName() == null ? run.toString() : run.getFileName().toString();
        return i < 0 || m.labels().get(i).equals(name) ? name : m.labels().get(i) + " (" + name + ")";
    }

    ChoiceBox<Path> referenceChoice() {
        return reference;
    }

    TableView<RunAnalyses.PairedRow> pairedTable() {
        return paired;
    }

    Label pairedNote() {
        return pairedNote;
    }

    Label note() {
        return note;
    }

    ProgressIndicator loadingIndicator() {
        return loading;
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
        loading.setVisible(false);
        loading.setManaged(false);
        placeholders("Nothing to show for these runs.");
        settingReference = true;
        reference.getItems().setAll(m.runs());
        reference.setValue(m.referenceRun());
        settingReference = false;
        fillTable1(pass1, m.table1(), Table1.PASS_AT_1);
        fillTable1(avg8, m.table1(), Table1.AVG_AT_8);
        table2.getColumns().setAll(List.of(
                col("Method", Table2.Row::method),
                col("Config", r -> r.config().isBlank() ? "–" : r.config()),
                col("Avg Pass@1", r -> pct(r.avgPass1().value())),
                col("Δ", r -> m.table2() == null ? "" : signed(m.table2().delta(r)))));
        table2.getItems().setAll(m.table2() == null ? List.of() : m.table2().rows());
        note.setText(m.table2() == null ? m.table2Problem() : "");
        pairedTitle.setText("Paired bootstrap (95% CI, problems paired by id): reference " + m.reference() + " minus each run");
        pairedNote.setText(String.join("\n", m.paired().notes()));
        paired.getColumns().setAll(List.of(
                col("run", RunAnalyses.PairedRow::run),
                col("benchmark", r -> r.comparison().benchmark()),
                col("metric", r -> r.comparison().metric() == PairedBootstrap.Metric.PASS_AT_1 ? "Pass@1" : "Avg@8"),
                col("run mean", r -> pct(r.comparison().meanB())),
                col("reference mean", r -> pct(r.comparison().meanA())),
                col("reference − run", r -> signed(r.comparison().difference())),
                col("95% CI", r -> "[" + signed(r.comparison().low()) + ", " + signed(r.comparison().high()) + "]"),
                col("paired", r -> Integer.toString(r.comparison().paired())),
                col("note", RunAnalyses.PairedRow::note)));
        paired.setPlaceholder(new Label(m.paired().notes().isEmpty() ? "No paired comparison." : "See the note above."));
        paired.getItems().setAll(m.paired().rows());
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
        File initial = SaveLocation.initialDirectory(prefs);
        if (initial != null) {
            chooser.setInitialDirectory(initial);
        }
        File f = chooser.showSaveDialog(context.owner().get());
        if (f == null) {
            return;
        }
        SaveLocation.remember(prefs, f);
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
