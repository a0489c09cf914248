package org.rmel.figures.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.figures.CharLevelRuns;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.TruncationMark;

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

    @Test
    void annotationPutsCutLcpMarksAndBifurcationAtCharacterOffsets() {
        RevisionCatalog c = RevisionCatalog.read(CharLevelRuns.write(tmp.resolve("run")));
        RevisionRecord r = c.attempts().get(c.attempts().size() - 1); // step 3, accepted at τ = 0.5
        AnnotatedRevision a = r.annotate(c.schedule(), "ok");
        assertEquals(30, a.cutChar());
        assertEquals(49, a.lcpChars(), "'…Step 2: ' + '42 * 3 = 126. Step ' is shared");
        assertEquals(49, a.bifurcationChar(), "the meta-experience's bifurcation token, mapped 1:1 for a char tokenizer");
        assertEquals(3, a.marks().size(), "τ = 0.7 appears twice in the schedule but is marked once");
        assertEquals(TruncationMark.Outcome.REJECTED, a.marks().get(0).outcome());
        assertEquals(42, a.marks().get(0).charOffset());
        assertEquals(TruncationMark.Outcome.ACCEPTED, a.marks().get(1).outcome());
        assertEquals(TruncationMark.Outcome.NOT_TRIED, a.marks().get(2).outcome());
        assertEquals(18, a.marks().get(2).charOffset());
        assertTrue(a.revisionText().startsWith(CharLevelRuns.SEED.substring(0, 30) + "42 * 3 = 126. Step three"));
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
