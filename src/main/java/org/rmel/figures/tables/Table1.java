package org.rmel.figures.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paper's Table 1 shape: methods × benchmarks, one block for Pass@1 and one for Avg@8, each with
 * an "Avg" column (mean over the benchmarks a method has all of).
 */
public record Table1(List<String> benchmarks, List<Row> rows) {
    public static final String PASS_AT_1 = "Pass@1";
    public static final String AVG_AT_8 = "Avg@8";

    /**
     * One method: its scores by benchmark name for each metric, and the generated tokens it spent
     * per rescued all-negative group (NaN when it rescued none: MEL, or nothing rescued yet).
     */
    public record Row(String method, Map<String, Score> pass1, Map<String, Score> avg8, double tokensPerRescue) {
        public Row {
            pass1 = Map.copyOf(pass1);
            avg8 = Map.copyOf(avg8);
        }

        public Row(String method, Map<String, Score> pass1, Map<String, Score> avg8) {
            this(method, pass1, avg8, Double.NaN);
        }

        public Map<String, Score> metric(String metric) {
            return PASS_AT_1.equals(metric) ? pass1 : avg8;
        }
    }

    public Table1 {
        benchmarks = List.copyOf(benchmarks);
        rows = List.copyOf(rows);
    }

    /** Label of the compute line under the scores. */
    public static final String TOKENS_PER_RESCUE = "Tokens per rescued all-negative group";

    public static List<String> metrics() {
        return List.of(PASS_AT_1, AVG_AT_8);
    }

    /** Column headers of one block: the benchmarks, then "Avg". */
    public List<String> columns() {
        List<String> cols = new ArrayList<>(benchmarks);
        cols.add("Avg");
        return cols;
    }

    /** The score of a row in a column, "Avg" included (no CI for the average). */
    public Score cell(Row row, String metric, String column) {
        Map<String, Score> scores = row.metric(metric);
        if (!"Avg".equals(column)) {
            return scores.getOrDefault(column, Score.missing());
        }
        double sum = 0;
        for (String b : benchmarks) {
            Score s = scores.get(b);
            if (s == null || !s.present()) {
                return Score.missing();
            }
            sum += s.value();
        }
        return benchmarks.isEmpty() ? Score.missing() : Score.of(sum / benchmarks.size());
    }

    /**
     * Per row, whether its value in the column is the best (1), second best (2) or neither (0),
     * decided on the printed two-decimal percentages like the text renderings.
     */
    public int[] ranks(String metric, String column) {
        double[] v = column(metric, column);
        double[] printed = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            printed[i] = Double.isNaN(v[i]) ? Double.NaN : Math.round(v[i] * 10000) / 100.0;
        }
        Ranks.Mark[] marks = Ranks.of(printed);
        int[] out = new int[marks.length];
        for (int i = 0; i < marks.length; i++) {
            out[i] = marks[i] == Ranks.Mark.BEST ? 1 : marks[i] == Ranks.Mark.SECOND ? 2 : 0;
        }
        return out;
    }

    /** Values of one column in row order; the input to best/second-best marking. */
    public double[] column(String metric, String column) {
        return rows.stream().mapToDouble(r -> cell(r, metric, column).value()).toArray();
    }
}
