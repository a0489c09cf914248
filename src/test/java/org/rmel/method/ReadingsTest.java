package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.method.Fixtures.continuation;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.range;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The readings of the paper the method core offers: LCP rule, revision mode, w/o prefix, extra matching. */
class ReadingsTest {
    private static final RevisionSchedule B4 = RevisionSchedule.of(RevisionSchedule.DEFAULT_TAUS, 4);

    /** Tokens 100, 101, ...: shares no prefix with {@link Fixtures#range}. */
    private static int[] other(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 100 + i;
        }
        return t;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void perAttemptRuleUsesTheAttemptsOwnTau() {
        RevisionAcceptance perAttempt = new RevisionAcceptance(LcpRule.PER_ATTEMPT, 0.3, true);
        // seed of 10 tokens: at tau 0.7 an LCP of 5 is too short under the per-attempt rule, enough under fixed 0.3
        assertFalse(perAttempt.accepts(true, 5, 10, 0.7));
        assertTrue(perAttempt.accepts(true, 7, 10, 0.7));
        assertTrue(perAttempt.accepts(true, 5, 10, 0.5));
        RevisionAcceptance fixed = new RevisionAcceptance(LcpRule.FIXED, 0.3, true);
        assertTrue(fixed.accepts(true, 5, 10, 0.7));
        assertFalse(fixed.accepts(true, 2, 10, 0.7));
        assertTrue(RevisionAcceptance.off().accepts(true, 0, 10, 0.7), "no filter accepts any verified revision");
        assertFalse(RevisionAcceptance.off().accepts(false, 10, 10, 0.7), "but never an unverified one");
        assertEquals(0.7, perAttempt.threshold(0.7));
        assertEquals(0.3, fixed.threshold(0.7));
        assertEquals(0.0, RevisionAcceptance.off().threshold(0.7));
    }

    @Test
    void primedRevisionIsTheWholeResponseAndCanDepartFromThePrefix() {
        Group g = group("p", fail("seed", range(10)));
        RevisionSearch search = new RevisionSearch(new RevisionAcceptance(0.3), RevisionMode.PRIMED);
        List<ContinuationRequest> seen = new ArrayList<>();
        // attempt 1 (tau 0.7, cut 7): the policy rewrites 2 seed tokens, then departs: LCP 2 < 3, rejected
        // attempt 2 (tau 0.5, cut 5): rewrites 4 seed tokens, then departs: LCP 4 >= 3, accepted
        List<ContinuationResult> script = new ArrayList<>(List.of(
                continuation(true, concat(range(2), other(6))), continuation(true, concat(range(4), other(3)))));
        RevisionResult r = search.search(g, B4, req -> {
            seen.add(req);
            return script.remove(0);
        });
        assertEquals(2, r.attempts().size());
        assertTrue(seen.stream().allMatch(ContinuationRequest::primed), "the policy is asked for primed responses");
        assertArrayEquals(range(7), seen.get(0).prefix(), "the prefix still travels with the request");
        RevisionAttempt first = r.attempts().get(0);
        assertEquals(RevisionMode.PRIMED, first.mode());
        assertEquals(2, first.lcp(), "LCP below the cut: the primed policy departed from the prefix");
        assertTrue(first.verified());
        assertFalse(first.accepted(), "verified but rejected by the LCP filter");
        assertArrayEquals(concat(range(2), other(6)), first.revisedTokens(), "the revision is the response, not prefix + response");
        assertArrayEquals(first.revisedTokens(), first.continuationTokens(), "every token of a primed response is generated");
        assertTrue(r.attempts().get(1).accepted());
        assertArrayEquals(concat(range(4), other(3)), r.revisedTrajectory().orElseThrow().tokens());
    }

    @Test
    void forcedRevisionKeepsThePrefixSoTheFixedFilterCannotRejectAboveTauMin() {
        Group g = group("p", fail("seed", range(10)));
        RevisionResult r = new RevisionSearch(new RevisionAcceptance(0.3), RevisionMode.FORCED)
                .search(g, B4, req -> continuation(true, other(3)));
        RevisionAttempt a = r.attempts().get(0);
        assertEquals(RevisionMode.FORCED, a.mode());
        assertEquals(7, a.lcp(), "forced: LCP = the cut when the continuation departs at once");
        assertTrue(a.accepted());
        assertArrayEquals(other(3), a.continuationTokens());
    }

    @Test
    void perAttemptRuleRejectsAForcedRevisionOnlyByTheFloorEdge() {
        // n = 11, tau 0.7: cut 7 (7.7 floored); the per-attempt rule needs LCP >= 7.7, so a continuation
        // that departs at once (LCP 7) is rejected, one that first reproduces the seed's 8th token passes
        Group g = group("p", fail("seed", range(11)));
        RevisionSearch search = new RevisionSearch(new RevisionAcceptance(LcpRule.PER_ATTEMPT, 0.3, true),
                RevisionMode.FORCED);
        RevisionSchedule once = new RevisionSchedule(List.of(0.7));
        assertFalse(search.search(g, once, req -> continuation(true, other(2))).rescued());
        assertTrue(search.search(g, once, req -> continuation(true, 7, 100)).rescued());
    }

    @Test
    void anEmptyPrefixIsAFreshRolloutInEitherMode() {
        Group g = group("p", fail("seed", range(10)));
        RevisionResult r = new RevisionSearch(RevisionAcceptance.off(), RevisionMode.PRIMED)
                .search(g, new RevisionSchedule(List.of(0.0)), req -> {
                    assertFalse(req.primed(), "no prefix to prime with");
                    assertEquals(0, req.cut());
                    return continuation(true, other(4));
                });
        assertTrue(r.rescued());
        assertEquals(0, r.attempts().get(0).lcp());
    }

    @Test
    void settingsCarryTheReadingsAndTheirDefaults() {
        MethodSettings rmel = MethodSettings.defaults(Condition.R_MEL);
        assertEquals(LcpRule.FIXED, rmel.lcpRule());
        assertEquals(RevisionMode.PRIMED, rmel.revisionMode());
        assertFalse(rmel.revisionInGrpo());
        assertEquals(NoPrefixReading.NO_FILTER, rmel.noPrefixReading());
        assertEquals(ExtraMatch.TOKENS, rmel.extraMatch());
        assertEquals(new RevisionAcceptance(LcpRule.FIXED, 0.3, true), rmel.acceptance());
        assertEquals(RevisionMode.PRIMED, rmel.revisionSearch().mode());

        MethodSettings perAttempt = rmel.withReadings(LcpRule.PER_ATTEMPT, RevisionMode.FORCED, true,
                NoPrefixReading.NO_FILTER, ExtraMatch.CALLS);
        assertEquals(0.7, perAttempt.acceptance().threshold(0.7));
        assertTrue(perAttempt.revisionInGrpo());
    }

    @Test
    void withoutPrefixReadings() {
        MethodSettings noPrefix = MethodSettings.resolve(Condition.R_MEL_NO_PREFIX, RevisionSchedule.DEFAULT_TAUS,
                OptionalInt.empty(), OptionalDouble.empty());
        assertFalse(noPrefix.acceptance().filter(), "no_filter: the LCP filter is off");
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), noPrefix.revisionSchedule().taus(), "the truncation schedule is kept");
        MethodSettings perAttempt = noPrefix.withReadings(LcpRule.PER_ATTEMPT, RevisionMode.PRIMED, false,
                NoPrefixReading.NO_FILTER, ExtraMatch.TOKENS);
        assertFalse(perAttempt.acceptance().filter(), "w/o prefix switches the filter off under either rule");

        MethodSettings fresh = noPrefix.withReadings(LcpRule.FIXED, RevisionMode.PRIMED, false,
                NoPrefixReading.FRESH_ROLLOUT, ExtraMatch.TOKENS);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), fresh.revisionSchedule().taus(), "truncation at 0: B fresh rollouts");
        assertEquals(List.of(0.0), fresh.attemptTaus());
        MethodSettings rmelFresh = MethodSettings.defaults(Condition.R_MEL).withReadings(LcpRule.FIXED,
                RevisionMode.PRIMED, false, NoPrefixReading.FRESH_ROLLOUT, ExtraMatch.TOKENS);
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), rmelFresh.revisionSchedule().taus(), "the reading only affects w/o prefix");
    }

    @Test
    void readingNamesParseAndListTheValidOnes() {
        assertEquals(LcpRule.PER_ATTEMPT, LcpRule.fromName("per_attempt"));
        assertEquals(RevisionMode.FORCED, RevisionMode.fromName("forced"));
        assertEquals(NoPrefixReading.FRESH_ROLLOUT, NoPrefixReading.fromName("fresh_rollout"));
        assertEquals(ExtraMatch.CALLS, ExtraMatch.fromName("calls"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RevisionMode.fromName("free"));
        assertEquals("revision_mode: unknown value 'free'; valid: forced, primed", e.getMessage());
        assertEquals(List.of("fixed", "per_attempt"), MethodSettings.names(LcpRule.class));
    }

    @Test
    void leaksAreCountedApartAndExcludedFromPKeep() {
        ContrastivePair pair = new MelPairing(new StepSegmenter(java.util.Set.of(9)), MelPairing.NO_CAP)
                .naturalPairs(group("p", Fixtures.pass("y+", 1, 2, 3), fail("y-", 1, 2, 4))).get(0);
        KeepTally tally = new KeepTally();
        tally.add(MetaExperience.of(pair, "c", "h", "42", true));
        tally.add(MetaExperience.of(pair, "c", "h", "7", false));
        MetaExperience leak = MetaExperience.leaked(pair, "Answer: 41", "Answer: 42");
        assertTrue(leak.leak());
        assertFalse(leak.kept());
        assertEquals("", leak.replayAnswer());
        tally.add(leak);
        tally.add(leak);
        assertEquals(2, tally.validated());
        assertEquals(2, tally.leaks());
        assertEquals(2, tally.leaks(PairSource.NATURAL));
        assertEquals(0.5, tally.pKeep().getAsDouble(), "leaks are not validated, so p_keep ignores them");
        assertThrows(IllegalArgumentException.class, () -> new MetaExperience("p", PairSource.NATURAL, "a", "b", 0, 0,
                "", "", "", true, true), "a leak is never replayed, so never kept");
        assertTrue(AnswerLeak.NONE.leaks("Answer: 42", "Answer: 42", "42", "x") == false);
    }

    @Test
    void extraTokenBudgetTracksTheMeasuredRevisionSpendOverTheRun() {
        ExtraTokenBudget b = new ExtraTokenBudget();
        // step 1: revision would spend 180 tokens on 4 groups (45 each); rollouts are 20 tokens -> 2.25 -> 2 each
        assertEquals(2, b.plan(180, 4, 20.0, 8));
        b.spend(160);
        // step 2: same spend; the 20-token deficit carries: (360-160)/(4*20) = 2.5 -> 3 (round half up)
        assertEquals(3, b.plan(180, 4, 20.0, 8));
        b.spend(240);
        assertEquals(360, b.budget());
        assertEquals(400, b.spent());
        // overspent: fewer next time, never negative
        assertEquals(0, b.plan(0, 4, 20.0, 8));
        assertEquals(8, new ExtraTokenBudget().plan(10_000, 1, 20.0, 8), "capped");
        assertEquals(0, new ExtraTokenBudget().plan(100, 0, 20.0, 8), "no groups, nothing to plan");
        // a long run: spent stays within one rollout per group (at most 8 groups a step) of the budget
        ExtraTokenBudget run = new ExtraTokenBudget();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int step = 0; step < 200; step++) {
            int groups = 1 + rnd.nextInt(8);
            long revision = groups * (30L + rnd.nextInt(40));
            int m = run.plan(revision, groups, 20.0, 16);
            run.spend((long) m * groups * 20);
            assertTrue(Math.abs(run.budget() - run.spent()) <= 20L * 8, "step " + step);
        }
    }
}
