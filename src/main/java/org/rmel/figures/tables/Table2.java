package org.rmel.figures.tables;

import java.util.List;

/**
 * The paper's Table 2 shape: one row per method or ablation with its configuration, average
 * Pass@1 and the difference (Δ) against the full method.
 */
public record Table2(String fullMethod, List<Row> rows) {
    public record Row(String method, String config, Score avgPass1) {
    }

    public Table2 {
        rows = List.copyOf(rows);
        if (rows.stream().noneMatch(r -> r.method().equals(fullMethod))) {
            throw new IllegalArgumentException("Table 2 needs the full method '" + fullMethod + "' among its rows");
        }
    }

    public Row full() {
        return rows.stream().filter(r -> r.method().equals(fullMethod)).findFirst().orElseThrow();
    }

    /** Row minus the full method, as a fraction; NaN for the full method itself. */
    public double delta(Row row) {
        return row.method().equals(fullMethod) ? Double.NaN : row.avgPass1().value() - full().avgPass1().value();
    }
}
