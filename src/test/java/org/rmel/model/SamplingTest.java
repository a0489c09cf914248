package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batched KV-cache sampling on a small random model with the character tokenizer. */
class SamplingTest {

    private static DjlPolicy policy;
    private static Tokenizer tok;

    @BeforeAll
    static void create() {
        policy = (DjlPolicy) Policies.builtin(7, DeviceChoice.CPU);
        tok = policy.tokenizer();
    }

    @AfterAll
    static void close() {
        policy.close();
    }

    private static List<int[]> prompts() {
        return List.of(tok.encode("Q:12+7\nH:\n"), tok.encode("Q:(3*4)-5\nH:\n"), tok.encode("Q:9\n"));
    }

    @Test
    void leftPaddedBatchGivesWhatEachPromptGivesAlone() {
        SamplingParams greedy = SamplingParams.greedy(12);
        List<Sample> batch = policy.sample(prompts(), greedy);
        for (int i = 0; i < prompts().size(); i++) {
            Sample alone = policy.sample(List.of(prompts().get(i)), greedy).get(0);
            assertArrayEquals(alone.tokenIds(), batch.get(i).tokenIds(), "prompt " + i);
            for (int k = 0; k < alone.tokenLogprobs().length; k++) {
                assertEquals(alone.tokenLogprobs()[k], batch.get(i).tokenLogprobs()[k], 1e-4);
            }
        }
    }

    @Test
    void cacheAndFullRecomputationAgree() {
        List<Sample> g1 = policy.sample(prompts(), SamplingParams.greedy(16), false);
        List<Sample> g2 = policy.sample(prompts(), SamplingParams.greedy(16), true);
        for (int i = 0; i < g1.size(); i++) {
            assertArrayEquals(g1.get(i).tokenIds(), g2.get(i).tokenIds());
            for (int k = 0; k < g1.get(i).tokenLogprobs().length; k++) {
                assertEquals(g1.get(i).tokenLogprobs()[k], g2.get(i).tokenLogprobs()[k], 1e-4);
            }
        }
    }

    @Test
    void reportedLogprobsAreTheModelsSequenceLogprobs() {
        List<Sample> s = policy.sample(prompts(), SamplingParams.sampled(1.3, 1.0, 20, 11));
        List<int[]> completions = new ArrayList<>();
        s.forEach(x -> completions.add(x.tokenIds()));
        List<float[]> scored = policy.sequenceLogprobs(prompts(), completions);
        for (int i = 0; i < s.size(); i++) {
            float[] a = s.get(i).tokenLogprobs();
            double sum = 0;
            for (int k = 0; k < a.length; k++) {
                assertEquals(scored.get(i)[k], a[k], 1e-4, "sample " + i + " token " + k);
                sum += a[k];
            }
            assertEquals(sum, s.get(i).logprobSum(), 1e-4);
            assertEquals(tok.decode(s.get(i).tokenIds()), s.get(i).text());
        }
    }

    @Test
    void seedMakesSamplingReproducibleAndDifferentSeedsDiffer() {
        List<int[]> same = List.of(prompts().get(0), prompts().get(0), prompts().get(0), prompts().get(0));
        SamplingParams p = SamplingParams.sampled(1.0, 1.0, 24, 42);
        List<Sample> a = policy.sample(same, p);
        List<Sample> b = policy.sample(same, p);
        List<Sample> c = policy.sample(same, p.withSeed(43));
        boolean anyDifferent = false;
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).tokenIds(), b.get(i).tokenIds());
            anyDifferent |= !java.util.Arrays.equals(a.get(i).tokenIds(), c.get(i).tokenIds());
        }
        assertTrue(anyDifferent, "another seed should draw other tokens from an untrained model");
        assertNotEquals(a.get(0).text(), a.get(1).text(), "rows of one batch draw independently");
    }

    @Test
    void tinyTopPIsGreedy() {
        List<Sample> greedy = policy.sample(prompts(), SamplingParams.greedy(16));
        List<Sample> nucleus = policy.sample(prompts(), SamplingParams.sampled(1.0, 1e-6, 16, 5));
        for (int i = 0; i < greedy.size(); i++) {
            assertArrayEquals(greedy.get(i).tokenIds(), nucleus.get(i).tokenIds());
        }
    }

    @Test
    void stopTokenEndsARowAndIsKept() {
        Sample free = policy.sample(List.of(prompts().get(1)), SamplingParams.greedy(10)).get(0);
        int third = free.tokenIds()[2];
        int firstAt = 0;
        while (free.tokenIds()[firstAt] != third) {
            firstAt++;
        }
        Sample cut = policy.sample(List.of(prompts().get(1)), SamplingParams.greedy(10).withStopTokens(Set.of(third)))
                .get(0);
        assertTrue(cut.stopped());
        assertEquals(firstAt + 1, cut.tokenIds().length);
        assertEquals(third, cut.tokenIds()[firstAt]);
        assertFalse(free.stopped());
        assertEquals(10, free.tokenIds().length);
    }

    @Test
    void continuationReportsOnlyTheNewTokens() {
        int[] prompt = prompts().get(0);
        Sample whole = policy.sample(List.of(prompt), SamplingParams.greedy(12)).get(0);
        int[] prefix = java.util.Arrays.copyOf(whole.tokenIds(), 5);
        Sample rest = policy.continueFrom(List.of(prompt), List.of(prefix), SamplingParams.greedy(7)).get(0);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.tokenIds(), 5, 12), rest.tokenIds());
    }

    @Test
    void groupsHoldTheRequestedSamplesPerPrompt() {
        List<List<Sample>> groups = policy.sampleGroups(prompts(), 4, SamplingParams.sampled(1.0, 1.0, 8, 1));
        assertEquals(3, groups.size());
        groups.forEach(g -> assertEquals(4, g.size()));
    }

    /**
     * Prefill runs each distinct prompt once, longest first, in chunks padded to their own
     * length, then copies keys and values to the rows that repeat a prompt; decoding writes into
     * a reserved cache and drops rows as they stop. None of that may change a token or a
     * log-prob: compared with full recomputation over the whole left-padded batch, greedy and
     * sampled (same seed, so the same noise), with rows stopping at different steps.
     */
    @Test
    void dedupedChunkedPrefillAndReservedCacheChangeNothing() {
        List<int[]> mixed = List.of(prompts().get(0), prompts().get(2), prompts().get(0), prompts().get(1),
                prompts().get(2), prompts().get(0), tok.encode("Q:1+1\n"));
        Set<Integer> stops = Set.of(tok.encode("1")[0], tok.encode("\n")[0]);
        for (long budget : new long[] {1, 600, Sampler.PREFILL_SCORES}) {
            Sampler sampler = new Sampler(policy.model(), tok.padId(), Set.of(tok.eosId()), budget);
            for (SamplingParams p : List.of(SamplingParams.greedy(14), SamplingParams.sampled(1.2, 1.0, 14, 9),
                    SamplingParams.sampled(1.0, 1.0, 14, 3).withStopTokens(stops))) {
                Sampler.Result cached = sampler.generate(mixed, p, false);
                Sampler.Result full = sampler.generate(mixed, p, true);
                boolean someStopped = false;
                for (int r = 0; r < mixed.size(); r++) {
                    String where = "budget " + budget + ", " + p + ", row " + r;
                    assertArrayEquals(full.tokensOf(r), cached.tokensOf(r), where);
                    assertEquals(full.stopped()[r], cached.stopped()[r], where);
                    float[] a = full.logprobsOf(r);
                    float[] b = cached.logprobsOf(r);
                    for (int k = 0; k < a.length; k++) {
                        assertEquals(a[k], b[k], 1e-4, where + ", token " + k);
                    }
                    someStopped |= cached.stopped()[r];
                }
                if (!p.stopTokenIds().isEmpty()) {
                    assertTrue(someStopped, "the stop tokens should end some rows early");
                }
            }
        }
    }
}
