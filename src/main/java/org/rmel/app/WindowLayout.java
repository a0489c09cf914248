package org.rmel.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The window's layout remembered between sessions in {@code java.util.prefs}: size, position,
 * maximised state, the split dividers and the open tab. A position that no longer lies on a
 * screen (a monitor unplugged since) is not restored, so the window never opens out of sight.
 */
final class WindowLayout {
    private final Preferences node;
    private final Stage stage;
    private final SplitPane main;
    private final SplitPane right;
    private final TabPane tabs;

    WindowLayout(Preferences preferences, Stage stage, SplitPane main, SplitPane right, TabPane tabs) {
        this.node = preferences.node("layout");
        this.stage = stage;
        this.main = main;
        this.right = right;
        this.tabs = tabs;
    }

    /** Applies the remembered layout; call after the scene is set and before the stage shows. */
    void restore() {
        double w = node.getDouble("width", -1);
        double h = node.getDouble("height", -1);
        if (w > 200 && h > 150) {
            stage.setWidth(w);
            stage.setHeight(h);
        }
        double x = node.getDouble("x", Double.NaN);
        double y = node.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y) && onAScreen(x, y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(node.getBoolean("maximized", false));
        restoreDivider(main, "main-divider");
        restoreDivider(right, "right-divider");
        int tab = node.getInt("tab", 0);
        if (tab > 0 && tab < tabs.getTabs().size()) {
            tabs.getSelectionModel().select(tab);
        }
    }

    /** Remembers the current layout; the size and position only while not maximised. */
    void save() {
        node.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            node.putDouble("width", stage.getWidth());
            node.putDouble("height", stage.getHeight());
            node.putDouble("x", stage.getX());
            node.putDouble("y", stage.getY());
        }
        node.putDouble("main-divider", main.getDividerPositions()[0]);
        node.putDouble("right-divider", right.getDividerPositions()[0]);
        node.putInt("tab", tabs.getSelectionModel().getSelectedIndex());
    }

    private void restoreDivider(SplitPane pane, String key) {
        double position = node.getDouble(key, -1);
        if (position > 0.05 && position < 0.95) {
            pane.setDividerPositions(position);
        }
    }

    private static boolean onAScreen(double x, double y) {
        return Screen.getScreens().stream().map(Screen::getVisualBounds)
                .anyMatch((Rectangle2D b) -> b.contains(x + 20, y + 20));
    }
}
