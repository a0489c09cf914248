package org.rmel.study.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.rmel.base.BadInputException;
import org.rmel.base.IoFaults;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureSize;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.export.FigureExporter;
import org.rmel.figures.export.ImageFormat;
import org.rmel.figures.tables.CsvTable;
import org.rmel.study.CellState;
import org.rmel.study.CellStatus;
import org.rmel.study.StudySpec;
import org.rmel.study.stats.Claim;
import org.rmel.study.stats.SeedRun;

/**
 * {@code study report}: {@code report.md} (the claims one by one with their verdicts, Table 1,
 * Table 2, the differences to the reference, the figures, the runs) and beside it the tables as
 * LaTeX and CSV and every figure as PDF and PNG.
 */
public final class StudyReport {
    /** What was written. */
    public record Written(Path markdown, List<Path> files) {
    }

    private StudyReport() {
    }

    public static Written write(StudyResults results, Path out) {
        try {
            Files.createDirectories(out);
            List<Path> files = new ArrayList<>();
            StudyTables tables = new StudyTables(results);
            StudyFigures figures = new StudyFigures(results);
            List<String> figureLines = new ArrayList<>();
            FigureSize wide = new FigureSize(FigureSize.DOUBLE_COLUMN_IN, 2.8);
            figure(out, "scores", "Average Pass@1 and Avg@8 per condition: bars are the mean over seeds with its 95% interval, dots the seeds",
                    figures::scores, wide, files, figureLines);
            figure(out, "difficulty", "Revision success by difficulty, pooled over seeds (the paper's Figure 3); bars and 95% "
                    + "intervals pooled, dots the seeds, labels successes/trials", figures::difficulty, wide, files, figureLines);
            if (figures.acrossRuns()) {
                figure(out, "difficulty-within", "The same bands with difficulty counted within each run (k/n over the "
                        + "prompt's visits in the whole run), for comparison", figures::difficultyWithinRun,
                        new FigureSize(FigureSize.SINGLE_COLUMN_IN * 1.4, 2.8), files, figureLines);
            }
            figure(out, "lcp-share", "Accepted revisions with an LCP ratio below 0.5 (the paper: 33.9% without the prefix "
                    + "constraint), pooled over seeds with its 95% interval; dots the seeds", figures::lcpShare,
                    new FigureSize(FigureSize.SINGLE_COLUMN_IN, 2.6), files, figureLines);
            figure(out, "lcp", "LCP ratios of all attempts and of accepted revisions by τ, the seeds pooled; τ_min dashed",
                    figures::lcp, wide, files, figureLines);
            boolean anyEval = !results.data().benchmarks().isEmpty();
            if (anyEval) {
                files.add(text(out.resolve("table1-pass1.tex"), StudyTables.tex(tables.table1(SeedRun.Metric.PASS_AT_1))));
                files.add(text(out.resolve("table1-avg8.tex"), StudyTables.tex(tables.table1(SeedRun.Metric.AVG_AT_8))));
                files.add(text(out.resolve("table2.tex"), StudyTables.tex(tables.table2())));
                files.add(text(out.resolve("tables.csv"), tables.csv().toCsv()));
            }
            files.add(text(out.resolve("claims.csv"), claimsCsv(results.claims()).toCsv()));
            Path md = out.resolve("report.md");
            text(md, markdown(results, tables, figureLines, anyEval));
            return new Written(md, files);
        } catch (IOException e) {
            throw IoFaults.wrap(out + ": cannot write the report", e);
        }
    }

    private static void figure(Path out, String name, String caption, Function<FigureStyle, Figure> build, FigureSize size,
            List<Path> files, List<String> lines) {
        Figure f;
        try {
            f = build.apply(FigureStyle.paper());
        } catch (BadInputException e) {
            lines.add("- **" + name + "**: not drawn — " + e.getMessage());
            return;
        }
        Path pdf = out.resolve(name + ".pdf");
        Path png = out.resolve(name + ".png");
        FigureExporter.write(f, size, ImageFormat.PDF, FigureExporter.DEFAULT_DPI, pdf);
        FigureExporter.write(f, size, ImageFormat.PNG, 200, png);
        files.add(pdf);
        files.add(png);
        lines.add("![" + name + "](" + png.getFileName() + ")\n\n*" + caption + ".* [PDF](" + pdf.getFileName() + ")\n");
    }

    private static Path text(Path file, String content) throws IOException {
        Files.writeString(file, content);
        return file;
    }

    static CsvTable claimsCsv(List<Claim> claims) {
        List<List<String>> rows = new ArrayList<>();
        for (Claim c : claims) {
            rows.add(List.of(c.id(), c.statement(), c.measured(), c.verdict().label, c.note()));
        }
        return new CsvTable("claims", List.of("claim", "paper", "measured", "verdict", "note"), rows);
    }

    static String markdown(StudyResults r, StudyTables tables, List<String> figureLines, boolean anyEval) {
        StudySpec spec = r.study().spec();
        StringBuilder sb = new StringBuilder();
        sb.append("# Study report: ").append(r.study().name()).append("\n\n");
        String version = StudyReport.class.getPackage().getImplementationVersion();
        sb.append("Written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" by R-MEL Workbench ")
                .append(version == null ? "(development build)" : version).append(" from `").append(r.study().dir()).append("`.\n\n");
        long finished = r.cells().stream().filter(c -> c.state() == CellState.FINISHED).count();
        sb.append("- **Design**: ").append(spec.conditions().size()).append(" conditions (")
                .append(String.join(", ", spec.conditions().stream().map(StudyResults::label).toList())).append(") × ")
                .append(spec.seeds().size()).append(" seeds (").append(String.join(", ", spec.seeds().stream().map(String::valueOf).toList()))
                .append(") of the `").append(spec.preset()).append("` preset")
                .append(spec.settings().isEmpty() ? "" : ", shared settings " + spec.settings())
                .append(spec.overrides().isEmpty() ? "" : ", per-condition overrides " + spec.overrides())
                .append("; model `").append(r.study().spec().settings(spec.cells().get(0)).string("model")).append("`, tasks `")
                .append(r.study().spec().settings(spec.cells().get(0)).string("tasks")).append("`; ")
                .append(spec.executor().type()).append(" executor.\n");
        sb.append("- **Runs**: ").append(finished).append(" of ").append(r.cells().size()).append(" finished");
        List<String> left = r.cells().stream().filter(c -> c.state() != CellState.FINISHED)
                .map(c -> c.cell().name() + " " + c.state().label()).toList();
        sb.append(left.isEmpty() ? "" : " (not yet: " + String.join(", ", left) + "; only finished runs enter the statistics)").append(".\n");
        sb.append("- **Statistics**: each run is scored at its best step (highest mean Pass@1 over its benchmarks, the paper's "
                + "checkpoint rule). A condition's score is the mean over its seeds of the per-seed mean over problems. 95% "
                + "intervals come from a two-level bootstrap: ").append(String.format(Locale.ROOT, "%,d", r.options().resamples()))
                .append(" replicates (seed ").append(r.options().bootstrapSeed()).append(") that resample the seeds with "
                + "replacement and then the problems (or revisions, meta-experiences) within each drawn seed; percentile "
                + "intervals. Differences are paired: by seed, and by problem within a seed (a seed evaluates every condition "
                + "on the same problems). Rates (revision success, p_keep, LCP shares) are pooled over seeds. Reference "
                + "condition: ").append(StudyResults.label(r.reference())).append(".\n");
        long atStart = r.data().runs().values().stream().flatMap(List::stream)
                .filter(x -> x.bestStep().isPresent() && x.bestStep().getAsInt() == 0).count();
        if (atStart > 0) {
            sb.append("- **Note**: ").append(atStart).append(" of ").append(r.data().finishedRuns())
                    .append(" finished runs score best at step 0, the model before any RL step; under the paper's checkpoint "
                    + "rule their scores are the starting model's, which every condition of a seed shares (see *best step* under Runs).\n");
        }
        List<String> oneSeed = r.data().runs().entrySet().stream().filter(e -> e.getValue().size() == 1)
                .map(e -> StudyResults.label(e.getKey())).toList();
        if (!oneSeed.isEmpty()) {
            sb.append("- **Note**: ").append(String.join(", ", oneSeed)).append(oneSeed.size() == 1 ? " has" : " have")
                    .append(" one finished seed: the seed level of the bootstrap cannot vary there, so its intervals reflect "
                    + "the problems only and say nothing about seed-to-seed variation; an interval of zero width means the "
                    + "runs compared scored identically on every problem.\n");
        }
        if (!tables.anyPaperColumn()) {
            sb.append("- **The paper's numbers** are for Qwen2.5-7B-Instruct on AIME24, AIME25, AMC23, MATH-500 and "
                    + "OlympiadBench; this study's benchmarks (").append(String.join(", ", r.data().benchmarks()))
                    .append(") differ, so its absolute scores are not set beside them; the claims below are tested in their "
                    + "relative form (differences, orderings, shares).\n");
        }
        sb.append("\n## The paper's claims, one by one\n\n");
        sb.append("| # | The paper says | This study measured (95% interval) | Verdict |\n|---|---|---|---|\n");
        int i = 1;
        for (Claim c : r.claims()) {
            sb.append("| ").append(i++).append(" | ").append(md(c.statement())).append(" | ").append(md(c.measured()))
                    .append(" | **").append(c.verdict().label).append("** |\n");
        }
        sb.append("\nHow each verdict was reached:\n\n");
        i = 1;
        for (Claim c : r.claims()) {
            sb.append(i++).append(". *").append(c.id()).append("*: ").append(c.note()).append(".\n");
        }
        sb.append("\nVerdicts: **replicates** — the 95% interval supports the claim (a difference in the claimed direction "
                + "that excludes 0, or an equivalence margin met); **consistent, not established** — the estimate agrees (or the "
                + "paper's value lies in the interval) but the interval does not establish it; **not replicated** — the estimate "
                + "points the other way without excluding the claim; **contradicted** — the interval excludes the claim; "
                + "**not testable** — a condition, benchmark or finished run is missing.\n");
        if (anyEval) {
            sb.append("\n## Table 1\n\n");
            for (SeedRun.Metric m : SeedRun.Metric.values()) {
                StudyTables.TextTable t = tables.table1(m);
                sb.append("**").append(m.label).append("** — ").append(t.caption()).append(".\n\n").append(StudyTables.markdown(t)).append('\n');
            }
            StudyTables.TextTable t2 = tables.table2();
            sb.append("## Table 2\n\n").append(t2.caption()).append(".\n\n").append(StudyTables.markdown(t2)).append('\n');
            sb.append("## Differences to ").append(StudyResults.label(r.reference())).append(" per benchmark\n\n");
            for (SeedRun.Metric m : SeedRun.Metric.values()) {
                sb.append(StudyTables.markdown(tables.differences(m))).append('\n');
            }
            sb.append("LaTeX: `table1-pass1.tex`, `table1-avg8.tex`, `table2.tex` (booktabs); every number with its interval: `tables.csv`.\n");
        } else {
            sb.append("\n## Tables\n\nNo finished run with evaluations yet.\n");
        }
        sb.append("\n## Figures\n\n");
        figureLines.forEach(l -> sb.append(l).append('\n'));
        sb.append("\n## Runs\n\n| run | state | steps | best step (scored) | wall time | detail | folder |\n|---|---|---:|---:|---:|---|---|\n");
        for (CellStatus c : r.cells()) {
            String best = r.data().of(c.cell().condition()).stream().filter(x -> x.seed() == c.cell().seed()).findFirst()
                    .flatMap(x -> x.bestStep().isPresent() ? java.util.Optional.of(Integer.toString(x.bestStep().getAsInt()))
                            : java.util.Optional.empty()).orElse("–");
            sb.append("| ").append(c.cell().name()).append(" | ").append(c.state().label()).append(" | ")
                    .append(c.stepsDone()).append(c.stepsTotal().map(t -> "/" + t).orElse("")).append(" | ").append(best).append(" | ")
                    .append(c.elapsed().map(d -> String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60000.0)).orElse("–")).append(" | ")
                    .append(md(c.detail())).append(" | `").append(r.study().dir().relativize(r.study().runDir(c.cell()))).append("` |\n");
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
