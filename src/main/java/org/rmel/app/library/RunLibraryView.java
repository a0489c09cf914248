package org.rmel.app.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import java.util.function.Function;

/**
 * The run library table: run, condition, status, steps, start time. Several rows can be selected
 * (ctrl/shift-click) to overlay and compare runs. Refreshing keeps the selection.
 */
public final class RunLibraryView {
    private final TableView<LibraryRow> table = new TableView<>();
    private boolean updating;

    public RunLibraryView(Consumer<List<Path>> onSelection) {
        table.setId("run-library");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label("No runs yet: File → New Run, or open a run folder"));
        table.getColumns().add(column("Run", LibraryRow::name, 120));
        table.getColumns().add(column("Condition", LibraryRow::condition, 95));
        table.getColumns().add(column("Status", LibraryRow::status, 62));
        table.getColumns().add(column("Steps", LibraryRow::steps, 64));
        table.getColumns().add(column("Started", LibraryRow::started, 118));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(LibraryRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("run-failed", "run-running");
                if (empty || row == null) {
                    setTooltip(null);
                    return;
                }
                setTooltip(new Tooltip(row.dir() + "\n" + row.detail()));
                if (row.status().equals("failed") || row.status().equals("killed")) {
                    getStyleClass().add("run-failed");
                } else if (row.running()) {
                    getStyleClass().add("run-running");
                }
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LibraryRow>) change -> {
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

    public TableView<LibraryRow> table() {
        return table;
    }

    public List<Path> selectedDirs() {
        return table.getSelectionModel().getSelectedItems().stream().map(LibraryRow::dir).toList();
    }

    /** Replaces the rows, keeping the selected runs selected (without reporting a selection change). */
    public void setRows(List<LibraryRow> rows) {
        Set<Path> selected = selectedDirs().stream().collect(Collectors.toSet());
        updating = true;
        try {
            table.getItems().setAll(rows);
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < rows.size(); i++) {
                if (selected.contains(rows.get(i).dir())) {
                    table.getSelectionModel().select(i);
                }
            }
        } finally {
            updating = false;
        }
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
}
