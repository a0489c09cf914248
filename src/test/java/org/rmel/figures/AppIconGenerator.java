package org.rmel.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Document;

/**
 * Draws the application icon — a trajectory that forks at a bifurcation point into a failed,
 * cut-away branch and a revised branch that reaches the answer — and writes it as SVG and PNGs.
 * Run once to regenerate {@code assets/icon/}: {@code java ... AppIconGenerator assets/icon};
 * {@code AppIconTest} checks the committed files are what this draws.
 */
public final class AppIconGenerator {
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    private AppIconGenerator() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "assets/icon"));
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int size : SIZES) {
            ImageIO.write(png(size), "png", dir.resolve("rmel-" + size + ".png").toFile());
        }
        writeSvg(dir.resolve("rmel.svg"));
    }

    public static BufferedImage png(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / 512.0, size / 512.0);
            draw(g, size);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The drawing on a 512 × 512 canvas; small sizes get thicker strokes so the fork stays legible. */
    static void draw(Graphics2D g, int pixelSize) {
        Palette p = Palette.okabeIto();
        double boost = pixelSize <= 24 ? 1.6 : pixelSize <= 48 ? 1.25 : 1.0;
        g.setPaint(p.series(0));
        g.fill(new RoundRectangle2D.Double(16, 16, 480, 480, 110, 110));
        float w = (float) (34 * boost);
        BasicStroke solid = new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        // Failed branch: cut away, drawn pale and dashed (skipped where it would blur into noise).
        g.setPaint(Palette.tint(p.series(0), 0.45));
        g.setStroke(pixelSize <= 24 ? solid
                : new BasicStroke(w * 0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {w * 0.9f, w * 1.3f}, 0f));
        g.draw(new Line2D.Double(262, 262, 410, 380));
        // Trunk: the kept prefix.
        Path2D trunk = new Path2D.Double();
        trunk.moveTo(96, 420);
        trunk.curveTo(150, 360, 200, 300, 262, 262);
        g.setPaint(Color.WHITE);
        g.setStroke(solid);
        g.draw(trunk);
        // Revised branch: reaches the verified answer.
        Path2D rev = new Path2D.Double();
        rev.moveTo(262, 262);
        rev.curveTo(320, 226, 360, 170, 400, 118);
        g.setPaint(p.series(6));
        g.draw(rev);
        double r = 40 * boost;
        g.fill(new Ellipse2D.Double(400 - r, 118 - r, 2 * r, 2 * r));
        // Bifurcation point.
        double b = 30 * boost;
        g.setPaint(Color.WHITE);
        g.fill(new Ellipse2D.Double(262 - b, 262 - b, 2 * b, 2 * b));
    }

    static void writeSvg(Path file) throws IOException {
        Document dom;
        try {
            dom = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException(e);
        }
        SVGGraphics2D g = new SVGGraphics2D(SVGGeneratorContext.createDefault(dom), false);
        g.setSVGCanvasSize(new java.awt.Dimension(512, 512));
        draw(g, 512);
        org.w3c.dom.Element root = g.getRoot();
        root.setAttribute("viewBox", "0 0 512 512");
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            g.stream(root, w, true, false);
        }
    }
}
