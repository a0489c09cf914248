package org.rmel.app;

import javafx.scene.Node;

/**
 * A panel of the workbench frame (Overview, Revisions, LCP, Difficulty, Compare, Export...).
 * Panels are listed once in {@link PanelRegistry}; the frame shows each as a tab.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #view()} is called once, on the FX thread, and must return the same node each time.</li>
 *   <li>{@link #show(RunSelection)} is called on the FX thread when the panel becomes visible, when
 *       the selected runs change, and when a selected run grows (new events), at most a few times
 *       a second. Hidden panels are not called; they get the latest selection when shown.</li>
 *   <li>{@code show} must return quickly: read files and compute analysis on a background thread
 *       (see {@link LatestTaskRunner}) and touch nodes only back on the FX thread.</li>
 *   <li>Panels only read run folders; they never write into them.</li>
 * </ul>
 */
public interface WorkbenchPanel {
    /** Tab title, e.g. "Overview". */
    String title();

    /** The panel's root node. */
    Node view();

    /** Brings the panel up to date with the given selection (see the class comment for when). */
    void show(RunSelection selection);
}
