package org.rmel.figures.export;

import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.rmel.base.BadInputException;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureSize;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a {@link Figure} as PDF (OpenPDF's PdfGraphics2D, vector), SVG (Batik's SVGGraphics2D)
 * or PNG (DPI × inches pixels, with the DPI recorded in the file). Every format draws the figure in
 * points at the same physical size, so they differ only in encoding. JFreeChart's own "Export As"
 * is not used: it looks for GPL or missing libraries.
 */
public final class FigureExporter {
    public static final int DEFAULT_DPI = 300;

    private FigureExporter() {
    }

    /**
     * The size a figure is written at for a width and a height in inches, 0 for "what suits the
     * figure" (its natural height: a grid of stacked panels is taller than one chart); a text figure
     * grows to fit its text either way.
     */
    public static FigureSize size(Figure figure, double widthIn, double heightIn) {
        double w = widthIn * 72;
        double h = heightIn > 0 ? figure.preferredHeightPt(w, heightIn * 72)
                : figure.preferredHeightPt(w, figure.naturalHeightPt(w));
        return new FigureSize(widthIn, h / 72.0);
    }

    /** The size the figure will really have: the figure may ask for a different height (text figures grow). */
    public static FigureSize resolve(Figure figure, FigureSize size) {
        double h = figure.preferredHeightPt(size.widthPt(), size.heightPt());
        return size.withHeight(h / 72.0);
    }

    public static FigureSize write(Figure figure, FigureSize requested, ImageFormat format, int dpi, Path out) {
        if (dpi < 10 || dpi > 2400) {
            throw new BadInputException("DPI must be between 10 and 2400, got " + dpi);
        }
        FigureSize size = resolve(figure, requested);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            switch (format) {
                case PDF -> writePdf(figure, size, out);
                case SVG -> writeSvg(figure, size, out);
                case PNG -> writePng(figure, size, dpi, out);
                default -> throw new IllegalStateException(format.name());
            }
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap("cannot write " + out, e);
        }
        return size;
    }

    static void writePdf(Figure figure, FigureSize size, Path out) throws IOException {
        float w = (float) size.widthPt();
        float h = (float) size.heightPt();
        com.lowagie.text.Document doc = new com.lowagie.text.Document(new Rectangle(w, h), 0, 0, 0, 0);
        try (OutputStream os = Files.newOutputStream(out)) {
            PdfWriter writer = PdfWriter.getInstance(doc, os);
            doc.addCreator("R-MEL Workbench");
            doc.open();
            PdfContentByte cb = writer.getDirectContent();
            Graphics2D g = PdfFonts.available()
                    .map(fonts -> cb.createGraphics(w, h, fonts))
                    .orElseGet(() -> cb.createGraphicsShapes(w, h));
            try {
                figure.draw(g, new Rectangle2D.Double(0, 0, w, h));
            } finally {
                g.dispose();
            }
            doc.close();
        } catch (com.lowagie.text.DocumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static void writeSvg(Figure figure, FigureSize size, Path out) throws IOException {
        Document dom;
        try {
            // The JDK's DOM is enough for Batik's generator (batik-dom is not needed).
            dom = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML DOM available", e);
        }
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(dom);
        ctx.setComment("R-MEL Workbench");
        ctx.setEmbeddedFontsOn(false);
        SVGGraphics2D g = new SVGGraphics2D(ctx, false);
        g.setSVGCanvasSize(new java.awt.Dimension((int) Math.ceil(size.widthPt()), (int) Math.ceil(size.heightPt())));
        figure.draw(g, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
        Element root = g.getRoot();
        // Physical size in inches with a point-based viewBox: LaTeX and Inkscape place it at print size.
        root.setAttribute("width", fmt(size.widthIn()) + "in");
        root.setAttribute("height", fmt(size.heightIn()) + "in");
        root.setAttribute("viewBox", "0 0 " + fmt(size.widthPt()) + " " + fmt(size.heightPt()));
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8)) {
            g.stream(root, w, true, false);
        }
    }

    static void writePng(Figure figure, FigureSize size, int dpi, Path out) throws IOException {
        int wpx = size.widthPx(dpi);
        int hpx = size.heightPx(dpi);
        BufferedImage img = new BufferedImage(wpx, hpx, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setPaint(Color.WHITE);
            g.fillRect(0, 0, wpx, hpx);
            g.scale(dpi / 72.0, dpi / 72.0);
            figure.draw(g, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
        } finally {
            g.dispose();
        }
        writePngWithDpi(img, dpi, out);
    }

    /** PNG with a pHYs chunk, so layout programs place it at the intended physical size. */
    private static void writePngWithDpi(BufferedImage img, int dpi, Path out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(Files.newOutputStream(out))) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            double mmPerPixel = 25.4 / dpi;
            IIOMetadataNode h = new IIOMetadataNode("HorizontalPixelSize");
            h.setAttribute("value", Double.toString(mmPerPixel));
            IIOMetadataNode v = new IIOMetadataNode("VerticalPixelSize");
            v.setAttribute("value", Double.toString(mmPerPixel));
            IIOMetadataNode dim = new IIOMetadataNode("Dimension");
            dim.appendChild(h);
            dim.appendChild(v);
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_1.0");
            root.appendChild(dim);
            try {
                meta.mergeTree("javax_imageio_1.0", root);
            } catch (IIOInvalidTreeException e) {
                throw new IOException("cannot record DPI in PNG", e);
            }
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
    }
}
