package org.rmel.study.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.rmel.figures.tables.CsvTable;
import org.rmel.figures.tables.Score;
import org.rmel.figures.tables.Table1;
import org.rmel.figures.tables.TableWriter;
import org.rmel.study.stats.Estimate;
import org.rmel.study.stats.PaperNumbers;
import org.rmel.study.stats.SeedRun;
import org.rmel.study.stats.StudyStatistics;

/**
 * The study's Table 1 (per condition and benchmark: mean over seeds with its 95 % interval,
 * Pass@1 and Avg@8), Table 2 (average Pass@1 and the paired difference to the reference
 * condition) and the per-benchmark differences, with the paper's numbers beside them where the
 * benchmarks match; as Markdown, LaTeX (booktabs) and CSV. The best mean of a column is bold, the
 * second underlined (ties share the mark), as in the paper.
 */
public final class StudyTables {
    private final StudyResults results;
    private final StudyStatistics stats;

    public StudyTables(StudyResults results) {
        this.results = results;
        this.stats = results.statistics();
    }

    /** A table as cells of text, rendered the same way to Markdown and LaTeX. */
    public record TextTable(String caption, List<String> header, List<List<String>> rows, List<Boolean> paperRows,
            int[][] marks) {
    }

    public List<String> columns() {
        List<String> cols = new ArrayList<>(stats.data().benchmarks());
        if (!cols.isEmpty()) {
            cols.add(StudyStatistics.AVG);
        }
        return cols;
    }

    /** Whether the study evaluates exactly the paper's five benchmarks (then the paper's averages compare). */
    public boolean paperBenchmarksMatch() {
        List<String> b = stats.data().benchmarks();
        return b.size() == PaperNumbers.benchmarks().size()
                && b.stream().allMatch(x -> PaperNumbers.paperBenchmark(x).isPresent());
    }

    private OptionalDouble paper(SeedRun.Metric m, String condition, String column) {
        if (column.equals(StudyStatistics.AVG) && !paperBenchmarksMatch()) {
            return OptionalDouble.empty();
        }
        return PaperNumbers.table1(m, condition, column);
    }

    public boolean anyPaperColumn() {
        return columns().stream().anyMatch(c -> !c.equals(StudyStatistics.AVG) && PaperNumbers.paperBenchmark(c).isPresent());
    }

    public TextTable table1(SeedRun.Metric metric) {
        List<String> cols = columns();
        List<String> header = new ArrayList<>(List.of("Method", "seeds"));
        header.addAll(cols);
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> paperRows = new ArrayList<>();
        List<String> conds = results.conditionsWithRuns();
        Map<String, Score> empty = Map.of();
        List<Table1.Row> forRanks = new ArrayList<>();
        for (String c : conds) {
            List<String> row = new ArrayList<>(List.of(StudyResults.label(c), Integer.toString(stats.data().of(c).size())));
            Map<String, Score> means = new HashMap<>();
            for (String col : cols) {
                Estimate e = stats.score(c, metric, col);
                row.add(cell(e));
                if (!col.equals(StudyStatistics.AVG)) {
                    means.put(col, Score.of(e.value()));
                }
            }
            rows.add(row);
            paperRows.add(false);
            forRanks.add(new Table1.Row(c, metric == SeedRun.Metric.PASS_AT_1 ? means : empty,
                    metric == SeedRun.Metric.PASS_AT_1 ? empty : means));
            if (anyPaperColumn() && PaperNumbers.table1(metric, c, PaperNumbers.benchmarks().get(0)).isPresent()) {
                List<String> p = new ArrayList<>(List.of(StudyResults.label(c) + " (paper)", ""));
                for (String col : cols) {
                    OptionalDouble v = paper(metric, c, col);
                    p.add(v.isPresent() ? String.format(Locale.ROOT, "%.2f", 100 * v.getAsDouble()) : "");
                }
                rows.add(p);
                paperRows.add(true);
            }
        }
        Table1 t = new Table1(stats.data().benchmarks(), forRanks);
        String tm = metric == SeedRun.Metric.PASS_AT_1 ? Table1.PASS_AT_1 : Table1.AVG_AT_8;
        int[][] marks = new int[rows.size()][header.size()];
        for (int c = 0; c < cols.size(); c++) {
            int[] r = t.ranks(tm, cols.get(c));
            int studyRow = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (!paperRows.get(i)) {
                    marks[i][c + 2] = r[studyRow++];
                }
            }
        }
        String caption = metric.label + " in % per condition and benchmark: mean over seeds at each run's best step "
                + "(highest mean Pass@1) [95% two-level bootstrap interval]"
                + (anyPaperColumn() ? "; the paper's values in the (paper) rows" : "");
        return new TextTable(caption, header, rows, paperRows, marks);
    }

    public TextTable table2() {
        String ref = results.reference();
        boolean paperAvg = paperBenchmarksMatch();
        boolean paperDelta = paperAvg && ref.equals("r-mel");
        List<String> header = new ArrayList<>(List.of("Method", "Config", "seeds", "Avg Pass@1", "Δ vs " + StudyResults.label(ref)));
        if (paperAvg) {
            header.add("paper Avg Pass@1");
        }
        if (paperDelta) {
            header.add("paper Δ");
        }
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> paperRows = new ArrayList<>();
        for (String c : results.conditionsWithRuns()) {
            List<String> row = new ArrayList<>();
            row.add(StudyResults.label(c) + (c.equals(ref) ? " (reference)" : ""));
            String config = results.config(c);
            row.add(config.isEmpty() ? "–" : config);
            row.add(Integer.toString(stats.data().of(c).size()));
            row.add(cell(stats.score(c, SeedRun.Metric.PASS_AT_1, StudyStatistics.AVG)));
            row.add(c.equals(ref) ? "–" : signedCell(stats.difference(c, ref, SeedRun.Metric.PASS_AT_1, StudyStatistics.AVG)));
            if (paperAvg) {
                OptionalDouble p = PaperNumbers.table2(c);
                row.add(p.isPresent() ? String.format(Locale.ROOT, "%.2f", 100 * p.getAsDouble()) : "");
            }
            if (paperDelta) {
                OptionalDouble p = PaperNumbers.table2(c);
                OptionalDouble r = PaperNumbers.table2(ref);
                row.add(c.equals(ref) || p.isEmpty() || r.isEmpty() ? "–"
                        : String.format(Locale.ROOT, "%+.2f", 100 * (p.getAsDouble() - r.getAsDouble())));
            }
            rows.add(row);
            paperRows.add(false);
        }
        String caption = "Average Pass@1 in % over the study's benchmarks [95% interval] and the paired difference to "
                + StudyResults.label(ref) + " in points (seeds both finished; problems paired within a seed)";
        return new TextTable(caption, header, rows, paperRows, new int[rows.size()][header.size()]);
    }

    /** Every condition minus the reference, per benchmark and on average. */
    public TextTable differences(SeedRun.Metric metric) {
        String ref = results.reference();
        List<String> cols = columns();
        List<String> header = new ArrayList<>(List.of(metric.label + ": condition − " + StudyResults.label(ref), "seeds"));
        header.addAll(cols);
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> paperRows = new ArrayList<>();
        for (String c : results.conditionsWithRuns()) {
            if (c.equals(ref)) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(StudyResults.label(c),
                    Integer.toString(stats.data().commonSeeds(List.of(c, ref)).size())));
            for (String col : cols) {
                row.add(signedCell(stats.difference(c, ref, metric, col)));
            }
            rows.add(row);
            paperRows.add(false);
        }
        return new TextTable("Paired differences in points [95% interval], " + metric.label, header, rows, paperRows,
                new int[rows.size()][header.size()]);
    }

    static String cell(Estimate e) {
        if (!e.present()) {
            return "–";
        }
        if (Double.isNaN(e.low())) {
            return String.format(Locale.ROOT, "%.2f", 100 * e.value());
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", 100 * e.value(), 100 * e.low(), 100 * e.high());
    }

    static String signedCell(Estimate e) {
        if (!e.present()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", 100 * e.value(), 100 * e.low(), 100 * e.high());
    }

    public static String markdown(TextTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", t.header().stream().map(TableWriter.Md::escape).toList())).append(" |\n");
        sb.append("|---|").append("---:|".repeat(t.header().size() - 1)).append('\n');
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                String text = TableWriter.Md.escape(row.get(c));
                if (t.paperRows().get(r) && !text.isEmpty()) {
                    text = "*" + text + "*";
                }
                cells.add(TableWriter.Md.mark(text, t.marks()[r][c]));
            }
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return sb.toString();
    }

    public static String tex(TextTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append("% ").append(t.caption()).append(" (R-MEL Workbench study). Needs \\usepackage{booktabs}.\n");
        sb.append("\\begin{tabular}{l").append("r".repeat(t.header().size() - 1)).append("}\n\\toprule\n");
        sb.append(String.join(" & ", t.header().stream().map(TableWriter.Tex::escape).toList())).append(" \\\\\n\\midrule\n");
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                String text = TableWriter.Tex.escape(row.get(c)).replace("[", "{[}").replace("]", "{]}");
                if (t.paperRows().get(r) && !text.isEmpty()) {
                    text = "\\textit{" + text + "}";
                }
                cells.add(TableWriter.Tex.mark(text, t.marks()[r][c]));
            }
            sb.append(String.join(" & ", cells)).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    /** Long format, fractions: every estimate with its interval and the paper's value where it matches. */
    public CsvTable csv() {
        List<List<String>> rows = new ArrayList<>();
        for (SeedRun.Metric m : SeedRun.Metric.values()) {
            for (String c : results.conditionsWithRuns()) {
                for (String col : columns()) {
                    Estimate e = stats.score(c, m, col);
                    OptionalDouble p = paper(m, c, col);
                    rows.add(List.of(c, m.label, col, "mean", CsvTable.num(e.value()), CsvTable.num(e.low()),
                            CsvTable.num(e.high()), Integer.toString(e.seeds()), p.isPresent() ? CsvTable.num(p.getAsDouble()) : ""));
                    if (!c.equals(results.reference())) {
                        Estimate d = stats.difference(c, results.reference(), m, col);
                        rows.add(List.of(c, m.label, col, "minus " + results.reference(), CsvTable.num(d.value()),
                                CsvTable.num(d.low()), CsvTable.num(d.high()), Integer.toString(d.seeds()), ""));
                    }
                }
            }
        }
        return new CsvTable("study tables", List.of("condition", "metric", "benchmark", "statistic", "value", "ci_lo",
                "ci_hi", "seeds", "paper"), rows);
    }
}
