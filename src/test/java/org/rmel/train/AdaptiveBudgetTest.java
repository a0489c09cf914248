package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.rmel.method.DifficultyTracker.Difficulty;
import org.rmel.train.AdaptiveBudget.Bucket;

class AdaptiveBudgetTest {

    @Test
    void withNoEvidenceEveryGroupGetsTheFixedBudgetLikeRMel() {
        AdaptiveBudget a = new AdaptiveBudget();
        assertArrayEquals(new int[] {4, 4, 4}, a.allocate(List.of(Bucket.NEW, Bucket.HARD, Bucket.MID), 4, 8));
    }

    @Test
    void budgetMovesFromPromptsThatNeverRescueToThoseThatDo() {
        AdaptiveBudget a = new AdaptiveBudget();
        for (int i = 0; i < 10; i++) {
            a.record(Bucket.HARD, 4, false);
            a.record(Bucket.MID, 2, true);
        }
        int[] given = a.allocate(List.of(Bucket.HARD, Bucket.MID, Bucket.MID), 4, 8);
        // mid: p = 11/22, hard: p = 1/42; the 5th attempt of a mid group (0.5^5) still beats a
        // hard group's 2nd (1/42 * 41/42), the 6th no longer does
        assertArrayEquals(new int[] {2, 5, 5}, given);
        assertEquals(12, Arrays.stream(given).sum());
    }

    @Test
    void bucketsFollowThePapersDifficultyProxy() {
        assertEquals(Bucket.NEW, Bucket.of(new Difficulty(0, 0)));
        assertEquals(Bucket.EASY, Bucket.of(new Difficulty(3, 1)));
        assertEquals(Bucket.MID, Bucket.of(new Difficulty(3, 2)));
        assertEquals(Bucket.HARD, Bucket.of(new Difficulty(3, 3)));
    }

    @Property(tries = 200)
    void neverMoreThanTheRMelPoolAtLeastOneEachAtMostTheCap(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 3) Integer> kinds,
            @ForAll @IntRange(min = 1, max = 6) int budget, @ForAll @IntRange(min = 1, max = 10) int cap,
            @ForAll @IntRange(min = 0, max = 20) int hardFailures) {
        AdaptiveBudget a = new AdaptiveBudget();
        a.record(Bucket.HARD, hardFailures, false);
        List<Bucket> buckets = kinds.stream().map(k -> Bucket.values()[k]).toList();
        int[] given = a.allocate(buckets, budget, cap);
        assertTrue(Arrays.stream(given).sum() <= budget * buckets.size());
        for (int g : given) {
            assertTrue(g >= 1 && g <= Math.max(1, cap));
        }
    }
}
