package org.rmel.app;

import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.stage.Window;

/**
 * What the frame hands every panel: a shared background executor for file I/O and analysis
 * (wrap it in a {@link LatestTaskRunner} so stale results are dropped), the owner window for
 * dialogs, and the workbench's preferences node (panels use a child node named after themselves).
 */
public record WorkbenchContext(ExecutorService background, Supplier<Window> owner, Preferences preferences) {
}
