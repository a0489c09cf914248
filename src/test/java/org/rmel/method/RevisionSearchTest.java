package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.method.Fixtures.continuation;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;
import static org.rmel.method.Fixtures.range;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RevisionSearchTest {
    private static final RevisionSchedule B4 = RevisionSchedule.of(RevisionSchedule.DEFAULT_TAUS, 4);

    /** Serves scripted results in order and records every request. */
    private static final class Scripted implements Continuer {
        final Deque<ContinuationResult> script;
        final List<ContinuationRequest> seen = new ArrayList<>();

        Scripted(ContinuationResult... results) {
            script = new ArrayDeque<>(List.of(results));
        }

        @Override
        public ContinuationResult continueFrom(ContinuationRequest request) {
            seen.add(request);
            return script.removeFirst();
        }
    }

    @Test
    void triesTheScheduleInOrderAndStopsAtTheFirstAcceptedAttempt() {
        Group g = group("p1", fail("short", 1, 2), fail("seed", range(10)), fail("other", range(9)));
        Scripted policy = new Scripted(continuation(false, 7, 8, 9), continuation(true, 5, 99), continuation(true));
        RevisionResult r = new RevisionSearch(0.3).search(g, B4, policy);

        assertEquals("seed", r.seed().seed().id());
        assertEquals(2, policy.seen.size(), "stopped after the accepted second attempt");
        assertEquals(List.of(7, 5), policy.seen.stream().map(ContinuationRequest::cut).toList());
        assertArrayEquals(range(7), policy.seen.get(0).prefix());
        assertArrayEquals(range(5), policy.seen.get(1).prefix());

        RevisionAttempt first = r.attempts().get(0);
        assertEquals(0.7, first.tau());
        assertFalse(first.verified());
        assertFalse(first.accepted());
        assertEquals(10, first.lcp(), "the failed continuation reproduced the seed exactly");
        assertEquals(1.0, first.lcpRatio());

        RevisionAttempt second = r.attempts().get(1);
        assertEquals(0.5, second.tau());
        assertEquals(5, second.cut());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 99}, second.revisedTokens());
        assertArrayEquals(new int[] {5, 99}, second.continuationTokens());
        assertEquals(6, second.lcp());
        assertEquals(0.6, second.lcpRatio());
        assertTrue(second.accepted());
        assertEquals(OptionalInt.of(1), r.acceptedIndex());
        assertTrue(r.rescued());
    }

    @Test
    void reportsEveryAttemptWhenNothingIsAccepted() {
        Group g = group("p", fail("seed", range(20)));
        Scripted policy = new Scripted(continuation(false, 1), continuation(false, 2), continuation(false, 3),
                continuation(false, 4), continuation(true, 5));
        RevisionResult r = new RevisionSearch(0.3).search(g, B4, policy);
        assertEquals(4, policy.seen.size(), "never more calls than the budget");
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), r.attempts().stream().map(RevisionAttempt::tau).toList());
        assertEquals(List.of(14, 10, 6, 14), r.attempts().stream().map(RevisionAttempt::cut).toList());
        assertFalse(r.rescued());
        assertTrue(r.revisedTrajectory().isEmpty());
        assertTrue(r.rescuedGroup().isEmpty());
    }

    @Test
    void floorEdgeAtTauMinNeedsTheSeedsNextToken() {
        // n = 11, tau = tau_min = 0.3: cut = 3, but acceptance needs LCP >= 3.3, i.e. 4
        Group g = group("p", fail("seed", range(11)));
        RevisionSchedule atTauMin = new RevisionSchedule(List.of(0.3));
        RevisionSearch search = new RevisionSearch(0.3);

        RevisionResult diverged = search.search(g, atTauMin, new Scripted(continuation(true, 50, 51)));
        assertEquals(3, diverged.attempts().get(0).cut());
        assertEquals(3, diverged.attempts().get(0).lcp());
        assertTrue(diverged.attempts().get(0).verified());
        assertFalse(diverged.rescued(), "verified but 3/11 < 0.3");

        RevisionResult kept = search.search(g, atTauMin, new Scripted(continuation(true, 3, 51)));
        assertEquals(4, kept.attempts().get(0).lcp());
        assertTrue(kept.rescued(), "reproducing seed token 3 lifts LCP to 4/11 >= 0.3");

        Group ten = group("p", fail("seed", range(10)));
        assertTrue(search.search(ten, atTauMin, new Scripted(continuation(true, 50))).rescued(),
                "at n = 10 the cut is exactly 0.3 n, so diverging at the cut passes");
        assertTrue(new RevisionSearch(0.0).search(g, atTauMin, new Scripted(continuation(true, 50))).rescued(),
                "without the prefix constraint any verified revision is accepted");
    }

    @Test
    void acceptedRevisionBecomesAPositiveTrajectoryInARescuedGroup() {
        Group g = group("p", fail("a", range(4)), fail("b", range(10)));
        ContinuationResult result = new ContinuationResult(new int[] {7, 8}, " 7 8", "0 1 2 3 4 5 6 7 8", "42", true, -1.5);
        RevisionResult r = new RevisionSearch(0.3).search(g, B4, req -> result);
        Trajectory revised = r.revisedTrajectory().orElseThrow();
        assertEquals("b" + RevisionResult.REVISION_ID_MARK + "0", revised.id());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, revised.tokens());
        assertEquals("0 1 2 3 4 5 6 7 8", revised.text());
        assertTrue(revised.correct());
        assertEquals(-1.5, revised.logprob());
        Group rescued = r.rescuedGroup().orElseThrow();
        assertEquals(GroupOutcome.MIXED, rescued.outcome());
        assertEquals(3, rescued.size());
    }

    @Test
    void batchedDriverMakesOneCallPerRoundForUnresolvedSeeds() {
        Group g1 = group("p1", fail("s1", range(10)));
        Group g2 = group("p2", fail("s2", range(20)));
        Group g3 = group("p3", fail("s3", range(30)));
        // s1 is rescued in round 0, s2 in round 2, s3 never
        Map<String, Integer> acceptAt = Map.of("s1", 0, "s2", 2);
        List<List<String>> calls = new ArrayList<>();
        BatchContinuer policy = requests -> {
            calls.add(requests.stream().map(q -> q.seed().seed().id()).toList());
            return requests.stream().map(q -> continuation(
                    acceptAt.getOrDefault(q.seed().seed().id(), -1) == q.attempt(), 1000)).toList();
        };
        List<RevisionResult> results = new RevisionSearch(0.3).searchAll(List.of(g1, g2, g3), B4, policy);
        assertEquals(List.of(List.of("s1", "s2", "s3"), List.of("s2", "s3"), List.of("s2", "s3"), List.of("s3")), calls);
        assertEquals(List.of(1, 3, 4), results.stream().map(RevisionResult::continuationCalls).toList());
        assertEquals(List.of(true, true, false), results.stream().map(RevisionResult::rescued).toList());
        assertEquals("p2", results.get(1).seed().group().promptId(), "results keep the order of the groups");
    }

    @Test
    void perGroupSchedulesLetBudgetsDiffer() {
        Group g1 = group("p1", fail("s1", range(10)));
        Group g2 = group("p2", fail("s2", range(10)));
        List<Integer> callSizes = new ArrayList<>();
        BatchContinuer neverVerifies = requests -> {
            callSizes.add(requests.size());
            return requests.stream().map(q -> continuation(false)).toList();
        };
        List<RevisionResult> results = new RevisionSearch(0.3).searchAll(List.of(g1, g2),
                g -> RevisionSchedule.of(RevisionSchedule.DEFAULT_TAUS, g.promptId().equals("p1") ? 1 : 3), neverVerifies);
        assertEquals(List.of(2, 1, 1), callSizes);
        assertEquals(List.of(1, 3), results.stream().map(RevisionResult::continuationCalls).toList());
    }

    @Test
    void rejectsGroupsThatAreNotRevisableAndMiscountedBatches() {
        RevisionSearch search = new RevisionSearch(0.3);
        Group mixed = group("m", pass("a", 1), fail("b", 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> search.search(mixed, B4, q -> continuation(true)));
        assertTrue(e.getMessage().contains("m") && e.getMessage().contains("MIXED"), e.getMessage());
        assertFalse(RevisionSearch.revisable(group("e", fail("a"))));
        assertThrows(IllegalStateException.class, () -> search.searchAll(
                List.of(group("p", fail("a", range(5)))), B4, requests -> List.of()));
        assertTrue(search.searchAll(List.of(), B4, requests -> {
            throw new AssertionError("no call for an empty batch");
        }).isEmpty());
    }

    @Test
    void emptyScheduleMakesNoCalls() {
        RevisionResult r = new RevisionSearch(0.3).search(group("p", fail("a", range(5))),
                new RevisionSchedule(List.of()), q -> {
                    throw new AssertionError("no call with budget 0");
                });
        assertEquals(0, r.continuationCalls());
        assertFalse(r.rescued());
    }
}
