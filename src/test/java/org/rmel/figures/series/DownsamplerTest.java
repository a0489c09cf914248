package org.rmel.figures.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    @Property(tries = 200)
    void everyBucketKeepsItsMinMaxAndLast(@ForAll @IntRange(min = 1, max = 5000) int n,
                                          @ForAll @IntRange(min = 1, max = 300) int buckets,
                                          @ForAll long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i == 0 ? 0 : x[i - 1] + random.nextInt(3); // repeated x values allowed
            y[i] = random.nextGaussian();
        }
        double from = x[n - 1] * 0.2;
        double to = x[n - 1] * 0.8;
        int[] picked = Downsampler.select(x, y, from, to, buckets);

        int[] sorted = picked.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, picked, "indices ascend");
        assertEquals(picked.length, Arrays.stream(picked).distinct().count(), "no duplicates");
        assertTrue(picked.length <= 3 * buckets + 2, "at most 3 per bucket plus the two edges");

        double width = (to - from) / buckets;
        for (int b = 0; b < buckets && to > from; b++) {
            int min = -1;
            int max = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                boolean inRange = x[i] >= from && x[i] <= to;
                if (inRange && Math.min(buckets - 1, (int) ((x[i] - from) / width)) == b) {
                    if (min < 0 || y[i] < y[min]) {
                        min = i;
                    }
                    if (max < 0 || y[i] > y[max]) {
                        max = i;
                    }
                    last = i;
                }
            }
            if (last >= 0) {
                for (int must : new int[] {min, max, last}) {
                    assertTrue(Arrays.binarySearch(picked, must) >= 0, "bucket " + b + " keeps index " + must);
                }
            }
        }
    }

    @Test
    void aSingleSpikeSurvivesHeavyDownsampling() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 0.5;
        }
        y[777_777] = 40;
        int[] picked = Downsampler.select(x, y, 0, n - 1, 400);
        assertTrue(picked.length <= 1200);
        assertTrue(Arrays.stream(picked).anyMatch(i -> i == 777_777), "the spike is drawn");
        assertEquals(n - 1, picked[picked.length - 1], "the newest point is drawn");
    }

    @Test
    void zoomingInRebucketsToFullDetailAndAddsTheNeighboursOutsideTheRange() {
        double[] x = new double[10_000];
        double[] y = new double[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = Math.sin(i);
        }
        int[] picked = Downsampler.select(x, y, 100, 150, 100);
        assertEquals(99, picked[0], "one point before the range");
        assertEquals(151, picked[picked.length - 1], "one point after the range");
        assertEquals(53, picked.length, "all 51 points in range plus 2 edges");
    }

    @Test
    void nanPointsAreSkipped() {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, Double.NaN, 3, Double.NaN};
        assertArrayEquals(new int[] {0, 2}, Downsampler.select(x, y, 0, 3, 10));
    }
}
