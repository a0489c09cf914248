package org.rmel.app;

import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Keeps a two-pane split's divider at the same share of the width when the window is resized.
 * JavaFX gives all of a resize to some of the panes, so a window made narrower than the one it
 * opened with could leave, say, the library half the window and the panels squeezed. The share is
 * the one set in code (a default, a restored layout) or the one the user last dragged to.
 */
public final class SplitShares {
    private SplitShares() {
    }

    /** Call after setting the initial divider position. */
    public static void keep(SplitPane split) {
        double[] share = {split.getDividerPositions()[0]};
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> share[0] = split.getDividerPositions()[0]);
        split.widthProperty().addListener((o, was, now) ->
                // after the skin's own layout of the new width, which moves the divider by pixels
                Platform.runLater(() -> split.setDividerPositions(share[0])));
    }
}
