package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.RunScript;

/** The token-offset and prompt fields of the run contract: written, read back, optional for older runs. */
class TokenOffsetsTest {
    @TempDir
    Path tmp;

    @Test
    void byteOffsetsBecomeCharacterIndicesRoundingDownInsideACharacter() {
        String text = "aé€😀b"; // 1 + 2 + 3 + 4 + 1 bytes; 😀 is two Java chars
        assertEquals(11, TokenOffsets.utf8Length(text));
        assertEquals(0, TokenOffsets.charIndex(text, 0));
        assertEquals(1, TokenOffsets.charIndex(text, 1));
        assertEquals(1, TokenOffsets.charIndex(text, 2), "inside é: before it");
        assertEquals(2, TokenOffsets.charIndex(text, 3));
        assertEquals(2, TokenOffsets.charIndex(text, 5), "inside €");
        assertEquals(3, TokenOffsets.charIndex(text, 6));
        assertEquals(3, TokenOffsets.charIndex(text, 9), "inside the emoji");
        assertEquals(5, TokenOffsets.charIndex(text, 10));
        assertEquals(6, TokenOffsets.charIndex(text, 11));
        assertEquals(6, TokenOffsets.charIndex(text, 99));
        TokenOffsets o = TokenOffsets.of(new int[] {0, 2, 5, 9, 10, 11, 11});
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6, 6}, o.charIndices(text));
        assertTrue(o.fits(6, text));
        assertFalse(o.fits(5, text));
        assertFalse(o.fits(6, text + "x"));
    }

    /** The documented example of docs/run-format.md is consistent: offsets fit its seed, kept text + continuation. */
    @Test
    void theDocumentedOffsetExampleIsReal() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir"), "docs", "run-format.md");
        String line = Files.readAllLines(doc).stream().filter(l -> l.startsWith("{\"v\":1,\"type\":\"revision\""))
                .findFirst().orElseThrow();
        RevisionEvent e = (RevisionEvent) RunJson.MAPPER.readValue(line, RunEvent.class);
        String seed = "x² = 5\n";
        assertTrue(e.seedOffsets().fits(e.seedTokens(), seed));
        RevisionAttempt a = e.attempts().get(0);
        assertEquals(e.seedOffsets().at(a.cut()), a.prefixBytes());
        assertEquals("x² = 4\n", seed.substring(0, TokenOffsets.charIndex(seed, a.prefixBytes())) + a.continuation());
    }

    @Test
    void malformedOffsetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenOffsets.of(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> TokenOffsets.of(new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> TokenOffsets.of(new int[] {0, 3, 2}));
    }

    @Test
    void newFieldsRoundTripAndOldEventsStillRead() throws Exception {
        Path dir = tmp.resolve("run");
        TokenOffsets offsets = TokenOffsets.of(new int[] {0, 2, 4, 4});
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 2, 1, 0.3, 1))) {
            List<Trajectory> ts = List.of(new Trajectory("t0", "abcd", 3, 0, "d", -1));
            s.writer().append(new GroupEvent(0, 1, "q1", 1, "e", GroupEvent.ROLLOUT, ts, "What is e?"));
            s.writer().append(new GroupEvent(0, 1, "q2", 1, "e", GroupEvent.ROLLOUT, ts));
            RevisionAttempt a = new RevisionAttempt(0.7, 2, "cx", 2, "x", false, 2, 0.67, false, 2);
            s.writer().append(new RevisionEvent(0, 1, "q1", "t0", 3, -1.0, List.of(a), null, offsets));
            s.writer().append(new RevisionEvent(0, 1, "q2", "t0", 3, -1.0,
                    List.of(new RevisionAttempt(0.7, 2, "cx", 2, "x", false, 2, 0.67, false)), null));
            s.finish();
        }
        List<String> lines = Files.readAllLines(dir.resolve(RunFiles.EVENTS));
        assertTrue(lines.get(1).contains("\"prompt\":\"What is e?\""), lines.get(1));
        assertFalse(lines.get(2).contains("\"prompt\""), "no null field for a group without its problem text");
        assertTrue(lines.get(3).contains("\"seed_offsets\":[0,2,4,4]"), lines.get(3));
        assertTrue(lines.get(3).contains("\"prefix_bytes\":2"), lines.get(3));
        assertFalse(lines.get(4).contains("seed_offsets") || lines.get(4).contains("prefix_bytes"), lines.get(4));

        List<RunEvent> read = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(RunLogTest.sink(read));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        List<GroupEvent> groups = read.stream().filter(GroupEvent.class::isInstance).map(GroupEvent.class::cast).toList();
        assertEquals("What is e?", groups.get(0).prompt());
        assertNull(groups.get(1).prompt());
        List<RevisionEvent> revs = read.stream().filter(RevisionEvent.class::isInstance).map(RevisionEvent.class::cast).toList();
        assertEquals(offsets, revs.get(0).seedOffsets());
        assertEquals(2, revs.get(0).attempts().get(0).prefixBytes());
        assertNull(revs.get(1).seedOffsets());
        assertNull(revs.get(1).attempts().get(0).prefixBytes());
    }

    @Test
    void aLineWithBrokenOffsetsIsReportedAndReadingGoesOn() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 2, 1, 0.3, 1))) {
            s.finish();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(RunFiles.EVENTS)));
        lines.add(1, "{\"type\":\"revision\",\"v\":1,\"t\":1,\"step\":1,\"prompt_id\":\"q\",\"seed_tokens\":2,"
                + "\"attempts\":[],\"accepted\":null,\"seed_offsets\":[0,5,3]}");
        Files.write(dir.resolve(RunFiles.EVENTS), lines);
        List<RunEvent> read = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(RunLogTest.sink(read));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).toString().contains("line 2"), r.warnings().toString());
    }
}
