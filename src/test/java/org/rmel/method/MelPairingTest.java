package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.method.Fixtures.continuation;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;
import static org.rmel.method.Fixtures.range;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MelPairingTest {
    /** Token 0 ends a step. */
    private static final StepSegmenter STEPS = new StepSegmenter(Set.of(0));
    private static final MelPairing PAIRING = new MelPairing(STEPS, MelPairing.NO_CAP);

    @Test
    void segmenterCountsDelimitersBeforeTheToken() {
        int[] tokens = {5, 6, 0, 7, 0, 8, 9};
        assertEquals(0, STEPS.stepOf(tokens, 0));
        assertEquals(0, STEPS.stepOf(tokens, 2), "the delimiter belongs to the step it ends");
        assertEquals(1, STEPS.stepOf(tokens, 3));
        assertEquals(2, STEPS.stepOf(tokens, 5));
        assertEquals(2, STEPS.stepOf(tokens, 7), "the end position is allowed");
        assertEquals(3, STEPS.stepCount(tokens));
        assertEquals(2, STEPS.stepCount(new int[] {1, 0, 2, 0}));
        assertEquals(0, STEPS.stepCount(new int[0]));
        assertEquals(1, new StepSegmenter(Set.of()).stepCount(tokens));
        assertThrows(IllegalArgumentException.class, () -> STEPS.stepOf(tokens, 8));
    }

    @Test
    void pairsEachNegativeWithTheClosestPositive() {
        Group g = group("p",
                pass("far", 5, 9, 9),
                fail("n1", 5, 6, 0, 7, 1),
                pass("near", 5, 6, 0, 7, 2),
                fail("n2", 5, 9, 3));
        List<ContrastivePair> pairs = PAIRING.naturalPairs(g);
        assertEquals(2, pairs.size());
        ContrastivePair first = pairs.get(0);
        assertEquals("near", first.positive().id());
        assertEquals("n1", first.negative().id());
        assertEquals(4, first.bifurcationToken());
        assertEquals(1, first.bifurcationStep(), "token 4 is in the second step, after the delimiter at 2");
        assertEquals(PairSource.NATURAL, first.source());
        assertEquals("far", pairs.get(1).positive().id());
        assertEquals(2, pairs.get(1).bifurcationToken());
        assertEquals(0, pairs.get(1).bifurcationStep());
    }

    @Test
    void tiesGoToTheEarliestPositiveAndTheCapKeepsTheFirstNegatives() {
        Group g = group("p", fail("n1", 1, 2), pass("a", 1, 3), pass("b", 1, 4), fail("n2", 1, 5), fail("n3", 1, 6));
        assertEquals(List.of("a", "a", "a"), PAIRING.naturalPairs(g).stream().map(q -> q.positive().id()).toList());
        List<ContrastivePair> capped = new MelPairing(STEPS, 2).naturalPairs(g);
        assertEquals(List.of("n1", "n2"), capped.stream().map(q -> q.negative().id()).toList());
        assertThrows(IllegalArgumentException.class, () -> new MelPairing(STEPS, 0));
    }

    @Test
    void prefixSequencesBifurcateAtTheShorterLength() {
        Group g = group("p", pass("long", 1, 0, 2, 3), fail("short", 1, 0));
        ContrastivePair pair = PAIRING.naturalPairs(g).get(0);
        assertEquals(2, pair.bifurcationToken());
        assertEquals(1, pair.bifurcationStep());
    }

    @Test
    void groupsWithoutBothKindsGiveNoNaturalPairs() {
        assertTrue(PAIRING.naturalPairs(group("p", fail("a", 1), fail("b", 2))).isEmpty());
        assertTrue(PAIRING.naturalPairs(group("p", pass("a", 1), pass("b", 2))).isEmpty());
    }

    @Test
    void aRescuedGroupGivesTheRevisionAndItsSeedAsOnePair() {
        int[] seedTokens = {3, 4, 0, 5, 6, 0, 7, 8, 9, 1};
        Group g = group("p9", fail("other", 3, 4), fail("seed", seedTokens));
        // tau 0.7 keeps 7 tokens; the continuation diverges at once: bifurcation token 7, step 2
        RevisionResult r = new RevisionSearch(0.3).search(g, new RevisionSchedule(List.of(0.7)),
                q -> continuation(true, 42, 43));
        ContrastivePair pair = PAIRING.revisionPair(r).orElseThrow();
        assertEquals(PairSource.REVISION, pair.source());
        assertEquals("p9", pair.promptId());
        assertEquals("seed", pair.negative().id());
        assertEquals("seed~rev0", pair.positive().id());
        assertEquals(7, pair.bifurcationToken());
        assertEquals(2, pair.bifurcationStep());

        RevisionResult failed = new RevisionSearch(0.3).search(g, new RevisionSchedule(List.of(0.7)),
                q -> continuation(false, 42));
        assertTrue(PAIRING.revisionPair(failed).isEmpty());
    }

    @Test
    void pairsNeedAPositiveAndANegative() {
        assertThrows(IllegalArgumentException.class,
                () -> ContrastivePair.of("p", PairSource.NATURAL, fail("a", 1), fail("b", 1), STEPS));
    }

    @Test
    void metaExperienceCarriesThePairAndTheReplayVerdict() {
        ContrastivePair pair = ContrastivePair.of("p", PairSource.NATURAL, pass("y+", 1, 0, 2), fail("y-", 1, 0, 3), STEPS);
        MetaExperience m = MetaExperience.of(pair, "step 2 added wrong", "check sums", "42", true);
        assertEquals(new MetaExperience("p", PairSource.NATURAL, "y+", "y-", 2, 1, "step 2 added wrong",
                "check sums", "42", true), m);
        assertEquals(PairSource.REVISION, PairSource.fromWireName("revision"));
        assertEquals("natural", PairSource.NATURAL.wireName());
        assertThrows(IllegalArgumentException.class, () -> PairSource.fromWireName("other"));
    }

    @Test
    void keepTallyCountsOverallAndPerSource() {
        KeepTally tally = new KeepTally();
        assertTrue(tally.pKeep().isEmpty(), "no p_keep before any validation");
        tally.add(PairSource.NATURAL, true);
        tally.add(PairSource.NATURAL, false);
        tally.add(PairSource.NATURAL, false);
        tally.add(PairSource.NATURAL, false);
        tally.add(new MetaExperience("p", PairSource.REVISION, "a", "b", 0, 0, "", "", "", true));
        assertEquals(5, tally.validated());
        assertEquals(2, tally.kept());
        assertEquals(0.4, tally.pKeep().getAsDouble(), 1e-12);
        assertEquals(0.25, tally.pKeep(PairSource.NATURAL).getAsDouble(), 1e-12);
        assertEquals(1.0, tally.pKeep(PairSource.REVISION).getAsDouble(), 1e-12);
        assertEquals(1, tally.validated(PairSource.REVISION));
    }
}
