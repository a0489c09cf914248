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
import org.rmel.figures.SimulatedRuns;
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
    }
}
