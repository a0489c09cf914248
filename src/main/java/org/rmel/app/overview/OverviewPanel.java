package org.rmel.app.overview;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.app.WorkbenchPanel;

/** Live curves of the selected runs. */
public final class OverviewPanel implements WorkbenchPanel {
    private final Label placeholder = new Label("Select a run in the library");
    private final StackPane root = new StackPane(placeholder);

    public OverviewPanel(WorkbenchContext context) {
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
    public void show(RunSelection selection) {
        placeholder.setText(selection.isEmpty() ? "Select a run in the library" : selection.runs().size() + " run(s) selected");
    }
}
