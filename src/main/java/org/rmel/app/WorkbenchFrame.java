package org.rmel.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The window's frame: library on the left, the panels of {@link PanelRegistry} as tabs in the
 * centre, status bar at the bottom. The frame decides when a panel is told about the selection:
 * only the visible panel is updated, and it is updated on selection changes and live growth.
 */
public final class WorkbenchFrame {
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final List<WorkbenchPanel> panels = new ArrayList<>();
    private RunSelection selection = RunSelection.EMPTY;

    public WorkbenchFrame(WorkbenchContext context, List<Function<WorkbenchContext, WorkbenchPanel>> factories) {
        for (Function<WorkbenchContext, WorkbenchPanel> factory : factories) {
            WorkbenchPanel panel = factory.apply(context);
            panels.add(panel);
            Tab tab = new Tab(panel.title(), panel.view());
            tab.setClosable(false);
            tab.setId("tab-" + panel.title().toLowerCase().replace(' ', '-'));
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> showVisible());
        root.setCenter(tabs);
    }

    public BorderPane root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    public List<WorkbenchPanel> panels() {
        return List.copyOf(panels);
    }

    /** New selection or live growth: update the visible panel (call on the FX thread). */
    public void setSelection(RunSelection selection) {
        this.selection = selection;
        showVisible();
    }

    public RunSelection selection() {
        return selection;
    }

    private void showVisible() {
        int index = tabs.getSelectionModel().getSelectedIndex();
        if (index >= 0) {
            panels.get(index).show(selection);
        }
    }
}
