package org.rmel.figures.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps text into rows of at most {@code cols} characters for a monospaced layout, breaking after
 * whitespace where possible and at every newline. Rows keep the text's character offsets, so an
 * offset maps to a (row, column) without any re-counting.
 */
final class TextRows {
    /** Characters [start, end) of the text; a newline that ended the row is not part of it. */
    record Row(int start, int end) {
    }

    private TextRows() {
    }

    static List<Row> wrap(String text, int cols) {
        int width = Math.max(1, cols);
        List<Row> rows = new ArrayList<>();
        int s = 0;
        int n = text.length();
        while (s < n) {
            int nl = text.indexOf('\n', s);
            int hardEnd = nl < 0 ? n : nl;
            if (hardEnd - s <= width) {
                rows.add(new Row(s, hardEnd));
                s = hardEnd + (nl < 0 ? 0 : 1);
                if (nl >= 0 && s == n) {
                    rows.add(new Row(n, n));
                }
                continue;
            }
            int limit = s + width;
            int brk = -1;
            for (int i = limit - 1; i > s; i--) {
                if (Character.isWhitespace(text.charAt(i))) {
                    brk = i + 1;
                    break;
                }
            }
            int end = brk > s ? brk : limit;
            rows.add(new Row(s, end));
            s = end;
        }
        if (rows.isEmpty()) {
            rows.add(new Row(0, 0));
        }
        return rows;
    }

    /** Index of the row showing offset {@code off}: the first row with start ≤ off ≤ end. */
    static int rowOf(List<Row> rows, int off) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (off >= r.start() && off <= r.end()) {
                return i;
            }
        }
        return rows.size() - 1;
    }
}
