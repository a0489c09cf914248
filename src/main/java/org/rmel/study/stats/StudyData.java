package org.rmel.study.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finished runs of a study by condition, each condition's runs in seed order. Unfinished
 * runs are left out: a best checkpoint chosen from part of a run would not be the run's.
 */
public record StudyData(List<String> conditions, List<Integer> seeds, Map<String, List<SeedRun>> runs) {
    public StudyData {
        conditions = List.copyOf(conditions);
        seeds = List.copyOf(seeds);
        Map<String, List<SeedRun>> copy = new LinkedHashMap<>();
        for (String c : conditions) {
            copy.put(c, List.copyOf(runs.getOrDefault(c, List.of())));
        }
        runs = java.util.Collections.unmodifiableMap(copy);
    }

    public static StudyData of(List<String> conditions, List<Integer> seeds, List<SeedRun> finished) {
        Map<String, List<SeedRun>> by = new LinkedHashMap<>();
        for (String c : conditions) {
            List<SeedRun> list = new ArrayList<>();
            for (int s : seeds) {
                finished.stream().filter(r -> r.condition().equals(c) && r.seed() == s).findFirst().ifPresent(list::add);
            }
            by.put(c, list);
        }
        return new StudyData(conditions, seeds, by);
    }

    public List<SeedRun> of(String condition) {
        return runs.getOrDefault(condition, List.of());
    }

    public boolean has(String condition) {
        return !of(condition).isEmpty();
    }

    /** Seeds both conditions finished, in order: the pairs of a paired comparison. */
    public List<Integer> commonSeeds(List<String> conditions) {
        List<Integer> out = new ArrayList<>();
        for (int s : seeds) {
            if (conditions.stream().allMatch(c -> of(c).stream().anyMatch(r -> r.seed() == s))) {
                out.add(s);
            }
        }
        return out;
    }

    public SeedRun run(String condition, int seed) {
        return of(condition).stream().filter(r -> r.seed() == seed).findFirst().orElseThrow();
    }

    /** Benchmarks evaluated by every finished run, in the paper's order, others alphabetically after. */
    public List<String> benchmarks() {
        Set<String> common = null;
        for (List<SeedRun> list : runs.values()) {
            for (SeedRun r : list) {
                if (common == null) {
                    common = new LinkedHashSet<>(r.benchmarks().keySet());
                } else {
                    common.retainAll(r.benchmarks().keySet());
                }
            }
        }
        List<String> out = new ArrayList<>(common == null ? Set.of() : common);
        out.sort(java.util.Comparator.comparingInt((String b) -> PaperNumbers.benchmarkOrder(b)).thenComparing(b -> b));
        return out;
    }

    public int finishedRuns() {
        return runs.values().stream().mapToInt(List::size).sum();
    }
}
