package org.rmel.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.RunSelection;
import org.rmel.figures.CharLevelRuns;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.FontPreset;
import org.rmel.figures.export.ExportSettings;

class LcpPanelTest {
    @TempDir
    Path tmp;

    private PanelHarness<LcpPanel> h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void histogramCountsEveryAttemptAndExportsAsSvgAndData() throws Exception {
        Path run = CharLevelRuns.write(tmp.resolve("run"));
        h = new PanelHarness<>(LcpPanel::new);
        h.fx(() -> h.panel.show(new RunSelection(List.of(run), 1)));
        h.waitFor(() -> !h.panel.charts().getChildren().isEmpty());
        ChartViewer viewer = (ChartViewer) h.panel.charts().getChildren().get(0);
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) viewer.getChart().getPlot();
        XYPlot attempts = plot.getSubplots().get(0);
        XYPlot accepted = plot.getSubplots().get(1);
        assertEquals(7, total(attempts), "all 7 attempts are binned");
        assertEquals(2, total(accepted));
        assertTrue(h.panel.note().getText().contains("7 attempts, 2 accepted, 0.0% of accepted below 0.5"), h.panel.note().getText());

        Path svg = tmp.resolve("lcp.svg");
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(3.5, 0, 300, "svg", FontPreset.SERIF, FigureStyle.SizePreset.PAPER)));
        h.fxGet(() -> h.panel.exportPane().export(svg)).get(30, TimeUnit.SECONDS);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", xml.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getTagName());

        Path csv = tmp.resolve("lcp.csv");
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(3.5, 0, 300, "csv", FontPreset.SANS, FigureStyle.SizePreset.PAPER)));
        h.fxGet(() -> h.panel.exportPane().export(csv)).get(30, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("run,tau,lcp_ratio,accepted", lines.get(0));
        assertEquals(8, lines.size(), "one row per attempt, unbinned");
    }

    private static double total(XYPlot p) {
        double sum = 0;
        var d = p.getDataset();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            for (int i = 0; i < d.getItemCount(s); i++) {
                sum += d.getYValue(s, i);
            }
        }
        return sum;
    }
}
