package org.rmel.figures.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.figures.CharLevelRuns;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.RevisionTokens;
import org.rmel.figures.data.TruncationMark;
import org.rmel.run.GroupEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.TokenOffsets;
import org.rmel.run.Trajectory;
import org.rmel.testsupport.RunScript;

class RevisionCatalogTest {
    @TempDir
    Path tmp;

    @Test
    void everyAttemptIsListedWithItsSeedGoldBucketAndMeta() {
        RevisionCatalog c = RevisionCatalog.read(CharLevelRuns.write(tmp.resolve("run")));
        assertEquals(1 + 4 + 2, c.attempts().size());
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), c.schedule());
        assertEquals(0.3, c.tauMin());
        RevisionRecord first = c.attempts().get(0);
        assertEquals(CharLevelRuns.SEED, first.seedText());
        assertEquals("117", first.gold());
        assertEquals("1/1", first.bucket());
        assertTrue(first.accepted());
        assertNotNull(first.meta());
        RevisionRecord rejected = c.attempts().get(1);
        assertFalse(rejected.accepted());
        assertNull(rejected.meta(), "only the accepted attempt carries the pair's meta-experience");
        assertEquals(5, c.pairs().size(), "a natural pair per step and a pair per accepted revision");
    }

    /** Today's runs place from recorded offsets, older built-in runs one token per character: both exact. */
    @ParameterizedTest
    @EnumSource(CharLevelRuns.Format.class)
    void annotationPutsCutLcpMarksAndBifurcationAtCharacterOffsets(CharLevelRuns.Format format) {
        RevisionCatalog c = RevisionCatalog.read(CharLevelRuns.write(tmp.resolve("run"), format));
        RevisionRecord r = c.attempts().get(c.attempts().size() - 1); // step 3, accepted at τ = 0.5
        AnnotatedRevision a = r.annotate(c.schedule(), "ok");
        assertTrue(a.exactPositions());
        assertEquals(format == CharLevelRuns.Format.CURRENT ? SeedPositions.Source.RECORDED : SeedPositions.Source.CHARACTERS,
                r.positions().source());
        assertEquals(new RevisionTokens(61, 30, 49, 40), a.tokens(), "the 60-character seed has 61 tokens (end of sequence)");
        assertEquals(format == CharLevelRuns.Format.CURRENT ? CharLevelRuns.PROBLEM + " (q3)" : "", a.problem());
        assertEquals(30, a.cutChar());
        assertEquals(49, a.lcpChars(), "'…Step 2: ' + '42 * 3 = 126. Step ' is shared");
        assertEquals(49, a.bifurcationChar(), "the meta-experience's bifurcation token, mapped 1:1 for a char tokenizer");
        assertEquals(3, a.marks().size(), "τ = 0.7 appears twice in the schedule but is marked once");
        assertEquals(TruncationMark.Outcome.REJECTED, a.marks().get(0).outcome());
        assertEquals(42, a.marks().get(0).charOffset());
        assertEquals(TruncationMark.Outcome.ACCEPTED, a.marks().get(1).outcome());
        assertEquals(TruncationMark.Outcome.NOT_TRIED, a.marks().get(2).outcome());
        assertEquals(18, a.marks().get(2).charOffset());
        assertEquals(CharLevelRuns.SEED.substring(0, 30) + "42 * 3 = 126. Step three: 126 - 9 = 117", a.revisionText());
    }

    @ParameterizedTest
    @EnumSource(CharLevelRuns.Format.class)
    void everyAttemptIsExactlyItsKeptPrefixAndContinuation(CharLevelRuns.Format format) {
        RevisionCatalog c = RevisionCatalog.read(CharLevelRuns.write(tmp.resolve("run"), format));
        for (RevisionRecord r : c.attempts()) {
            AnnotatedRevision a = r.annotate(c.schedule(), "");
            assertEquals(r.attempt().cut(), a.cutChar(), r.label());
            assertEquals(CharLevelRuns.SEED.substring(0, r.attempt().cut()) + r.attempt().continuation(), a.revisionText());
            assertEquals(r.attempt().lcp(), a.lcpEnd(), r.label());
        }
    }

    /**
     * The reported case (issue 15): a built-in run without offsets, seed of 21 characters + end of
     * sequence = 22 tokens, cut at 15; proportional placement read "Answr: 8".
     */
    @Test
    void anOldBuiltInRunIsPlacedOneTokenPerCharacterNotProportionally() {
        Path dir = tmp.resolve("old");
        String seed = "0+3+2\n4+3\nAnswer: 12\n";
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 8, 4, 0.3, 1).with("model", "builtin:tiny"))) {
            s.writer().append(new GroupEvent(0, 1, "train-25", 1, "8", GroupEvent.ROLLOUT,
                    List.of(new Trajectory("r0", seed, 22, 0, "12", -8.4))));
            s.writer().append(new RevisionEvent(0, 1, "train-25", "r0", 22, -8.4,
                    List.of(new RevisionAttempt(0.7, 15, "r: 8\n", 6, "8", true, 18, 18 / 22.0, true)), 0));
            s.finish();
        }
        RevisionCatalog c = RevisionCatalog.read(dir);
        AnnotatedRevision a = c.attempts().get(0).annotate(c.schedule(), "");
        assertTrue(a.exactPositions());
        assertEquals(15, a.cutChar());
        assertEquals("0+3+2\n4+3\nAnswer: 8\n", a.revisionText());
        assertEquals(18, a.lcpEnd(), "'0+3+2\\n4+3\\nAnswer: ' is shared");
        assertEquals(List.of(15, 11, 6), a.marks().stream().map(TruncationMark::charOffset).toList(),
                "τ 0.7, 0.5, 0.3 at ⌊τ·22⌋");
    }

    /**
     * A primed attempt (the prefix shown in the prompt, the whole response logged as the
     * continuation): the revision is that response, not prefix + response; the seed still shows
     * which prefix the policy was given.
     */
    @Test
    void aPrimedRevisionIsTheWholeResponseAndTheSeedShowsThePrefixGiven() {
        Path dir = tmp.resolve("primed");
        String seed = "4+5\n9+1\nAnswer: 11\n"; // 19 characters + end of sequence
        int[] offsets = new int[21];
        for (int i = 0; i <= 19; i++) {
            offsets[i] = i;
        }
        offsets[20] = 19;
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 8, 4, 0.3, 1).with("model", "builtin:tiny"))) {
            s.writer().append(new GroupEvent(0, 1, "p", 1, "10", GroupEvent.ROLLOUT,
                    List.of(new Trajectory("r0", seed, 20, 0, "11", -8)), "4+5+1"));
            s.writer().append(new RevisionEvent(0, 1, "p", "r0", 20, -8.0,
                    List.of(new RevisionAttempt(0.5, 10, "4+5\n9+1\nAnswer: 10\n", 20, "10", true, 17, 17 / 20.0, true)), 0,
                    TokenOffsets.of(offsets), RevisionEvent.PRIMED));
            s.finish();
        }
        RevisionCatalog c = RevisionCatalog.read(dir);
        AnnotatedRevision a = c.attempts().get(0).annotate(c.schedule(), "");
        assertTrue(a.primed());
        assertEquals("4+5\n9+1\nAnswer: 10\n", a.revisionText(), "the whole response, not the prefix twice");
        assertEquals(10, a.cutChar(), "the prefix the policy was shown: 10 tokens = 10 characters");
        assertEquals(0, a.keptInRevision());
        assertEquals(17, a.lcpEnd());
        List<org.rmel.figures.data.TextSpan> seedSpans = org.rmel.figures.data.TrajectorySpans.seed(a);
        assertTrue(org.rmel.figures.data.TrajectorySpans.rolesAt(seedSpans, 9).contains("kept"));
        assertTrue(org.rmel.figures.data.TrajectorySpans.rolesAt(seedSpans, 10).contains("cut"));
        List<org.rmel.figures.data.TextSpan> revSpans = org.rmel.figures.data.TrajectorySpans.revision(a);
        assertTrue(org.rmel.figures.data.TrajectorySpans.rolesAt(revSpans, 0).contains("continuation"), "all of it is new");
        assertFalse(org.rmel.figures.data.TrajectorySpans.rolesAt(revSpans, 10).contains("tau-marker"));
    }

    /** A run of another tokenizer from before the offsets: still opens, with the estimate said out loud. */
    @Test
    void anOldRunOfAnotherTokenizerIsEstimatedAndSaysSo() {
        Path dir = tmp.resolve("hf");
        String seed = "We have x = 3, so the answer is 4.";
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 8, 4, 0.3, 1).with("model", "/models/qwen"))) {
            s.writer().append(new GroupEvent(0, 1, "p", 1, "3", GroupEvent.ROLLOUT, List.of(new Trajectory("r0", seed, 12, 0, "4", -8))));
            s.writer().append(new RevisionEvent(0, 1, "p", "r0", 12, -8.0,
                    List.of(new RevisionAttempt(0.5, 6, " answer is 3.", 4, "3", true, 6, 0.5, true)), 0));
            s.finish();
        }
        RevisionCatalog c = RevisionCatalog.read(dir);
        RevisionRecord r = c.attempts().get(0);
        AnnotatedRevision a = r.annotate(c.schedule(), "");
        assertFalse(a.exactPositions());
        assertEquals(SeedPositions.Source.ESTIMATED, r.positions().source());
        assertTrue(a.positions().startsWith("estimated"), a.positions());
        assertEquals(17, a.cutChar(), "6 of 12 tokens spread over 34 characters");
    }

    /**
     * Recorded byte offsets place positions exactly in a text with multi-byte characters, a
     * boundary inside a character falling before it; the revision is kept characters + continuation.
     */
    @Test
    void recordedByteOffsetsPlaceEveryPositionInMultiByteText() {
        Path dir = tmp.resolve("bytes");
        String seed = "x² − 4 = 0 ⇒ x = 3"; // ² 2 bytes, − and ⇒ 3 bytes each
        // Tokens: "x", "²" (2 bytes), " −" (4), " 4", " =", " 0", " " + first byte of ⇒, last 2 bytes of ⇒, " x", " =", " 3", eos.
        int[] offsets = {0, 1, 3, 7, 9, 11, 13, 15, 17, 19, 21, 23, 23};
        assertEquals(23, TokenOffsets.utf8Length(seed));
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 8, 4, 0.3, 1).with("model", "/models/bpe"))) {
            s.writer().append(new GroupEvent(0, 1, "p", 1, "2", GroupEvent.ROLLOUT,
                    List.of(new Trajectory("r0", seed, 12, 0, "3", -8)), "Solve x² − 4 = 0 for x > 0."));
            // τ = 0.5 keeps 6 tokens = 13 bytes = "x² − 4 = 0", then continues.
            s.writer().append(new RevisionEvent(0, 1, "p", "r0", 12, -8.0,
                    List.of(new RevisionAttempt(0.5, 6, " ⇒ x = 2", 5, "2", true, 7, 7 / 12.0, true, 13)), 0,
                    TokenOffsets.of(offsets)));
            s.finish();
        }
        RevisionCatalog c = RevisionCatalog.read(dir);
        RevisionRecord r = c.attempts().get(0);
        AnnotatedRevision a = r.annotate(List.of(0.7, 0.5, 0.3), "");
        assertTrue(a.exactPositions());
        assertEquals("Solve x² − 4 = 0 for x > 0.", a.problem());
        assertEquals("x² − 4 = 0", a.revisionText().substring(0, a.cutChar()));
        assertEquals("x² − 4 = 0 ⇒ x = 2", a.revisionText());
        assertEquals(11, a.lcpEnd(), "7 shared tokens end inside ⇒: the shading stops before it");
        // τ = 0.7 → 8 tokens = 17 bytes (after ⇒); τ = 0.3 → 3 tokens = 7 bytes (after " −").
        assertEquals(List.of(12, 10, 4), a.marks().stream().map(TruncationMark::charOffset).toList());
        assertTrue(new RevisionFilter(RevisionFilter.Status.ALL, null, 0, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, null,
                "for X > 0").test(r), "the search box finds the problem text");
    }

    @Test
    void filtersNarrowTheAttempts() {
        RevisionCatalog c = RevisionCatalog.read(CharLevelRuns.write(tmp.resolve("run")));
        assertEquals(7, c.attempts().stream().filter(RevisionFilter.ALL).count());
        assertEquals(2, c.attempts().stream().filter(RevisionFilter.ALL.withStatus(RevisionFilter.Status.ACCEPTED)).count());
        assertEquals(5, c.attempts().stream().filter(RevisionFilter.ALL.withStatus(RevisionFilter.Status.REJECTED)).count());
        assertEquals(4, c.attempts().stream().filter(RevisionFilter.ALL.withTau(0.7)).count());
        assertEquals(4, c.attempts().stream().filter(RevisionFilter.ALL.withSteps(2, 2)).count());
        assertEquals(3, c.attempts().stream().filter(RevisionFilter.ALL.withLcp(0.95, 1.0)).count());
        assertEquals(2, c.attempts().stream().filter(RevisionFilter.ALL.withLcp(0.0, 0.75)).count());
        assertEquals(1, c.attempts().stream().filter(RevisionFilter.ALL.withText("step THREE")).count());
        assertEquals(0, c.attempts().stream().filter(RevisionFilter.ALL.withBucket("0/1")).count());
    }
}
