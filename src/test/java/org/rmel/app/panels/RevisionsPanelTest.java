package org.rmel.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.RunSelection;
import org.rmel.figures.CharLevelRuns;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.FontPreset;
import org.rmel.figures.export.ExportSettings;
import org.rmel.figures.revisions.RevisionFilter;
import org.rmel.figures.revisions.RevisionCatalog;
import org.rmel.figures.revisions.RevisionRecord;
import org.rmel.figures.Verdicts;
import org.rmel.figures.charts.TrajectoryFigure;
import org.rmel.run.GroupEvent;
import org.rmel.testsupport.RunScript;
import org.testfx.api.FxRobot;

/** The revision inspector on a real run written by the run writer, headless. */
class RevisionsPanelTest {
    @TempDir
    Path tmp;

    private PanelHarness<RevisionsPanel> h;

    @BeforeEach
    void open() throws Exception {
        Path run = CharLevelRuns.write(tmp.resolve("run"));
        h = new PanelHarness<>(RevisionsPanel::new);
        h.fx(() -> h.panel.show(new RunSelection(List.of(run), 1)));
        h.waitFor(() -> h.panel.table().getItems().size() == 7);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** The style of the character at offset (RichTextFX's getStyleOfChar looks at the char before a position). */
    private static Collection<String> at(StyleClassedTextArea a, int offset) {
        return a.getStyleSpans(offset, offset + 1).getStyleSpan(0).getStyle();
    }

    @Test
    void selectingARevisionStylesSeedCutMarkersLcpAndContinuationAtTheirOffsets() throws Exception {
        // Step 3: cut at τ = 0.5 (char 30), LCP 49 chars, bifurcation at 49, marks at 42 (0.7), 30 (0.5), 18 (0.3).
        h.fx(() -> h.panel.table().getSelectionModel().select(6));
        StyleClassedTextArea seed = h.panel.seedArea().area();
        StyleClassedTextArea rev = h.panel.revisionArea().area();
        assertEquals(CharLevelRuns.SEED, seed.getText());
        assertEquals(List.of("kept", "lcp").stream().sorted().toList(), sorted(at(seed, 0)));
        assertEquals(sorted(List.of("kept", "lcp", "tau-marker")), sorted(at(seed, 18)));
        assertEquals(sorted(List.of("kept", "lcp")), sorted(at(seed, 29)));
        assertEquals(sorted(List.of("cut", "lcp", "tau-marker")), sorted(at(seed, 30)));
        assertEquals(sorted(List.of("cut", "lcp", "tau-marker")), sorted(at(seed, 42)));
        assertEquals(sorted(List.of("cut", "lcp")), sorted(at(seed, 48)));
        assertEquals(sorted(List.of("bifurcation", "cut")), sorted(at(seed, 49)));
        assertEquals(List.of("cut"), List.copyOf(at(seed, 55)));
        assertTrue(rev.getText().startsWith(CharLevelRuns.SEED.substring(0, 30) + "42 * 3 = 126. Step three"));
        assertEquals(sorted(List.of("kept", "lcp")), sorted(at(rev, 29)));
        assertEquals(sorted(List.of("continuation", "lcp", "tau-marker")), sorted(at(rev, 30)));
        assertEquals(sorted(List.of("bifurcation", "continuation")), sorted(at(rev, 49)));
        assertEquals(List.of("continuation"), List.copyOf(at(rev, 52)));
        assertTrue(h.panel.answersLabel().getText().contains("gold: 117"));
        assertTrue(h.panel.answersLabel().getText().contains("verifier: verified"), h.panel.answersLabel().getText());
        assertTrue(h.panel.metaLabel().getText().contains("check the last subtraction"));
        assertTrue(h.panel.metaLabel().getText().contains("dropped"), "step 3's meta-experience was not kept");
        assertEquals(CharLevelRuns.PROBLEM + " (q3)", h.panel.problemArea().getText(), "the problem is shown above the seed");
        assertTrue(h.panel.rightTitle().getText().contains("kept prefix 30 of 61 tokens (30 characters)"),
                h.panel.rightTitle().getText());
        assertFalse(h.panel.positionsNote().isVisible(), "recorded offsets are exact: no warning");
        assertFalse(h.panel.exportPane().exportButton().isDisabled());
    }

    @Test
    void revisionTextIsKeptPrefixPlusContinuationForEveryAttempt() throws Exception {
        for (int i = 0; i < 7; i++) {
            int row = i;
            h.fx(() -> h.panel.table().getSelectionModel().clearAndSelect(row));
            RevisionRecord r = h.panel.table().getItems().get(row);
            assertEquals(CharLevelRuns.SEED.substring(0, r.attempt().cut()) + r.attempt().continuation(),
                    h.panel.revisionArea().area().getText(), r.label());
        }
    }

    @Test
    void theSearchBoxFindsProblemText() throws Exception {
        h.fx(() -> h.panel.searchField().setText("(q2)"));
        assertEquals(4, h.panel.table().getItems().size(), "step 2's four attempts, found by their problem text");
    }

    @Test
    void switchingToARunWithoutRevisionsLeavesNothingOfThePreviousOne() throws Exception {
        h.fx(() -> h.panel.table().getSelectionModel().select(6));
        assertFalse(h.panel.seedArea().area().getText().isEmpty());
        Path mel = tmp.resolve("mel");
        try (RunScript s = RunScript.create(mel, RunScript.spec("mel", 4, 4, 0.3, 1))) {
            s.group(1, "q1", 1, GroupEvent.ROLLOUT, 0, 1, 0, 1);
            s.finish();
        }
        h.fx(() -> h.panel.show(new RunSelection(List.of(mel), 2)));
        h.waitFor(() -> h.panel.heading().getText().startsWith("Not applicable"));
        assertEquals(0, h.panel.table().getItems().size());
        assertEquals("", h.panel.seedArea().area().getText());
        assertEquals("", h.panel.revisionArea().area().getText());
        assertEquals("", h.panel.problemArea().getText());
        assertEquals("", h.panel.answersLabel().getText());
        assertTrue(h.panel.exportPane().exportButton().isDisabled(), "nothing to export");
        assertTrue(((javafx.scene.control.Label) h.panel.tablePlaceholder()).getText().contains("only the R-MEL conditions revise"));
    }

    @Test
    void aLiveRunsHeadingFollowsItsAttempts() throws Exception {
        Path live = tmp.resolve("live");
        try (RunScript s = RunScript.create(live, RunScript.spec("r-mel", 4, 4, 0.3, 5))) {
            s.group(1, "q1", 1, GroupEvent.ROLLOUT, 1, 0, 1, 0);
            h.fx(() -> h.panel.show(new RunSelection(List.of(live), 5)));
            h.waitFor(() -> h.panel.heading().getText().startsWith("No revision attempts yet"));
            s.group(2, "q2", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.revision(2, "q2", 1, 0.55, 0.7, 0.5);
            h.fx(() -> h.panel.show(new RunSelection(List.of(live), 6)));
            h.waitFor(() -> h.panel.table().getItems().size() == 2);
            assertEquals("Select a revision attempt (2 in this run).", h.panel.heading().getText());
        }
    }

    @Test
    void whileAnotherRunLoadsTheTableSaysLoading() throws Exception {
        h.fx(() -> h.panel.table().getSelectionModel().select(6));
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            h.background.execute(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Path other = CharLevelRuns.write(tmp.resolve("other"), CharLevelRuns.Format.V1);
        h.fx(() -> h.panel.show(new RunSelection(List.of(other), 9)));
        assertTrue(h.panel.heading().getText().startsWith("Loading the revisions of other"), h.panel.heading().getText());
        assertTrue(h.panel.tablePlaceholder() instanceof javafx.scene.layout.VBox vb
                && vb.getChildren().get(0) instanceof javafx.scene.control.ProgressIndicator, "a progress indicator, not 'No content'");
        assertEquals("", h.panel.seedArea().area().getText(), "nothing of the previous run while loading");
        hold.countDown();
        h.waitFor(() -> h.panel.table().getItems().size() == 7);
        assertEquals("Select a revision attempt (7 in this run).", h.panel.heading().getText());
    }

    @Test
    void anOldRunWithoutOffsetsSaysItsPositionsAreEstimated() throws Exception {
        Path old = tmp.resolve("old-hf");
        try (RunScript s = RunScript.create(old, RunScript.spec("r-mel", 4, 4, 0.3, 1))) {
            s.group(1, "q1", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0);
            s.revision(1, "q1", 1, 0.55, 0.7, 0.5);
            s.finish();
        }
        h.fx(() -> h.panel.show(new RunSelection(List.of(old), 7)));
        h.waitFor(() -> h.panel.table().getItems().size() == 2);
        h.fx(() -> h.panel.table().getSelectionModel().select(0));
        assertTrue(h.panel.positionsNote().isVisible());
        assertTrue(h.panel.positionsNote().getText().contains("estimated"), h.panel.positionsNote().getText());
        assertTrue(h.panel.problemArea().getText().contains("did not record the problem text"));
    }

    private static List<String> sorted(Collection<String> c) {
        return c.stream().sorted().toList();
    }

    @Test
    void filtersNarrowTheTable() throws Exception {
        h.fx(() -> h.panel.statusFilter().setValue(RevisionFilter.Status.ACCEPTED));
        assertEquals(2, h.panel.table().getItems().size());
        h.fx(() -> h.panel.statusFilter().setValue(RevisionFilter.Status.ALL));
        h.fx(() -> h.panel.tauFilter().setValue("0.7"));
        assertEquals(4, h.panel.table().getItems().size());
        h.fx(() -> h.panel.lcpMinField().setText("0.95"));
        assertEquals(3, h.panel.table().getItems().size());
        h.fx(() -> {
            h.panel.tauFilter().setValue("any");
            h.panel.lcpMinField().setText("0");
            h.panel.searchField().setText("step three");
        });
        assertEquals(1, h.panel.table().getItems().size());
        assertEquals(3, h.panel.table().getItems().get(0).step());
    }

    @Test
    void keysMoveToNextAndNextAccepted() throws Exception {
        h.fx(() -> {
            h.panel.table().getSelectionModel().select(0);
            h.panel.table().requestFocus();
        });
        FxRobot robot = new FxRobot();
        robot.type(KeyCode.A);
        assertEquals(6, h.panel.table().getSelectionModel().getSelectedIndex(), "next accepted after row 0 is step 3's attempt 2");
        robot.type(KeyCode.P);
        assertEquals(5, h.panel.table().getSelectionModel().getSelectedIndex());
        robot.type(KeyCode.N);
        assertEquals(6, h.panel.table().getSelectionModel().getSelectedIndex());
    }

    @Test
    void diffModesShowWordChanges() throws Exception {
        h.fx(() -> {
            h.panel.table().getSelectionModel().select(6);
            h.panel.modeChoice().setValue(RevisionsPanel.Mode.SIDE_BY_SIDE);
        });
        StyleClassedTextArea rev = h.panel.revisionArea().area();
        int three = rev.getText().indexOf("three");
        assertTrue(at(rev, three).contains("diff-insert"));
        assertFalse(at(rev, 0).contains("diff-insert"));
        h.fx(() -> h.panel.modeChoice().setValue(RevisionsPanel.Mode.RAW));
        assertTrue(at(rev, three).isEmpty(), "raw text carries no styling");
    }

    @Test
    void exportPaneWritesTheSelectedRevisionAsPdfAndPng() throws Exception {
        h.fx(() -> h.panel.table().getSelectionModel().select(6));
        Path pdf = tmp.resolve("rev.pdf");
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(7.16, 0, 300, "pdf", FontPreset.MONO, FigureStyle.SizePreset.PAPER)));
        h.fxGet(() -> h.panel.exportPane().export(pdf)).get(30, TimeUnit.SECONDS);
        PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
        assertEquals(1, reader.getNumberOfPages());
        assertEquals(7.16 * 72, reader.getPageSize(1).getWidth(), 0.5);
        reader.close();
        Path png = tmp.resolve("rev.png");
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(3.5, 2.5, 120, "png", FontPreset.SANS, FigureStyle.SizePreset.PAPER)));
        h.fxGet(() -> h.panel.exportPane().export(png)).get(30, TimeUnit.SECONDS);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(420, img.getWidth());
        // A text figure takes the height its text needs at this width, not the height asked for.
        RevisionCatalog c = RevisionCatalog.read(tmp.resolve("run"));
        RevisionRecord r = c.attempts().get(6);
        double h = new TrajectoryFigure(r.annotate(c.schedule(), Verdicts.describe(r)), FigureStyle.paper())
                .preferredHeightPt(3.5 * 72, 0);
        assertEquals(Math.round(h / 72 * 120), img.getHeight());
    }
}
