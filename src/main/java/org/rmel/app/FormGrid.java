package org.rmel.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The grid of a settings dialog (New Run, New Study): one row per field — its label, the control
 * and an optional extra (buttons) — with the field's message under the control. The message takes
 * room only while there is one, so it never narrows the fields (in a column of its own it squeezed
 * every field to half width).
 */
public final class FormGrid {
    private static final String PROBLEM_STYLE = "-fx-text-fill: #b00020;";
    private final GridPane grid = new GridPane();
    private int row;

    public FormGrid() {
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
    }

    public GridPane node() {
        return grid;
    }

    /** One field's nodes; {@link #show} hides or shows them together. */
    public record Row(Label label, Region control, Node extra, Label problem, BooleanProperty shown) {
        public void show(boolean on) {
            shown.set(on);
        }
    }

    /** Adds a field's row; its message label has the id {@code problem-<id>}. */
    public Row add(String id, String label, Region control, Node extra) {
        Label name = new Label(label);
        Label problem = problemLabel("problem-" + id);
        BooleanProperty shown = new SimpleBooleanProperty(true);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty().and(shown));
        problem.visibleProperty().bind(problem.managedProperty());
        control.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(control, Priority.ALWAYS);
        grid.add(name, 0, row);
        grid.add(control, 1, row);
        if (extra != null) {
            grid.add(extra, 2, row);
        }
        grid.add(problem, 1, row + 1, 2, 1);
        row += 2;
        for (Node n : extra == null ? new Node[] {name, control} : new Node[] {name, control, extra}) {
            n.visibleProperty().bind(shown);
            n.managedProperty().bind(shown);
        }
        return new Row(name, control, extra, problem, shown);
    }

    /** A node across the columns from {@code column} to the last (a pane under a field, the form's own message). */
    public void addWide(Node node, int column) {
        grid.add(node, column, row++, GridPane.REMAINING, 1);
    }

    /** A message label in the forms' style (wrapped, red). */
    public static Label problemLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-problem");
        l.setStyle(PROBLEM_STYLE);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
