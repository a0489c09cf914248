package org.rmel.study.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rmel.analysis.PairedBootstrap;

/**
 * The two-level bootstrap of a study: each replicate resamples the seeds with replacement, then,
 * within each drawn seed, that seed's items (problems of a benchmark, revisions, meta-experiences)
 * with replacement; the interval is the 2.5th–97.5th percentile of the statistic over the
 * replicates (type-7 quantiles, as {@link PairedBootstrap}). Seed-level variation (a different
 * training run) and item-level variation (a finite evaluation set) both widen it. Seeded, so a
 * report is reproducible.
 */
public final class Bootstrap {
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final long DEFAULT_SEED = 20_240_501L;

    /** Resampling inside one seed: the identity for the observed statistic, random for a replicate. */
    public interface Sampler {
        /** Indices 0..n-1, or n of them drawn with replacement. */
        int[] indices(int n);

        /** Successes among {@code trials} Bernoulli items of which {@code successes} are 1, resampled. */
        long successes(long successes, long trials);

        default double mean(double[] items) {
            if (items.length == 0) {
                return Double.NaN;
            }
            double s = 0;
            for (int i : indices(items.length)) {
                s += items[i];
            }
            return s / items.length;
        }
    }

    /** A statistic of the drawn seeds (indices into the study's seed list, repeats allowed). */
    public interface Statistic {
        double compute(int[] seeds, Sampler sampler);
    }

    private static final Sampler IDENTITY = new Sampler() {
        @Override
        public int[] indices(int n) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return out;
        }

        @Override
        public long successes(long successes, long trials) {
            return successes;
        }
    };

    private final int resamples;
    private final long seed;

    public Bootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    public int resamples() {
        return resamples;
    }

    /** The statistic over {@code nSeeds} seeds, with its interval; missing when there is no seed or it is undefined. */
    public Estimate estimate(int nSeeds, Statistic statistic) {
        double[] all = replicates(nSeeds, statistic);
        if (all == null) {
            return Estimate.missing();
        }
        double observed = statistic.compute(IDENTITY.indices(nSeeds), IDENTITY);
        double[] finite = Arrays.stream(all).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (finite.length == 0 || Double.isNaN(observed)) {
            return new Estimate(observed, Double.NaN, Double.NaN, nSeeds, resamples);
        }
        return new Estimate(observed, PairedBootstrap.quantile(finite, 0.025), PairedBootstrap.quantile(finite, 0.975),
                nSeeds, resamples);
    }

    /** The statistic of every replicate (NaN where a replicate leaves it undefined); null without seeds. */
    public double[] replicates(int nSeeds, Statistic statistic) {
        if (nSeeds == 0) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Sampler random = new Sampler() {
            @Override
            public int[] indices(int n) {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = rnd.nextInt(n);
                }
                return out;
            }

            @Override
            public long successes(long successes, long trials) {
                long k = 0;
                for (long i = 0; i < trials; i++) {
                    if (rnd.nextLong(trials) < successes) {
                        k++;
                    }
                }
                return k;
            }
        };
        double[] out = new double[resamples];
        int[] pick = new int[nSeeds];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < nSeeds; i++) {
                pick[i] = rnd.nextInt(nSeeds);
            }
            out[r] = statistic.compute(pick, random);
        }
        return out;
    }

    /** The statistic on the observed data (no resampling). */
    public static double observed(int nSeeds, Statistic statistic) {
        return statistic.compute(IDENTITY.indices(nSeeds), IDENTITY);
    }
}
