package org.rmel.app.panels;

import org.rmel.figures.Numbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.rmel.app.LatestTaskRunner;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.app.WorkbenchPanel;
import org.rmel.base.BadInputException;
import org.rmel.figures.Verdicts;
import org.rmel.figures.charts.TrajectoryFigure;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.RevisionTokens;
import org.rmel.figures.data.TextSpan;
import org.rmel.figures.data.TrajectorySpans;
import org.rmel.figures.revisions.NaturalPair;
import org.rmel.figures.revisions.RevisionCatalog;
import org.rmel.figures.revisions.RevisionFilter;
import org.rmel.figures.revisions.RevisionRecord;
import org.rmel.figures.revisions.WordDiff;

/**
 * The revision inspector: every revision attempt of the primary run in a filterable table; the
 * selected one shown on its seed (kept prefix, cut-away part, truncation points, LCP region,
 * bifurcation point), its continuation, answers against gold with the verifier's reason and the
 * meta-experience; a word diff (side by side or unified) and raw text. The meta-experience pairs
 * (natural and from revisions) sit in a second table for comparison. Keys: N next, P previous,
 * A next accepted.
 */
public final class RevisionsPanel implements WorkbenchPanel {
    /** How the two texts are shown. */
    enum Mode {
        ANNOTATED("annotated"), SIDE_BY_SIDE("diff: side by side"), UNIFIED("diff: unified"), RAW("raw text");

        final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final String ANY = "any";
    static final String NO_RUN = "Select a run in the library to inspect its revisions.";

    private final BorderPane root = new BorderPane();
    private final LatestTaskRunner loader;
    private final ObservableList<RevisionRecord> all = FXCollections.observableArrayList();
    private final FilteredList<RevisionRecord> filtered = new FilteredList<>(all);
    private final TableView<RevisionRecord> table = new TableView<>(filtered);
    private final TableView<NaturalPair> pairs = new TableView<>();
    private final ChoiceBox<RevisionFilter.Status> status = new ChoiceBox<>();
    private final ChoiceBox<String> tau = new ChoiceBox<>();
    private final ChoiceBox<String> bucket = new ChoiceBox<>();
    private final TextField lcpMin = new TextField("0");
    private final TextField lcpMax = new TextField("1");
    private final TextField stepMin = new TextField();
    private final TextField stepMax = new TextField();
    private final TextField search = new TextField();
    private final ChoiceBox<Mode> mode = new ChoiceBox<>();
    private final Label header = new Label(NO_RUN);
    private final Label count = new Label();
    private final Label answers = new Label();
    private final Label meta = new Label();
    private final Label problemTitle = new Label("Problem");
    private final TextArea problem = new TextArea();
    private final Label positionsNote = new Label();
    private final Label tablePlaceholder = new Label();
    private final ProgressIndicator loading = new ProgressIndicator();
    private final Label leftTitle = new Label("Seed (failed trajectory)");
    private final Label rightTitle = new Label("Revision (kept prefix + continuation)");
    private final SpanTextArea left = new SpanTextArea("seed-text");
    private final SpanTextArea right = new SpanTextArea("revision-text");
    private final ExportPane export;
    private Path shownRun;
    private long shownVersion = -1;
    private RevisionCatalog catalog;
    private AnnotatedRevision current;

    public RevisionsPanel(WorkbenchContext context) {
        loader = new LatestTaskRunner(context.background());
        export = new ExportPane("revision-export", "revision", this::figure, context.preferences().node("export"),
                context.background(), context.owner());
        buildTable();
        buildPairs();
        FlowPane filters = buildFilters();
        mode.getItems().setAll(Mode.values());
        mode.setValue(Mode.ANNOTATED);
        mode.valueProperty().addListener((o, a, b) -> refreshDetail());
        Button prev = new Button("◀ previous (P)");
        prev.setOnAction(e -> move(-1, false));
        Button next = new Button("next (N) ▶");
        next.setOnAction(e -> move(1, false));
        Button nextAccepted = new Button("next accepted (A)");
        nextAccepted.setOnAction(e -> move(1, true));
        header.getStyleClass().add("panel-heading");
        header.setId("revision-heading");
        header.setWrapText(true);
        problem.setId("revision-problem");
        problem.setEditable(false);
        problem.setWrapText(true);
        problem.setPrefRowCount(3);
        problem.setMinHeight(48);
        positionsNote.setId("revision-positions-note");
        positionsNote.setWrapText(true);
        positionsNote.getStyleClass().add("panel-warning");
        positionsNote.setStyle("-fx-text-fill: #D55E00;");
        tablePlaceholder.setWrapText(true);
        loading.setMaxSize(32, 32);
        table.setPlaceholder(tablePlaceholder);
        pairs.setPlaceholder(new Label("No meta-experience pairs."));
        answers.setWrapText(true);
        leftTitle.setWrapText(true);
        rightTitle.setWrapText(true);
        meta.setWrapText(true);
        meta.getStyleClass().add("panel-note");
        FlowPane nav = new FlowPane(8, 4, prev, next, nextAccepted, new Label("view"), mode);
        VBox.setVgrow(left.node(), Priority.ALWAYS);
        VBox.setVgrow(right.node(), Priority.ALWAYS);
        VBox detail = new VBox(6, header, nav, positionsNote, problemTitle, problem, leftTitle, left.node(), rightTitle,
                right.node(), answers, meta, export.node());
        detail.setPadding(new Insets(6));
        // Wrapped labels keep their full height (the detail scrolls instead of cutting them off).
        for (Label l : List.of(header, positionsNote, problemTitle, leftTitle, rightTitle, answers, meta)) {
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // In a small window the detail scrolls instead of squeezing the texts to nothing.
        left.node().setMinHeight(90);
        right.node().setMinHeight(90);
        left.node().setPrefHeight(220);
        right.node().setPrefHeight(220);
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setId("revision-detail");
        detailScroll.setFitToWidth(true);
        detailScroll.setFitToHeight(true);
        detailScroll.setMinWidth(220);
        export.node().setMinWidth(120); // its controls wrap; it must not widen the detail past the window
        TabPane lists = new TabPane(new Tab("Revision attempts", new VBox(4, count, table)), new Tab("Meta-experience pairs", pairs));
        lists.setMinWidth(150);
        lists.getTabs().forEach(t -> t.setClosable(false));
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(lists, detailScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.42);
        org.rmel.app.SplitShares.keep(split);
        root.setTop(filters);
        root.setCenter(split);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        clearDetail();
        header.setText(NO_RUN);
    }

    @Override
    public String title() {
        return "Revisions";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void show(RunSelection selection) {
        Path run = selection.primary().orElse(null);
        if (Objects.equals(run, shownRun) && selection.version() == shownVersion) {
            return;
        }
        boolean otherRun = !Objects.equals(run, shownRun);
        shownRun = run;
        shownVersion = selection.version();
        if (run == null) {
            setCatalog(null);
            return;
        }
        if (otherRun) {
            // Nothing of the previous run may stay on screen while this one loads.
            catalog = null;
            all.clear();
            pairs.getItems().clear();
            clearDetail();
            header.setText("Loading the revisions of " + run.getFileName() + "…");
            table.setPlaceholder(new VBox(6, loading, new Label("Loading revisions…")));
        }
        loader.submit(() -> RevisionCatalog.read(run), this::setCatalog, e -> {
            table.setPlaceholder(tablePlaceholder);
            tablePlaceholder.setText("Cannot read " + run + ": " + e.getMessage());
            header.setText("Cannot read " + run + ": " + e.getMessage());
        });
    }

    TableView<RevisionRecord> table() {
        return table;
    }

    TableView<NaturalPair> pairs() {
        return pairs;
    }

    SpanTextArea seedArea() {
        return left;
    }

    SpanTextArea revisionArea() {
        return right;
    }

    ExportPane exportPane() {
        return export;
    }

    ChoiceBox<RevisionFilter.Status> statusFilter() {
        return status;
    }

    ChoiceBox<String> tauFilter() {
        return tau;
    }

    TextField searchField() {
        return search;
    }

    TextField lcpMinField() {
        return lcpMin;
    }

    ChoiceBox<Mode> modeChoice() {
        return mode;
    }

    Label answersLabel() {
        return answers;
    }

    Label metaLabel() {
        return meta;
    }

    Label heading() {
        return header;
    }

    TextArea problemArea() {
        return problem;
    }

    Label rightTitle() {
        return rightTitle;
    }

    Label positionsNote() {
        return positionsNote;
    }

    Node tablePlaceholder() {
        return table.getPlaceholder();
    }

    private void setCatalog(RevisionCatalog c) {
        RevisionRecord before = table.getSelectionModel().getSelectedItem();
        catalog = c;
        all.setAll(c == null ? List.of() : c.attempts());
        pairs.getItems().setAll(c == null ? List.of() : c.pairs());
        Set<String> taus = new TreeSet<>();
        Set<String> buckets = new TreeSet<>();
        all.forEach(r -> {
            taus.add(tauText(r.tau()));
            buckets.add(r.bucket());
        });
        keepChoice(tau, taus);
        keepChoice(bucket, buckets);
        applyFilter();
        if (before != null) {
            all.stream().filter(r -> r.step() == before.step() && r.promptId().equals(before.promptId())
                    && r.attemptIndex() == before.attemptIndex()).findFirst().ifPresent(r -> table.getSelectionModel().select(r));
        }
        table.setPlaceholder(tablePlaceholder);
        tablePlaceholder.setText(emptyText(c));
        if (table.getSelectionModel().getSelectedItem() == null && pairs.getSelectionModel().getSelectedItem() == null) {
            clearDetail();
            header.setText(idleHeading(c));
        }
    }

    /** The heading while no attempt is selected. */
    static String idleHeading(RevisionCatalog c) {
        return c == null || c.attempts().isEmpty() ? emptyText(c)
                : "Select a revision attempt (" + c.attempts().size() + " in this run).";
    }

    /** What an empty attempt table means for this run. */
    static String emptyText(RevisionCatalog c) {
        if (c == null) {
            return NO_RUN;
        }
        if (!c.attempts().isEmpty()) {
            return "No attempt matches the filters.";
        }
        if (!c.revises()) {
            return "Not applicable: this is a " + c.condition() + " run, and only the R-MEL conditions revise "
                    + "all-negative groups.";
        }
        return c.running() ? "No revision attempts yet: the run is still going." : "This run made no revision attempts.";
    }

    /** Empties the detail side and disables export: nothing of another run or selection stays visible. */
    private void clearDetail() {
        current = null;
        left.show("", List.of());
        right.show("", List.of());
        problem.clear();
        problemTitle.setText("Problem");
        positionsNote.setText("");
        positionsNote.setVisible(false);
        positionsNote.setManaged(false);
        answers.setText("");
        meta.setText("");
        leftTitle.setText("Seed (failed trajectory)");
        rightTitle.setText("Revision (kept prefix + continuation)");
        header.getStyleClass().removeAll("status-accepted", "status-rejected");
        export.setExportable(false);
    }

    private static void keepChoice(ChoiceBox<String> box, Set<String> values) {
        String was = box.getValue();
        List<String> items = new ArrayList<>();
        items.add(ANY);
        items.addAll(values);
        box.getItems().setAll(items);
        box.setValue(items.contains(was) ? was : ANY);
    }

    private static String tauText(double t) {
        return Numbers.brief(t);
    }

    private FlowPane buildFilters() {
        status.getItems().setAll(RevisionFilter.Status.values());
        status.setValue(RevisionFilter.Status.ALL);
        tau.getItems().setAll(ANY);
        tau.setValue(ANY);
        bucket.getItems().setAll(ANY);
        bucket.setValue(ANY);
        status.setId("filter-status");
        tau.setId("filter-tau");
        bucket.setId("filter-bucket");
        search.setId("filter-search");
        search.setPromptText("search problems, texts, answers");
        for (TextField f : List.of(lcpMin, lcpMax, stepMin, stepMax)) {
            f.setPrefColumnCount(4);
        }
        stepMin.setPromptText("from");
        stepMax.setPromptText("to");
        status.valueProperty().addListener((o, a, b) -> applyFilter());
        tau.valueProperty().addListener((o, a, b) -> applyFilter());
        bucket.valueProperty().addListener((o, a, b) -> applyFilter());
        for (TextField f : List.of(lcpMin, lcpMax, stepMin, stepMax, search)) {
            f.textProperty().addListener((o, a, b) -> applyFilter());
        }
        FlowPane bar = new FlowPane(8, 4, new Label("status"), status, new Label("τ"), tau, new Label("LCP ratio"), lcpMin,
                new Label("–"), lcpMax, new Label("steps"), stepMin, new Label("–"), stepMax, new Label("k/n so far"), bucket,
                search);
        bar.setPadding(new Insets(6));
        return bar;
    }

    /** The filter as typed; an unreadable number leaves its bound open and marks the field. */
    RevisionFilter filter() {
        RevisionFilter f = RevisionFilter.ALL.withStatus(status.getValue() == null ? RevisionFilter.Status.ALL : status.getValue())
                .withTau(tau.getValue() == null || ANY.equals(tau.getValue()) ? null : Double.valueOf(tau.getValue()))
                .withBucket(bucket.getValue() == null || ANY.equals(bucket.getValue()) ? null : bucket.getValue())
                .withLcp(number(lcpMin, 0), number(lcpMax, 1))
                .withText(search.getText());
        return f.withSteps((int) number(stepMin, Integer.MIN_VALUE), (int) number(stepMax, Integer.MAX_VALUE));
    }

    private static double number(TextField f, double open) {
        String s = f.getText().trim();
        f.setStyle("");
        if (s.isEmpty()) {
            return open;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            f.setStyle("-fx-border-color: #D55E00;");
            return open;
        }
    }

    private void applyFilter() {
        RevisionFilter f = filter();
        filtered.setPredicate(f::test);
        count.setText(filtered.size() + " of " + all.size() + " attempts");
        if (table.getPlaceholder() == tablePlaceholder) {
            tablePlaceholder.setText(emptyText(catalog));
        }
    }

    private void buildTable() {
        table.setId("revision-table");
        table.getColumns().add(column("step", r -> r.step(), 48));
        table.getColumns().add(column("prompt", RevisionRecord::promptId, 90));
        table.getColumns().add(column("τ", r -> tauText(r.tau()), 40));
        table.getColumns().add(column("cut", r -> r.attempt().cut(), 45));
        table.getColumns().add(column("LCP ratio", r -> String.format(Locale.ROOT, "%.3f", r.lcpRatio()), 72));
        table.getColumns().add(column("verified", r -> r.verified() ? "yes" : "no", 62));
        table.getColumns().add(column("accepted", r -> r.accepted() ? "yes" : "no", 68));
        // the online k/n (what the adaptive budget reads): 1/1 on a prompt's first visit, so say what it is
        TableColumn<RevisionRecord, String> kn = column("k/n so far", RevisionRecord::bucket, 70);
        Label knHead = new Label("k/n so far");
        knHead.setTooltip(new Tooltip("The prompt's all-negative visits over its visits up to this revision (online k/n,"
                + " what the adaptive budget reads; 1/1 on a first visit). The paper's difficulty, k of N runs"
                + " all-negative, is in the Difficulty tab."));
        kn.setText(null);
        kn.setGraphic(knHead);
        table.getColumns().add(kn);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                pairs.getSelectionModel().clearSelection();
            }
            refreshDetail();
        });
    }

    private void buildPairs() {
        pairs.setId("pair-table");
        pairs.getColumns().add(pairColumn("step", p -> p.step()));
        pairs.getColumns().add(pairColumn("prompt", NaturalPair::promptId));
        pairs.getColumns().add(pairColumn("source", NaturalPair::source));
        pairs.getColumns().add(pairColumn("kept", p -> p.meta().kept() ? "yes" : "no"));
        pairs.getColumns().add(pairColumn("critique", p -> p.meta().critique()));
        pairs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pairs.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                table.getSelectionModel().clearSelection();
                showPair(p);
            }
        });
    }

    private static <T> TableColumn<RevisionRecord, T> column(String name, Function<RevisionRecord, T> value, double width) {
        TableColumn<RevisionRecord, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <T> TableColumn<NaturalPair, T> pairColumn(String name, Function<NaturalPair, T> value) {
        TableColumn<NaturalPair, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        switch (e.getCode()) {
            case N -> move(1, false);
            case P -> move(-1, false);
            case A -> move(1, true);
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Moves the table selection by one row, or to the next accepted row after it. */
    void move(int direction, boolean acceptedOnly) {
        int n = filtered.size();
        if (n == 0) {
            return;
        }
        int at = table.getSelectionModel().getSelectedIndex();
        int i = at < 0 ? (direction > 0 ? -1 : n) : at;
        do {
            i += direction;
        } while (acceptedOnly && i >= 0 && i < n && !filtered.get(i).accepted());
        if (i >= 0 && i < n) {
            table.getSelectionModel().clearAndSelect(i);
            table.scrollTo(i);
        }
    }

    private void refreshDetail() {
        RevisionRecord r = table.getSelectionModel().getSelectedItem();
        if (r == null) {
            NaturalPair p = pairs.getSelectionModel().getSelectedItem();
            if (p != null) {
                showPair(p);
            } else {
                clearDetail();
                header.setText(idleHeading(catalog));
            }
            return;
        }
        current = r.annotate(catalog.schedule(), Verdicts.describe(r));
        export.setExportable(true);
        showProblem(r.promptId(), current.problem());
        positionsNote.setText(current.exactPositions() ? "" : "Positions " + current.positions() + ".");
        positionsNote.setVisible(!current.exactPositions());
        positionsNote.setManaged(!current.exactPositions());
        header.setText(current.title() + " — " + (r.accepted() ? "accepted" : r.verified() ? "verified, failed the prefix constraint" : "rejected"));
        header.getStyleClass().removeAll("status-accepted", "status-rejected");
        header.getStyleClass().add(r.accepted() ? "status-accepted" : "status-rejected");
        leftTitle.setText("Seed (failed trajectory)");
        RevisionTokens t = current.tokens();
        rightTitle.setText(current.primed()
                ? String.format(Locale.ROOT, "Revision at τ = %s, primed: the first %d of %d seed tokens (%d characters) "
                        + "shown in the prompt, the whole response of %d tokens written anew; LCP %d tokens, ratio %.3f",
                        tauText(r.tau()), t.cut(), t.seed(), current.cutChar(), t.continuation(), t.lcp(), r.lcpRatio())
                : String.format(Locale.ROOT, "Revision at τ = %s: kept prefix %d of %d tokens (%d characters) + continuation "
                        + "of %d tokens; LCP %d tokens, ratio %.3f", tauText(r.tau()), t.cut(), t.seed(), current.cutChar(),
                        t.continuation(), t.lcp(), r.lcpRatio()));
        showTexts(current.seedText(), TrajectorySpans.seed(current), current.revisionText(), TrajectorySpans.revision(current));
        answers.setText("gold: " + r.gold() + "    seed answer: " + current.seedAnswer() + "    revision answer: "
                + current.revisionAnswer() + "\nverifier: " + current.verdict());
        meta.setText(r.meta() == null ? (r.accepted() ? "No meta-experience logged for this pair." : "")
                : "Meta-experience (" + (r.meta().kept() ? "kept" : "dropped") + " after replay; bifurcation at step "
                        + r.meta().bifurcationStep() + ")\ncritique: " + r.meta().critique() + "\nheuristic: "
                        + r.meta().heuristic() + "\nreplay answer: " + r.meta().replayAnswer());
    }

    private void showPair(NaturalPair p) {
        current = null;
        export.setExportable(false);
        showProblem(p.promptId(), p.problem());
        positionsNote.setVisible(false);
        positionsNote.setManaged(false);
        String neg = p.negative() == null ? "" : p.negative().text();
        String pos = p.positive() == null ? "" : p.positive().text();
        header.setText("step " + p.step() + " · " + p.promptId() + " — " + p.source() + " pair");
        header.getStyleClass().removeAll("status-accepted", "status-rejected");
        leftTitle.setText("Negative (failed trajectory)");
        rightTitle.setText(p.positive() == null ? "Positive: the accepted revision (see the revision attempts)" : "Positive (verified trajectory)");
        WordDiff.Result d = WordDiff.diff(neg, pos);
        if (mode.getValue() == Mode.RAW) {
            showTexts(neg, List.of(), pos, List.of());
        } else if (mode.getValue() == Mode.UNIFIED) {
            showTexts(d.unified(), d.unifiedSpans(), "", List.of());
        } else {
            showTexts(neg, d.left(), pos, d.right());
        }
        answers.setText("negative answer: " + (p.negative() == null ? "?" : p.negative().answer()) + "    positive answer: "
                + (p.positive() == null ? "(revision)" : p.positive().answer()));
        meta.setText("Meta-experience (" + (p.meta().kept() ? "kept" : "dropped") + "; bifurcation at token "
                + p.meta().bifurcationToken() + ", step " + p.meta().bifurcationStep() + ")\ncritique: " + p.meta().critique()
                + "\nheuristic: " + p.meta().heuristic() + "\nreplay answer: " + p.meta().replayAnswer());
    }

    private void showProblem(String promptId, String text) {
        problemTitle.setText("Problem " + promptId);
        problem.setText(text.isEmpty() ? "(this run did not record the problem text; runs written since token offsets were "
                + "added do)" : text);
    }

    private void showTexts(String seedText, List<TextSpan> seedSpans, String revText, List<TextSpan> revSpans) {
        Mode m = mode.getValue();
        boolean unified = m == Mode.UNIFIED;
        right.node().setVisible(!unified);
        right.node().setManaged(!unified);
        rightTitle.setVisible(!unified);
        rightTitle.setManaged(!unified);
        if (current != null && m != Mode.ANNOTATED) {
            WordDiff.Result d = WordDiff.diff(current.seedText(), current.revisionText());
            switch (m) {
                case SIDE_BY_SIDE -> {
                    left.show(current.seedText(), d.left());
                    right.show(current.revisionText(), d.right());
                }
                case UNIFIED -> left.show(d.unified(), d.unifiedSpans());
                default -> {
                    left.show(current.seedText(), List.of());
                    right.show(current.revisionText(), List.of());
                }
            }
            return;
        }
        left.show(seedText, seedSpans);
        right.show(revText, revSpans);
    }

    private TrajectoryFigure figure(org.rmel.figures.FigureStyle style) {
        if (current == null) {
            throw new BadInputException("select a revision attempt to export it");
        }
        return new TrajectoryFigure(current, style);
    }
}
