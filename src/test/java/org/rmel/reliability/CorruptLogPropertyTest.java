package org.rmel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.base.BadInputException;
import org.rmel.figures.revisions.RevisionCatalog;
import org.rmel.run.Batch;
import org.rmel.run.EventSink;
import org.rmel.run.EventTail;
import org.rmel.run.GroupEvent;
import org.rmel.run.LoggedEvent;
import org.rmel.run.ReadResult;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunEvent;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;
import org.rmel.run.RunStatusTracker;
import org.rmel.testsupport.RunScript;

/**
 * Corrupt event logs, generated: a realistic run written by the real writer (contract 1.1, and
 * the same log without {@code seq}, as contract 1 wrote it), then one corruption — truncation, a
 * flipped byte, a duplicated line, the file appended to itself, every line twice, swapped or moved
 * or deleted lines, a wrong type, an impossible value or an explicit null for a number or a flag,
 * invalid UTF-8, a byte-order mark, a bogus {@code resumed}. Reading, analysing, the status and
 * the revision catalogue never throw (but the one user error: a log without a usable event); no
 * event is counted more often than it was written; every corruption the contract can detect is
 * reported with its line, and an explicit null with its field's path.
 */
class CorruptLogPropertyTest {
    enum Variant {
        TRUNCATE, BYTE_FLIP, DUPLICATE_LINE, SELF_APPEND, EVERY_LINE_TWICE, SWAP_LINES, MOVE_LINE, DELETE_LINE,
        WRONG_VALUE, INVALID_UTF8, BYTE_ORDER_MARK, BOGUS_RESUMED
    }

    /** Per variant and contract version ("TRUNCATE 1.1"): trials, and trials with a problem reported. */
    private static final Map<String, AtomicInteger> TRIALS = new java.util.TreeMap<>();
    private static final Map<String, AtomicInteger> REPORTED = new java.util.TreeMap<>();
    private static final AtomicInteger FAILED = new AtomicInteger();
    /** WRONG_VALUE trials whose warning had to name the field (explicit nulls). */
    private static final AtomicInteger NAMED = new AtomicInteger();
    private static Path base;
    private static List<byte[]> numbered;
    private static List<byte[]> unnumbered;
    private static Map<Boolean, Map<RunEvent, Integer>> original = new HashMap<>();

    @BeforeContainer
    static void writeTheRun() throws IOException {
        base = Files.createTempDirectory("corrupt-logs");
        Path run = base.resolve("run");
        try (RunScript s = RunScript.create(run, RunScript.spec("r-mel", 4, 4, 0.3, 6))) {
            s.simulate("r-mel", 6, 8, 4, 4, 1);
            s.finish();
        }
        numbered = lines(Files.readAllBytes(run.resolve(RunFiles.EVENTS)));
        unnumbered = numbered.stream().map(l -> new String(l, StandardCharsets.UTF_8).replaceFirst(",\"seq\":\\d+", "")
                .getBytes(StandardCharsets.UTF_8)).toList();
        Files.writeString(base.resolve(RunFiles.SPEC), Files.readString(run.resolve(RunFiles.SPEC)));
        original.put(true, counts(read(run, join(numbered)).events));
        original.put(false, counts(read(run, join(unnumbered)).events));
        for (Variant v : Variant.values()) {
            for (String version : List.of("1", "1.1")) {
                TRIALS.put(v + " " + version, new AtomicInteger());
                REPORTED.put(v + " " + version, new AtomicInteger());
            }
        }
    }

    @AfterContainer
    static void report() throws IOException {
        int total = TRIALS.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("corrupt logs: " + total + " trials over " + Variant.values().length
                + " variants x 2 contract versions, " + FAILED + " failed trials (jqwik shrinking included); "
                + NAMED + " explicit nulls named with their field; "
                + "per variant and version, trials / with a problem reported: "
                + TRIALS.keySet().stream().map(k -> k + " " + TRIALS.get(k) + "/" + REPORTED.get(k)).toList());
        try (var files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 720)
    void noCrashNoDoubleCountAndEveryDetectableProblemReportedWithItsLine(@ForAll Variant variant,
            @ForAll boolean withSeq, @ForAll long seed) throws IOException {
        TRIALS.get(variant + " " + (withSeq ? "1.1" : "1")).incrementAndGet();
        try {
            trial(variant, withSeq, seed);
        } catch (IOException | RuntimeException | AssertionError e) {
            FAILED.incrementAndGet();
            throw e;
        }
    }

    private void trial(Variant variant, boolean withSeq, long seed) throws IOException {
        Random rnd = new Random(seed);
        List<byte[]> lines = new ArrayList<>(withSeq ? numbered : unnumbered);
        int n = lines.size();
        Corrupted c = corrupt(variant, lines, withSeq, rnd);
        Path dir = Files.createTempDirectory(base, "trial");
        Files.copy(base.resolve(RunFiles.SPEC), dir.resolve(RunFiles.SPEC));
        Files.write(dir.resolve(RunFiles.EVENTS), c.bytes);

        Read r;
        try {
            r = read(dir, null);
            RunDirectory run = RunDirectory.open(dir);
            run.status();
            RunAnalyzer.analyze(run).analysis();
            RevisionCatalog.read(dir);
            try (EventTail statusOnly = run.statusTail()) {
                Batch b;
                do {
                    b = statusOnly.poll(4096);
                    b.feed(new RunStatusTracker(run.spec()));
                } while (!b.caughtUp());
            }
        } catch (BadInputException e) {
            assertTrue(e.getMessage().contains("no readable event"), variant + ": " + e.getMessage());
            REPORTED.get(variant + " " + (withSeq ? "1.1" : "1")).incrementAndGet();
            return;
        } catch (RuntimeException | IOException e) {
            throw new AssertionError(variant + " (" + c.what + ") crashed the reader", e);
        }
        if (!r.warnings.isEmpty()) {
            REPORTED.get(variant + " " + (withSeq ? "1.1" : "1")).incrementAndGet();
        }
        Map<RunEvent, Integer> before = original.get(withSeq);
        Map<RunEvent, Integer> after = counts(r.events);
        if (c.mayDoubleCount) {
            assertTrue(r.events.size() <= n + 1, "at most the copied line counts twice");
        } else if (c.contentChanged < 0) {
            after.forEach((e, k) -> assertTrue(k <= before.getOrDefault(e, 0),
                    variant + " (" + c.what + "): " + e.type() + " read " + k + " times, written " + before.getOrDefault(e, 0)));
        } else {
            long foreign = after.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0))
                    .mapToInt(e -> e.getValue() - before.getOrDefault(e.getKey(), 0)).sum();
            assertTrue(foreign <= 1, variant + " (" + c.what + "): only the changed line may read differently");
        }
        long groups = r.events.stream().filter(e -> e instanceof GroupEvent).count();
        assertTrue(c.mayDoubleCount || groups <= before.keySet().stream().filter(e -> e instanceof GroupEvent).count(),
                "no group counted twice");
        if (c.expectWarningAt > 0) {
            assertTrue(r.warnings.stream().anyMatch(w -> w.line() == c.expectWarningAt),
                    variant + " (" + c.what + ", " + n + " lines, seq " + withSeq + "): expected a warning at line "
                            + c.expectWarningAt + ", got " + r.warnings);
        }
        if (c.expectWarningNaming != null) {
            assertTrue(r.warnings.stream().anyMatch(w -> w.line() == c.expectWarningAt
                            && w.message().contains(c.expectWarningNaming)),
                    variant + " (" + c.what + "): expected '" + c.expectWarningNaming + "' at line "
                            + c.expectWarningAt + ", got " + r.warnings);
            NAMED.incrementAndGet();
        }
        if (c.expectAllEvents) {
            assertEquals(before, after, variant + " (" + c.what + "): every event read once");
        }
    }

    /** A corrupted file, and what the reader must say about it. */
    private static final class Corrupted {
        byte[] bytes;
        String what;
        /** The line a warning must name (0: none required, the corruption is not detectable). */
        long expectWarningAt;
        /** What that warning must say (null: any warning at the line will do). */
        String expectWarningNaming;
        /** The events must be exactly the original ones. */
        boolean expectAllEvents;
        /** The line whose content changed (it may read as a different event), or -1. */
        int contentChanged = -1;
        /** An undetectable duplicate (contract 1 only): the no-double-count check does not apply. */
        boolean mayDoubleCount;
    }

    private static Corrupted corrupt(Variant variant, List<byte[]> lines, boolean withSeq, Random rnd) {
        Corrupted c = new Corrupted();
        int n = lines.size();
        switch (variant) {
            case TRUNCATE -> {
                byte[] all = join(lines);
                int cut = 1 + rnd.nextInt(all.length - 1);
                c.bytes = Arrays.copyOf(all, cut);
                c.what = "cut at byte " + cut;
                if (all[cut - 1] != '\n') {
                    c.expectWarningAt = countNewlines(c.bytes) + 1; // "incomplete last line"
                }
            }
            case BYTE_FLIP -> {
                byte[] all = join(lines);
                int at = rnd.nextInt(all.length);
                byte was = all[at];
                all[at] ^= (byte) (1 + rnd.nextInt(255));
                c.bytes = all;
                c.what = "byte " + at + " flipped";
                if (was != '\n' && all[at] != '\n') {
                    int line = countNewlines(Arrays.copyOf(all, at)) + 1;
                    c.contentChanged = line;
                    byte[] changed = lines.get(line - 1).clone();
                    changed[at - offsetOfLine(lines, line)] = all[at];
                    if (!isJson(changed)) {
                        c.expectWarningAt = line; // a flip that breaks the line is reported; one that keeps it valid cannot be
                    }
                }
            }
            case DUPLICATE_LINE -> {
                int i = rnd.nextInt(n);
                int j = rnd.nextInt(n);
                lines.add(j + 1, lines.get(i));
                c.bytes = join(lines);
                c.what = "line " + (i + 1) + " copied after line " + (j + 1);
                if (withSeq) {
                    // after the original: a repeated seq; before it: a jump at the copy (or, right before
                    // it, the original becomes the repeat)
                    c.expectWarningAt = j >= i ? j + 2 : i == j + 1 ? j + 3 : j + 2;
                    c.expectAllEvents = true;
                } else if (j == i) {
                    c.expectWarningAt = j + 2; // an exact repeat of the previous line
                    c.expectAllEvents = true;
                } else if (j == i - 1) {
                    c.expectWarningAt = j + 3;
                    c.expectAllEvents = true;
                } else if (i == 0) {
                    c.expectWarningAt = j + 2; // a second run_started: the rest is not used
                } else {
                    c.mayDoubleCount = true; // contract 1 cannot tell a copied line elsewhere: contract 1.1 can
                }
            }
            case SELF_APPEND -> {
                lines.addAll(List.copyOf(lines));
                c.bytes = join(lines);
                c.what = "file appended to itself";
                c.expectWarningAt = n + 1;
                c.expectAllEvents = true;
            }
            case EVERY_LINE_TWICE -> {
                List<byte[]> twice = new ArrayList<>();
                lines.forEach(l -> {
                    twice.add(l);
                    twice.add(l);
                });
                c.bytes = join(twice);
                c.what = "every line twice";
                c.expectWarningAt = 2;
                c.expectAllEvents = true;
            }
            case SWAP_LINES -> {
                int i = rnd.nextInt(n - 1);
                int j = i + 1 + rnd.nextInt(n - 1 - i);
                byte[] t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
                c.bytes = join(lines);
                c.what = "lines " + (i + 1) + " and " + (j + 1) + " swapped";
                c.expectWarningAt = withSeq ? i + 1 : 0;
            }
            case MOVE_LINE -> {
                int i = rnd.nextInt(n);
                int j = rnd.nextInt(n);
                byte[] moved = lines.remove(i);
                lines.add(j, moved);
                c.bytes = join(lines);
                c.what = "line " + (i + 1) + " moved to " + (j + 1);
                c.expectWarningAt = withSeq && i != j ? Math.min(i, j) + 1 : 0;
            }
            case DELETE_LINE -> {
                int i = 1 + rnd.nextInt(n - 1);
                lines.remove(i);
                c.bytes = join(lines);
                c.what = "line " + (i + 1) + " deleted";
                c.expectWarningAt = withSeq && i < n - 1 ? i + 1 : 0;
            }
            case WRONG_VALUE -> {
                int i = rnd.nextInt(n);
                ObjectNode o = tree(lines.get(i));
                Mutations ms = mutations(o, withSeq);
                Consumer<ObjectNode> m = ms.all.get(rnd.nextInt(ms.all.size()));
                m.accept(o);
                c.expectWarningNaming = ms.naming.get(m);
                lines.set(i, o.toString().getBytes(StandardCharsets.UTF_8));
                c.bytes = join(lines);
                c.what = "line " + (i + 1) + " now " + o.toString().substring(0, Math.min(120, o.toString().length()));
                c.expectWarningAt = i + 1;
            }
            case INVALID_UTF8 -> {
                int i = rnd.nextInt(n);
                byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
                byte[] insert = bad[rnd.nextInt(bad.length)];
                byte[] l = lines.get(i);
                int at = 1 + rnd.nextInt(l.length - 1);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(l, 0, at);
                b.writeBytes(insert);
                b.write(l, at, l.length - at);
                lines.set(i, b.toByteArray());
                c.bytes = join(lines);
                c.what = "invalid UTF-8 in line " + (i + 1);
                c.expectWarningAt = i + 1;
            }
            case BYTE_ORDER_MARK -> {
                int i = rnd.nextInt(n);
                byte[] l = lines.get(i);
                byte[] withBom = new byte[l.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(l, 0, withBom, 3, l.length);
                lines.set(i, withBom);
                c.bytes = join(lines);
                c.what = "byte-order mark on line " + (i + 1);
                c.expectWarningAt = i + 1;
                c.expectAllEvents = true;
            }
            case BOGUS_RESUMED -> {
                int i = 1 + rnd.nextInt(n - 1);
                int from = rnd.nextBoolean() ? -5 : 3; // 3: the run has checkpoints at 2, 4 and 6 only
                String line = "{\"type\":\"resumed\",\"v\":1," + (withSeq ? "\"seq\":" + (n + 1) + "," : "")
                        + "\"t\":1700000999000,\"from_step\":" + from + ",\"checkpoint\":\"checkpoints/step-000003\"}";
                lines.add(i, line.getBytes(StandardCharsets.UTF_8));
                c.bytes = join(lines);
                c.what = "resumed from_step " + from + " inserted at line " + (i + 1);
                c.expectWarningAt = i + 1;
                c.expectAllEvents = true;
            }
            default -> throw new IllegalStateException();
        }
        return c;
    }

    /** The mutations of one line; for some, the words the line's warning must contain. */
    private static final class Mutations {
        final List<Consumer<ObjectNode>> all = new ArrayList<>();
        final Map<Consumer<ObjectNode>, String> naming = new HashMap<>();

        void add(Consumer<ObjectNode> m) {
            all.add(m);
        }

        void add(Consumer<ObjectNode> m, String warningNames) {
            all.add(m);
            naming.put(m, warningNames);
        }

        /**
         * An explicit null where the contract has a count, a number or a flag: {@code path} is a
         * field, nested ones as {@code trajectories[0].tokens} (set even where the writer left the
         * field out, like {@code truncated}). Read as 0 or false, it would pass every value rule.
         */
        void nullAt(String path) {
            add(x -> {
                String[] parts = path.split("\\.");
                ObjectNode at = x;
                for (int k = 0; k < parts.length - 1; k++) {
                    String[] field = parts[k].split("[\\[\\]]");
                    at = (ObjectNode) at.get(field[0]).get(Integer.parseInt(field[1]));
                }
                at.putNull(parts[parts.length - 1]);
            }, path + " is null");
        }
    }

    /** Wrong types, impossible values and explicit nulls for the fields of this line's event type. */
    private static Mutations mutations(ObjectNode o, boolean withSeq) {
        Mutations ms = new Mutations();
        String type = o.get("type").asText();
        ms.nullAt("t");
        ms.add(x -> x.put("v", 2));
        ms.add(x -> x.put("v", "1"));
        ms.add(x -> x.put("type", 7));
        if (withSeq) {
            ms.add(x -> x.put("seq", "x"));
            ms.add(x -> x.put("seq", -3));
        }
        if (o.has("step")) {
            ms.nullAt("step");
            ms.add(x -> x.put("step", "3"));
            ms.add(x -> x.put("step", 2.5));
            ms.add(x -> x.put("step", -1));
        }
        switch (type) {
            case "group" -> {
                ms.add(x -> x.put("visit", -1));
                ms.add(x -> x.put("origin", "bogus"));
                ms.add(x -> x.put("prompt_id", 5));
                ms.add(x -> x.put("trajectories", "none"));
                ms.add(x -> ((ObjectNode) x.get("trajectories").get(0)).put("tokens", -5));
                ms.add(x -> ((ObjectNode) x.get("trajectories").get(0)).put("reward", "high"));
                ms.nullAt("visit");
                for (String f : List.of("tokens", "reward", "logprob", "truncated")) {
                    ms.nullAt("trajectories[0]." + f);
                }
            }
            case "revision" -> {
                ms.add(x -> x.put("seed_tokens", -1));
                ms.add(x -> x.put("accepted", 99));
                ms.add(x -> ((ObjectNode) x.get("attempts").get(0)).put("lcp_ratio", 1.5));
                ms.add(x -> ((ObjectNode) x.get("attempts").get(0)).put("tau", -0.1));
                ms.add(x -> ((ObjectNode) x.get("attempts").get(0)).put("cut", -2));
                ms.nullAt("seed_tokens");
                for (String f : List.of("tau", "cut", "tokens", "verified", "lcp", "lcp_ratio", "accepted")) {
                    ms.nullAt("attempts[0]." + f);
                }
                ms.add(x -> x.set("seed_offsets", RunJson.MAPPER.createArrayNode().add(0).addNull().add(4)),
                        "seed_offsets[1] is null");
            }
            case "meta_experience" -> {
                ms.add(x -> x.put("source", "weird"));
                ms.add(x -> x.put("kept", "yes"));
                ms.nullAt("kept");
                ms.nullAt("bifurcation_token");
                ms.nullAt("bifurcation_step");
            }
            case "step" -> {
                ms.add(x -> x.set("metrics", RunJson.MAPPER.createArrayNode().add(1)));
                ms.add(x -> ((ObjectNode) x.get("metrics")).put("reward/mean", "x"));
            }
            case "eval" -> {
                ms.add(x -> x.put("pass_at_1", 2.0));
                ms.add(x -> x.put("n", -1));
                ms.add(x -> ((ObjectNode) ((ArrayNode) x.get("per_problem")).get(0)).put("samples_correct", 99));
                for (String f : List.of("n", "samples", "pass_at_1", "avg_at_8", "per_problem[0].greedy_correct",
                        "per_problem[0].samples_correct")) {
                    ms.nullAt(f);
                }
            }
            case "checkpoint" -> ms.add(x -> x.put("path", ""));
            case "run_finished" -> ms.add(x -> x.put("reason", "maybe"));
            case "resumed" -> ms.nullAt("from_step");
            default -> { }
        }
        return ms;
    }

    private record Read(List<RunEvent> events, List<ReadWarning> warnings) {
    }

    private static Read read(Path dir, byte[] replace) throws IOException {
        if (replace != null) {
            Files.write(dir.resolve(RunFiles.EVENTS), replace);
        }
        List<RunEvent> events = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                events.add(e.event());
            }

            @Override
            public void reset() {
                events.clear();
            }
        });
        return new Read(events, r.warnings());
    }

    private static Map<RunEvent, Integer> counts(List<RunEvent> events) {
        Map<RunEvent, Integer> m = new HashMap<>();
        events.forEach(e -> m.merge(e, 1, Integer::sum));
        return m;
    }

    private static List<byte[]> lines(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        lines.forEach(l -> {
            b.writeBytes(l);
            b.write('\n');
        });
        return b.toByteArray();
    }

    private static int countNewlines(byte[] b) {
        int c = 0;
        for (byte x : b) {
            if (x == '\n') {
                c++;
            }
        }
        return c;
    }

    private static int offsetOfLine(List<byte[]> lines, int line) {
        int off = 0;
        for (int i = 0; i < line - 1; i++) {
            off += lines.get(i).length + 1;
        }
        return off;
    }

    private static boolean isJson(byte[] line) {
        try {
            JsonNode n = RunJson.MAPPER.readTree(line);
            return n != null && n.isObject() && java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(line)) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static ObjectNode tree(byte[] line) {
        try {
            return (ObjectNode) RunJson.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
