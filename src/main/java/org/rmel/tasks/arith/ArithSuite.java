package org.rmel.tasks.arith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmel.base.BadInputException;

/**
 * The built-in task suite: a training pool whose prompts are visited several times over a run,
 * and five held-out evaluation sets named for their difficulty (the role of the paper's five
 * benchmarks). Everything is a pure function of the seed, so two runs with one seed see the
 * same problems and a resumed run sees the pool it started with.
 */
public final class ArithSuite {
    /**
     * The training pool's shapes: one to three operations on one-digit operands (running values
     * still reach two digits, with carries and borrows). Sized to the warm-started built-in
     * model, so that early in training about a third of the groups are all-negative, as in the
     * paper, rather than nearly all of them.
     */
    public static final List<ArithTier> TRAIN_TIERS = List.of(ArithTier.of(1, 1), ArithTier.of(2, 1), ArithTier.of(3, 1));

    /** The five held-out evaluation tiers, easiest first, up to four operations on two digits. */
    public static final List<ArithTier> TIERS = List.of(
            ArithTier.of(2, 1), ArithTier.of(3, 1), ArithTier.of(2, 2), ArithTier.of(3, 2), ArithTier.of(4, 2));

    private final long seed;

    public ArithSuite(long seed) {
        this.seed = seed;
    }

    /** Names of the evaluation sets, easiest first. */
    public static List<String> evalNames() {
        return TIERS.stream().map(ArithTier::name).toList();
    }

    /** The training pool: {@code size} problems, {@link #TRAIN_TIERS} in rotation, ids {@code train-N}. */
    public List<ArithProblem> trainingPool(int size) {
        ArithGenerator gen = new ArithGenerator(seed * 1_000_003L + 17);
        List<ArithProblem> pool = new ArrayList<>(size);
        Set<String> seen = new HashSet<>();
        int i = 0;
        while (pool.size() < size) {
            ArithTier tier = TRAIN_TIERS.get(i % TRAIN_TIERS.size());
            ArithProblem p = gen.next("train-" + pool.size(), tier);
            if (seen.add(p.question())) {
                pool.add(p);
            }
            i++;
        }
        return pool;
    }

    /**
     * One held-out set: {@code size} problems of the named tier that never occur in a training
     * pool of {@code excludedPoolSize} problems drawn from the same seed.
     */
    public List<ArithProblem> evalSet(String name, int size, int excludedPoolSize) {
        ArithTier tier = TIERS.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown benchmark '" + name + "'; built-in benchmarks are "
                        + String.join(", ", evalNames())));
        Set<String> excluded = new HashSet<>();
        for (ArithProblem p : trainingPool(excludedPoolSize)) {
            excluded.add(p.question());
        }
        ArithGenerator gen = new ArithGenerator(seed * 1_000_003L + 7919L * (TIERS.indexOf(tier) + 1));
        List<ArithProblem> set = new ArrayList<>(size);
        while (set.size() < size) {
            ArithProblem p = gen.next(name + "-" + set.size(), tier);
            if (excluded.add(p.question())) {
                set.add(p);
            }
        }
        return set;
    }

    /** All five held-out sets by name. */
    public Map<String, List<ArithProblem>> evalSets(int size, int excludedPoolSize) {
        Map<String, List<ArithProblem>> sets = new LinkedHashMap<>();
        for (String name : evalNames()) {
            sets.put(name, evalSet(name, size, excludedPoolSize));
        }
        return sets;
    }

    /** An endless stream of supervised examples for the warm start (its own seed stream). */
    public ArithGenerator warmStartGenerator() {
        return new ArithGenerator(seed * 1_000_003L + 104_729L);
    }
}
