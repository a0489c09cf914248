package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rmel.figures.FigureFixtures;
import org.rmel.figures.SimulatedRuns;
import org.rmel.figures.Venue;
import org.rmel.figures.tables.TableFormat;
import org.rmel.figures.tables.TableWriter;

/**
 * The exported figures and Table 1 compiled with pdflatex in a document with each venue's text
 * block (IEEE's own class where it is installed; geometry with the style file's widths otherwise):
 * no LaTeX error, no overfull box (a figure as wide as its column fits it, however LaTeX rounds),
 * {@code \columnwidth} what {@link Venue} says, and the figures' fonts embedded. Skipped, with the
 * reason printed, where pdflatex is not installed (Debian: texlive-latex-recommended; .ci/run
 * installs it).
 */
class LatexVenueTest {
    @TempDir
    static Path tmp;

    static List<Path> runs;

    @BeforeAll
    static void writeRuns() {
        runs = new ArrayList<>();
        for (String c : List.of("mel", "mel-extra", "r-mel", "r-mel-b1")) {
            runs.add(SimulatedRuns.write(tmp.resolve("runs"), c, runs.size() + 1));
        }
    }

    static Optional<Path> pdflatex() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "pdflatex");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void export(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("export"));
        runs.forEach(r -> args.add(r.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", out.toString()));
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, code, String.join(" ", options) + ": " + err);
    }

    @ParameterizedTest
    @EnumSource(Venue.class)
    void figuresAndTableCompileInTheVenuesColumnsWithoutOverfullBoxes(Venue venue) throws Exception {
        Optional<Path> latex = pdflatex();
        if (latex.isEmpty()) {
            String reason = "pdflatex not found on PATH: install Debian's texlive-latex-recommended to run the LaTeX check";
            System.out.println("LatexVenueTest skipped: " + reason);
            Assumptions.abort(reason);
        }
        Path dir = Files.createDirectories(tmp.resolve(venue.id()));
        List<String> column = List.of("curves", "lcp", "difficulty", "revisions");
        for (String f : column) {
            export(dir.resolve(f + "-column.pdf"), "--figure", f, "--venue", venue.id(), "--width-in", "single");
        }
        List<String> wide = venue.twoColumn() ? List.of("difficulty", "curves") : List.of();
        for (String f : wide) {
            export(dir.resolve(f + "-text.pdf"), "--figure", f, "--venue", venue.id(), "--width-in", "double");
        }
        export(dir.resolve("table1-runs.tex"), "--figure", "table1", "--format", "tex");
        Files.writeString(dir.resolve("table1.tex"), TableWriter.table1(FigureFixtures.table1(), TableFormat.TEX));
        try (var files = Files.list(dir)) {
            for (Path pdf : files.filter(p -> p.toString().endsWith(".pdf")).toList()) {
                assertEquals(List.of(), fontsNotEmbedded(pdf), pdf.getFileName() + ": every font embedded");
            }
        }

        StringBuilder body = new StringBuilder();
        for (String f : column) {
            body.append("\\begin{figure}[tbp]\\centering\\includegraphics{").append(f).append("-column}\\caption{")
                    .append(f).append(", one column.}\\end{figure}\n");
        }
        String wideEnv = venue.twoColumn() ? "figure*" : "figure";
        for (String f : wide) {
            body.append("\\begin{").append(wideEnv).append("}[tbp]\\centering\\includegraphics{").append(f)
                    .append("-text}\\caption{").append(f).append(", full width.}\\end{").append(wideEnv).append("}\n");
        }
        String tableEnv = venue.twoColumn() ? "table*" : "table";
        body.append("\\begin{").append(tableEnv).append("}[tbp]\\centering\\input{table1}\\caption{Table 1.}\\end{")
                .append(tableEnv).append("}\n");
        body.append("\\begin{").append(tableEnv).append("}[tbp]\\centering\\input{table1-runs}\\caption{Table 1 of the runs.}\\end{")
                .append(tableEnv).append("}\n");
        Files.writeString(dir.resolve("paper.tex"), preamble(venue) + "\\begin{document}\n"
                + "\\typeout{RMEL-COLUMNWIDTH=\\the\\columnwidth}\n\\typeout{RMEL-TEXTWIDTH=\\the\\textwidth}\n"
                + "Text of the paper.\n\n" + body + "\\end{document}\n", StandardCharsets.UTF_8);

        Process p = new ProcessBuilder(latex.get().toString(), "-interaction=nonstopmode", "-halt-on-error", "paper.tex")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "pdflatex finished");
        String log = Files.readString(dir.resolve("paper.log"), StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), "pdflatex failed:\n" + tail(log));
        assertTrue(!log.contains("\n! "), "LaTeX error:\n" + tail(log));
        List<String> overfull = log.lines().filter(l -> l.contains("Overfull \\hbox") || l.contains("Overfull \\vbox")).toList();
        assertEquals(List.of(), overfull, venue + ": overfull boxes");
        assertEquals(venue.columnPt(), points(log, "RMEL-COLUMNWIDTH"), 0.01, "\\columnwidth of the document");
        assertEquals(venue.textPt(), points(log, "RMEL-TEXTWIDTH"), 0.01, "\\textwidth of the document");
        assertTrue(Files.size(dir.resolve("paper.pdf")) > 0);
    }

    /**
     * The venue's text block: IEEEtran itself where installed, else the article class with the
     * style file's widths set through geometry (the venues' own files are not in TeX Live).
     */
    static String preamble(Venue v) throws IOException, InterruptedException {
        String packages = "\\usepackage{graphicx}\n\\usepackage{booktabs}\n";
        if (v == Venue.IEEE && kpsewhich("IEEEtran.cls")) {
            return "\\documentclass[conference]{IEEEtran}\n" + packages;
        }
        if (v == Venue.TWO_COLUMN) {
            return "\\documentclass[10pt,twocolumn,a4paper]{article}\n" + packages;
        }
        String cls = String.format(Locale.ROOT, "\\documentclass[%dpt%s]{article}\n", v.bodyPt(), v.twoColumn() ? ",twocolumn" : "");
        String geometry = String.format(Locale.ROOT, "\\usepackage[letterpaper,textwidth=%.4fpt,columnsep=%.4fpt,textheight=9in]{geometry}\n",
                v.textPt(), v.columnSepPt());
        return cls + geometry + packages;
    }

    static boolean kpsewhich(String file) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("kpsewhich", file).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty();
        } catch (IOException missing) {
            return false;
        }
    }

    private static double points(String log, String key) {
        Matcher m = Pattern.compile(key + "=([0-9.]+)pt").matcher(log);
        assertTrue(m.find(), key + " in the log");
        return Double.parseDouble(m.group(1));
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    /** Fonts used on the first page whose program is not in the file. */
    static List<String> fontsNotEmbedded(Path pdf) throws IOException {
        PdfReader r = new PdfReader(Files.readAllBytes(pdf));
        try {
            List<String> missing = new ArrayList<>();
            PdfDictionary resources = r.getPageN(1).getAsDict(PdfName.RESOURCES);
            PdfDictionary fonts = resources == null ? null : resources.getAsDict(PdfName.FONT);
            if (fonts == null) {
                return missing;
            }
            for (PdfName key : fonts.getKeys()) {
                PdfDictionary font = fonts.getAsDict(key);
                PdfDictionary withDescriptor = font;
                if (PdfName.TYPE0.equals(font.getAsName(PdfName.SUBTYPE))) {
                    withDescriptor = font.getAsArray(PdfName.DESCENDANTFONTS).getAsDict(0);
                }
                PdfDictionary d = withDescriptor.getAsDict(PdfName.FONTDESCRIPTOR);
                boolean embedded = d != null && (d.contains(PdfName.FONTFILE) || d.contains(PdfName.FONTFILE2)
                        || d.contains(PdfName.FONTFILE3));
                if (!embedded) {
                    missing.add(String.valueOf(font.getAsName(PdfName.BASEFONT)));
                }
            }
            return missing;
        } finally {
            r.close();
        }
    }
}
