package org.rmel.study.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The paper's own numbers (Table 1, Table 2 and the figures quoted in its text), as printed,
 * from {@code paper-results.json} beside this class. A study's benchmark matches a paper
 * benchmark when their names agree ignoring case and punctuation ({@code math500} = {@code MATH-500}).
 */
public final class PaperNumbers {
    private static final JsonNode ROOT = load();
    private static final List<String> BENCHMARKS = names();

    private PaperNumbers() {
    }

    private static JsonNode load() {
        try (InputStream in = PaperNumbers.class.getResourceAsStream("/org/rmel/study/paper-results.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled paper-results.json cannot be read", e);
        }
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        ROOT.get("benchmarks").forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    public static List<String> benchmarks() {
        return BENCHMARKS;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The paper's name of a study benchmark, if the paper reports it. */
    public static Optional<String> paperBenchmark(String name) {
        return BENCHMARKS.stream().filter(b -> key(b).equals(key(name))).findFirst();
    }

    /** Position in the paper's order (paper benchmarks first). */
    static int benchmarkOrder(String name) {
        Optional<String> p = paperBenchmark(name);
        return p.map(BENCHMARKS::indexOf).orElse(BENCHMARKS.size());
    }

    /** Table 1 as a fraction: {@code benchmark} a study benchmark name or "Avg". */
    public static OptionalDouble table1(SeedRun.Metric metric, String condition, String benchmark) {
        JsonNode row = ROOT.path("table1").path(metric == SeedRun.Metric.PASS_AT_1 ? "pass_at_1" : "avg_at_8").path(condition);
        if (row.isMissingNode()) {
            return OptionalDouble.empty();
        }
        int column = benchmark.equals("Avg") ? BENCHMARKS.size() : paperBenchmark(benchmark).map(BENCHMARKS::indexOf).orElse(-1);
        return column < 0 ? OptionalDouble.empty() : OptionalDouble.of(row.get(column).asDouble() / 100);
    }

    /** Table 2's average Pass@1 as a fraction. */
    public static OptionalDouble table2(String condition) {
        JsonNode v = ROOT.path("table2_avg_pass_at_1").path(condition);
        return v.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble() / 100);
    }

    /** A number quoted in the text, as a fraction: {@code path} like "p_keep/mel". */
    public static double quoted(String path) {
        JsonNode n = ROOT;
        for (String part : path.split("/")) {
            n = n.path(part);
        }
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("paper-results.json has no " + path);
        }
        return n.asDouble() / 100;
    }

    /** A raw number quoted in the text (counts): {@code path} like "b1_rescued_groups/r-mel". */
    public static double raw(String path) {
        JsonNode n = ROOT;
        for (String part : path.split("/")) {
            n = n.path(part);
        }
        return n.asDouble();
    }
}
