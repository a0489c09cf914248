package org.rmel.app.library;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The run library table: run, condition, status, steps, start time. Several rows can be selected
 * (ctrl/shift-click) to overlay and compare runs. Every column sorts (steps by steps done, start
 * time by the instant), and the sort survives the once-a-second refresh. Long run names are
 * shortened in the middle, so two runs that differ only at the end stay distinguishable; the
 * tooltip gives the full folder. A row's context menu stops a running run, resumes a stopped,
 * killed or failed one ({@code train --resume}) and copies the folder's path.
 */
public final class RunLibraryView {
    private final ObservableList<LibraryRow> rows = FXCollections.observableArrayList();
    private final SortedList<LibraryRow> sorted = new SortedList<>(rows);
    private final TableView<LibraryRow> table = new TableView<>(sorted);
    private final BooleanBinding canStop;
    private final BooleanBinding canResume;
    private Runnable onStop = () -> { };
    private Runnable onResume = () -> { };
    private boolean updating;

    public RunLibraryView(Consumer<List<Path>> onSelection) {
        table.setId("run-library");
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No runs yet: File → New Run, or open a run folder"));
        table.setMinWidth(220);
        TableColumn<LibraryRow, String> name = column("Run", LibraryRow::name, 160);
        name.setId("library-run");
        name.setCellFactory(c -> new NameCell());
        name.setComparator(String.CASE_INSENSITIVE_ORDER);
        table.getColumns().add(name);
        table.getColumns().add(column("Condition", LibraryRow::condition, 84));
        table.getColumns().add(column("Status", LibraryRow::status, 62));
        // These cells show text but sort by the numbers behind it.
        table.getColumns().add(sortedBy("Steps", "library-steps", LibraryRow::steps, 60,
                Comparator.comparingInt(LibraryRow::stepsDone)));
        table.getColumns().add(sortedBy("Started", "library-started", LibraryRow::started, 124,
                Comparator.comparingLong(LibraryRow::startedAtMs)));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(LibraryRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("run-failed", "run-running");
                if (empty || row == null) {
                    setTooltip(null);
                    setContextMenu(null);
                    return;
                }
                setTooltip(new Tooltip(row.dir() + "\n" + row.status() + (row.detail().isBlank() ? "" : ": " + row.detail())));
                setContextMenu(contextMenu());
                if (row.status().equals("failed") || row.status().equals("killed")) {
                    getStyleClass().add("run-failed");
                } else if (row.running()) {
                    getStyleClass().add("run-running");
                }
            }
        });
        ObservableList<LibraryRow> selection = table.getSelectionModel().getSelectedItems();
        canStop = Bindings.createBooleanBinding(() -> selection.stream().anyMatch(r -> r != null && r.running()), selection, rows);
        canResume = Bindings.createBooleanBinding(() -> selection.stream().anyMatch(r -> r != null && r.resumable()),
                selection, rows);
        selection.addListener((ListChangeListener<LibraryRow>) change -> {
            if (!updating) {
                onSelection.accept(selectedDirs());
            }
        });
    }

    private static TableColumn<LibraryRow, String> column(String title, Function<LibraryRow, String> value, double width) {
        TableColumn<LibraryRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A column whose value is the row itself: shows {@code text}, sorts with {@code order}. */
    private static TableColumn<LibraryRow, LibraryRow> sortedBy(String title, String id, Function<LibraryRow, String> text,
                                                              double width, Comparator<LibraryRow> order) {
        TableColumn<LibraryRow, LibraryRow> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LibraryRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        column.setComparator(order);
        column.setPrefWidth(width);
        return column;
    }

    private ContextMenu contextMenu() {
        MenuItem stop = new MenuItem("Stop");
        stop.disableProperty().bind(canStop.not());
        stop.setOnAction(e -> onStop.run());
        MenuItem resume = new MenuItem("Resume (train --resume)");
        resume.disableProperty().bind(canResume.not());
        resume.setOnAction(e -> onResume.run());
        MenuItem copy = new MenuItem("Copy Folder Path");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(selectedDirs().stream().map(Path::toString).collect(Collectors.joining("\n")));
            Clipboard.getSystemClipboard().setContent(content);
        });
        return new ContextMenu(stop, resume, new SeparatorMenuItem(), copy);
    }

    /** What Stop and Resume in the context menu do (the window's actions on the selected runs). */
    public void setActions(Runnable stop, Runnable resume) {
        this.onStop = stop;
        this.onResume = resume;
    }

    /** True while a selected run has a live trainer (Stop makes sense). */
    public BooleanBinding canStop() {
        return canStop;
    }

    /** True while a selected run is stopped, killed or failed (Resume makes sense). */
    public BooleanBinding canResume() {
        return canResume;
    }

    public TableView<LibraryRow> table() {
        return table;
    }

    public List<Path> selectedDirs() {
        return table.getSelectionModel().getSelectedItems().stream().filter(r -> r != null).map(LibraryRow::dir).toList();
    }

    /** The selected rows as shown (status included). */
    public List<LibraryRow> selectedRows() {
        return table.getSelectionModel().getSelectedItems().stream().filter(r -> r != null).toList();
    }

    /** Replaces the rows, keeping the selected runs selected (without reporting a selection change). */
    public void setRows(List<LibraryRow> newRows) {
        Set<Path> selected = selectedDirs().stream().collect(Collectors.toSet());
        updating = true;
        try {
            rows.setAll(newRows);
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (selected.contains(table.getItems().get(i).dir())) {
                    table.getSelectionModel().select(i);
                }
            }
        } finally {
            updating = false;
        }
        canStop.invalidate();
        canResume.invalidate();
    }

    /** Selects exactly these runs (those present) and reports the selection. */
    public void select(List<Path> dirs) {
        updating = true;
        try {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (dirs.contains(table.getItems().get(i).dir())) {
                    table.getSelectionModel().select(i);
                }
            }
        } finally {
            updating = false;
        }
    }

    /** The run name, shortened in the middle when it does not fit, with the full folder as tooltip. */
    private static final class NameCell extends TableCell<LibraryRow, String> {
        NameCell() {
            setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            LibraryRow row = empty ? null : getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : item);
            setTooltip(row == null ? null : new Tooltip(row.name() + "\n" + row.dir()));
        }
    }
}
