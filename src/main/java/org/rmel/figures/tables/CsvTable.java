package org.rmel.figures.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A named table of strings written as RFC 4180 CSV: the full-resolution data behind a figure or table. */
public record CsvTable(String name, List<String> header, List<List<String>> rows) {
    public CsvTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, header has " + header.size());
            }
        }
    }

    /** Numbers are written with enough digits to round-trip and without locale grouping. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header);
        rows.forEach(r -> appendLine(sb, r));
        return sb.toString();
    }

    public void write(Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Several tables in one CSV file: each prefixed by a {@code # name} line and separated by a blank line. */
    public static String concat(List<CsvTable> tables) {
        if (tables.size() == 1) {
            return tables.get(0).toCsv();
        }
        List<String> parts = new ArrayList<>();
        for (CsvTable t : tables) {
            parts.add("# " + t.name() + "\n" + t.toCsv());
        }
        return String.join("\n", parts);
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i)));
        }
        sb.append('\n');
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
