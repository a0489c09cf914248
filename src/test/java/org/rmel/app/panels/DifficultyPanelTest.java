package org.rmel.app.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.analysis.BucketRate;
import org.rmel.analysis.CrossRunDifficulty;
import org.rmel.analysis.DifficultyBuckets;
import org.rmel.app.RunSelection;
import org.rmel.cli.RmelCommand;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.FontPreset;
import org.rmel.figures.SimulatedRuns;
import org.rmel.figures.export.ExportSettings;
import org.rmel.run.GroupEvent;
import org.rmel.testsupport.RunScript;

/** The difficulty bars are the analysis package's numbers, follow a growing run, and export like the CLI. */
class DifficultyPanelTest {
    @TempDir
    Path tmp;

    private PanelHarness<DifficultyPanel> h;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private CategoryDataset bars() {
        ChartViewer v = (ChartViewer) h.panel.charts().getChildren().get(0);
        return ((CategoryPlot) v.getChart().getPlot()).getDataset();
    }

    private static void assertBarsEqualAnalysis(CategoryDataset d, String series, List<BucketRate> rates) {
        int row = d.getRowIndex(series);
        int checked = 0;
        for (BucketRate b : rates) {
            if (b.rate().trials() == 0) {
                continue;
            }
            String label = b.bucket().replace("<=", "≤");
            assertEquals(b.rate().value(), d.getValue(row, d.getColumnIndex(label)).doubleValue(), 1e-12, series + " " + label);
            checked++;
        }
        assertNotEquals(0, checked, "some buckets were compared");
    }

    @Test
    void barsEqualTheAnalysisAndFollowTheRunAsItGrows() throws Exception {
        Path rmel = SimulatedRuns.write(tmp, "r-mel", 3);
        Path extra = SimulatedRuns.write(tmp, "mel-extra", 4);
        h = new PanelHarness<>(DifficultyPanel::new);
        h.fx(() -> h.panel.show(new RunSelection(List.of(rmel, extra), 1)));
        h.waitFor(() -> !h.panel.charts().getChildren().isEmpty());
        // the two runs share a seed, so the default is the paper's across-runs definition
        List<DifficultyBuckets> across = CrossRunDifficulty.ofPaths(List.of(rmel, extra));
        assertBarsEqualAnalysis(bars(), "R-MEL revision", across.get(0).revisionBands());
        assertBarsEqualAnalysis(bars(), "MEL+Extra rollout", across.get(1).extraBands());

        // The run grows: a new hard all-negative group whose revision fails.
        CategoryDataset before = bars();
        double hardBefore = before.getValue(before.getRowIndex("R-MEL revision"), before.getColumnIndex("hard (>2/3)")).doubleValue();
        try (RunScript s = RunScript.resume(rmel)) {
            for (int i = 0; i < 6; i++) {
                s.group(13, "q15", 20 + i, GroupEvent.ROLLOUT, 0, 0, 0, 0, 0, 0, 0, 0);
                s.revision(13, "q15", -1, 0, 0.7, 0.5, 0.3, 0.7);
            }
        }
        h.fx(() -> h.panel.show(new RunSelection(List.of(rmel, extra), 2)));
        h.waitFor(() -> {
            CategoryDataset d = bars();
            return d != before;
        });
        assertBarsEqualAnalysis(bars(), "R-MEL revision", CrossRunDifficulty.ofPaths(List.of(rmel, extra)).get(0).revisionBands());
        CategoryDataset after = bars();
        double hardAfter = after.getValue(after.getRowIndex("R-MEL revision"), after.getColumnIndex("hard (>2/3)")).doubleValue();
        assertNotEquals(hardBefore, hardAfter, "six failed hard revisions move the hard bar");
    }

    @Test
    void panelExportAndCliExportDrawTheSameFigure() throws Exception {
        Path rmel = SimulatedRuns.write(tmp, "r-mel", 3);
        Path extra = SimulatedRuns.write(tmp, "mel-extra", 4);
        h = new PanelHarness<>(DifficultyPanel::new);
        h.fx(() -> h.panel.show(new RunSelection(List.of(rmel, extra), 1)));
        h.waitFor(() -> !h.panel.charts().getChildren().isEmpty());
        Path fromPanel = tmp.resolve("panel.png");
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(7.16, 2.6, 100, "png", FontPreset.SANS, FigureStyle.SizePreset.PAPER)));
        h.fxGet(() -> h.panel.exportPane().export(fromPanel)).get(30, TimeUnit.SECONDS);
        Path fromCli = tmp.resolve("cli.png");
        int code = RmelCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "export",
                rmel.toString(), extra.toString(), "--figure", "difficulty", "--out", fromCli.toString(), "--width-in", "7.16",
                "--height-in", "2.6", "--dpi", "100", "--font-size", "paper");
        assertEquals(0, code);
        BufferedImage a = ImageIO.read(fromPanel.toFile());
        BufferedImage b = ImageIO.read(fromCli.toFile());
        assertEquals(716, a.getWidth());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                assertEquals(a.getRGB(x, y), b.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void runsKeepTheirColourInBothPanelsAndTheLegendOnScreen() throws Exception {
        Path mel = SimulatedRuns.write(tmp, "mel", 2);
        Path extra = SimulatedRuns.write(tmp, "mel-extra", 4);
        Path rmel = SimulatedRuns.write(tmp, "r-mel", 3);
        h = new PanelHarness<>(DifficultyPanel::new);
        h.fx(() -> h.panel.show(new RunSelection(List.of(mel, extra, rmel), 1)));
        h.waitFor(() -> h.panel.charts().getChildren().size() == 2);
        java.awt.Color rmelColour = org.rmel.figures.Palette.okabeIto().series(2); // third in the selection
        java.awt.Color extraColour = org.rmel.figures.Palette.okabeIto().series(1);
        for (javafx.scene.Node n : h.panel.charts().getChildren()) {
            CategoryPlot plot = (CategoryPlot) ((ChartViewer) n).getChart().getPlot();
            CategoryDataset d = plot.getDataset();
            assertEquals(rmelColour, plot.getRenderer().getSeriesPaint(d.getRowIndex("R-MEL revision")), "R-MEL in every panel");
            assertEquals(null, ((ChartViewer) n).getChart().getLegend(), "no legend inside a chart");
        }
        List<javafx.scene.paint.Color> legend = h.fxGet(() -> h.panel.legend().getChildren().stream()
                .map(org.rmel.app.SwatchLegend::colorOf).toList());
        assertEquals(List.of(org.rmel.app.SwatchLegend.fx(extraColour), org.rmel.app.SwatchLegend.fx(rmelColour)), legend,
                "one legend entry per run, in run order, in the run's colour");
    }

    @Test
    void exportPaneVenueSetsTheWidthAndTheTextSize() throws Exception {
        Path rmel = SimulatedRuns.write(tmp, "r-mel", 3);
        h = new PanelHarness<>(DifficultyPanel::new);
        h.fx(() -> h.panel.show(new RunSelection(List.of(rmel), 1)));
        h.waitFor(() -> !h.panel.charts().getChildren().isEmpty());
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(org.rmel.figures.Venue.ACL, true, 1, 0, 100, "pdf",
                FontPreset.SANS, FigureStyle.SizePreset.VENUE)));
        ExportSettings s = h.fxGet(() -> h.panel.exportPane().settings());
        assertEquals(org.rmel.figures.Venue.ACL.textIn(), s.width(), 1e-9);
        assertEquals(9.0, s.style().basePt(), 1e-9, "ACL's body is 11 pt: figure text at its footnote size");
        Path out = tmp.resolve("acl.pdf");
        org.rmel.figures.FigureSize size = h.fxGet(() -> h.panel.exportPane().export(out)).get(30, TimeUnit.SECONDS);
        assertEquals(org.rmel.figures.Venue.ACL.textIn(), size.widthIn(), 1e-9);
        com.lowagie.text.pdf.PdfReader r = new com.lowagie.text.pdf.PdfReader(java.nio.file.Files.readAllBytes(out));
        assertEquals(org.rmel.figures.Venue.ACL.textIn() * 72, r.getPageSize(1).getWidth(), 0.01);
        r.close();
        // a custom width again: the width field is editable and used
        h.fx(() -> h.panel.exportPane().apply(new ExportSettings(4.2, 0, 100, "pdf", FontPreset.SANS,
                FigureStyle.SizePreset.PAPER)));
        assertEquals(4.2, h.fxGet(() -> h.panel.exportPane().settings()).width(), 1e-9);
    }
}
