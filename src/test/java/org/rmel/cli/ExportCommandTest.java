package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.figures.SimulatedRuns;

/** {@code export} on simulated runs of every condition: each figure and table, each format. */
class ExportCommandTest {
    @TempDir
    static Path tmp;

    static List<Path> runs;

    @BeforeAll
    static void writeRuns() {
        runs = SimulatedRuns.all(tmp.resolve("runs"));
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome export(List<Path> runDirs, String... options) {
        List<String> args = new ArrayList<>(List.of("export"));
        runDirs.forEach(r -> args.add(r.toString()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Outcome(code, err.toString());
    }

    @Test
    void everyFigureAsPdfIsOnePage() throws Exception {
        for (String fig : List.of("curves", "revisions", "lcp", "difficulty")) {
            Path out = tmp.resolve(fig + ".pdf");
            Outcome o = export(runs, "--figure", fig, "--format", "pdf", "--out", out.toString(), "--venue", "ieee",
                    "--width-in", "double");
            assertEquals(0, o.code(), fig + ": " + o.err());
            byte[] bytes = Files.readAllBytes(out);
            assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            PdfReader r = new PdfReader(bytes);
            assertEquals(1, r.getNumberOfPages(), fig);
            assertEquals(org.rmel.figures.Venue.IEEE.textIn() * 72, r.getPageSize(1).getWidth(), 0.5, fig);
            r.close();
        }
    }

    @Test
    void pngIsDpiTimesInchesAndSvgParses() throws Exception {
        Path png = tmp.resolve("difficulty.png");
        Outcome o = export(runs, "--figure", "difficulty", "--out", png.toString(), "--width-in", "3.5", "--height-in", "2",
                "--dpi", "150");
        assertEquals(0, o.code(), o.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(525, img.getWidth());
        assertEquals(300, img.getHeight());
        Path svg = tmp.resolve("lcp.svg");
        assertEquals(0, export(runs, "--figure", "lcp", "--format", "svg", "--out", svg.toString()).code());
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        // the default: one column of the generic two-column article (A4's 221 pt, rounded down)
        assertEquals("3.057in", xml.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getAttribute("width"));
    }

    @Test
    void tablesAsLatexMarkdownAndCsv() throws Exception {
        Path tex = tmp.resolve("t1.tex");
        assertEquals(0, export(runs, "--figure", "table1", "--format", "tex", "--out", tex.toString()).code());
        String t = Files.readString(tex);
        assertTrue(t.contains("\\toprule") && t.contains("\\textbf{") && t.contains("R-MEL w/o prefix"), t);
        Path md = tmp.resolve("t2.md");
        assertEquals(0, export(runs, "--figure", "table2", "--out", md.toString()).code());
        String m = Files.readString(md);
        assertTrue(m.contains("| **R-MEL** | τ = 0.3, B = 4 |"), m);
        assertTrue(m.contains("| R-MEL w/o prefix | τ = 0, B = 4 |"), m);
        Path csv = tmp.resolve("curves.csv");
        assertEquals(0, export(runs.subList(2, 3), "--figure", "curves", "--metric", "reward/mean", "--format", "csv", "--out",
                csv.toString()).code());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("run,step,reward/mean", lines.get(0));
        assertEquals(1 + 12, lines.size(), "every logged step, full resolution");
    }

    /** A shell glob like {@code sample-runs/*} also matches the README and scripts: they are skipped with a note. */
    @Test
    void entriesOfAGlobThatAreNotRunsAreSkippedWithANote() throws Exception {
        Path readme = Files.writeString(tmp.resolve("runs").resolve("README.md"), "# runs\n");
        Path empty = Files.createDirectories(tmp.resolve("runs").resolve("empty"));
        List<Path> glob = new ArrayList<>(runs);
        glob.add(1, readme);
        glob.add(empty);
        Path out = tmp.resolve("glob-table1.tex");
        Outcome o = export(glob, "--figure", "table1", "--format", "tex", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("note: skipping " + readme + ": it is not a run folder"), o.err());
        assertTrue(o.err().contains("note: skipping " + empty + ": it is not a run folder"), o.err());
        assertTrue(Files.readString(out).contains("R-MEL"));
        Outcome none = export(List.of(readme, empty), "--figure", "table1", "--format", "tex", "--out", out.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("is a run folder"), none.err());
    }

    @Test
    void userErrorsExitTwoWithTheReason() {
        Outcome missing = export(List.of(tmp.resolve("nope")), "--figure", "lcp", "--out", tmp.resolve("x.pdf").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope: no such file or folder"), missing.err());
        Outcome notARun = export(List.of(tmp), "--figure", "lcp", "--out", tmp.resolve("x.pdf").toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains(tmp + " is not a run folder"), notARun.err());
        Outcome format = export(runs, "--figure", "table1", "--format", "pdf", "--out", tmp.resolve("x.pdf").toString());
        assertEquals(2, format.code());
        assertTrue(format.err().contains("use tex, csv or md"), format.err());
        Outcome noRevisions = export(runs.subList(0, 1), "--figure", "revisions", "--out", tmp.resolve("x.pdf").toString());
        assertEquals(2, noRevisions.code());
        assertTrue(noRevisions.err().contains("no revision events"), noRevisions.err());
        assertTrue(noRevisions.err().contains("only R-MEL runs revise"), noRevisions.err());
        Outcome selector = export(runs.subList(2, 3), "--figure", "revisions", "--revision", "999:q1", "--out",
                tmp.resolve("x.pdf").toString());
        assertEquals(2, selector.code());
        assertTrue(selector.err().contains("no revision of prompt q1 at step 999"), selector.err());
    }
}
