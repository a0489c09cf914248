package org.rmel.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.analysis.EvalPoint;
import org.rmel.analysis.RunAnalysis;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.app.RunSelection;
import javafx.scene.control.Label;
import org.rmel.figures.RunAnalyses;
import org.rmel.figures.SimulatedRuns;
import org.rmel.run.GroupEvent;
import org.rmel.testsupport.RunScript;
import org.rmel.figures.tables.Table1;
import org.rmel.figures.tables.Table2;
import org.rmel.run.RunDirectory;

class ComparePanelTest {
    @TempDir
    Path tmp;

    private PanelHarness<ComparePanel> h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void tablesComparisonsAndRescueCostsForTheFiveConditions() throws Exception {
        List<Path> runs = SimulatedRuns.all(tmp);
        h = new PanelHarness<>(ComparePanel::new);
        h.fx(() -> h.panel.show(new RunSelection(runs, 1)));
        h.waitFor(() -> h.panel.model() != null);
        ComparePanel.Model m = h.panel.model();

        Table1 t1 = m.table1();
        assertEquals(List.of("MEL", "MEL+Extra", "R-MEL", "R-MEL w/o prefix", "R-MEL (B=1)"),
                t1.rows().stream().map(Table1.Row::method).toList());
        // Each cell is the analysis's Pass@1 at the run's best step.
        RunAnalysis rmel = RunAnalyzer.analyze(RunDirectory.open(runs.get(2))).analysis();
        EvalPoint best = rmel.evals().get("synthetic").stream()
                .filter(p -> p.step() == rmel.bestStep().getAsInt()).findFirst().orElseThrow();
        assertEquals(best.passAt1(), t1.cell(t1.rows().get(2), Table1.PASS_AT_1, "synthetic").value(), 1e-12);
        assertEquals(5, h.panel.pass1Table().getItems().size());

        Table2 t2 = m.table2();
        assertEquals("R-MEL", t2.fullMethod());
        for (Table2.Row r : t2.rows()) {
            if (!r.method().equals("R-MEL")) {
                assertEquals(r.avgPass1().value() - t2.full().avgPass1().value(), t2.delta(r), 1e-12);
            }
        }
        assertEquals("τ = 0, B = 4", t2.rows().get(3).config());
        assertEquals(5, h.panel.table2View().getItems().size());

        assertEquals("R-MEL", m.reference());
        assertEquals(4 * 2, m.comparisons().size(), "4 other runs × Pass@1 and Avg@8 on one benchmark");
        assertTrue(m.comparisons().stream().allMatch(c -> c.low() <= c.difference() && c.difference() <= c.high()));
        assertTrue(m.costs().stream().anyMatch(c -> c.run().equals("MEL+Extra") && c.source().equals("extra rollouts")));
        assertTrue(m.costs().stream().anyMatch(c -> c.run().equals("R-MEL") && c.source().equals("revision") && c.tokens() > 0));
        // The paired table names the run of every row; the reference defaults to the R-MEL run.
        assertEquals(runs.get(2), h.panel.referenceChoice().getValue());
        assertEquals(List.of("MEL", "MEL", "MEL+Extra", "MEL+Extra", "R-MEL w/o prefix", "R-MEL w/o prefix", "R-MEL (B=1)",
                "R-MEL (B=1)"), h.panel.pairedTable().getItems().stream().map(RunAnalyses.PairedRow::run).toList());
        assertEquals("run", h.panel.pairedTable().getColumns().get(0).getText());
    }

    @Test
    void theUserPicksTheReferenceAndItIsRemembered() throws Exception {
        List<Path> runs = SimulatedRuns.all(tmp);
        h = new PanelHarness<>(ComparePanel::new);
        h.fx(() -> h.panel.show(new RunSelection(runs, 1)));
        h.waitFor(() -> h.panel.model() != null);
        h.fx(() -> h.panel.referenceChoice().setValue(runs.get(1)));
        h.waitFor(() -> h.panel.model().referenceRun().equals(runs.get(1)));
        assertEquals("MEL+Extra", h.panel.model().reference());
        assertTrue(h.panel.pairedTable().getItems().stream().noneMatch(r -> r.run().equals("MEL+Extra")));
        assertTrue(h.panel.pairedTable().getItems().stream().anyMatch(r -> r.run().equals("R-MEL")));
        assertEquals(runs.get(1).toAbsolutePath().normalize().toString(),
                h.prefs.node("compare").get(ComparePanel.REFERENCE_KEY, ""));
        // Another selection of the same runs (a live update or re-selecting them) keeps the choice.
        List<Path> reordered = List.of(runs.get(2), runs.get(0), runs.get(1));
        h.fx(() -> h.panel.show(new RunSelection(reordered, 2)));
        h.waitFor(() -> h.panel.model() != null && h.panel.model().runs().equals(reordered));
        assertEquals(runs.get(1), h.panel.referenceChoice().getValue());
    }

    @Test
    void aReferenceWithoutEvaluationsGetsANoteNotDashes() throws Exception {
        List<Path> runs = new java.util.ArrayList<>(List.of(SimulatedRuns.write(tmp, "mel", 1), SimulatedRuns.write(tmp, "r-mel", 2)));
        Path stopped = tmp.resolve("stopped-early");
        try (RunScript s = RunScript.create(stopped, RunScript.spec("r-mel", 8, 4, 0.3, 100))) {
            s.group(1, "q1", 1, GroupEvent.ROLLOUT, 0, 1, 0, 1);
            s.step(1, java.util.Map.of("reward/mean", 0.5));
            s.writer().finish("stopped");
        }
        runs.add(stopped);
        h = new PanelHarness<>(ComparePanel::new);
        h.prefs.node("compare").put(ComparePanel.REFERENCE_KEY, stopped.toAbsolutePath().normalize().toString());
        h.fx(() -> h.panel.show(new RunSelection(runs, 1)));
        h.waitFor(() -> h.panel.model() != null);
        assertEquals(stopped, h.panel.referenceChoice().getValue(), "the remembered reference is used");
        assertTrue(h.panel.pairedTable().getItems().isEmpty());
        String note = h.panel.pairedNote().getText();
        assertTrue(note.contains("has no evaluation with per-problem results") && note.contains("step 1, no evaluation yet")
                && note.contains("choose another reference"), note);
        // Back to an R-MEL reference with evaluations: the stopped run gets a note, the other runs rows.
        h.fx(() -> h.panel.referenceChoice().setValue(runs.get(1)));
        h.waitFor(() -> !h.panel.pairedTable().getItems().isEmpty());
        assertTrue(h.panel.pairedNote().getText().contains("no evaluation shares problems with"), h.panel.pairedNote().getText());
        assertTrue(h.panel.pairedTable().getItems().stream().allMatch(r -> !Double.isNaN(r.comparison().difference())));
    }

    @Test
    void whileLoadingTheTablesSayLoadingNotEmpty() throws Exception {
        List<Path> runs = SimulatedRuns.all(tmp);
        h = new PanelHarness<>(ComparePanel::new);
        assertEquals(ComparePanel.EMPTY, h.panel.note().getText());
        // Hold the background threads so the load cannot finish while we look.
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
        h.fx(() -> h.panel.show(new RunSelection(runs, 1)));
        assertTrue(h.panel.loadingIndicator().isVisible());
        assertTrue(h.panel.note().getText().startsWith("Loading the evaluations of 5 run(s)"), h.panel.note().getText());
        assertEquals("Loading…", ((Label) h.panel.pass1Table().getPlaceholder()).getText());
        hold.countDown();
        h.waitFor(() -> h.panel.model() != null);
        assertTrue(!h.panel.loadingIndicator().isVisible());
    }
}
