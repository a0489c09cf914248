package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.figures.charts.CurveCharts;
import org.rmel.figures.charts.GridFigure;
import org.rmel.figures.charts.LcpCharts;
import org.rmel.figures.charts.RateCharts;
import org.rmel.figures.charts.TrajectoryFigure;
import org.rmel.figures.export.FigureExporter;
import org.rmel.figures.export.ImageFormat;
import org.w3c.dom.Element;

class FigureExportTest {
    @TempDir
    Path dir;

    private static List<Figure> figures() {
        FigureStyle s = FigureStyle.paper();
        return List.of(
                CurveCharts.create(FigureFixtures.curves(), s),
                LcpCharts.histogram(FigureFixtures.lcp(), s),
                new GridFigure(List.of(RateCharts.create(FigureFixtures.difficulty(), s), RateCharts.create(FigureFixtures.difficulty(), s))),
                new TrajectoryFigure(FigureFixtures.revision(), s));
    }

    @Test
    void pdfIsOnePageAtTheRequestedWidth() throws Exception {
        for (Figure f : figures()) {
            Path out = dir.resolve("f.pdf");
            FigureSize size = FigureExporter.write(f, FigureSize.singleColumn(), ImageFormat.PDF, 300, out);
            byte[] bytes = Files.readAllBytes(out);
            assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            PdfReader reader = new PdfReader(bytes);
            try {
                assertEquals(1, reader.getNumberOfPages());
                assertEquals(252f, reader.getPageSize(1).getWidth(), 0.5f);
                assertEquals(size.heightPt(), reader.getPageSize(1).getHeight(), 0.5);
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void svgParsesAndCarriesThePhysicalSize() throws Exception {
        for (Figure f : figures()) {
            Path out = dir.resolve("f.svg");
            FigureExporter.write(f, FigureSize.doubleColumn(), ImageFormat.SVG, 300, out);
            DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
            // Batik writes the SVG 1.1 DOCTYPE; parse without fetching the DTD (tests run offline).
            xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Element root = xml.newDocumentBuilder().parse(out.toFile()).getDocumentElement();
            assertEquals("svg", root.getTagName());
            assertEquals("7.16in", root.getAttribute("width"));
            assertTrue(root.getElementsByTagName("*").getLength() > 20, "SVG has drawing content");
        }
    }

    @Test
    void pngPixelSizeIsDpiTimesInches() throws Exception {
        Path out = dir.resolve("f.png");
        FigureExporter.write(figures().get(0), new FigureSize(3.5, 2.0), ImageFormat.PNG, 300, out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(1050, img.getWidth());
        assertEquals(600, img.getHeight());
        FigureExporter.write(figures().get(2), new FigureSize(7.16, 2.5), ImageFormat.PNG, 150, out);
        img = ImageIO.read(out.toFile());
        assertEquals(1074, img.getWidth());
        assertEquals(375, img.getHeight());
    }

    @Test
    void trajectoryGrowsToFitItsText() {
        TrajectoryFigure f = new TrajectoryFigure(FigureFixtures.revision(), FigureStyle.paper());
        double narrow = f.preferredHeightPt(FigureSize.singleColumn().widthPt(), 100);
        double wide = f.preferredHeightPt(FigureSize.doubleColumn().widthPt(), 100);
        assertTrue(narrow > wide, "a narrower figure wraps into more rows: " + narrow + " vs " + wide);
    }
}
