package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * However a log grows — in chunks that split lines and multi-byte characters anywhere — and
 * however small the read windows, a tail delivers exactly the events and warnings of reading the
 * finished file at once, and those events are the valid lines, in order, with their line numbers.
 */
class EventTailPropertyTest {
    /** One generated line and the event it must give (null for a line that must be skipped). */
    record Line(String text, RunEvent expected) {
    }

    @Provide
    Arbitrary<List<Line>> logs() {
        // Any text but unpaired surrogates, which no UTF-8 file can hold.
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30)
                .filter(t -> t.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
        Arbitrary<Line> step = Arbitraries.integers().between(0, 50).flatMap(s -> Arbitraries.doubles().between(-5, 5)
                .map(v -> event(new StepEvent(1000 + s, s, Map.of("reward/mean", v)))));
        Arbitrary<Line> group = text.flatMap(t -> Arbitraries.integers().between(0, 50).map(s -> event(
                new GroupEvent(7, s, "p" + t, 1, "42", GroupEvent.ROLLOUT,
                        List.of(new Trajectory("a", t + "\u00e9\u4e2d\ud83d\ude00", 5, 1, t, -1.5))))));
        Arbitrary<Line> corrupt = text.map(t -> new Line("{\"type\":\"step\",\"t\":1,\"step\":" + t.replace("\n", "")
                .replace("\r", "") + "x", null));
        Arbitrary<Line> unknown = Arbitraries.of("gpu", "memory").map(t -> new Line("{\"type\":\"" + t + "\",\"t\":1}", null));
        Arbitrary<Line> blank = Arbitraries.just(new Line("   ", null));
        return Arbitraries.frequencyOf(weighted(6, step), weighted(4, group), weighted(1, corrupt), weighted(1, unknown),
                weighted(1, blank)).list().ofMaxSize(40).map(EventTailPropertyTest::repeatsAreDuplicates);
    }

    /** These lines carry no seq (contract 1): an exact repeat of the previous line is a duplicate, skipped. */
    private static List<Line> repeatsAreDuplicates(List<Line> lines) {
        List<Line> out = new ArrayList<>();
        String previous = null;
        for (Line l : lines) {
            if (l.text().isBlank()) {
                out.add(l);
                continue;
            }
            out.add(l.text().equals(previous) ? new Line(l.text(), null) : l);
            previous = l.text();
        }
        return out;
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Line>> weighted(int w, Arbitrary<Line> a) {
        return net.jqwik.api.Tuple.of(w, a);
    }

    private static Line event(RunEvent e) {
        try {
            return new Line(RunJson.MAPPER.writeValueAsString(e), e);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record Read(List<LoggedEvent> events, List<ReadWarning> warnings) {
    }

    private static void drain(EventTail tail, int maxBytes, Read into) throws IOException {
        Batch b;
        do {
            b = tail.poll(maxBytes);
            if (b.reset()) {
                into.events().clear();
                into.warnings().clear();
            }
            into.events().addAll(b.events());
            into.warnings().addAll(b.warnings());
        } while (!b.caughtUp());
    }

    @Property(tries = 60)
    void aGrowingLogReadsLikeTheFinishedOne(@ForAll("logs") List<Line> lines, @ForAll @IntRange(min = 1, max = 300) int chunk,
            @ForAll @IntRange(min = 1, max = 400) int maxBytes, @ForAll long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Line l : lines) {
            bytes.writeBytes((l.text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Path dir = Files.createTempDirectory("tail-prop");
        try {
            Path whole = Files.write(dir.resolve("whole.jsonl"), all);
            Read reference = new Read(new ArrayList<>(), new ArrayList<>());
            try (EventTail tail = new EventTail(whole)) {
                drain(tail, EventTail.DEFAULT_MAX_BYTES, reference);
            }
            List<RunEvent> expected = lines.stream().map(Line::expected).filter(e -> e != null).toList();
            assertEquals(expected, reference.events().stream().map(LoggedEvent::event).toList());
            for (LoggedEvent e : reference.events()) {
                assertEquals(lines.get((int) e.line() - 1).expected(), e.event(), "line number of " + e);
            }

            Path growing = dir.resolve("growing.jsonl");
            Files.write(growing, new byte[0]);
            Read live = new Read(new ArrayList<>(), new ArrayList<>());
            Random rnd = new Random(seed);
            try (EventTail tail = new EventTail(growing)) {
                int written = 0;
                while (written < all.length) {
                    int n = Math.min(all.length - written, 1 + rnd.nextInt(chunk));
                    Files.write(growing, java.util.Arrays.copyOfRange(all, written, written + n), StandardOpenOption.APPEND);
                    written += n;
                    drain(tail, maxBytes, live);
                }
                drain(tail, maxBytes, live);
            }
            assertEquals(reference.events(), live.events());
            assertEquals(reference.warnings().stream().map(w -> w.line() + ": " + w.message()).toList(),
                    live.warnings().stream().map(w -> w.line() + ": " + w.message()).toList());
            assertTrue(live.warnings().stream().allMatch(w -> lines.get((int) w.line() - 1).expected() == null));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A line longer than the tail's 1 MiB window makes it grow the window, not split the line. */
    @Property(tries = 1)
    void aLineLongerThanTheWindowIsReadWhole() throws IOException {
        Path dir = Files.createTempDirectory("tail-long");
        try {
            String big = "x".repeat(3 << 20);
            Line l = event(new GroupEvent(7, 1, "p", 1, "42", GroupEvent.ROLLOUT,
                    List.of(new Trajectory("a", big, 5, 1, "1", -1.5))));
            Line s = event(new StepEvent(8, 1, Map.of()));
            Path f = Files.writeString(dir.resolve("e.jsonl"), l.text() + "\n" + s.text() + "\n");
            Read r = new Read(new ArrayList<>(), new ArrayList<>());
            try (EventTail tail = new EventTail(f)) {
                drain(tail, 1024, r);
            }
            assertEquals(List.of(l.expected(), s.expected()), r.events().stream().map(LoggedEvent::event).toList());
            assertEquals(2, r.events().get(1).line());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
