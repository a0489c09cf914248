package org.rmel.figures.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@link Table1} and {@link Table2} as LaTeX (booktabs), CSV and Markdown. Scores print as
 * percentages with two decimals; best and second best come from {@link Table1#ranks}.
 */
public final class TableWriter {
    private TableWriter() {
    }

    public static String table1(Table1 t, TableFormat format) {
        return switch (format) {
            case TEX -> table1Tex(t);
            case MD -> table1Md(t);
            case CSV -> table1Csv(t).toCsv();
        };
    }

    public static String table2(Table2 t, TableFormat format) {
        return switch (format) {
            case TEX -> table2Tex(t);
            case MD -> table2Md(t);
            case CSV -> table2Csv(t).toCsv();
        };
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "--" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    static String signedPct(double fraction) {
        return Double.isNaN(fraction) ? "--" : String.format(Locale.ROOT, "%+.2f", 100 * fraction);
    }

    private static String table1Tex(Table1 t) {
        List<String> cols = t.columns();
        int n = cols.size();
        StringBuilder sb = new StringBuilder();
        sb.append("% Table 1 (R-MEL Workbench). Needs \\usepackage{booktabs}.\n");
        sb.append("\\begin{tabular}{l").append("c".repeat(n)).append("}\n\\toprule\n");
        boolean first = true;
        for (String metric : Table1.metrics()) {
            if (!first) {
                sb.append("\\midrule\n");
            }
            first = false;
            sb.append(" & \\multicolumn{").append(n).append("}{c}{").append(Tex.escape(metric)).append("} \\\\\n");
            sb.append("\\cmidrule(lr){2-").append(n + 1).append("}\n");
            sb.append("Method");
            cols.forEach(c -> sb.append(" & ").append(Tex.escape(c)));
            sb.append(" \\\\\n\\midrule\n");
            int[][] marks = marks(t, metric);
            for (int r = 0; r < t.rows().size(); r++) {
                Table1.Row row = t.rows().get(r);
                sb.append(Tex.escape(row.method()));
                for (int c = 0; c < n; c++) {
                    Score s = t.cell(row, metric, cols.get(c));
                    sb.append(" & ").append(Tex.mark(pct(s.value()), marks[c][r]));
                }
                sb.append(" \\\\\n");
            }
        }
        sb.append("\\midrule\n").append(" & \\multicolumn{").append(n).append("}{c}{")
                .append(Tex.escape(Table1.TOKENS_PER_RESCUE)).append("} \\\\\n");
        for (Table1.Row row : t.rows()) {
            sb.append(Tex.escape(row.method())).append(" & \\multicolumn{").append(n).append("}{c}{")
                    .append(tokens(row.tokensPerRescue())).append("} \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    /** Tokens per rescued group as printed: whole tokens, "--" when nothing was rescued. */
    static String tokens(double v) {
        return Double.isNaN(v) ? "--" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** [column][row] → 1 best, 2 second, 0 neither. */
    private static int[][] marks(Table1 t, String metric) {
        List<String> cols = t.columns();
        int[][] marks = new int[cols.size()][];
        for (int c = 0; c < cols.size(); c++) {
            marks[c] = t.ranks(metric, cols.get(c));
        }
        return marks;
    }

    private static String table1Md(Table1 t) {
        List<String> cols = t.columns();
        StringBuilder sb = new StringBuilder();
        for (String metric : Table1.metrics()) {
            sb.append("**").append(metric).append("**\n\n");
            sb.append("| Method |");
            cols.forEach(c -> sb.append(' ').append(Md.escape(c)).append(" |"));
            sb.append("\n|---|").append("---:|".repeat(cols.size())).append('\n');
            int[][] marks = marks(t, metric);
            for (int r = 0; r < t.rows().size(); r++) {
                Table1.Row row = t.rows().get(r);
                sb.append("| ").append(Md.escape(row.method())).append(" |");
                for (int c = 0; c < cols.size(); c++) {
                    Score s = t.cell(row, metric, cols.get(c));
                    sb.append(' ').append(Md.mark(pct(s.value()), marks[c][r])).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        sb.append("**").append(Table1.TOKENS_PER_RESCUE).append("**\n\n| Method | tokens |\n|---|---:|\n");
        for (Table1.Row row : t.rows()) {
            sb.append("| ").append(Md.escape(row.method())).append(" | ").append(tokens(row.tokensPerRescue())).append(" |\n");
        }
        return sb.toString();
    }

    /** Long format, every value as a fraction: the data behind the table. */
    public static CsvTable table1Csv(Table1 t) {
        List<List<String>> rows = new ArrayList<>();
        for (String metric : Table1.metrics()) {
            for (Table1.Row row : t.rows()) {
                for (String col : t.columns()) {
                    Score s = t.cell(row, metric, col);
                    rows.add(List.of(row.method(), metric, col, CsvTable.num(s.value())));
                }
            }
        }
        for (Table1.Row row : t.rows()) {
            rows.add(List.of(row.method(), "tokens_per_rescued_group", "all", CsvTable.num(row.tokensPerRescue())));
        }
        return new CsvTable("table1", List.of("method", "metric", "benchmark", "value"), rows);
    }

    private static String table2Tex(Table2 t) {
        StringBuilder sb = new StringBuilder();
        sb.append("% Table 2 (R-MEL Workbench). Needs \\usepackage{booktabs}.\n");
        sb.append("\\begin{tabular}{llcc}\n\\toprule\n");
        sb.append("Method & Config & Avg Pass@1 & $\\Delta$ \\\\\n\\midrule\n");
        for (Table2.Row row : t.rows()) {
            String score = pct(row.avgPass1().value());
            double d = t.delta(row);
            String delta = Double.isNaN(d) ? "--" : "$" + signedPct(d) + "$";
            String method = Tex.escape(row.method());
            if (row.method().equals(t.fullMethod())) {
                method = "\\textbf{" + method + "}";
            }
            sb.append(method).append(" & ").append(row.config().isBlank() ? "--" : Tex.escape(row.config()))
                    .append(" & ").append(score).append(" & ").append(delta).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    private static String table2Md(Table2 t) {
        StringBuilder sb = new StringBuilder("| Method | Config | Avg Pass@1 | Δ |\n|---|---|---:|---:|\n");
        for (Table2.Row row : t.rows()) {
            String score = pct(row.avgPass1().value());
            double d = t.delta(row);
            String method = Md.escape(row.method());
            if (row.method().equals(t.fullMethod())) {
                method = "**" + method + "**";
            }
            sb.append("| ").append(method).append(" | ").append(row.config().isBlank() ? "–" : Md.escape(row.config()))
                    .append(" | ").append(score).append(" | ").append(Double.isNaN(d) ? "–" : signedPct(d)).append(" |\n");
        }
        return sb.toString();
    }

    public static CsvTable table2Csv(Table2 t) {
        List<List<String>> rows = new ArrayList<>();
        for (Table2.Row row : t.rows()) {
            Score s = row.avgPass1();
            rows.add(List.of(row.method(), row.config(), CsvTable.num(s.value()), CsvTable.num(t.delta(row))));
        }
        return new CsvTable("table2", List.of("method", "config", "avg_pass_at_1", "delta_vs_full"), rows);
    }

    /** LaTeX escaping and marks. */
    public static final class Tex {
        private Tex() {
        }

        public static String escape(String s) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '\\' -> sb.append("\\textbackslash{}");
                    case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                    case '~' -> sb.append("\\textasciitilde{}");
                    case '^' -> sb.append("\\textasciicircum{}");
                    case 'τ' -> sb.append("$\\tau$");
                    case 'Δ' -> sb.append("$\\Delta$");
                    case '≥' -> sb.append("$\\geq$");
                    case '–' -> sb.append("--");
                    default -> sb.append(c);
                }
            }
            return sb.toString();
        }

        public static String mark(String cell, int rank) {
            return rank == 1 ? "\\textbf{" + cell + "}" : rank == 2 ? "\\underline{" + cell + "}" : cell;
        }
    }

    /** Markdown escaping and marks. */
    public static final class Md {
        private Md() {
        }

        public static String escape(String s) {
            return s.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
        }

        public static String mark(String cell, int rank) {
            return rank == 1 ? "**" + cell + "**" : rank == 2 ? "<u>" + cell + "</u>" : cell;
        }
    }
}
