package org.rmel.app;

import java.util.List;
import java.util.function.Function;
import org.rmel.app.overview.OverviewPanel;
import org.rmel.app.panels.ComparePanel;
import org.rmel.app.panels.DifficultyPanel;
import org.rmel.app.panels.LcpPanel;
import org.rmel.app.panels.RevisionsPanel;

/**
 * The one list of panels the frame shows, in tab order. Adding a panel = one line here:
 * a constructor taking a {@link WorkbenchContext}.
 */
public final class PanelRegistry {
    private PanelRegistry() {
    }

    public static List<Function<WorkbenchContext, WorkbenchPanel>> panels() {
        return List.of(
                OverviewPanel::new,
                RevisionsPanel::new,
                LcpPanel::new,
                DifficultyPanel::new,
                ComparePanel::new
        );
    }
}
