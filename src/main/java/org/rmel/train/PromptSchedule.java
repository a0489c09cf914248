package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which pool prompts each step trains on: the pool is walked epoch by epoch, each epoch a fresh
 * seeded permutation, so every prompt is visited once per epoch and its visit number is its
 * epoch + 1. A pure function of (seed, step): a resumed run draws the prompts the killed one
 * would have drawn.
 */
public final class PromptSchedule {
    private final int poolSize;
    private final int promptsPerStep;
    private final long seed;

    /** One drawn prompt: its index in the pool and the 1-based visit it makes. */
    public record Draw(int poolIndex, int visit) {}

    public PromptSchedule(int poolSize, int promptsPerStep, long seed) {
        this.poolSize = poolSize;
        this.promptsPerStep = promptsPerStep;
        this.seed = seed;
    }

    /** The draws of a 1-based step, in order. */
    public List<Draw> draws(int step) {
        List<Draw> out = new ArrayList<>(promptsPerStep);
        long first = (long) (step - 1) * promptsPerStep;
        int cachedEpoch = -1;
        int[] perm = null;
        for (long i = first; i < first + promptsPerStep; i++) {
            int epoch = (int) (i / poolSize);
            if (epoch != cachedEpoch) {
                perm = permutation(epoch);
                cachedEpoch = epoch;
            }
            out.add(new Draw(perm[(int) (i % poolSize)], epoch + 1));
        }
        return out;
    }

    private int[] permutation(int epoch) {
        int[] p = new int[poolSize];
        for (int i = 0; i < poolSize; i++) {
            p[i] = i;
        }
        Random r = new Random(Seeds.mix(seed, epoch, 0x5EED));
        for (int i = poolSize - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
