package org.rmel.app;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.stage.Window;
import org.rmel.app.overview.RunMonitor;

/**
 * What the frame hands every panel: a shared background executor for file I/O and analysis
 * (wrap it in a {@link LatestTaskRunner} so stale results are dropped), the owner window for
 * dialogs, the workbench's preferences node (panels use a child node named after themselves), and
 * the {@link RunMonitor} that follows the selected runs live (their {@code RunDirectory}, status,
 * reader warnings and metric series), so panels need not open a second reader.
 */
public record WorkbenchContext(ExecutorService background, Supplier<Window> owner, Preferences preferences,
                               RunMonitor runs) {

    /** A context with its own monitor (tests of a single panel). */
    public WorkbenchContext(ExecutorService background, Supplier<Window> owner, Preferences preferences) {
        this(background, owner, preferences, new RunMonitor(Duration.ofMillis(500)));
    }
}
