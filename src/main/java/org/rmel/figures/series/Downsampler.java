package org.rmel.figures.series;

import java.util.Arrays;

/**
 * Picks the points of a series worth drawing in a visible x range: the range is cut into equal
 * buckets and each bucket keeps its minimum, its maximum and its last point — never a random
 * sample, so spikes survive and a curve does not jump when new points arrive. Re-run it when the
 * visible range changes (zoom) to get full detail back.
 *
 * <p>It returns indices into the caller's arrays, so a tooltip can always show the exact
 * original value and parallel arrays (raw and smoothed) can share one selection.
 */
public final class Downsampler {
    private Downsampler() {
    }

    /**
     * @param x ascending x values (equal values allowed)
     * @param y the y values; NaN points are never selected
     * @param from left edge of the visible range
     * @param to right edge of the visible range
     * @param buckets how many buckets to cut the range into (about the chart's width in pixels / 2)
     * @return ascending indices: every point in range if there are at most {@code 3 * buckets},
     *         else each bucket's min, max and last; plus the nearest point outside each edge so a
     *         line reaches the border
     */
    public static int[] select(double[] x, double[] y, double from, double to, int buckets) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, was " + buckets);
        }
        int first = lowerBound(x, from);
        int end = upperBound(x, to); // exclusive
        IndexBuffer out = new IndexBuffer();
        int before = previousFinite(y, first - 1);
        if (before >= 0) {
            out.add(before);
        }
        if (end - first <= 3 * buckets || !(to > from)) {
            for (int i = first; i < end; i++) {
                if (!Double.isNaN(y[i])) {
                    out.add(i);
                }
            }
        } else {
            selectBuckets(x, y, first, end, from, to, buckets, out);
        }
        int after = nextFinite(y, end);
        if (after >= 0) {
            out.add(after);
        }
        return out.toArray();
    }

    private static void selectBuckets(double[] x, double[] y, int first, int end, double from, double to,
                                      int buckets, IndexBuffer out) {
        double width = (to - from) / buckets;
        int i = first;
        while (i < end) {
            int bucket = bucketOf(x[i], from, width, buckets);
            int min = -1;
            int max = -1;
            int last = -1;
            while (i < end && bucketOf(x[i], from, width, buckets) == bucket) {
                if (!Double.isNaN(y[i])) {
                    if (min < 0 || y[i] < y[min]) {
                        min = i;
                    }
                    if (max < 0 || y[i] > y[max]) {
                        max = i;
                    }
                    last = i;
                }
                i++;
            }
            if (last >= 0) {
                addSorted(out, min, max, last);
            }
        }
    }

    private static int bucketOf(double xValue, double from, double width, int buckets) {
        return Math.min(buckets - 1, (int) ((xValue - from) / width));
    }

    /** Adds the distinct indices among a, b, c in ascending order (so the line is drawn in x order). */
    private static void addSorted(IndexBuffer out, int a, int b, int c) {
        int[] three = {a, b, c};
        Arrays.sort(three);
        for (int k = 0; k < 3; k++) {
            if (k == 0 || three[k] != three[k - 1]) {
                out.add(three[k]);
            }
        }
    }

    private static int lowerBound(double[] x, double value) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] x, double value) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int previousFinite(double[] y, int from) {
        for (int i = from; i >= 0; i--) {
            if (!Double.isNaN(y[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int nextFinite(double[] y, int from) {
        for (int i = from; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                return i;
            }
        }
        return -1;
    }

    private static final class IndexBuffer {
        private int[] data = new int[64];
        private int size;

        void add(int index) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = index;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
