package org.rmel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureSize;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.Venue;
import org.rmel.figures.FontPreset;
import org.rmel.figures.RunFigures;
import org.rmel.figures.RunCurves;
import org.rmel.figures.export.FigureExporter;
import org.rmel.figures.export.ImageFormat;
import org.rmel.figures.tables.CsvTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export RUN_DIR... --figure F --format X --out FILE}: the workbench's figures and tables
 * without a display, drawn by the same code as the panels.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a figure (pdf, svg, png, or its data as csv) or a table (tex, csv, md) from run folders.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** What can be exported; tables take text formats, figures image formats or csv. */
    enum What {
        CURVES, REVISIONS, LCP, DIFFICULTY, TABLE1, TABLE2;

        boolean isTable() {
            return this == TABLE1 || this == TABLE2;
        }
    }

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders (several runs: overlaid or compared).")
    private List<Path> runs = new ArrayList<>();

    @Option(names = "--figure", required = true, paramLabel = "F",
            description = "curves, revisions, lcp, difficulty, table1 or table2.")
    private String figure;

    @Option(names = "--format", paramLabel = "X",
            description = "pdf, svg, png or csv for figures; tex, csv or md for tables (default: from --out's extension).")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
    private Path out;

    @Option(names = "--venue", paramLabel = "V", defaultValue = "two-column",
            description = "two-column (LaTeX article), icml, acl, neurips or ieee: what single and double mean, and the "
                    + "text size. Default: ${DEFAULT-VALUE}.")
    private String venue;

    @Option(names = "--width-in", paramLabel = "W", defaultValue = "single",
            description = "single (the venue's column), double (its full text width) or a width in inches from 0.5 to 40. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String width;

    @Option(names = "--height-in", paramLabel = "H", description = "Height in inches, from 0.5 to 40 (default: suits the width and figure).")
    private String height;

    @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution; pixels = DPI × inches. Default: ${DEFAULT-VALUE}.")
    private int dpi;

    @Option(names = "--font", defaultValue = "sans", description = "sans, serif or mono. Default: ${DEFAULT-VALUE}.")
    private String font;

    @Option(names = "--font-size", defaultValue = "venue",
            description = "venue (its footnote size: 8 pt for a 10 pt body, 9 pt for 11 pt), paper (7 pt), paper_large "
                    + "(8.5 pt), slides (12 pt), or a size in points. Default: ${DEFAULT-VALUE}.")
    private String fontSize;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "For curves: a step metric (e.g. reward/mean, mel/p_keep) or eval/pass_at_1, eval/avg_at_8, "
                    + "eval/BENCHMARK/pass_at_1; repeatable. Default: eval/pass_at_1 and reward/mean.")
    private List<String> metrics = new ArrayList<>();

    @Option(names = "--difficulty", paramLabel = "D",
            description = "difficulty figure: across-runs (the paper's k of 3 runs: MEL, MEL+Extra and R-MEL of the seed, an ablation in R-MEL's place), whole-run or online (k/n before the visit). "
                    + "Default: across-runs when the runs share a seed and prompts, else whole-run.")
    private String difficulty;

    @Option(names = "--revision", paramLabel = "STEP:PROMPT[:ATTEMPT]",
            description = "For revisions: which attempt (default: the first accepted revision of the first run that revises).")
    private String revision;

    @Override
    public Integer call() throws IOException {
        What what = parseWhat(figure);
        PrintWriter err = spec.commandLine().getErr();
        runs = runFolders(runs, err);
        String fmt = (format != null ? format : extensionOf(out)).toLowerCase(Locale.ROOT);
        for (Path r : runs) {
            RunProblems.print(RunProblems.all(r), err); // every problem line of every run, as analyze reports them
        }
        if (what.isTable()) {
            Files.writeString(prepare(out), RunTables.render(what == What.TABLE1, runs, fmt));
            return 0;
        }
        FigureStyle style = style();
        Figure fig = build(what, style);
        if (fmt.equals("csv")) {
            Files.writeString(prepare(out), CsvTable.concat(fig.data()));
            return 0;
        }
        ImageFormat image = ImageFormat.parse(fmt);
        FigureSize size = FigureExporter.size(fig, widthIn(), height == null ? 0 : checkedHeight());
        FigureExporter.write(fig, size, image, dpi, out);
        for (String note : fig.notes()) {
            err.println("note: " + note); // what the size made the figure leave out, for the caption
        }
        return 0;
    }

    private org.rmel.analysis.DifficultyDefinition difficultyDefinition() {
        if (difficulty == null) {
            return null;
        }
        try {
            return org.rmel.analysis.DifficultyDefinition.fromName(difficulty);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--difficulty: " + e.getMessage());
        }
    }

    /**
     * The run folders among the arguments. With several (a shell glob such as {@code sample-runs/*}),
     * an entry that is not a run folder — a README, an empty folder — is skipped with a note on
     * stderr; a single argument that is not a run folder, a missing path, or no run folder at all
     * is an error.
     */
    static List<Path> runFolders(List<Path> args, java.io.PrintWriter err) {
        List<Path> found = new ArrayList<>();
        for (Path r : args) {
            if (!Files.exists(r)) {
                throw new BadInputException(r + ": no such file or folder");
            }
            boolean isRun = Files.isDirectory(r)
                    && (Files.isRegularFile(r.resolve("run.json")) || Files.isRegularFile(r.resolve("events.jsonl")));
            if (isRun) {
                found.add(r);
            } else if (args.size() == 1) {
                throw new BadInputException(r + " is not a run folder (a run folder holds run.json and events.jsonl)");
            } else if (err != null) {
                err.println("note: skipping " + r + ": it is not a run folder");
                err.flush();
            }
        }
        if (found.isEmpty()) {
            throw new BadInputException("none of " + args + " is a run folder (a run folder holds run.json and events.jsonl)");
        }
        return found;
    }

    private Figure build(What what, FigureStyle style) {
        return switch (what) {
            case CURVES -> RunFigures.curves(runs, metrics.isEmpty() ? RunCurves.DEFAULT_METRICS : metrics, style);
            case LCP -> RunFigures.lcp(runs, style);
            case REVISIONS -> RunFigures.revision(runs, revision, style);
            case DIFFICULTY -> RunFigures.difficulty(runs, difficultyDefinition(), style);
            case TABLE1, TABLE2 -> throw new IllegalStateException("tables are not figures");
        };
    }

    private FigureStyle style() {
        FontPreset family;
        try {
            family = FontPreset.valueOf(font.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--font '" + font + "': use sans, serif or mono");
        }
        FigureStyle.SizePreset preset = FigureStyle.SizePreset.PAPER;
        double pt;
        try {
            preset = FigureStyle.SizePreset.valueOf(fontSize.toUpperCase(Locale.ROOT));
            pt = preset == FigureStyle.SizePreset.VENUE ? venue().figureBasePt() : preset.basePt;
        } catch (IllegalArgumentException notAPreset) {
            pt = parsePositive("--font-size", fontSize, 3, 40);
        }
        return FigureStyle.of(family, preset).withBasePt(pt);
    }

    private Venue venue() {
        return Venue.parse(venue);
    }

    private double widthIn() {
        return switch (width.toLowerCase(Locale.ROOT)) {
            case "single", "column" -> venue().columnIn();
            case "double", "text" -> venue().textIn();
            default -> parsePositive("--width-in", width, 0.5, 40);
        };
    }

    private double checkedHeight() {
        return parsePositive("--height-in", height, 0.5, 40);
    }

    private static double parsePositive(String option, String value, double min, double max) {
        try {
            double v = Double.parseDouble(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadInputException(option + " '" + value + "': expected a number from " + plain(min) + " to " + plain(max));
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static What parseWhat(String s) {
        try {
            return What.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--figure '" + s + "': use curves, revisions, lcp, difficulty, table1 or table2");
        }
    }

    private static String extensionOf(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new BadInputException("--out " + p + " has no extension; give --format");
        }
        return name.substring(dot + 1);
    }

    private static Path prepare(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
