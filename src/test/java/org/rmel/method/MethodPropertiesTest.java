package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.method.Fixtures.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property tests of the method's invariants over generated groups, schedules and policies. */
class MethodPropertiesTest {

    @Property
    void lcpIsSymmetricAndBoundedByTheShorterSequence(@ForAll("smallTokens") int[] a, @ForAll("smallTokens") int[] b) {
        int lcp = Lcp.length(a, b);
        assertEquals(lcp, Lcp.length(b, a));
        assertTrue(lcp <= Math.min(a.length, b.length));
        for (int i = 0; i < lcp; i++) {
            assertEquals(a[i], b[i]);
        }
        assertTrue(lcp == Math.min(a.length, b.length) || a[lcp] != b[lcp], "maximal");
        assertEquals(a.length, Lcp.length(a, a.clone()));
    }

    @Property
    void cutIsTheExactFloorOfTauTimesLength(@ForAll @IntRange(min = 0, max = 1000) int permille,
                                            @ForAll @IntRange(min = 0, max = 100_000) int n) {
        double tau = permille / 1000.0;
        int cut = TruncationCut.at(tau, n);
        // integer arithmetic: tau = permille/1000 exactly, so floor(permille*n/1000)
        assertEquals(Math.floorDiv((long) permille * n, 1000L), cut);
    }

    @Property(tries = 300)
    void searchRespectsTheBudgetAndAcceptsOnlyVerifiedRevisionsWithEnoughPrefix(
            @ForAll("revisableGroups") Group group, @ForAll @IntRange(min = 0, max = 7) int budget,
            @ForAll("tauMins") double tauMin, @ForAll @IntRange(min = 0, max = 10_000) int policySeed) {
        RevisionSchedule schedule = RevisionSchedule.of(RevisionSchedule.DEFAULT_TAUS, budget);
        AtomicInteger calls = new AtomicInteger();
        Continuer policy = request -> {
            calls.incrementAndGet();
            return syntheticPolicy(policySeed).continueFrom(request);
        };
        RevisionResult result = new RevisionSearch(tauMin).search(group, schedule, policy);

        assertTrue(calls.get() <= budget);
        assertEquals(calls.get(), result.continuationCalls());
        int n = result.seed().seed().length();
        for (RevisionAttempt a : result.attempts()) {
            assertEquals(TruncationCut.at(a.tau(), n), a.cut());
            assertTrue(a.lcp() >= a.cut(), "the kept prefix is the seed's");
            if (a.accepted()) {
                assertTrue(a.verified());
                assertTrue(a.lcpRatio() >= tauMin, a.lcpRatio() + " < " + tauMin);
            } else {
                assertTrue(!a.verified() || a.lcp() < tauMin * n + 1e-9);
            }
        }
        boolean exhausted = result.attempts().size() == budget;
        assertTrue(result.rescued() || exhausted, "stops early only when accepted");
        boolean filtered = result.attempts().stream().anyMatch(a -> a.verified() && !a.accepted());
        Statistics.label("rescued").collect(result.rescued());
        Statistics.label("verified but filtered").collect(filtered);
    }

    @Example
    void generatedSearchesCoverAcceptanceAndTheFilter() {
        // guards the property above against a generator that never exercises both branches
        int rescued = 0;
        int filtered = 0;
        for (int i = 0; i < 200; i++) {
            Group g = new Group("p", 1, "1", List.of(new Trajectory("t", range(11 + i % 7), "", 0, "", 0)));
            RevisionResult r = new RevisionSearch(0.5).search(g, RevisionSchedule.of(RevisionSchedule.DEFAULT_TAUS, 4),
                    syntheticPolicy(i));
            rescued += r.rescued() ? 1 : 0;
            filtered += r.attempts().stream().anyMatch(a -> a.verified() && !a.accepted()) ? 1 : 0;
        }
        assertTrue(rescued > 20 && filtered > 20, rescued + " rescued, " + filtered + " filtered");
    }

    @Property(tries = 200)
    void batchedSearchEqualsSeparateSearches(@ForAll @Size(max = 6) List<@From("revisableGroups") Group> groups,
                                             @ForAll @IntRange(min = 0, max = 6) int budget,
                                             @ForAll("tauMins") double tauMin,
                                             @ForAll @IntRange(min = 0, max = 10_000) int policySeed) {
        List<Group> distinct = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            distinct.add(new Group("p" + i, g.visit(), g.gold(), g.trajectories()));
        }
        RevisionSchedule schedule = RevisionSchedule.of(RevisionSchedule.DEFAULT_TAUS, budget);
        RevisionSearch search = new RevisionSearch(tauMin);
        Continuer policy = syntheticPolicy(policySeed);
        AtomicInteger batchCalls = new AtomicInteger();
        List<RevisionResult> batched = search.searchAll(distinct, schedule, requests -> {
            batchCalls.incrementAndGet();
            return policy.batched().continueAll(requests);
        });
        List<RevisionResult> alone = distinct.stream().map(g -> search.search(g, schedule, policy)).toList();
        assertEquals(alone, batched);
        int longest = alone.stream().mapToInt(RevisionResult::continuationCalls).max().orElse(0);
        assertEquals(longest, batchCalls.get(), "one call per round, rounds = the longest search");
    }

    @Property
    void advantagesSumToZeroInNonDegenerateGroups(@ForAll @Size(min = 2, max = 64) List<@IntRange(min = 0, max = 1) Integer> bits) {
        double[] rewards = bits.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] a = GrpoAdvantages.of(rewards);
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        assertEquals(0.0, sum, 1e-9);
        boolean degenerate = bits.stream().distinct().count() == 1;
        for (int i = 0; i < a.length; i++) {
            if (degenerate) {
                assertEquals(0.0, a[i]);
            } else {
                assertEquals(rewards[i] == 1.0, a[i] > 0, "positives up, negatives down");
            }
        }
    }

    @Property
    void scheduleHasBudgetEntriesCyclingTheTauList(@ForAll @Size(min = 1, max = 5) List<@DoubleRange(min = 0, max = 1) Double> taus,
                                                   @ForAll @IntRange(min = 0, max = 20) int budget) {
        RevisionSchedule schedule = RevisionSchedule.of(taus, budget);
        assertEquals(budget, schedule.size());
        for (int i = 0; i < budget; i++) {
            assertEquals(taus.get(i % taus.size()), schedule.tau(i));
        }
    }

    @Property(tries = 300)
    void pairingPicksTheClosestPositiveAndItsBifurcationIsTheFirstDifference(
            @ForAll @Size(min = 2, max = 8) List<@From("smallTokens") int[] > tokens,
            @ForAll @Size(min = 2, max = 8) List<Boolean> correct) {
        int n = Math.min(tokens.size(), correct.size());
        List<Trajectory> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(new Trajectory("t" + i, tokens.get(i), "", correct.get(i) ? 1.0 : 0.0, "", 0));
        }
        Group group = new Group("p", 1, "1", ts);
        StepSegmenter steps = new StepSegmenter(java.util.Set.of(0));
        List<ContrastivePair> pairs = new MelPairing(steps, MelPairing.NO_CAP).naturalPairs(group);
        assertEquals(group.outcome() == GroupOutcome.MIXED ? group.negatives().size() : 0, pairs.size());
        for (ContrastivePair pair : pairs) {
            int[] pos = pair.positive().tokens();
            int[] neg = pair.negative().tokens();
            assertEquals(Lcp.length(pos, neg), pair.bifurcationToken());
            assertEquals(steps.stepOf(neg, pair.bifurcationToken()), pair.bifurcationStep(),
                    "the step is the same whichever side it is counted on");
            for (Trajectory other : group.positives()) {
                assertTrue(Lcp.length(other.tokens(), neg) <= pair.bifurcationToken());
            }
        }
    }

    /**
     * A deterministic stand-in policy: whether it verifies and how many seed tokens it re-emits
     * before diverging depend only on (policySeed, seed id, attempt), like a seeded sampler.
     */
    static Continuer syntheticPolicy(int policySeed) {
        Map<String, Integer> memo = new ConcurrentHashMap<>();
        return request -> {
            String key = policySeed + "/" + request.seed().seed().id() + "/" + request.seed().group().promptId()
                    + "/" + request.attempt();
            int h = memo.computeIfAbsent(key, k -> k.hashCode() * 0x9E3779B1);
            boolean verified = Math.floorMod(h, 3) == 0;
            int[] seed = request.seed().seed().tokens();
            int reuse = Math.floorMod(h >>> 4, 4);
            List<Integer> out = new ArrayList<>();
            for (int i = request.cut(); i < seed.length && out.size() < reuse; i++) {
                out.add(seed[i]);
            }
            out.add(-1 - Math.floorMod(h >>> 8, 5));
            int[] tokens = out.stream().mapToInt(Integer::intValue).toArray();
            return new ContinuationResult(tokens, "c", "r", verified ? "1" : "0", verified, -tokens.length);
        };
    }

    @Provide
    Arbitrary<int[]> smallTokens() {
        return Arbitraries.integers().between(0, 3).array(int[].class).ofMaxSize(30);
    }

    @Provide
    Arbitrary<Double> tauMins() {
        return Arbitraries.of(0.0, 0.3, 0.5, 0.7, 1.0);
    }

    @Provide
    Arbitrary<Group> revisableGroups() {
        Arbitrary<int[]> tokens = Arbitraries.integers().between(0, 50).array(int[].class).ofMinSize(1).ofMaxSize(60);
        Arbitrary<List<int[]>> failures = tokens.list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(failures, Arbitraries.integers().between(1, 5)).as((list, visit) -> {
            List<Trajectory> ts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ts.add(new Trajectory("t" + i, list.get(i), "text", 0.0, "0", -i));
            }
            return new Group("p", visit, "1", ts);
        });
    }
}
