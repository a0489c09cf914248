package org.rmel.app.panels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.RunSelection;
import org.rmel.figures.CharLevelRuns;
import org.rmel.run.GroupEvent;
import org.rmel.testsupport.RunScript;

/**
 * A figure panel (LCP here) while it loads and after: a loading indicator instead of a blank area
 * or the previous runs' figure, Export only with a figure, and a MEL run's "no revisions" note.
 */
class FigurePanelStatesTest {
    @TempDir
    Path tmp;

    private PanelHarness<LcpPanel> h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void loadingThenFigureThenNotApplicable() throws Exception {
        Path run = CharLevelRuns.write(tmp.resolve("run"));
        h = new PanelHarness<>(LcpPanel::new);
        assertTrue(h.panel.exportPane().exportButton().isDisabled(), "nothing to export before a figure");
        CountDownLatch hold = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            h.background.execute(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        h.fx(() -> h.panel.show(new RunSelection(List.of(run), 1)));
        assertTrue(h.panel.loadingIndicator().isVisible(), "loading, not a blank panel");
        assertTrue(h.panel.charts().getChildren().isEmpty());
        hold.countDown();
        h.waitFor(() -> !h.panel.charts().getChildren().isEmpty());
        assertTrue(h.panel.charts().getChildren().get(0) instanceof ChartViewer);
        assertFalse(h.panel.loadingIndicator().isVisible());
        assertFalse(h.panel.exportPane().exportButton().isDisabled());

        Path mel = tmp.resolve("mel");
        try (RunScript s = RunScript.create(mel, RunScript.spec("mel", 4, 4, 0.3, 1))) {
            s.group(1, "q1", 1, GroupEvent.ROLLOUT, 0, 1, 0, 1);
            s.finish();
        }
        h.fx(() -> h.panel.show(new RunSelection(List.of(mel), 2)));
        h.waitFor(() -> !h.panel.note().getText().isEmpty());
        assertTrue(h.panel.note().getText().contains("only R-MEL runs revise"), h.panel.note().getText());
        assertTrue(h.panel.charts().getChildren().isEmpty(), "the previous run's histogram is gone");
        assertTrue(h.panel.exportPane().exportButton().isDisabled());
    }
}
